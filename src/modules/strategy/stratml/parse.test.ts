// test-scope: no-database
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { PART1_NAMESPACE, PART2_NAMESPACE } from './namespaces.ts';
import { parseStratml, StratmlFormatError, StratmlSyntaxError, type StratmlReadResult } from './parse.ts';
import { MALFORMED_SAMPLES, readablePlanSamples, STRATML_SAMPLES_DIR } from './reference-files.ts';

const sample = (name: string): Buffer => fs.readFileSync(path.join(STRATML_SAMPLES_DIR, name));
const readable = readablePlanSamples();

/** Counts written out in full, as an independent count of each sample's elements gave them. */
function counts(values: Partial<Record<string, number>>): Record<string, number> {
  const kinds = ['Organization', 'Vision', 'Mission', 'Value', 'Goal', 'Objective', 'Stakeholder', 'Role', 'PerformanceIndicator'];
  const more = ['Relationship', 'MeasurementInstance', 'TargetResult', 'ActualResult', 'AdministrativeInformation', 'Submitter'];
  return Object.fromEntries([...kinds, ...more].map((kind) => [kind, values[kind] ?? 0]));
}

function refusal(input: string | Uint8Array): unknown {
  try {
    parseStratml(input);
  } catch (error) {
    return error;
  }
  return assert.fail('expected the input to be refused');
}

function syntaxError(input: string | Uint8Array): StratmlSyntaxError {
  const error = refusal(input);
  assert.ok(error instanceof StratmlSyntaxError, `expected a StratmlSyntaxError, got ${String(error)}`);
  return error;
}

const part1 = (core: string, rest = '') =>
  `<StrategicPlan xmlns="${PART1_NAMESPACE}"><Name>Plan</Name><StrategicPlanCore>${core}</StrategicPlanCore>${rest}</StrategicPlan>`;
const part2 = (core: string, rest = '', type = 'Performance_Plan') =>
  `<PerformancePlanOrReport xmlns="${PART2_NAMESPACE}" Type="${type}"><Name>Plan</Name><StrategicPlanCore>${core}</StrategicPlanCore>${rest}</PerformancePlanOrReport>`;
const indicatorIn = (indicator: string) => part2(`<Goal><Name>G</Name><Description/><Objective><Name>O</Name>${indicator}</Objective></Goal>`);
const firstIndicator = (result: StratmlReadResult) => result.document.goals[0]?.objectives[0]?.performanceIndicators[0];

describe('parseStratml: the sample files', () => {
  it('reads every well-formed sample', () => {
    assert.equal(readable.length, 19, `expected the samples in ${STRATML_SAMPLES_DIR}`);
    for (const name of readable) {
      const { document, report } = parseStratml(sample(name));
      assert.ok(document.goals.length > 0, `${name} has goals`);
      assert.equal(document.type === null, document.part === 1, `${name}: only Part 2 has a Type`);
      assert.ok(Array.isArray(report.ignored), name);
    }
  });

  it('counts the SMLC 2011 report exactly and reads its pre-ISO spellings', () => {
    const { document, report } = parseStratml(sample('p2-report-SMLC2011-prefixed.xml'));
    assert.deepEqual(
      report.counts,
      counts({
        Organization: 1,
        Vision: 1,
        Mission: 1,
        Value: 5,
        Goal: 3,
        Objective: 10,
        Stakeholder: 58,
        Role: 74,
        PerformanceIndicator: 11,
        Relationship: 11,
        MeasurementInstance: 11,
        TargetResult: 11,
        ActualResult: 11,
        AdministrativeInformation: 1,
        Submitter: 1,
      }),
    );
    assert.deepEqual(report.ignored, []);
    assert.equal(document.part, 2);
    assert.equal(document.type, 'Performance_Report');
    assert.equal(document.name, '2011 Annual Report');
    assert.equal(document.organizations[0]?.acronym, 'SMLC');
    // <FirstName>/<LastName> and the IndicatorType attribute are the 2011 names for GivenName/Surname and PerformanceIndicatorType.
    assert.ok(document.submitter && document.submitter.givenName !== '' && document.submitter.surname !== '');
    const indicators = document.goals.flatMap((goal) => goal.objectives.flatMap((objective) => objective.performanceIndicators));
    assert.ok(indicators.every((indicator) => indicator.indicatorType !== null));
    // Digit-leading identifiers are read as written; normaliseIdentifiers repairs them.
    assert.equal(document.organizations[0]?.identifier, '78901c50-230a-4997-a95e-eeaf289a484e');
  });

  it('reads the pretty-printed copy with a byte-order mark as the same document', () => {
    const compact = parseStratml(sample('p2-report-SMLC2011-prefixed.xml'));
    const pretty = parseStratml(sample('p2-report-SMLC2011-prefixed-pretty-BOM.xml'));
    assert.deepEqual(pretty, compact);
  });

  it('reads all 104 indicators of the Albania plan with their 23 years of targets and actuals', () => {
    const { document, report } = parseStratml(sample('p2-plan-HumanFreedomReport-Albania-large.xml'));
    assert.deepEqual(
      report.counts,
      counts({
        Organization: 1,
        Vision: 1,
        Mission: 1,
        Value: 7,
        Goal: 2,
        Objective: 12,
        Stakeholder: 15,
        Role: 15,
        PerformanceIndicator: 104,
        Relationship: 104,
        MeasurementInstance: 2392,
        TargetResult: 2392,
        ActualResult: 2392,
        AdministrativeInformation: 1,
        Submitter: 1,
      }),
    );
    assert.equal(document.type, 'Performance_Plan');
    const numbers = document.goals
      .flatMap((goal) => goal.objectives.flatMap((objective) => objective.performanceIndicators))
      .flatMap((indicator) => indicator.measurementInstances.flatMap((instance) => instance.actualResults))
      .filter((result) => result.numberOfUnits !== null);
    assert.ok(numbers.length > 2000, 'most actuals carry a number');
    assert.ok(numbers.every((result) => /^\d{4}-\d{2}-\d{2}$/.test(result.startDate)));
  });

  it('reads the 85 indicators of the Hilton Head plan', () => {
    const { document, report } = parseStratml(sample('p2-strategic-HiltonHeadIsland-StrategicActionPlan-FY2026-2028.xml'));
    assert.deepEqual(
      report.counts,
      counts({
        Organization: 1,
        Vision: 1,
        Mission: 1,
        Value: 7,
        Goal: 10,
        Objective: 67,
        Stakeholder: 90,
        Role: 90,
        PerformanceIndicator: 85,
        Relationship: 85,
        MeasurementInstance: 85,
        TargetResult: 85,
        ActualResult: 85,
        AdministrativeInformation: 1,
        Submitter: 1,
      }),
    );
    assert.equal(document.type, 'Strategic_Plan');
    assert.deepEqual(report.ignored, []);
  });

  it('reads an ISO Part 1 plan with its Submitter inside AdministrativeInformation', () => {
    const { document, report } = parseStratml(sample('p1-iso-PresidentialMemo-OfficeOfAmericanInnovation.xml'));
    assert.deepEqual(report.counts, counts({ Organization: 1, Vision: 1, Mission: 1, Value: 6, Goal: 1, Objective: 5, Stakeholder: 24, AdministrativeInformation: 1, Submitter: 1 }));
    assert.equal(document.part, 1);
    assert.equal(document.type, null);
    assert.ok(document.submitter && document.submitter.givenName !== '');
    assert.match(document.administrativeInformation?.source ?? '', /^https:\/\/www\.whitehouse\.gov\//);
    assert.equal(document.goals[0]?.stakeholders.filter((stakeholder) => stakeholder.type === 'Person').length, 14);
  });

  it('reads the South Carolina report without a namespace, with its <id/> placeholder and two actuals per target', () => {
    const { document, report } = parseStratml(sample('p2-strategic-SouthCarolinaCommerce-FY2023-AccountabilityReport-extracted.xml'));
    assert.deepEqual(
      report.counts,
      counts({
        Organization: 1,
        Vision: 1,
        Mission: 1,
        Value: 4,
        Goal: 5,
        Objective: 11,
        Stakeholder: 61,
        Role: 61,
        PerformanceIndicator: 28,
        Relationship: 28,
        MeasurementInstance: 28,
        TargetResult: 28,
        ActualResult: 56,
        AdministrativeInformation: 1,
        Submitter: 1,
      }),
    );
    assert.deepEqual(report.ignored, []);
    assert.equal(document.part, 2);
  });

  it('reads legacy stratml.net templates, skipping the empty Goal and reporting their unfilled date placeholders', () => {
    const { document, report } = parseStratml(sample('template-p1-legacy-stratml.net-StrategicPlan.xml'));
    assert.equal(document.part, 1);
    assert.equal(document.goals.length, 1);
    assert.equal(document.administrativeInformation?.startDate, '');
    assert.deepEqual(report.ignored, [
      '/StrategicPlan/AdministrativeInformation/StartDate (line 57): "${date(yyyy-MM-dd)}" is not a date (YYYY-MM-DD); left empty',
      '/StrategicPlan/AdministrativeInformation/EndDate (line 58): "${date(yyyy-MM-dd)}" is not a date (YYYY-MM-DD); left empty',
      '/StrategicPlan/AdministrativeInformation/PublicationDate (line 59): "${date(yyyy-MM-dd)}" is not a date (YYYY-MM-DD); left empty',
    ]);
  });

  it('reads the "StratML 3" draft: DocumentType for Type, a Goal straight under the root, the rest reported', () => {
    const { document, report } = parseStratml(sample('variant-estela-stratml3-your-first-plan.xml'));
    assert.equal(document.type, 'Performance_Report');
    assert.equal(document.goals[0]?.name, 'Your First Goal');
    assert.deepEqual(report.ignored, [
      '/PerformancePlanOrReport/@Language (line 1): attribute not understood (value "es")',
      '/PerformancePlanOrReport/code (line 3): element not understood',
      '/PerformancePlanOrReport/Goal/@Priority (line 4): attribute not understood (value "To_Be_Determined")',
    ]);
  });

  it('looks through plural wrappers and reports the indicators a Part 1 plan cannot have', () => {
    const { document, report } = parseStratml(sample('p1-nonamespace-demo-quantitative-indicators.xml'));
    assert.equal(document.part, 1);
    assert.deepEqual(
      document.goals.map((goal) => goal.objectives.map((objective) => objective.name)),
      [['Solar Installations Growth'], ['High School Graduation']],
    );
    assert.deepEqual(report.ignored, [
      '/StrategicPlan/Goals/Goal[1]/Objectives/Objective/PerformanceIndicators/PerformanceIndicator (line 16): not part of a Part 1 plan (ISO 17469-1); ignored',
      '/StrategicPlan/Goals/Goal[2]/Objectives/Objective/PerformanceIndicators/PerformanceIndicator (line 41): not part of a Part 1 plan (ISO 17469-1); ignored',
    ]);
  });

  it('refuses each malformed sample with the line and column of the fault', () => {
    assert.deepEqual(
      fs.readdirSync(STRATML_SAMPLES_DIR).filter((name) => name.includes('MALFORMED')),
      [...MALFORMED_SAMPLES],
    );
    const ampersand = syntaxError(sample('p1-nonstandard-ns-SampleSportsRecreationCenter-MALFORMED.xml'));
    assert.equal(ampersand.line, 5);
    assert.equal(ampersand.column, 23);
    assert.match(ampersand.message, /line 5, column 23/);
    assert.equal(ampersand.reason, "char '&' is not expected.");
    const badTag = syntaxError(sample('p2-plan-ModelPerformancePlanInternationalAssistance-MALFORMED.xml'));
    assert.equal(badTag.line, 22);
    // The validator points just past the bad name <D+-escription, which the message quotes.
    assert.equal(badTag.column, 31);
    assert.match(badTag.message, /line 22, column 31: .*D\+-escription/);
  });

  it('refuses a well-formed file that is not a StratML plan', () => {
    const error = refusal('<rss xmlns:atom="http://www.w3.org/2005/Atom" version="2.0"><channel><title>News</title></channel></rss>');
    assert.ok(error instanceof StratmlFormatError);
    assert.match(error.message, /the root element is <rss>, where/);
    const html = refusal('<html xmlns="http://www.w3.org/1999/xhtml"><body/></html>');
    assert.ok(html instanceof StratmlFormatError);
    assert.match(html.message, /<html> in namespace "http:\/\/www\.w3\.org\/1999\/xhtml"/);
  });
});

describe('parseStratml: lenient reading', () => {
  const plain = '<StrategicPlan><Name>Plain</Name><StrategicPlanCore><Goal><Name>G</Name><Description>D</Description></Goal></StrategicPlanCore></StrategicPlan>';

  it('reads a UTF-8 byte-order mark, in text and in bytes', () => {
    const expected = parseStratml(plain).document;
    assert.deepEqual(parseStratml(`\uFEFF${plain}`).document, expected);
    assert.deepEqual(parseStratml(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(plain)])).document, expected);
  });

  it('reads the ISO namespace with a prefix, the legacy namespaces and none alike', () => {
    const expected = parseStratml(plain).document;
    const prefixed = `<s:StrategicPlan xmlns:s="${PART1_NAMESPACE}"><s:Name>Plain</s:Name><s:StrategicPlanCore><s:Goal><s:Name>G</s:Name><s:Description>D</s:Description></s:Goal></s:StrategicPlanCore></s:StrategicPlan>`;
    assert.deepEqual(parseStratml(prefixed).document, expected);
    assert.deepEqual(parseStratml(plain.replace('<StrategicPlan>', '<StrategicPlan xmlns="http://www.stratml.net">')).document, expected);
    const legacy2 = parseStratml(
      '<PerformancePlanOrReport xmlns="http://www.stratml.net/PerformancePlanOrReport" Type="Performance_Report"><Name>Plain</Name><StrategicPlanCore><Goal><Name>G</Name><Description>D</Description></Goal></StrategicPlanCore></PerformancePlanOrReport>',
    );
    assert.deepEqual(legacy2.document, { ...expected, part: 2, type: 'Performance_Report' });
    assert.deepEqual(legacy2.report.ignored, []);
  });

  it('reads children in any order', () => {
    const shuffled = `<PerformancePlanOrReport Type="Performance_Report">
      <Submitter><EmailAddress>a@example.org</EmailAddress><GivenName>Ana</GivenName></Submitter>
      <StrategicPlanCore>
        <Goal>
          <Objective><SequenceIndicator>1.1</SequenceIndicator><Name>O</Name></Objective>
          <Description>D</Description><Name>G</Name>
        </Goal>
        <Mission><Identifier>m</Identifier><Description>M</Description></Mission>
      </StrategicPlanCore>
      <Name>Shuffled</Name>
    </PerformancePlanOrReport>`;
    const { document, report } = parseStratml(shuffled);
    assert.equal(document.name, 'Shuffled');
    assert.deepEqual(document.mission, { description: 'M', identifier: 'm' });
    assert.equal(document.goals[0]?.name, 'G');
    assert.equal(document.goals[0]?.objectives[0]?.sequenceIndicator, '1.1');
    assert.deepEqual(document.submitter, { identifier: '', givenName: 'Ana', surname: '', phoneNumber: '', emailAddress: 'a@example.org' });
    assert.deepEqual(report.ignored, []);
  });

  it('reads empty placeholders as empty values without reporting them', () => {
    const { document, report } = parseStratml(
      indicatorIn(`<PerformanceIndicator ValueChainStage="" PerformanceIndicatorType="">
        <SequenceIndicator/><MeasurementDimension/><UnitOfMeasurement/><Identifier/>
        <Relationship RelationshipType=""><Identifier/><ReferentIdentifier/><Name/><Description/></Relationship>
        <MeasurementInstance><TargetResult><StartDate/><EndDate/><NumberOfUnits/><Descriptor><DescriptorName> </DescriptorName><DescriptorValue/></Descriptor><Description/></TargetResult></MeasurementInstance>
      </PerformanceIndicator><id/>`),
    );
    assert.deepEqual(report.ignored, []);
    assert.deepEqual(firstIndicator({ document, report }), {
      sequenceIndicator: '',
      measurementDimension: '',
      unitOfMeasurement: '',
      identifier: '',
      valueChainStage: null,
      indicatorType: null,
      relationships: [{ identifier: '', referentIdentifiers: [], name: '', description: '', relationshipType: null }],
      measurementInstances: [{ targetResults: [{ startDate: '', endDate: '', numberOfUnits: null, descriptor: null, description: '' }], actualResults: [] }],
      otherInformation: '',
    });
  });

  it('reports unknown elements and attributes, foreign namespaces and markup inside text, keeping the known content', () => {
    const { document, report } = parseStratml(
      part1(
        `<Goal xmlns:h="http://www.w3.org/1999/xhtml" Priority="High">stray
          <Name>G</Name><Description>Reduce <h:b>child</h:b> poverty</Description>
          <Budget>1000</Budget><h:p>note</h:p>
        </Goal>`,
      ),
    );
    assert.equal(document.goals[0]?.description, 'Reduce child poverty');
    assert.deepEqual(report.ignored, [
      '/StrategicPlan/StrategicPlanCore/Goal/@Priority (line 1): attribute not understood (value "High")',
      '/StrategicPlan/StrategicPlanCore/Goal (line 1): text outside any element ignored: "stray"',
      '/StrategicPlan/StrategicPlanCore/Goal/Description (line 2): markup inside the text dropped; its words were kept',
      '/StrategicPlan/StrategicPlanCore/Goal/Budget (line 3): element not understood',
      '/StrategicPlan/StrategicPlanCore/Goal/p (line 3): element from namespace "http://www.w3.org/1999/xhtml" not understood',
    ]);
  });

  it('reports a repeated single element and keeps the first', () => {
    const { document, report } = parseStratml(part1('<Goal><Name/><Name>First</Name><Name>Second</Name><Description/></Goal>'));
    assert.equal(document.goals[0]?.name, 'First');
    assert.deepEqual(report.ignored, ['/StrategicPlan/StrategicPlanCore/Goal/Name[3] (line 1): a second Name ignored; the first one was kept']);
  });

  it('normalises values and reports each one it had to drop or change', () => {
    const { document, report } = parseStratml(
      indicatorIn(`<PerformanceIndicator ValueChainStage="output processing" PerformanceIndicatorType="Numeric">
        <MeasurementDimension>Reach</MeasurementDimension><UnitOfMeasurement>People</UnitOfMeasurement>
        <Relationship RelationshipType="Sideways"><ReferentIdentifier>x</ReferentIdentifier></Relationship>
        <MeasurementInstance>
          <TargetResult><StartDate>TBD</StartDate><EndDate>2024-06-30T00:00:00Z</EndDate><NumberOfUnits>1,500</NumberOfUnits></TargetResult>
          <ActualResult><NumberOfUnits>about 900</NumberOfUnits><Descriptor><DescriptorName>Status</DescriptorName><DescriptorValue>On track</DescriptorValue></Descriptor></ActualResult>
        </MeasurementInstance>
      </PerformanceIndicator>`),
    );
    const indicator = firstIndicator({ document, report });
    assert.equal(indicator?.valueChainStage, 'Output_Processing');
    assert.equal(indicator?.indicatorType, null);
    assert.equal(indicator?.relationships[0]?.relationshipType, null);
    assert.deepEqual(indicator?.measurementInstances[0], {
      targetResults: [{ startDate: '', endDate: '2024-06-30', numberOfUnits: 1500, descriptor: null, description: '' }],
      actualResults: [{ startDate: '', endDate: '', numberOfUnits: null, descriptor: { name: 'Status', value: 'On track' }, description: '' }],
    });
    const where = '/PerformancePlanOrReport/StrategicPlanCore/Goal/Objective/PerformanceIndicator';
    assert.deepEqual(report.ignored, [
      `${where}/@PerformanceIndicatorType (line 1): "Numeric" is not one of Quantitative, Qualitative; left empty`,
      `${where}/Relationship/@RelationshipType (line 3): "Sideways" is not one of Broader_Than, Peer_To, Narrower_Than; left empty`,
      `${where}/MeasurementInstance/TargetResult/StartDate (line 5): "TBD" is not a date (YYYY-MM-DD); left empty`,
      `${where}/MeasurementInstance/TargetResult/EndDate (line 5): "2024-06-30T00:00:00Z" read as the date 2024-06-30`,
      `${where}/MeasurementInstance/ActualResult/NumberOfUnits (line 6): "about 900" is not a number; left empty`,
    ]);
  });

  it('reads role types, stakeholder types and a Source that is not a URI', () => {
    const { document, report } = parseStratml(
      part2(
        `<Organization><Stakeholder StakeholderTypeType="person"><Name>Ana</Name>
          <Role><Name>Lead</Name><RoleType>Performer</RoleType><RoleType>Performer</RoleType><RoleType>Beneficiary</RoleType><RoleType>Manager</RoleType></Role>
        </Stakeholder></Organization><Goal><Name>G</Name><Description/></Goal>`,
        '<AdministrativeInformation><Source>page 3 # table 2 # row 4</Source></AdministrativeInformation>',
      ),
    );
    const stakeholder = document.organizations[0]?.stakeholders[0];
    assert.equal(stakeholder?.type, 'Person');
    assert.deepEqual(stakeholder?.roles[0]?.roleTypes, ['Performer', 'Beneficiary']);
    assert.equal(document.administrativeInformation?.source, 'page%203%20%23%20table%202%20%23%20row%204');
    assert.deepEqual(report.ignored, [
      '/PerformancePlanOrReport/StrategicPlanCore/Organization/Stakeholder/Role/RoleType[4] (line 2): "Manager" is not one of Performer, Beneficiary; left empty',
      '/PerformancePlanOrReport/AdministrativeInformation/Source (line 3): "page 3 # table 2 # row 4" is not a URI; kept percent-encoded',
    ]);
  });

  it('keeps a Part 2 document without a Type as having none, and reports a Type it does not know', () => {
    const missing = parseStratml(part2('<Goal><Name>G</Name><Description/></Goal>').replace(' Type="Performance_Plan"', ''));
    assert.equal(missing.document.type, null);
    const unknown = parseStratml(part2('<Goal><Name>G</Name><Description/></Goal>', '', 'Annual_Report'));
    assert.equal(unknown.document.type, null);
    assert.deepEqual(unknown.report.ignored, ['/PerformancePlanOrReport/@Type (line 1): "Annual_Report" is not one of Strategic_Plan, Performance_Plan, Performance_Report; left empty']);
  });

  it('keeps a Part 1 plan a Part 1 plan, reporting the Part 2 content in it', () => {
    const { document, report } = parseStratml(
      part1(
        `<Goal><Name>G</Name><Description/><Stakeholder><Name>S</Name><Role><Name>Lead</Name></Role><Role/></Stakeholder>
          <Objective><Name>O</Name><PerformanceIndicator><MeasurementDimension>Reach</MeasurementDimension></PerformanceIndicator></Objective></Goal>`,
        '<AdministrativeInformation><Identifier>admin</Identifier><Submitter><Identifier/><GivenName>Ana</GivenName></Submitter></AdministrativeInformation>',
      ),
    );
    assert.deepEqual(document.goals[0]?.stakeholders[0]?.roles, []);
    assert.deepEqual(document.goals[0]?.objectives[0]?.performanceIndicators, []);
    assert.equal(document.administrativeInformation?.identifier, '');
    assert.equal(document.submitter?.givenName, 'Ana');
    assert.deepEqual(report.ignored, [
      '/StrategicPlan/StrategicPlanCore/Goal/Stakeholder/Role[1] (line 1): not part of a Part 1 plan (ISO 17469-1); ignored',
      '/StrategicPlan/StrategicPlanCore/Goal/Objective/PerformanceIndicator (line 2): not part of a Part 1 plan (ISO 17469-1); ignored',
      '/StrategicPlan/AdministrativeInformation/Identifier (line 2): not part of a Part 1 plan (ISO 17469-1); ignored',
    ]);
  });

  it('reads character references, CDATA and text in other encodings', () => {
    const { document } = parseStratml(part1('<Goal><Name>Caf&#233; &amp; <![CDATA[<b>bar</b>]]></Name><Description>&#x2014;</Description></Goal>'));
    assert.equal(document.goals[0]?.name, 'Café & <b>bar</b>');
    assert.equal(document.goals[0]?.description, '\u2014');
    const latin1 = Buffer.from('<?xml version="1.0" encoding="ISO-8859-1"?><StrategicPlan><Name>Año</Name><StrategicPlanCore><Goal><Name>G</Name><Description/></Goal></StrategicPlanCore></StrategicPlan>', 'latin1');
    assert.equal(parseStratml(latin1).document.name, 'Año');
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('<StrategicPlan><Name>Ελλάδα</Name><StrategicPlanCore><Goal><Name>G</Name><Description/></Goal></StrategicPlanCore></StrategicPlan>', 'utf16le')]);
    assert.equal(parseStratml(utf16).document.name, 'Ελλάδα');
  });
});

describe('parseStratml: refusals', () => {
  it('names the line and column of malformed XML', () => {
    const unclosed = syntaxError('<StrategicPlan>\n  <Name>Plan\n</StrategicPlan>');
    // The closing tag that does not match is where the fault shows.
    assert.deepEqual([unclosed.line, unclosed.column], [3, 1]);
    const twoRoots = syntaxError('<StrategicPlan/>\n<StrategicPlan/>');
    assert.deepEqual([twoRoots.line, twoRoots.column], [2, 1]);
    assert.match(twoRoots.message, /only one root element/);
    const empty = syntaxError('');
    assert.equal(empty.line, 1);
    assert.ok(syntaxError('just text') instanceof StratmlSyntaxError);
  });

  it('names where bytes stop being valid UTF-8', () => {
    const bytes = Buffer.concat([Buffer.from('<StrategicPlan>\n<Name>ab'), Buffer.from([0xff, 0xfe, 0x41]), Buffer.from('</Name></StrategicPlan>')]);
    const error = syntaxError(bytes);
    assert.deepEqual([error.line, error.column], [2, 9]);
    assert.match(error.message, /not valid utf-8 text/);
  });

  it('refuses an encoding it cannot decode', () => {
    const error = syntaxError(Buffer.from('<?xml version="1.0" encoding="x-klingon"?><StrategicPlan/>'));
    assert.match(error.message, /"x-klingon" is not supported/);
  });

  it('refuses absurdly deep nesting instead of exhausting the stack', () => {
    const deep = `<StrategicPlan>${'<x>'.repeat(5000)}${'</x>'.repeat(5000)}</StrategicPlan>`;
    assert.ok(refusal(deep) instanceof StratmlFormatError);
  });
});
