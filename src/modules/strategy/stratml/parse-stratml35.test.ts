// test-scope: no-database
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { validateAgainstXsd } from '../../../../test/support/xmllint.ts';
import { normaliseIdentifiers } from './identifiers.ts';
import { PART2_NAMESPACE, STRATML35_NAMESPACE } from './namespaces.ts';
import { parseStratml } from './parse.ts';
import { PART2_XSD, STRATML_SAMPLES_DIR } from './reference-files.ts';
import { serializeStratml } from './serialize.ts';

const SAMPLE = 'variant-stratml35-TransformationDotRun.xml';
const read = () => parseStratml(fs.readFileSync(path.join(STRATML_SAMPLES_DIR, SAMPLE)));
const ORG = '/OrganizationalStrategyDocument/Organization';

describe('parseStratml: the StratML 3.5 proposal sample', () => {
  const { document, report } = read();
  const people = document.organizations[0]?.stakeholders ?? [];
  const person = (name: string) => people.find((stakeholder) => stakeholder.name === name);

  it('reads it as a Part 2 Strategic_Plan and counts what it kept', () => {
    assert.equal(document.part, 2);
    assert.equal(document.type, 'Strategic_Plan');
    assert.equal(document.name, 'Strategy Document for the Proposed Transformation.run Organization');
    assert.deepEqual(report.counts, {
      Organization: 1,
      Vision: 1,
      Mission: 1,
      Value: 1,
      Goal: 1,
      Objective: 1,
      // 9 people, 12 posts still to fill and 2 client organisations, then the goal's 2 roles.
      Stakeholder: 25,
      Role: 52,
      PerformanceIndicator: 1,
      Relationship: 0,
      MeasurementInstance: 1,
      TargetResult: 5,
      ActualResult: 0,
      AdministrativeInformation: 1,
      Submitter: 1,
    });
  });

  it('keeps the organisation, the statements, the goal and the objective with their identifiers', () => {
    const organization = document.organizations[0];
    assert.equal(organization?.name, 'Transformation.run');
    assert.equal(organization?.identifier, 'uid-org-transformation-dot-run');
    assert.match(document.vision?.description ?? '', /^A group of dedicated, talented and inspired individuals/);
    assert.match(document.mission?.description ?? '', /^Transform\.run is a collective organization/);
    assert.deepEqual(document.values, [{ name: 'Innovation', description: 'That' }]);
    const goal = document.goals[0];
    assert.deepEqual([goal?.identifier, goal?.name], ['uid-goal-membership-incentives', 'Membership Incentivies']);
    assert.deepEqual([goal?.objectives[0]?.identifier, goal?.objectives[0]?.name], ['uid-obj-revenue-sharing', 'Revenue Sharing']);
  });

  it('makes people Persons with their roles, references to roles defined elsewhere included', () => {
    assert.deepEqual(person('Scott Ginter'), {
      name: 'Scott Ginter',
      description: '',
      type: 'Person',
      roles: [
        { name: 'Board Member', description: '', roleTypes: ['Performer', 'Beneficiary'] },
        { name: 'Co-Founder', description: '', roleTypes: ['Beneficiary'] },
        { name: 'Executive Vice President', description: '', roleTypes: ['Performer', 'Beneficiary'] },
        { name: 'Creative', description: '', roleTypes: ['Performer', 'Beneficiary'] },
      ],
    });
    // The first person is given only by reference to the Submitter, who has the name.
    assert.equal(people[0]?.name, 'Jason Lind');
    assert.equal(people[0]?.roles.length, 5);
    assert.equal(person('TBN: VP/Finance')?.type, 'Generic_Group');
    assert.deepEqual(person('Leidos'), { name: 'Leidos', description: '', type: 'Organization', roles: [] });
    assert.deepEqual(
      document.goals[0]?.stakeholders.map((stakeholder) => [stakeholder.name, stakeholder.type, stakeholder.roles[0]?.name]),
      [
        ['Member', 'Generic_Group', 'Member'],
        ['Board Member', 'Generic_Group', 'Board Member'],
      ],
    );
  });

  it('reads the quantitative indicator with its unit and targets, and the administrative information', () => {
    const indicator = document.goals[0]?.objectives[0]?.performanceIndicators[0];
    assert.equal(indicator?.indicatorType, 'Quantitative');
    assert.equal(indicator?.measurementDimension, 'Shares');
    assert.equal(indicator?.unitOfMeasurement, 'Percent');
    assert.deepEqual(
      indicator?.measurementInstances[0]?.targetResults.map((result) => result.numberOfUnits),
      [0.1, 0.1, 0.3, 0.3, 0.2],
    );
    assert.deepEqual(document.administrativeInformation, {
      identifier: 'uid-strat-transfromation-dot-run-2017-12-18',
      startDate: '2017-12-18',
      endDate: '',
      publicationDate: '2017-12-19',
      source: '',
    });
    assert.deepEqual(document.submitter, { identifier: 'uid-ind-jason-lind', givenName: 'Jason', surname: 'Lind', phoneNumber: '', emailAddress: 'lind@yahoo.com' });
  });

  it('reports what Part 2 has no place for, each with its path and line, and nothing it did not know', () => {
    const expected = [
      '/OrganizationalStrategyDocument/Status (line 6): no equivalent in StratML Part 2; ignored',
      `${ORG}/Individual[1]/Map (line 19): no equivalent in StratML Part 2; ignored`,
      `${ORG}/Individual[1]/Role[2]/Map[1] (line 41): no equivalent in StratML Part 2; ignored`,
      `${ORG}/Individual[1]/Role[5]/Extends (line 103): no equivalent in StratML Part 2; ignored`,
      `${ORG}/Organization[1]/Role/RoleType (line 675): "Client" is not one of Performer, Beneficiary; left empty`,
      `${ORG}/Organization[1]/Individual[1] (line 677): no equivalent in StratML Part 2; ignored`,
      `${ORG}/Strategy/Goal/Perspective (line 755): no equivalent in StratML Part 2; ignored`,
      `${ORG}/Strategy/Goal/Objective/QuantitativePerformanceIndicator/MeasurementDimension (line 769): "Monthly" not kept: the indicator's Name "Shares" is its Part 2 MeasurementDimension`,
      `${ORG}/Strategy/Goal/SuccessFactor (line 815): no equivalent in StratML Part 2; ignored`,
      `${ORG}/Strategy/Goal/Priority (line 819): no equivalent in StratML Part 2; ignored`,
      // Assets, with their weights, risks and valuations, go as a whole.
      `${ORG}/Strategy/Assets (line 821): no equivalent in StratML Part 2; ignored`,
    ];
    for (const line of expected) assert.ok(report.ignored.includes(line), `missing: ${line}`);
    assert.ok(report.ignored.every((line) => /\(line \d+\): /.test(line)));
    assert.deepEqual(
      report.ignored.filter((line) => /not understood|nothing in the file/.test(line)),
      [],
      'every 3.5 element of the sample is known, and every reference found',
    );
  });

  it('writes what it read as valid Part 2, which reads back the same', () => {
    const { document: normalised } = normaliseIdentifiers(document);
    const xml = serializeStratml(normalised);
    const verdict = validateAgainstXsd(xml, PART2_XSD);
    assert.ok(verdict.valid, verdict.errors);
    const back = parseStratml(xml);
    assert.deepEqual(back.document, normalised);
    assert.deepEqual(back.report.ignored, []);
  });
});

describe('parseStratml: StratML 3.5 beyond the sample', () => {
  it('reads descriptor indicators with targets and actuals, either spelling of Identifier, groups, and reports what it cannot keep', () => {
    const { document, report } = parseStratml(`<s:OrganizationalStrategyDocument xmlns:s="${STRATML35_NAMESPACE}">
  <s:Identifier>doc-1</s:Identifier><s:Name>Inline</s:Name>
  <s:Organization><s:Name>Org</s:Name>
    <s:Group><s:Name>Residents</s:Name><s:Role><s:Name>Users</s:Name><s:RoleType>Beneficiary</s:RoleType></s:Role></s:Group>
    <s:Individual><s:ReferenceIdentifier>nobody</s:ReferenceIdentifier></s:Individual>
    <s:Strategy><s:Goal><s:Identifer>g1</s:Identifer><s:Name>G</s:Name><s:SequenceIndicator>1</s:SequenceIndicator>
      <s:Objective><s:Name>O</s:Name><s:DescriptorPerformanceIndicator>
        <s:Identifier>pi1</s:Identifier><s:MeasurementDimension><s:Name>Reach</s:Name></s:MeasurementDimension><s:ValueChainStage>Outcome</s:ValueChainStage>
        <s:Target><s:Result><s:StartDate>2024-01-01</s:StartDate><s:EndDate>2024-12-31</s:EndDate><s:Descriptor><s:Name>Status</s:Name><s:Value>Done</s:Value></s:Descriptor></s:Result></s:Target>
        <s:Actual><s:Result><s:EndDate>2024-06-30</s:EndDate><s:Descriptor><s:Value>Half</s:Value></s:Descriptor></s:Result></s:Actual>
      </s:DescriptorPerformanceIndicator></s:Objective>
    </s:Goal></s:Strategy>
  </s:Organization>
  <s:Submitter><s:GivenName>Ana</s:GivenName><s:Contact><s:PhoneNumber><s:Number>+1 555 0100</s:Number></s:PhoneNumber></s:Contact></s:Submitter>
  <s:AdministrativeInformation><s:Identifier>admin-1</s:Identifier><s:PublicationDate>2024-02-01</s:PublicationDate></s:AdministrativeInformation>
</s:OrganizationalStrategyDocument>`);
    assert.deepEqual(
      document.organizations[0]?.stakeholders.map((stakeholder) => [stakeholder.type, stakeholder.name, stakeholder.roles.map((role) => role.name)]),
      [
        ['Generic_Group', 'Residents', ['Users']],
        ['Person', '', []],
      ],
    );
    const goal = document.goals[0];
    assert.deepEqual([goal?.identifier, goal?.sequenceIndicator], ['g1', '1']);
    assert.deepEqual(goal?.objectives[0]?.performanceIndicators[0], {
      sequenceIndicator: '',
      measurementDimension: 'Reach',
      unitOfMeasurement: '',
      identifier: 'pi1',
      valueChainStage: 'Outcome',
      indicatorType: 'Qualitative',
      relationships: [],
      measurementInstances: [
        {
          targetResults: [{ startDate: '2024-01-01', endDate: '2024-12-31', numberOfUnits: null, descriptor: { name: 'Status', value: 'Done' }, description: '' }],
          actualResults: [{ startDate: '', endDate: '2024-06-30', numberOfUnits: null, descriptor: { name: '', value: 'Half' }, description: '' }],
        },
      ],
      otherInformation: '',
    });
    assert.equal(document.submitter?.phoneNumber, '+1 555 0100');
    assert.equal(document.administrativeInformation?.identifier, 'admin-1');
    assert.deepEqual(report.ignored, [
      '/OrganizationalStrategyDocument/Organization/Individual/ReferenceIdentifier (line 5): "nobody" is the Identifier of nothing in the file; ignored',
      '/OrganizationalStrategyDocument/Identifier (line 2): "doc-1" not kept: AdministrativeInformation has its own Identifier',
    ]);
  });

  it('reads the 3.5 namespace only under the 3.5 root, and the ISO namespaces only under theirs', () => {
    const part2 = parseStratml(
      `<PerformancePlanOrReport xmlns="${PART2_NAMESPACE}" Type="Strategic_Plan"><Name>P</Name><s:Status xmlns:s="${STRATML35_NAMESPACE}">Proposed</s:Status><StrategicPlanCore><Goal><Name>G</Name><Description/></Goal></StrategicPlanCore></PerformancePlanOrReport>`,
    );
    assert.deepEqual(part2.report.ignored, [`/PerformancePlanOrReport/Status (line 1): element from namespace "${STRATML35_NAMESPACE}" not understood`]);
    const stratml35 = parseStratml(`<OrganizationalStrategyDocument xmlns="${STRATML35_NAMESPACE}"><Name>D</Name><p:Goal xmlns:p="${PART2_NAMESPACE}"><p:Name>G</p:Name></p:Goal></OrganizationalStrategyDocument>`);
    assert.deepEqual(stratml35.document.goals, []);
    assert.deepEqual(stratml35.report.ignored, [`/OrganizationalStrategyDocument/Goal (line 1): element from namespace "${PART2_NAMESPACE}" not understood`]);
  });
});
