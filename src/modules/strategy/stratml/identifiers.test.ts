// test-scope: no-database
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { blankAdministrativeInformation, blankContact, blankDocument, blankGoal, blankIndicator, blankObjective, blankRelationship } from './blank.ts';
import { isValidIdentifier, normaliseIdentifiers, repairIdentifiers } from './identifiers.ts';
import type { StratmlDocument } from './model.ts';
import { parseStratml } from './parse.ts';
import { readablePlanSamples, STRATML_SAMPLES_DIR } from './reference-files.ts';

/** A counter instead of random UUIDs, so the generated identifiers can be asserted exactly. */
function counter(): () => string {
  let n = 0;
  return () => `id${(n += 1)}`;
}

/** Every identifier in the document, in file order. */
function identifiersOf(doc: StratmlDocument): string[] {
  const ids: string[] = [];
  for (const organization of doc.organizations) ids.push(organization.identifier);
  if (doc.vision) ids.push(doc.vision.identifier);
  if (doc.mission) ids.push(doc.mission.identifier);
  for (const goal of doc.goals) {
    ids.push(goal.identifier);
    for (const objective of goal.objectives) {
      ids.push(objective.identifier);
      for (const indicator of objective.performanceIndicators) {
        ids.push(indicator.identifier);
        for (const relationship of indicator.relationships) ids.push(relationship.identifier);
      }
    }
  }
  if (doc.administrativeInformation) ids.push(doc.administrativeInformation.identifier);
  if (doc.submitter) ids.push(doc.submitter.identifier);
  return ids;
}

/** One goal 1 with objective 1.1 whose indicator is also numbered 1.1, as OGP's own plan numbers them. */
function numberedPlan(ids: { goal?: string; objective?: string; indicator?: string } = {}): StratmlDocument {
  const indicator = { ...blankIndicator(), sequenceIndicator: '1.1', identifier: ids.indicator ?? '' };
  const objective = { ...blankObjective(), sequenceIndicator: '1.1', identifier: ids.objective ?? '', performanceIndicators: [indicator] };
  return { ...blankDocument(2), goals: [{ ...blankGoal(), sequenceIndicator: '1', identifier: ids.goal ?? '', objectives: [objective] }] };
}

describe('normaliseIdentifiers', () => {
  it('gives every element without an identifier a new one, never its sequence number', () => {
    const doc = { ...numberedPlan(), administrativeInformation: blankAdministrativeInformation(), submitter: blankContact() };
    const { document, changed } = normaliseIdentifiers(doc, counter());
    assert.deepEqual(identifiersOf(document), ['_id1', '_id2', '_id3', '_id4', '_id5']);
    assert.deepEqual(changed, [
      '/StrategicPlanCore/Goal[1]/Identifier: was empty; now "_id1"',
      '/StrategicPlanCore/Goal[1]/Objective[1]/Identifier: was empty; now "_id2"',
      '/StrategicPlanCore/Goal[1]/Objective[1]/PerformanceIndicator[1]/Identifier: was empty; now "_id3"',
      '/AdministrativeInformation/Identifier: was empty; now "_id4"',
      '/Submitter/Identifier: was empty; now "_id5"',
    ]);
  });

  it('uses random UUIDs by default', () => {
    const [goalId] = identifiersOf(normaliseIdentifiers(numberedPlan()).document);
    assert.match(goalId ?? '', /^_[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  });

  it('makes digit-leading and otherwise invalid identifiers valid', () => {
    const doc = numberedPlan({ goal: '78901c50-230a', objective: 'ID-${uuid}', indicator: 'has space:colon' });
    const { document, changed } = normaliseIdentifiers(doc, counter());
    assert.deepEqual(identifiersOf(document), ['_78901c50-230a', 'ID-__uuid_', 'has_space_colon']);
    assert.equal(changed[0], '/StrategicPlanCore/Goal[1]/Identifier: "78901c50-230a" is not a valid XML identifier; now "_78901c50-230a"');
  });

  it('keeps the first holder of a repeated identifier and numbers the others', () => {
    // "goal_2" is already taken further down, so the second "goal" must not take it.
    const doc = numberedPlan({ goal: 'goal', objective: 'goal', indicator: 'goal_2' });
    const { document, changed } = normaliseIdentifiers(doc, counter());
    assert.deepEqual(identifiersOf(document), ['goal', 'goal_3', 'goal_2']);
    assert.deepEqual(changed, ['/StrategicPlanCore/Goal[1]/Objective[1]/Identifier: "goal" repeats an earlier identifier; now "goal_3"']);
  });

  it('makes repeated invalid identifiers valid and distinct', () => {
    const { document } = normaliseIdentifiers(numberedPlan({ goal: '8c60', objective: '8c60', indicator: '8c60' }), counter());
    assert.deepEqual(identifiersOf(document), ['_8c60', '_8c60_2', '_8c60_3']);
  });

  it('points ReferentIdentifiers at the repaired identifier', () => {
    const doc = numberedPlan({ goal: '1-goal', objective: 'objective' });
    const indicator = doc.goals[0]?.objectives[0]?.performanceIndicators[0];
    assert.ok(indicator);
    indicator.relationships = [{ ...blankRelationship(), identifier: 'link', referentIdentifiers: ['1-goal', 'objective', 'elsewhere'] }];
    const { document, changed } = normaliseIdentifiers(doc, counter());
    assert.deepEqual(document.goals[0]?.objectives[0]?.performanceIndicators[0]?.relationships[0]?.referentIdentifiers, ['_1-goal', 'objective', 'elsewhere']);
    assert.ok(changed.includes('ReferentIdentifier "1-goal" now points at "_1-goal"'));
  });

  it('leaves its input alone and changes nothing the second time', () => {
    const doc = numberedPlan({ goal: '1' });
    const before = structuredClone(doc);
    const once = normaliseIdentifiers(doc, counter());
    assert.deepEqual(doc, before);
    const twice = normaliseIdentifiers(once.document, counter());
    assert.deepEqual(twice, { document: once.document, changed: [] });
  });

  it('gives every sample valid, unique identifiers', () => {
    for (const name of readablePlanSamples()) {
      const { document } = normaliseIdentifiers(parseStratml(fs.readFileSync(path.join(STRATML_SAMPLES_DIR, name))).document);
      const all = identifiersOf(document);
      // Part 1 has no Identifier on AdministrativeInformation and Submitter, so those stay empty.
      const withoutPlace = document.part === 1 ? [document.administrativeInformation, document.submitter].filter(Boolean).length : 0;
      assert.equal(all.filter((id) => id === '').length, withoutPlace, name);
      const ids = all.filter((id) => id !== '');
      assert.ok(ids.every(isValidIdentifier), `${name}: ${ids.filter((id) => !isValidIdentifier(id)).join(', ')}`);
      assert.equal(new Set(ids).size, ids.length, `${name} has repeated identifiers`);
    }
  });
});

describe('normaliseIdentifiers on a Part 1 plan', () => {
  it('gives AdministrativeInformation and the Submitter no identifier, as Part 1 has no place for one', () => {
    const doc = { ...numberedPlan(), part: 1 as const, type: null, administrativeInformation: blankAdministrativeInformation(), submitter: blankContact() };
    const { document } = normaliseIdentifiers(doc, counter());
    assert.deepEqual(identifiersOf(document), ['_id1', '_id2', '_id3', '', '']);
  });
});

describe('repairIdentifiers without filling', () => {
  it('repairs invalid and repeated identifiers but leaves empty ones empty', () => {
    const { document } = repairIdentifiers(numberedPlan({ goal: '1', objective: '1' }), null);
    assert.deepEqual(identifiersOf(document), ['_1', '_1_2', '']);
  });
});
