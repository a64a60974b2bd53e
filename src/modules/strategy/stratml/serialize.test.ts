// test-scope: no-database
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { validateAgainstXsd } from '../../../../test/support/xmllint.ts';
import {
  blankAdministrativeInformation,
  blankContact,
  blankDocument,
  blankGoal,
  blankIndicator,
  blankObjective,
  blankOrganization,
  blankRelationship,
  blankResult,
  blankRole,
  blankStakeholder,
} from './blank.ts';
import { normaliseIdentifiers } from './identifiers.ts';
import type { PlanType, Stakeholder, StratmlDocument, StratmlPart } from './model.ts';
import { parseStratml } from './parse.ts';
import { PART1_XSD, PART2_XSD, readablePlanSamples, STRATML_SAMPLES_DIR } from './reference-files.ts';
import { serializeStratml } from './serialize.ts';

const XSD: Record<StratmlPart, string> = { 1: PART1_XSD, 2: PART2_XSD };

function assertValid(xml: string, part: StratmlPart, label: string): void {
  const verdict = validateAgainstXsd(xml, XSD[part]);
  assert.ok(verdict.valid, `${label} as Part ${part} does not validate:\n${verdict.errors}`);
}

// What a Part 1 file cannot hold, written out here rather than taken from the code under test.
const noRoles = (stakeholders: Stakeholder[]) => stakeholders.map((stakeholder) => ({ ...stakeholder, roles: [] }));
function expectedAsPart1(doc: StratmlDocument): StratmlDocument {
  return {
    ...doc,
    part: 1,
    type: null,
    organizations: doc.organizations.map((organization) => ({ ...organization, stakeholders: noRoles(organization.stakeholders) })),
    goals: doc.goals.map((goal) => ({
      ...goal,
      stakeholders: noRoles(goal.stakeholders),
      objectives: goal.objectives.map((objective) => ({ ...objective, stakeholders: noRoles(objective.stakeholders), performanceIndicators: [] })),
    })),
    administrativeInformation:
      doc.administrativeInformation || doc.submitter ? { ...(doc.administrativeInformation ?? blankAdministrativeInformation()), identifier: '' } : null,
    submitter: doc.submitter ? { ...doc.submitter, identifier: '' } : null,
  };
}
const expectedAsPart2 = (doc: StratmlDocument): StratmlDocument => ({ ...doc, part: 2, type: doc.type ?? 'Strategic_Plan' });

/** A plan using every part of the model, Part 2 content included. */
function fullPlan(type: PlanType = 'Performance_Report'): StratmlDocument {
  const stakeholder = { ...blankStakeholder(), name: 'Ana Pérez', type: 'Person' as const, roles: [{ ...blankRole(), name: 'Lead', roleTypes: ['Performer' as const] }] };
  const indicator = {
    ...blankIndicator(),
    sequenceIndicator: '1.1.1',
    measurementDimension: 'Reach',
    unitOfMeasurement: 'People',
    identifier: 'pi-1',
    valueChainStage: 'Outcome' as const,
    indicatorType: 'Quantitative' as const,
    relationships: [{ ...blankRelationship(), identifier: 'rel-1', referentIdentifiers: ['goal-1'], name: 'Supports', relationshipType: 'Peer_To' as const }],
    measurementInstances: [
      {
        targetResults: [{ ...blankResult(), startDate: '2024-01-01', endDate: '2024-12-31', numberOfUnits: 1500.5 }],
        actualResults: [{ ...blankResult(), endDate: '2024-06-30', descriptor: { name: 'Status', value: 'On track' }, description: 'Mid-year' }],
      },
    ],
    otherInformation: 'Counted twice a year',
  };
  const objective = { ...blankObjective(), name: 'Objective', identifier: 'objective-1', sequenceIndicator: '1.1', stakeholders: [stakeholder], performanceIndicators: [indicator] };
  return {
    ...blankDocument(2),
    type,
    name: 'Plan <&> "quoted"',
    description: 'Line one\nLine two',
    otherInformation: 'Other',
    organizations: [{ ...blankOrganization(), name: 'Open Government Partnership', acronym: 'OGP', identifier: 'ogp', stakeholders: [stakeholder] }],
    vision: { description: 'Vision', identifier: 'vision' },
    mission: { description: 'Mission', identifier: 'mission' },
    values: [{ name: 'Openness', description: '' }],
    goals: [{ ...blankGoal(), name: 'Goal', description: 'Goal description', identifier: 'goal-1', sequenceIndicator: '1', stakeholders: [stakeholder], objectives: [objective] }],
    administrativeInformation: { identifier: 'admin', startDate: '2024-01-01', endDate: '2027-12-31', publicationDate: '2024-02-01', source: 'https://www.opengovpartnership.org/strategy' },
    submitter: { identifier: 'submitter', givenName: 'Ana', surname: 'Pérez', phoneNumber: '+1 555 0100', emailAddress: 'ana@example.org' },
  };
}

describe('serializeStratml: the sample files', () => {
  for (const name of readablePlanSamples()) {
    it(`writes ${name} as Part 2 and Part 1, valid and read back unchanged`, () => {
      const { document } = normaliseIdentifiers(parseStratml(fs.readFileSync(path.join(STRATML_SAMPLES_DIR, name))).document);
      for (const part of [2, 1] as const) {
        const xml = serializeStratml(document, { part });
        assertValid(xml, part, name);
        const back = parseStratml(xml);
        assert.deepEqual(back.document, part === 2 ? expectedAsPart2(document) : expectedAsPart1(document), `${name} as Part ${part}`);
        assert.deepEqual(back.report.ignored, [], `${name} as Part ${part}`);
        // Stable: writing what was read back gives the same bytes.
        assert.equal(serializeStratml(back.document, { part }), xml);
      }
    });
  }
});

describe('serializeStratml', () => {
  it('writes Part 2 in its ISO namespace with the Type, and the elements in schema order', () => {
    const xml = serializeStratml(fullPlan());
    assert.match(xml, /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<PerformancePlanOrReport xmlns="urn:ISO:std:iso:17469:tech:xsd:PerformancePlanOrReport" Type="Performance_Report">/);
    assertValid(xml, 2, 'the full plan');
    assert.deepEqual(parseStratml(xml).document, fullPlan());
  });

  it('writes Part 2 content as Part 1 without indicators, roles or Part 2 identifiers, the Submitter inside AdministrativeInformation', () => {
    const xml = serializeStratml(fullPlan(), { part: 1 });
    assert.match(xml, /<StrategicPlan xmlns="urn:ISO:std:iso:17469:tech:xsd:stratml_core">/);
    assertValid(xml, 1, 'the full plan');
    for (const part2Only of ['PerformanceIndicator', '<Role>', ' Type="', '>admin<', '>submitter<']) assert.ok(!xml.includes(part2Only), part2Only);
    assert.match(xml, /<AdministrativeInformation>[\s\S]*<Submitter>[\s\S]*<\/Submitter>\s*<\/AdministrativeInformation>/);
    assert.deepEqual(parseStratml(xml).document, expectedAsPart1(fullPlan()));
  });

  it('writes a Part 1 plan as Part 2 with Type Strategic_Plan', () => {
    const plan = { ...blankDocument(1), name: 'Part 1', goals: [{ ...blankGoal(), name: 'G', identifier: 'g' }] };
    const xml = serializeStratml(plan, { part: 2 });
    assert.match(xml, /<PerformancePlanOrReport [^>]*Type="Strategic_Plan">/);
    assertValid(xml, 2, 'a Part 1 plan');
    assert.deepEqual(parseStratml(xml).document, { ...plan, part: 2, type: 'Strategic_Plan' });
  });

  it('writes the document in its own part unless told otherwise', () => {
    assert.match(serializeStratml(blankDocument(1)), /<StrategicPlan /);
    assert.match(serializeStratml(blankDocument(2)), /<PerformancePlanOrReport /);
  });

  it('writes a plan without goals with the one empty Goal the schema requires, which reads back as no goals', () => {
    for (const part of [1, 2] as const) {
      const xml = serializeStratml(blankDocument(part), { part });
      assertValid(xml, part, 'an empty plan');
      assert.match(xml, /<Goal>\s*<Name\/>\s*<Description\/>\s*<\/Goal>/);
      const back = parseStratml(xml);
      assert.deepEqual(back.document, part === 2 ? expectedAsPart2(blankDocument(2)) : blankDocument(1));
      assert.deepEqual(back.report.ignored, []);
    }
  });

  it('writes required elements even when they are empty', () => {
    const stakeholder = { ...blankStakeholder(), roles: [blankRole()] };
    const plan = {
      ...blankDocument(2),
      organizations: [{ ...blankOrganization(), stakeholders: [stakeholder] }],
      goals: [{ ...blankGoal(), identifier: 'g', stakeholders: [stakeholder], objectives: [{ ...blankObjective(), performanceIndicators: [blankIndicator()] }] }],
      submitter: blankContact(),
    };
    for (const part of [1, 2] as const) assertValid(serializeStratml(plan, { part }), part, 'required-but-empty elements');
    assert.deepEqual(parseStratml(serializeStratml(plan)).document, expectedAsPart2(plan));
  });

  it('writes valid XML whatever the document holds', () => {
    const plan = fullPlan();
    plan.name = 'Control \u0001 characters\uFFFE and a lone \uD800 surrogate';
    plan.vision = { description: '', identifier: '1-vision' };
    plan.mission = { description: '', identifier: 'goal-1' }; // repeats the goal's identifier
    plan.organizations[0] = { ...blankOrganization(), identifier: 'has spaces & symbols' };
    const goal = plan.goals[0];
    const indicator = goal?.objectives[0]?.performanceIndicators[0];
    assert.ok(goal && indicator);
    // Values typed loosely elsewhere (a database row, a form) must still not break the file.
    indicator.valueChainStage = 'Somewhere' as never;
    indicator.indicatorType = 'Numeric' as never;
    indicator.relationships[0] = { ...blankRelationship(), relationshipType: 'Sideways' as never };
    goal.stakeholders[0] = { ...blankStakeholder(), type: 'Robot' as never, roles: [{ ...blankRole(), roleTypes: ['Beneficiary', 'Performer', 'Beneficiary', 'Owner' as never] }] };
    indicator.measurementInstances = [
      {
        targetResults: [
          { ...blankResult(), startDate: 'TBD', endDate: '2023-02-30', numberOfUnits: Number.NaN },
          { ...blankResult(), numberOfUnits: 1e21, descriptor: { name: '', value: '' } },
          { ...blankResult(), numberOfUnits: -1.5e-7 },
        ],
        actualResults: [{ ...blankResult(), numberOfUnits: Number.POSITIVE_INFINITY }],
      },
    ];
    plan.type = 'Annual_Report' as never;
    for (const source of ['a#b#c', '100%', 'http://[bad', 'x:y:z', 'https://example.org/a b', '\\\\server\\share', 'page 3 of the PDF']) {
      plan.administrativeInformation = { ...blankAdministrativeInformation(), source, publicationDate: '31/12/2024' };
      for (const part of [1, 2] as const) assertValid(serializeStratml(plan, { part }), part, `Source "${source}"`);
    }
    const back = parseStratml(serializeStratml(plan)).document;
    assert.equal(back.name, 'Control  characters and a lone  surrogate');
    assert.equal(back.type, 'Strategic_Plan');
    assert.deepEqual(back.goals[0]?.stakeholders[0]?.roles[0]?.roleTypes, ['Performer', 'Beneficiary']);
    assert.deepEqual(
      back.goals[0]?.objectives[0]?.performanceIndicators[0]?.measurementInstances[0]?.targetResults.map((result) => result.numberOfUnits),
      [null, 1e21, -1.5e-7],
    );
  });

  it('leaves the document it is given unchanged and always writes the same bytes for it', () => {
    const plan = fullPlan();
    plan.goals[0] = { ...blankGoal(), identifier: '1' };
    const before = structuredClone(plan);
    const first = serializeStratml(plan);
    assert.deepEqual(plan, before);
    assert.equal(serializeStratml(plan), first);
  });
});
