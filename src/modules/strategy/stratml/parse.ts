/**
 * Reading StratML files as people actually write them: Part 1 (StrategicPlan) or Part 2
 * (PerformancePlanOrReport), in the ISO, the older stratml.net or no namespace, with any prefix, children
 * in any order, empty placeholders and a few pre-ISO spellings. Values become what the schemas accept;
 * whatever cannot be kept is listed in the report. The "StratML 3.5" proposal has a reader of its own
 * (parse-stratml35.ts); this file only sends its documents there.
 */
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
import { countElements } from './counts.ts';
import { StratmlFormatError } from './errors.ts';
import {
  INDICATOR_TYPES,
  PLAN_TYPES,
  RELATIONSHIP_TYPES,
  ROLE_TYPES,
  STAKEHOLDER_TYPES,
  VALUE_CHAIN_STAGES,
  type AdministrativeInformation,
  type Contact,
  type Descriptor,
  type Goal,
  type MeasurementInstance,
  type Objective,
  type Organization,
  type PerformanceIndicator,
  type Relationship,
  type Result,
  type Role,
  type Stakeholder,
  type Statement,
  type StratmlDocument,
  type StratmlPart,
  type Value,
} from './model.ts';
import { readStratml35, STRATML35_ROOT } from './parse-stratml35.ts';
import { isEmptyElement, Once, ReadContext, type ChildHandlers } from './read-context.ts';
import { cleanText } from './values.ts';
import { readXmlTree, type XmlElement } from './xml-tree.ts';

export { StratmlFormatError, StratmlSyntaxError } from './errors.ts';

export interface StratmlReadReport {
  /** How many of each element kind the document holds (see COUNTED_ELEMENTS). */
  counts: Record<string, number>;
  /** Each element, attribute or value the reader could not keep, with its path and line. */
  ignored: string[];
}

export interface StratmlReadResult {
  document: StratmlDocument;
  report: StratmlReadReport;
}

const ROOTS = { StrategicPlan: 1, PerformancePlanOrReport: 2 } as const;

/**
 * Reads a StratML Part 1 or Part 2 file, or a "StratML 3.5" proposal document as a Part 2 plan.
 * Throws StratmlSyntaxError or StratmlFormatError when it cannot.
 */
export function parseStratml(input: string | Uint8Array): StratmlReadResult {
  const root = readXmlTree(input);
  const { document, ignored } = root.localName === STRATML35_ROOT ? readStratml35(root) : readPart1Or2(root);
  return { document, report: { counts: countElements(document), ignored } };
}

function readPart1Or2(root: XmlElement): { document: StratmlDocument; ignored: string[] } {
  const part = Object.hasOwn(ROOTS, root.localName) ? ROOTS[root.localName as keyof typeof ROOTS] : undefined;
  if (!part) {
    const where = root.namespace ? ` in namespace "${root.namespace}"` : '';
    throw new StratmlFormatError(
      `This is not a StratML plan: the root element is <${root.localName}>${where}, where a StrategicPlan (Part 1), a PerformancePlanOrReport (Part 2) or an OrganizationalStrategyDocument (StratML 3.5) was expected.`,
    );
  }
  const reader = new DocumentReader(new ReadContext(root.namespace), part);
  return { document: reader.read(root), ignored: reader.context.ignored };
}

/** What ISO 17469-1 has no place for; a Part 1 file that has it anyway gets it reported, not read. */
const NOT_IN_PART_1 = 'not part of a Part 1 plan (ISO 17469-1); ignored';

class DocumentReader {
  constructor(
    readonly context: ReadContext,
    private readonly part: StratmlPart,
  ) {}

  /** Reads a Part 2 element; in a Part 1 file reports it instead, since the document must stay a Part 1 plan. */
  private part2Only(read: (el: XmlElement, p: string) => void): (el: XmlElement, p: string) => void {
    return (el, p) => {
      if (this.part === 2) read(el, p);
      else if (!isEmptyElement(el)) this.context.note(p, el, NOT_IN_PART_1);
    };
  }

  read(root: XmlElement): StratmlDocument {
    const part = this.part;
    const doc = blankDocument(part);
    const path = `/${root.localName}`;
    const readType = (value: string, attributePath: string) => {
      doc.type = this.context.enumeration(value, PLAN_TYPES, attributePath, root);
    };
    // DocumentType is how the "StratML 3" drafts spelt Type.
    this.context.attributes(root, path, part === 2 ? { Type: readType, DocumentType: readType } : {});
    const once = new Once(this.context);
    const submitterOnce = new Once(this.context);
    const core = this.coreHandlers(doc, once);
    this.context.children(root, path, {
      Name: this.text(once, 'Name', (v) => (doc.name = v)),
      Description: this.text(once, 'Description', (v) => (doc.description = v)),
      OtherInformation: this.text(once, 'OtherInformation', (v) => (doc.otherInformation = v)),
      StrategicPlanCore: (el, p) => {
        this.context.attributes(el, p);
        this.context.children(el, p, core);
      },
      // Some drafts put the core's elements straight under the root.
      ...core,
      AdministrativeInformation: (el, p) =>
        once.take('AdministrativeInformation', el, p, () => (doc.administrativeInformation = this.administrativeInformation(el, p, doc, submitterOnce))),
      // Part 2 puts the Submitter here, Part 1 inside AdministrativeInformation; either is read.
      Submitter: (el, p) => submitterOnce.take('Submitter', el, p, () => (doc.submitter = this.contact(el, p))),
    });
    return doc;
  }

  private coreHandlers(doc: StratmlDocument, once: Once): ChildHandlers {
    return {
      Organization: (el, p) => doc.organizations.push(this.organization(el, p)),
      Vision: (el, p) => once.take('Vision', el, p, () => (doc.vision = this.statement(el, p))),
      Mission: (el, p) => once.take('Mission', el, p, () => (doc.mission = this.statement(el, p))),
      Value: (el, p) => doc.values.push(this.value(el, p)),
      Goal: (el, p) => {
        const goal = this.goal(el, p);
        // The schema demands a Goal, so an empty one is how files (and our own exports) say "no goals yet";
        // it holds nothing, so skipping it loses nothing.
        if (!isEmptyGoal(goal)) doc.goals.push(goal);
      },
    };
  }

  private text(once: Once, key: string, set: (value: string) => void): (el: XmlElement, p: string) => void {
    return this.context.singleText(once, key, set);
  }

  private organization(element: XmlElement, path: string): Organization {
    const organization = blankOrganization();
    const once = new Once(this.context);
    this.context.attributes(element, path);
    this.context.children(element, path, {
      Name: this.text(once, 'Name', (v) => (organization.name = v)),
      Acronym: this.text(once, 'Acronym', (v) => (organization.acronym = v)),
      Identifier: this.text(once, 'Identifier', (v) => (organization.identifier = v)),
      Description: this.text(once, 'Description', (v) => (organization.description = v)),
      Stakeholder: (el, p) => organization.stakeholders.push(this.stakeholder(el, p)),
    });
    return organization;
  }

  private statement(element: XmlElement, path: string): Statement {
    const statement: Statement = { description: '', identifier: '' };
    const once = new Once(this.context);
    this.context.attributes(element, path);
    this.context.children(element, path, {
      Description: this.text(once, 'Description', (v) => (statement.description = v)),
      Identifier: this.text(once, 'Identifier', (v) => (statement.identifier = v)),
    });
    return statement;
  }

  private value(element: XmlElement, path: string): Value {
    const value: Value = { name: '', description: '' };
    const once = new Once(this.context);
    this.context.attributes(element, path);
    this.context.children(element, path, {
      Name: this.text(once, 'Name', (v) => (value.name = v)),
      Description: this.text(once, 'Description', (v) => (value.description = v)),
    });
    return value;
  }

  private stakeholder(element: XmlElement, path: string): Stakeholder {
    const stakeholder = blankStakeholder();
    const once = new Once(this.context);
    const readType = (value: string, attributePath: string) => {
      stakeholder.type = this.context.enumeration(value, STAKEHOLDER_TYPES, attributePath, element);
    };
    this.context.attributes(element, path, { StakeholderTypeType: readType, StakeholderType: readType });
    this.context.children(element, path, {
      Name: this.text(once, 'Name', (v) => (stakeholder.name = v)),
      Description: this.text(once, 'Description', (v) => (stakeholder.description = v)),
      Role: this.part2Only((el, p) => stakeholder.roles.push(this.role(el, p))),
    });
    return stakeholder;
  }

  private role(element: XmlElement, path: string): Role {
    const role = blankRole();
    const once = new Once(this.context);
    this.context.attributes(element, path);
    this.context.children(element, path, {
      Name: this.text(once, 'Name', (v) => (role.name = v)),
      Description: this.text(once, 'Description', (v) => (role.description = v)),
      RoleType: (el, p) => {
        const roleType = this.context.enumeration(this.context.text(el, p), ROLE_TYPES, p, el);
        // Performer and Beneficiary at most once each: a repeat adds nothing.
        if (roleType && !role.roleTypes.includes(roleType)) role.roleTypes.push(roleType);
      },
    });
    return role;
  }

  private goal(element: XmlElement, path: string): Goal {
    const goal = blankGoal();
    const once = new Once(this.context);
    this.context.attributes(element, path);
    this.context.children(element, path, {
      Name: this.text(once, 'Name', (v) => (goal.name = v)),
      Description: this.text(once, 'Description', (v) => (goal.description = v)),
      Identifier: this.text(once, 'Identifier', (v) => (goal.identifier = v)),
      SequenceIndicator: this.text(once, 'SequenceIndicator', (v) => (goal.sequenceIndicator = v)),
      Stakeholder: (el, p) => goal.stakeholders.push(this.stakeholder(el, p)),
      OtherInformation: this.text(once, 'OtherInformation', (v) => (goal.otherInformation = v)),
      Objective: (el, p) => goal.objectives.push(this.objective(el, p)),
    });
    return goal;
  }

  private objective(element: XmlElement, path: string): Objective {
    const objective = blankObjective();
    const once = new Once(this.context);
    this.context.attributes(element, path);
    this.context.children(element, path, {
      Name: this.text(once, 'Name', (v) => (objective.name = v)),
      Description: this.text(once, 'Description', (v) => (objective.description = v)),
      Identifier: this.text(once, 'Identifier', (v) => (objective.identifier = v)),
      SequenceIndicator: this.text(once, 'SequenceIndicator', (v) => (objective.sequenceIndicator = v)),
      Stakeholder: (el, p) => objective.stakeholders.push(this.stakeholder(el, p)),
      OtherInformation: this.text(once, 'OtherInformation', (v) => (objective.otherInformation = v)),
      PerformanceIndicator: this.part2Only((el, p) => objective.performanceIndicators.push(this.indicator(el, p))),
    });
    return objective;
  }

  private indicator(element: XmlElement, path: string): PerformanceIndicator {
    const indicator = blankIndicator();
    const once = new Once(this.context);
    const readIndicatorType = (value: string, attributePath: string) => {
      indicator.indicatorType = this.context.enumeration(value, INDICATOR_TYPES, attributePath, element);
    };
    this.context.attributes(element, path, {
      ValueChainStage: (value, attributePath) => {
        indicator.valueChainStage = this.context.enumeration(value, VALUE_CHAIN_STAGES, attributePath, element);
      },
      PerformanceIndicatorType: readIndicatorType,
      // The name StratML.NET's 2011 files use.
      IndicatorType: readIndicatorType,
    });
    const readUnit = this.text(once, 'UnitOfMeasurement', (v) => (indicator.unitOfMeasurement = v));
    this.context.children(element, path, {
      SequenceIndicator: this.text(once, 'SequenceIndicator', (v) => (indicator.sequenceIndicator = v)),
      MeasurementDimension: this.text(once, 'MeasurementDimension', (v) => (indicator.measurementDimension = v)),
      UnitOfMeasurement: readUnit,
      UnitOfMeasure: readUnit,
      Identifier: this.text(once, 'Identifier', (v) => (indicator.identifier = v)),
      Relationship: (el, p) => indicator.relationships.push(this.relationship(el, p)),
      MeasurementInstance: (el, p) => indicator.measurementInstances.push(this.measurementInstance(el, p)),
      OtherInformation: this.text(once, 'OtherInformation', (v) => (indicator.otherInformation = v)),
    });
    return indicator;
  }

  private relationship(element: XmlElement, path: string): Relationship {
    const relationship = blankRelationship();
    const once = new Once(this.context);
    this.context.attributes(element, path, {
      RelationshipType: (value, attributePath) => {
        relationship.relationshipType = this.context.enumeration(value, RELATIONSHIP_TYPES, attributePath, element);
      },
    });
    this.context.children(element, path, {
      Identifier: this.text(once, 'Identifier', (v) => (relationship.identifier = v)),
      ReferentIdentifier: (el, p) => {
        const referent = cleanText(this.context.text(el, p));
        if (referent !== '') relationship.referentIdentifiers.push(referent);
      },
      Name: this.text(once, 'Name', (v) => (relationship.name = v)),
      Description: this.text(once, 'Description', (v) => (relationship.description = v)),
    });
    return relationship;
  }

  private measurementInstance(element: XmlElement, path: string): MeasurementInstance {
    const instance: MeasurementInstance = { targetResults: [], actualResults: [] };
    this.context.attributes(element, path);
    this.context.children(element, path, {
      TargetResult: (el, p) => instance.targetResults.push(this.result(el, p)),
      ActualResult: (el, p) => instance.actualResults.push(this.result(el, p)),
    });
    return instance;
  }

  private result(element: XmlElement, path: string): Result {
    const result = blankResult();
    const once = new Once(this.context);
    this.context.attributes(element, path);
    this.context.children(element, path, {
      StartDate: (el, p) => once.take('StartDate', el, p, () => (result.startDate = this.context.date(el, p))),
      EndDate: (el, p) => once.take('EndDate', el, p, () => (result.endDate = this.context.date(el, p))),
      NumberOfUnits: (el, p) => once.take('NumberOfUnits', el, p, () => (result.numberOfUnits = this.context.number(el, p))),
      Descriptor: (el, p) => once.take('Descriptor', el, p, () => (result.descriptor = this.descriptor(el, p))),
      Description: this.text(once, 'Description', (v) => (result.description = v)),
    });
    return result;
  }

  /** A name/value pair, or null when both are empty (templates leave a blank Descriptor in place). */
  private descriptor(element: XmlElement, path: string): Descriptor | null {
    const descriptor: Descriptor = { name: '', value: '' };
    const once = new Once(this.context);
    this.context.attributes(element, path);
    this.context.children(element, path, {
      DescriptorName: this.text(once, 'DescriptorName', (v) => (descriptor.name = v)),
      DescriptorValue: this.text(once, 'DescriptorValue', (v) => (descriptor.value = v)),
    });
    return descriptor.name === '' && descriptor.value === '' ? null : descriptor;
  }

  private administrativeInformation(element: XmlElement, path: string, doc: StratmlDocument, submitterOnce: Once): AdministrativeInformation {
    const info = blankAdministrativeInformation();
    const once = new Once(this.context);
    this.context.attributes(element, path);
    this.context.children(element, path, {
      Identifier: this.part2Only(this.text(once, 'Identifier', (v) => (info.identifier = v))),
      StartDate: (el, p) => once.take('StartDate', el, p, () => (info.startDate = this.context.date(el, p))),
      EndDate: (el, p) => once.take('EndDate', el, p, () => (info.endDate = this.context.date(el, p))),
      PublicationDate: (el, p) => once.take('PublicationDate', el, p, () => (info.publicationDate = this.context.date(el, p))),
      Source: (el, p) => once.take('Source', el, p, () => (info.source = this.context.uri(el, p))),
      Submitter: (el, p) => submitterOnce.take('Submitter', el, p, () => (doc.submitter = this.contact(el, p))),
    });
    return info;
  }

  private contact(element: XmlElement, path: string): Contact {
    const contact = blankContact();
    const once = new Once(this.context);
    const readGivenName = this.text(once, 'GivenName', (v) => (contact.givenName = v));
    const readSurname = this.text(once, 'Surname', (v) => (contact.surname = v));
    this.context.attributes(element, path);
    this.context.children(element, path, {
      Identifier: this.part2Only(this.text(once, 'Identifier', (v) => (contact.identifier = v))),
      GivenName: readGivenName,
      // The pre-ISO schemas' names for the same two fields.
      FirstName: readGivenName,
      Surname: readSurname,
      LastName: readSurname,
      PhoneNumber: this.text(once, 'PhoneNumber', (v) => (contact.phoneNumber = v)),
      EmailAddress: this.text(once, 'EmailAddress', (v) => (contact.emailAddress = v)),
    });
    return contact;
  }
}

function isEmptyGoal(goal: Goal): boolean {
  return (
    goal.name === '' &&
    goal.description === '' &&
    goal.identifier === '' &&
    goal.sequenceIndicator === '' &&
    goal.otherInformation === '' &&
    goal.stakeholders.length === 0 &&
    goal.objectives.length === 0
  );
}
