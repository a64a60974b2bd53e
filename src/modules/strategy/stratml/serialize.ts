/**
 * Writing a document as StratML: Part 1 (ISO 17469-1 StrategicPlan) or Part 2
 * (PerformancePlanOrReport v2.2.6), elements in schema order, in the ISO namespaces. Whatever the
 * document holds, the file validates: required elements are always written, values the schema would
 * refuse are left out, identifiers are repaired and a plan without goals gets the one empty Goal the
 * schema insists on (the reader skips it again).
 */
import { create } from 'xmlbuilder2';
import { repairIdentifiers } from './identifiers.ts';
import {
  INDICATOR_TYPES,
  PLAN_TYPES,
  RELATIONSHIP_TYPES,
  ROLE_TYPES,
  STAKEHOLDER_TYPES,
  VALUE_CHAIN_STAGES,
  type AdministrativeInformation,
  type Contact,
  type Goal,
  type Objective,
  type Organization,
  type PerformanceIndicator,
  type Relationship,
  type Result,
  type Stakeholder,
  type Statement,
  type StratmlDocument,
  type StratmlPart,
} from './model.ts';
import { PART1_NAMESPACE, PART2_NAMESPACE } from './namespaces.ts';
import { asPart } from './parts.ts';
import { decimalText, toAnyUri, writableDate, xmlText } from './values.ts';

type Node = ReturnType<ReturnType<typeof create>['ele']>;

export interface SerializeOptions {
  /** Which Part to write; the document's own by default. */
  part?: StratmlPart;
}

export function serializeStratml(doc: StratmlDocument, options: SerializeOptions = {}): string {
  const part = options.part ?? doc.part;
  // Repaired without filling empty identifiers: the same document always gives the same file.
  const { document } = repairIdentifiers(asPart(doc, part), null);
  // Characters XML cannot carry (a control character pasted into a form) are dropped, not written.
  const xml = create({ version: '1.0', encoding: 'UTF-8', invalidCharReplacement: '' });
  const writer = new Writer(part);
  writer.root(xml, document);
  return xml.end({ prettyPrint: true });
}

/** Appends a text element; optional ones are left out when empty, required ones are written empty. */
function text(parent: Node, name: string, value: string, required = false): void {
  if (value !== '' || required) parent.ele(name).txt(value);
}

function enumeration<T extends string>(value: string | null, allowed: readonly T[]): T | null {
  return value !== null && (allowed as readonly string[]).includes(value) ? (value as T) : null;
}

class Writer {
  constructor(private readonly part: StratmlPart) {}

  root(xml: ReturnType<typeof create>, doc: StratmlDocument): void {
    const root =
      this.part === 1
        ? xml.ele(PART1_NAMESPACE, 'StrategicPlan')
        : xml.ele(PART2_NAMESPACE, 'PerformancePlanOrReport', { Type: enumeration(doc.type, PLAN_TYPES) ?? 'Strategic_Plan' });
    text(root, 'Name', doc.name, true);
    text(root, 'Description', doc.description);
    text(root, 'OtherInformation', doc.otherInformation);
    const core = root.ele('StrategicPlanCore');
    doc.organizations.forEach((organization) => this.organization(core, organization));
    if (doc.vision) this.statement(core, 'Vision', doc.vision);
    if (doc.mission) this.statement(core, 'Mission', doc.mission);
    for (const value of doc.values) {
      const element = core.ele('Value');
      text(element, 'Name', value.name);
      text(element, 'Description', value.description);
    }
    if (doc.goals.length === 0) {
      const placeholder = core.ele('Goal');
      text(placeholder, 'Name', '', true);
      text(placeholder, 'Description', '', true);
    }
    doc.goals.forEach((goal) => this.goal(core, goal));
    if (doc.administrativeInformation) this.administrativeInformation(root, doc.administrativeInformation, doc.submitter);
    if (this.part === 2 && doc.submitter) this.contact(root, doc.submitter);
  }

  private organization(parent: Node, organization: Organization): void {
    const element = parent.ele('Organization');
    text(element, 'Name', organization.name);
    text(element, 'Acronym', organization.acronym);
    text(element, 'Identifier', organization.identifier);
    text(element, 'Description', organization.description);
    organization.stakeholders.forEach((stakeholder) => this.stakeholder(element, stakeholder));
  }

  private statement(parent: Node, name: 'Vision' | 'Mission', statement: Statement): void {
    const element = parent.ele(name);
    text(element, 'Description', statement.description);
    text(element, 'Identifier', statement.identifier);
  }

  private stakeholder(parent: Node, stakeholder: Stakeholder): void {
    const type = enumeration(stakeholder.type, STAKEHOLDER_TYPES);
    const element = parent.ele('Stakeholder', type ? { StakeholderTypeType: type } : {});
    text(element, 'Name', stakeholder.name, true);
    text(element, 'Description', stakeholder.description);
    for (const role of stakeholder.roles) {
      const roleElement = element.ele('Role');
      text(roleElement, 'Name', role.name, true);
      text(roleElement, 'Description', role.description);
      const roleTypes = ROLE_TYPES.filter((roleType) => role.roleTypes.includes(roleType));
      for (const roleType of roleTypes) text(roleElement, 'RoleType', roleType);
    }
  }

  private goal(parent: Node, goal: Goal): void {
    const element = parent.ele('Goal');
    text(element, 'Name', goal.name, true);
    text(element, 'Description', goal.description, true);
    text(element, 'Identifier', goal.identifier);
    text(element, 'SequenceIndicator', goal.sequenceIndicator);
    goal.stakeholders.forEach((stakeholder) => this.stakeholder(element, stakeholder));
    text(element, 'OtherInformation', goal.otherInformation);
    goal.objectives.forEach((objective) => this.objective(element, objective));
  }

  private objective(parent: Node, objective: Objective): void {
    const element = parent.ele('Objective');
    text(element, 'Name', objective.name);
    text(element, 'Description', objective.description);
    text(element, 'Identifier', objective.identifier);
    text(element, 'SequenceIndicator', objective.sequenceIndicator);
    objective.stakeholders.forEach((stakeholder) => this.stakeholder(element, stakeholder));
    text(element, 'OtherInformation', objective.otherInformation);
    objective.performanceIndicators.forEach((indicator) => this.indicator(element, indicator));
  }

  private indicator(parent: Node, indicator: PerformanceIndicator): void {
    const attributes: Record<string, string> = {};
    const stage = enumeration(indicator.valueChainStage, VALUE_CHAIN_STAGES);
    const type = enumeration(indicator.indicatorType, INDICATOR_TYPES);
    if (stage) attributes.ValueChainStage = stage;
    if (type) attributes.PerformanceIndicatorType = type;
    const element = parent.ele('PerformanceIndicator', attributes);
    text(element, 'SequenceIndicator', indicator.sequenceIndicator);
    text(element, 'MeasurementDimension', indicator.measurementDimension, true);
    text(element, 'UnitOfMeasurement', indicator.unitOfMeasurement, true);
    text(element, 'Identifier', indicator.identifier);
    indicator.relationships.forEach((relationship) => this.relationship(element, relationship));
    for (const instance of indicator.measurementInstances) {
      const instanceElement = element.ele('MeasurementInstance');
      instance.targetResults.forEach((result) => this.result(instanceElement, 'TargetResult', result));
      instance.actualResults.forEach((result) => this.result(instanceElement, 'ActualResult', result));
    }
    text(element, 'OtherInformation', indicator.otherInformation);
  }

  private relationship(parent: Node, relationship: Relationship): void {
    const type = enumeration(relationship.relationshipType, RELATIONSHIP_TYPES);
    const element = parent.ele('Relationship', type ? { RelationshipType: type } : {});
    text(element, 'Identifier', relationship.identifier);
    for (const referent of relationship.referentIdentifiers) text(element, 'ReferentIdentifier', referent);
    text(element, 'Name', relationship.name);
    text(element, 'Description', relationship.description);
  }

  private result(parent: Node, name: 'TargetResult' | 'ActualResult', result: Result): void {
    const element = parent.ele(name);
    text(element, 'StartDate', writableDate(result.startDate));
    text(element, 'EndDate', writableDate(result.endDate));
    if (result.numberOfUnits !== null && Number.isFinite(result.numberOfUnits)) text(element, 'NumberOfUnits', decimalText(result.numberOfUnits));
    if (result.descriptor && (result.descriptor.name !== '' || result.descriptor.value !== '')) {
      const descriptor = element.ele('Descriptor');
      text(descriptor, 'DescriptorName', result.descriptor.name);
      text(descriptor, 'DescriptorValue', result.descriptor.value);
    }
    text(element, 'Description', result.description);
  }

  private administrativeInformation(parent: Node, info: AdministrativeInformation, submitter: Contact | null): void {
    const element = parent.ele('AdministrativeInformation');
    if (this.part === 2) text(element, 'Identifier', info.identifier);
    text(element, 'StartDate', writableDate(info.startDate));
    text(element, 'EndDate', writableDate(info.endDate));
    text(element, 'PublicationDate', writableDate(info.publicationDate));
    text(element, 'Source', toAnyUri(xmlText(info.source)).uri);
    if (this.part === 1 && submitter) this.contact(element, submitter);
  }

  private contact(parent: Node, contact: Contact): void {
    const element = parent.ele('Submitter');
    if (this.part === 2) text(element, 'Identifier', contact.identifier);
    text(element, 'GivenName', contact.givenName);
    text(element, 'Surname', contact.surname);
    text(element, 'PhoneNumber', contact.phoneNumber);
    text(element, 'EmailAddress', contact.emailAddress);
  }
}
