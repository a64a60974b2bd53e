/**
 * Reading the "StratML 3.5" proposal (root OrganizationalStrategyDocument, StratML.NET 2017) as a Part 2
 * Strategic_Plan. Its Strategy (Mission, Vision, Values, Goals, Objectives) sits inside the
 * Organization, whose people, posts and member organisations become stakeholders; its quantitative
 * and qualitative indicators become performance indicators. What Part 2 has no place for (maps and
 * weights between things, statuses, risks, assets, perspectives, priorities, success factors) is
 * reported with its path and line, like everything else the reader leaves out.
 */
import { blankAdministrativeInformation, blankContact, blankDocument, blankGoal, blankObjective, blankOrganization } from './blank.ts';
import type { AdministrativeInformation, Contact, Goal, Objective, Organization, Statement, StratmlDocument, Value } from './model.ts';
import { STRATML35_NAMESPACE } from './namespaces.ts';
import { Once, ReadContext, type ChildHandlers } from './read-context.ts';
import { INDICATOR_ELEMENTS, Stratml35IndicatorReader } from './stratml35-indicators.ts';
import { IDENTIFIER_NAMES, Stratml35References, type Located } from './stratml35-references.ts';
import { Stratml35StakeholderReader } from './stratml35-stakeholders.ts';
import { LINK_AND_STATE_ELEMENTS, NO_PART2_EQUIVALENT } from './stratml35-unmapped.ts';
import { cleanText } from './values.ts';
import type { XmlElement } from './xml-tree.ts';

export const STRATML35_ROOT = 'OrganizationalStrategyDocument';

const UNMAPPED = [...LINK_AND_STATE_ELEMENTS, 'ReferenceIdentifier'] as const;
const STRATEGY_EXTRAS = ['DrivingForce', 'Framework', 'Assets', 'Asset'] as const;
const ACTOR_EXTRAS = ['Contact', 'Role', 'Competency', 'ValueProposition'] as const;

export function readStratml35(root: XmlElement): { document: StratmlDocument; ignored: string[] } {
  const reader = new Stratml35Reader(root);
  return { document: reader.read(root), ignored: reader.context.ignored };
}

class Stratml35Reader {
  readonly context: ReadContext;
  private readonly stakeholders: Stratml35StakeholderReader;
  private readonly indicators: Stratml35IndicatorReader;
  private readonly doc: StratmlDocument = { ...blankDocument(2), type: 'Strategic_Plan' };
  /** The document's single parts (Vision, Mission, …), wherever in the file they are. */
  private readonly documentOnce: Once;

  constructor(root: XmlElement) {
    // The 3.5 namespace is read only here: a Part 1 or Part 2 plan does not take 3.5 elements as its own.
    this.context = new ReadContext(root.namespace, new Set([STRATML35_NAMESPACE]));
    const references = new Stratml35References(root);
    this.stakeholders = new Stratml35StakeholderReader(this.context, references);
    this.indicators = new Stratml35IndicatorReader(this.context, references);
    this.documentOnce = new Once(this.context);
  }

  read(root: XmlElement): StratmlDocument {
    const doc = this.doc;
    const once = this.documentOnce;
    const path = `/${root.localName}`;
    let identifier = null as Located | null;
    const readIdentifier = (el: XmlElement, p: string) =>
      once.take('Identifier', el, p, () => (identifier = { element: el, path: p, value: cleanText(this.context.text(el, p)) }));
    this.context.attributes(root, path);
    this.context.children(root, path, {
      Identifier: readIdentifier,
      Identifer: readIdentifier,
      Name: this.context.singleText(once, 'Name', (v) => (doc.name = v)),
      Description: this.context.singleText(once, 'Description', (v) => (doc.description = v)),
      OtherInformation: this.context.singleText(once, 'OtherInformation', (v) => (doc.otherInformation = v)),
      // The document is itself a Strategy, and its Organization has one too: either is read.
      ...this.strategyHandlers(),
      Strategy: (el, p) => this.strategy(el, p),
      Organization: (el, p) => doc.organizations.push(this.organization(el, p)),
      Submitter: (el, p) => once.take('Submitter', el, p, () => (doc.submitter = this.submitter(el, p))),
      AdministrativeInformation: (el, p) => once.take('AdministrativeInformation', el, p, () => (doc.administrativeInformation = this.administrativeInformation(el, p))),
      ...this.context.notKept(UNMAPPED, NO_PART2_EQUIVALENT),
    });
    this.keepDocumentIdentifier(identifier);
    return doc;
  }

  /** Part 2 identifies the document by its AdministrativeInformation, so the root's Identifier goes there. */
  private keepDocumentIdentifier(identifier: Located | null): void {
    if (!identifier || identifier.value === '') return;
    const info = (this.doc.administrativeInformation ??= blankAdministrativeInformation());
    if (info.identifier === '') info.identifier = identifier.value;
    else if (info.identifier !== identifier.value) {
      this.context.note(identifier.path, identifier.element, `"${identifier.value}" not kept: AdministrativeInformation has its own Identifier`);
    }
  }

  private strategyHandlers(): ChildHandlers {
    const doc = this.doc;
    const once = this.documentOnce;
    return {
      Mission: (el, p) => once.take('Mission', el, p, () => (doc.mission = this.statement(el, p))),
      Vision: (el, p) => once.take('Vision', el, p, () => (doc.vision = this.statement(el, p))),
      Value: (el, p) => doc.values.push(this.value(el, p)),
      Goal: (el, p) => doc.goals.push(this.goal(el, p)),
      ...this.context.notKept(STRATEGY_EXTRAS, NO_PART2_EQUIVALENT),
    };
  }

  private strategy(element: XmlElement, path: string): void {
    this.context.attributes(element, path);
    this.context.children(element, path, {
      ...this.strategyHandlers(),
      ...this.context.notKept([...IDENTIFIER_NAMES, 'Name', 'Description', ...UNMAPPED], NO_PART2_EQUIVALENT),
    });
  }

  /** Handlers that keep an Identifier, in either of the spellings 3.5 files use. */
  private identifier(once: Once, set: (value: string) => void): ChildHandlers {
    const read = this.context.singleText(once, 'Identifier', set);
    return Object.fromEntries(IDENTIFIER_NAMES.map((name) => [name, read]));
  }

  private organization(element: XmlElement, path: string): Organization {
    const organization = blankOrganization();
    const once = new Once(this.context);
    this.context.attributes(element, path);
    this.context.children(element, path, {
      ...this.identifier(once, (v) => (organization.identifier = v)),
      Name: this.context.singleText(once, 'Name', (v) => (organization.name = v)),
      Acronym: this.context.singleText(once, 'Acronym', (v) => (organization.acronym = v)),
      Description: this.context.singleText(once, 'Description', (v) => (organization.description = v)),
      ...this.stakeholders.handlers(organization.stakeholders),
      Stakeholders: (el, p) => this.stakeholders.list(el, p, organization.stakeholders),
      Strategy: (el, p) => this.strategy(el, p),
      ...this.context.notKept([...UNMAPPED, ...ACTOR_EXTRAS, 'Type'], NO_PART2_EQUIVALENT),
    });
    return organization;
  }

  private statement(element: XmlElement, path: string): Statement {
    const statement: Statement = { description: '', identifier: '' };
    const once = new Once(this.context);
    this.context.attributes(element, path);
    this.context.children(element, path, {
      ...this.identifier(once, (v) => (statement.identifier = v)),
      Description: this.context.singleText(once, 'Description', (v) => (statement.description = v)),
      ...this.context.notKept([...UNMAPPED, 'Name', 'Stakeholders', 'OtherInformation'], NO_PART2_EQUIVALENT),
    });
    return statement;
  }

  private value(element: XmlElement, path: string): Value {
    const value: Value = { name: '', description: '' };
    const once = new Once(this.context);
    this.context.attributes(element, path);
    this.context.children(element, path, {
      Name: this.context.singleText(once, 'Name', (v) => (value.name = v)),
      Description: this.context.singleText(once, 'Description', (v) => (value.description = v)),
      ...this.context.notKept([...IDENTIFIER_NAMES, ...UNMAPPED, 'SequenceIndicator', 'Stakeholders', 'OtherInformation'], NO_PART2_EQUIVALENT),
    });
    return value;
  }

  private goal(element: XmlElement, path: string): Goal {
    const goal = blankGoal();
    const once = new Once(this.context);
    this.context.attributes(element, path);
    this.context.children(element, path, {
      ...this.identifier(once, (v) => (goal.identifier = v)),
      Name: this.context.singleText(once, 'Name', (v) => (goal.name = v)),
      Description: this.context.singleText(once, 'Description', (v) => (goal.description = v)),
      SequenceIndicator: this.context.singleText(once, 'SequenceIndicator', (v) => (goal.sequenceIndicator = v)),
      OtherInformation: this.context.singleText(once, 'OtherInformation', (v) => (goal.otherInformation = v)),
      Stakeholders: (el, p) => this.stakeholders.list(el, p, goal.stakeholders),
      Objective: (el, p) => goal.objectives.push(this.objective(el, p)),
      ...this.context.notKept([...UNMAPPED, 'Perspective', 'SuccessFactor', 'Priority', 'Authority', 'Place'], NO_PART2_EQUIVALENT),
    });
    return goal;
  }

  private objective(element: XmlElement, path: string): Objective {
    const objective = blankObjective();
    const once = new Once(this.context);
    const indicatorHandlers: ChildHandlers = Object.fromEntries(
      Object.entries(INDICATOR_ELEMENTS).map(([name, type]) => [name, (el: XmlElement, p: string) => objective.performanceIndicators.push(this.indicators.indicator(el, p, type))]),
    );
    this.context.attributes(element, path);
    this.context.children(element, path, {
      ...this.identifier(once, (v) => (objective.identifier = v)),
      Name: this.context.singleText(once, 'Name', (v) => (objective.name = v)),
      Description: this.context.singleText(once, 'Description', (v) => (objective.description = v)),
      SequenceIndicator: this.context.singleText(once, 'SequenceIndicator', (v) => (objective.sequenceIndicator = v)),
      OtherInformation: this.context.singleText(once, 'OtherInformation', (v) => (objective.otherInformation = v)),
      Stakeholders: (el, p) => this.stakeholders.list(el, p, objective.stakeholders),
      ...indicatorHandlers,
      ...this.context.notKept([...UNMAPPED, 'Perspective', 'Priority', 'Categorization', 'ManagementChallenge', 'ScoredPerformanceIndicator'], NO_PART2_EQUIVALENT),
    });
    return objective;
  }

  private administrativeInformation(element: XmlElement, path: string): AdministrativeInformation {
    const info = blankAdministrativeInformation();
    const once = new Once(this.context);
    this.context.attributes(element, path);
    this.context.children(element, path, {
      ...this.identifier(once, (v) => (info.identifier = v)),
      StartDate: (el, p) => once.take('StartDate', el, p, () => (info.startDate = this.context.date(el, p))),
      EndDate: (el, p) => once.take('EndDate', el, p, () => (info.endDate = this.context.date(el, p))),
      PublicationDate: (el, p) => once.take('PublicationDate', el, p, () => (info.publicationDate = this.context.date(el, p))),
      Source: (el, p) => once.take('Source', el, p, () => (info.source = this.context.uri(el, p))),
    });
    return info;
  }

  private submitter(element: XmlElement, path: string): Contact {
    const contact = blankContact();
    const once = new Once(this.context);
    this.context.attributes(element, path);
    this.context.children(element, path, {
      ...this.identifier(once, (v) => (contact.identifier = v)),
      GivenName: this.context.singleText(once, 'GivenName', (v) => (contact.givenName = v)),
      Surname: this.context.singleText(once, 'Surname', (v) => (contact.surname = v)),
      Contact: (el, p) => once.take('Contact', el, p, () => this.contactDetails(el, p, contact)),
      ...this.context.notKept([...UNMAPPED, ...ACTOR_EXTRAS.filter((name) => name !== 'Contact'), 'Name', 'Description'], NO_PART2_EQUIVALENT),
    });
    return contact;
  }

  /** 3.5 keeps a person's email and phone in a Contact of its own; Part 2 has one of each on the Submitter. */
  private contactDetails(element: XmlElement, path: string, contact: Contact): void {
    const once = new Once(this.context);
    this.context.attributes(element, path);
    this.context.children(element, path, {
      EmailAddress: (el, p) => once.take('EmailAddress', el, p, () => (contact.emailAddress = this.contactValue(el, p, 'Email'))),
      PhoneNumber: (el, p) => once.take('PhoneNumber', el, p, () => (contact.phoneNumber = this.contactValue(el, p, 'Number'))),
      ...this.context.notKept([...IDENTIFIER_NAMES, 'Address', 'Website'], NO_PART2_EQUIVALENT),
    });
  }

  /** An email address or phone number: plain text, or (as 3.5 has it) an element holding the value beside its label. */
  private contactValue(element: XmlElement, path: string, valueName: string): string {
    if (element.children.length === 0) return cleanText(this.context.text(element, path));
    let value = '';
    const once = new Once(this.context);
    this.context.attributes(element, path);
    this.context.children(element, path, {
      [valueName]: this.context.singleText(once, valueName, (v) => (value = v)),
      ...this.context.notKept([...IDENTIFIER_NAMES, ...UNMAPPED, 'Name', 'Description', 'Type'], NO_PART2_EQUIVALENT),
    });
    return value;
  }
}
