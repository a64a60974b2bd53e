// test-scope: no-database
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { describe, it } from 'node:test';
import { validateAgainstXsd } from '../../../../test/support/xmllint.ts';
import { isValidIdentifier, normaliseIdentifiers } from '../stratml/identifiers.ts';
import type { Objective, Stakeholder, StratmlDocument } from '../stratml/model.ts';
import { parseStratml } from '../stratml/parse.ts';
import { PART2_XSD } from '../stratml/reference-files.ts';
import { DEFAULT_INDICATOR_IDENTIFIERS, DEFAULT_PLAN_FILE } from './default-plan.ts';
import { readSeedOutline, STRATEGY_SEED_FILE } from './seed-outline.ts';

const xml = fs.readFileSync(DEFAULT_PLAN_FILE, 'utf8');
const { document, report } = parseStratml(xml);
const seedText = fs.readFileSync(STRATEGY_SEED_FILE, 'utf8');
const seed = readSeedOutline(seedText);
// The seed has stray no-break spaces ("value\u00a0of openness"); they are not part of its wording.
const seedWords = seedText.replace(/\s+/g, ' ');

const objectives = document.goals.flatMap((goal) => goal.objectives);
const indicators = objectives.flatMap((objective) => objective.performanceIndicators.map((indicator) => ({ objective, indicator })));

/** Where the seed says "then to them", meaning "then to use them" (as its Other Information goes on to say). */
const CORRECTED_OBJECTIVE_DESCRIPTIONS: Record<string, string> = {
  '3.3': 'Support civil society organizations to advocate for government dialogue mechanisms and then to use them to help shape OGP action plans.',
};

/** The sentences of `text` the seed does not contain: our prose must be the seed's, shortened at most. */
function sentencesNotInSeed(text: string): string[] {
  return text
    .split(/(?<=[.;:!?])\s+/)
    .map((sentence) => sentence.replace(/[.;:,]+$/, ''))
    .filter((sentence) => sentence !== '' && !seedWords.includes(sentence.replace(/\s+/g, ' ')));
}

function identifiersOf(doc: StratmlDocument): string[] {
  return [
    ...doc.organizations.map((organization) => organization.identifier),
    doc.vision?.identifier ?? '',
    doc.mission?.identifier ?? '',
    ...doc.goals.map((goal) => goal.identifier),
    ...objectives.map((objective) => objective.identifier),
    ...indicators.map(({ indicator }) => indicator.identifier),
    doc.administrativeInformation?.identifier ?? '',
  ];
}

/** The stakeholders of the section a seed scope names: 'organization', 'goal 2' or 'objective 1.5.1'. */
function stakeholdersAt(scope: string): Stakeholder[] {
  const [kind, sequence] = scope.split(' ');
  if (kind === 'organization') return document.organizations.flatMap((organization) => organization.stakeholders);
  const holder: { stakeholders: Stakeholder[] } | undefined =
    kind === 'goal' ? document.goals.find((goal) => goal.sequenceIndicator === sequence) : objectives.find((objective) => objective.sequenceIndicator === sequence);
  assert.ok(holder, `the plan has no ${scope}`);
  return holder.stakeholders;
}

function allStakeholders(): Stakeholder[] {
  return [
    ...document.organizations.flatMap((organization) => organization.stakeholders),
    ...document.goals.flatMap((goal) => goal.stakeholders),
    ...objectives.flatMap((objective) => objective.stakeholders),
  ];
}

function objectiveNumbered(sequence: string): Objective | undefined {
  return objectives.find((objective) => objective.sequenceIndicator === sequence);
}

describe('the default plan file', () => {
  it('validates against the StratML Part 2 schema', () => {
    const verdict = validateAgainstXsd(xml, PART2_XSD);
    assert.equal(verdict.valid, true, verdict.errors);
  });

  it('is read whole: a Part 2 strategic plan with nothing the reader had to leave out', () => {
    assert.deepEqual(report.ignored, []);
    assert.equal(document.part, 2);
    assert.equal(document.type, 'Strategic_Plan');
  });

  it('carries the period, publication date and source the seed gives, and no submitter (the seed names none)', () => {
    const field = (label: string) => new RegExp(`^${label}:?\\n(.+)$`, 'm').exec(seedText)?.[1];
    assert.equal(document.name, 'Open Government Partnership: Four Year Strategy 2015-2018');
    assert.deepEqual(document.administrativeInformation, {
      identifier: 'ogp-strategy-2015-2018',
      startDate: field('Start'),
      endDate: field('End'),
      publicationDate: field('Publication Date'),
      source: field('Source')?.replaceAll(' ', '%20'),
    });
    assert.equal(document.administrativeInformation?.startDate, '2015-01-01');
    assert.equal(document.administrativeInformation?.endDate, '2018-12-31');
    assert.equal(document.administrativeInformation?.publicationDate, '2015-06-17');
    assert.equal(document.submitter, null);
  });

  it('describes the Open Government Partnership, its vision and its mission in the seed’s words', () => {
    assert.equal(document.organizations.length, 1);
    const [ogp] = document.organizations;
    assert.equal(ogp?.name, 'Open Government Partnership');
    assert.equal(ogp?.acronym, 'OGP');
    for (const text of [ogp?.description ?? '', document.vision?.description ?? '', document.mission?.description ?? '']) {
      assert.notEqual(text, '');
      assert.deepEqual(sentencesNotInSeed(text), []);
    }
  });

  it('states every value the seed states, in its order, described only in the seed’s words', () => {
    assert.equal(seed.values.length, 37);
    assert.deepEqual(
      document.values.map((value) => value.name),
      seed.values,
    );
    for (const value of document.values) assert.deepEqual(sentencesNotInSeed(value.description), [], value.name);
  });

  it('has the four goals, numbered 1 to 4, named and described as in the seed', () => {
    assert.deepEqual(
      document.goals.map((goal) => [goal.sequenceIndicator, goal.name, goal.description.replace(/\.$/, '').toUpperCase()]),
      seed.goals.map((goal) => [goal.sequence, goal.name, goal.description]),
    );
    assert.deepEqual(
      document.goals.map((goal) => goal.sequenceIndicator),
      ['1', '2', '3', '4'],
    );
  });

  it('has the 24 objectives with exactly the seed’s numbers and names, in its order, each under its goal', () => {
    assert.equal(seed.objectives.length, 24);
    assert.deepEqual(
      objectives.map((objective) => [objective.sequenceIndicator, objective.name]),
      seed.objectives.map((objective) => [objective.sequence, objective.name]),
    );
    for (const goal of document.goals) {
      for (const objective of goal.objectives) assert.equal(objective.sequenceIndicator.split('.')[0], goal.sequenceIndicator, objective.name);
    }
    // The seed's own numbering is kept even where it is odd: "Awards" is 4.2.3 although it follows 4.5.2.
    assert.deepEqual(
      document.goals[3]?.objectives.map((objective) => objective.sequenceIndicator),
      ['4.1', '4.2', '4.3', '4.4', '4.5', '4.5.1', '4.5.2', '4.2.3'],
    );
  });

  it('names every objective as the seed text does', () => {
    for (const objective of objectives) assert.ok(seedText.includes(objective.name), `"${objective.name}" is not in the seed`);
  });

  it('describes every objective with the seed’s description, corrected only where listed', () => {
    for (const expected of seed.objectives) {
      const description = CORRECTED_OBJECTIVE_DESCRIPTIONS[expected.sequence] ?? expected.description;
      assert.equal(objectiveNumbered(expected.sequence)?.description, description, expected.sequence);
    }
  });

  it('has the 15 performance indicators, each under objective x.y and measuring what the seed says', () => {
    assert.equal(seed.indicators.length, 15);
    assert.deepEqual(
      indicators.map(({ indicator }) => indicator.sequenceIndicator),
      seed.indicators.map((indicator) => indicator.sequence),
    );
    for (const { objective, indicator } of indicators) {
      const number = indicator.sequenceIndicator;
      assert.equal(objective.sequenceIndicator, number.split('.').slice(0, 2).join('.'), number);
      const seedIndicator = seed.indicators.find((candidate) => candidate.sequence === number);
      assert.ok(seedIndicator?.text.startsWith(indicator.measurementDimension), `${number} measures "${indicator.measurementDimension}"`);
      assert.notEqual(indicator.unitOfMeasurement, '', number);
      assert.ok(indicator.indicatorType, `${number} has no PerformanceIndicatorType`);
      assert.ok(indicator.valueChainStage, `${number} has no ValueChainStage`);
    }
  });

  it('uses the indicator identifiers DEFAULT_INDICATOR_IDENTIFIERS documents', () => {
    assert.equal(Object.keys(DEFAULT_INDICATOR_IDENTIFIERS).length, 15);
    assert.deepEqual(
      Object.fromEntries(indicators.map(({ indicator }) => [indicator.sequenceIndicator, indicator.identifier])),
      DEFAULT_INDICATOR_IDENTIFIERS,
    );
  });

  it('invents no target, baseline or actual: the seed states none, and actuals are computed live', () => {
    for (const { indicator } of indicators) {
      const targets = indicator.measurementInstances.flatMap((instance) => instance.targetResults);
      const actuals = indicator.measurementInstances.flatMap((instance) => instance.actualResults);
      assert.deepEqual(
        targets.filter((target) => target.numberOfUnits !== null),
        [],
        indicator.sequenceIndicator,
      );
      assert.deepEqual(actuals, [], indicator.sequenceIndicator);
    }
  });

  it('gives every element a valid, unique identifier of its own that is never a sequence number', () => {
    const identifiers = identifiersOf(document);
    const sequences = new Set([...document.goals.map((goal) => goal.sequenceIndicator), ...objectives.map((o) => o.sequenceIndicator), ...indicators.map(({ indicator }) => indicator.sequenceIndicator)]);
    assert.equal(identifiers.length, 1 + 2 + 4 + 24 + 15 + 1);
    for (const identifier of identifiers) {
      assert.ok(isValidIdentifier(identifier), `"${identifier}" is not a valid xs:ID`);
      assert.ok(!sequences.has(identifier), `"${identifier}" is a sequence number`);
    }
    assert.equal(new Set(identifiers).size, identifiers.length);
    assert.notEqual(objectiveNumbered('4.5.1')?.identifier, indicators.find(({ indicator }) => indicator.sequenceIndicator === '4.5.1')?.indicator.identifier);
    // The store normalises identifiers on import: ours must come through unchanged.
    assert.deepEqual(normaliseIdentifiers(document).changed, []);
  });

  it('names every stakeholder the seed names, where the seed names it', () => {
    assert.equal(seed.stakeholders.length, 30);
    for (const { scope, name } of seed.stakeholders) {
      assert.ok(
        stakeholdersAt(scope).some((stakeholder) => stakeholder.name === name),
        `${name} is missing from ${scope}`,
      );
    }
  });

  it('names the bodies the strategy text gives work to: Steering Committee, Support Unit, IRM, governments, citizens', () => {
    const names = document.organizations[0]?.stakeholders.map((stakeholder) => stakeholder.name);
    for (const name of ['OGP Steering Committee', 'OGP Support Unit', 'Independent Reporting Mechanism (IRM)', 'OGP Participating Governments', 'Citizens']) {
      assert.ok(names?.includes(name), name);
    }
  });

  it('types every stakeholder and gives each a named role', () => {
    const stakeholders = allStakeholders();
    assert.ok(stakeholders.length >= seed.stakeholders.length);
    for (const stakeholder of stakeholders) {
      assert.ok(stakeholder.type, `${stakeholder.name} has no StakeholderTypeType`);
      assert.ok(stakeholder.roles.length > 0, `${stakeholder.name} has no Role`);
      for (const role of stakeholder.roles) assert.notEqual(role.name, '', stakeholder.name);
    }
    assert.ok(stakeholders.some((stakeholder) => stakeholder.roles.some((role) => role.roleTypes.includes('Performer'))));
    assert.ok(stakeholders.some((stakeholder) => stakeholder.roles.some((role) => role.roleTypes.includes('Beneficiary'))));
  });
});
