/**
 * The people, posts and organisations of a StratML 3.5 document as Part 2 stakeholders: an Individual
 * is a Person, a PrototypeIndividual (a post still to be filled, "TBN: VP/Finance") and a Group are a
 * Generic_Group, an Organization inside the plan's own is an Organization. Their roles become Part 2
 * roles, a role given only by reference taking the referenced role's name and role types.
 */
import { blankRole, blankStakeholder } from './blank.ts';
import { ROLE_TYPES, type Role, type Stakeholder, type StakeholderType } from './model.ts';
import { Once, type ChildHandlers, type ReadContext } from './read-context.ts';
import { childEnums, childText, fullName, IDENTIFIER_NAMES, nameOf, type Located, type Stratml35References } from './stratml35-references.ts';
import { LINK_AND_STATE_ELEMENTS, NO_PART2_EQUIVALENT } from './stratml35-unmapped.ts';
import { cleanText } from './values.ts';
import type { XmlElement } from './xml-tree.ts';

// A Part 2 stakeholder or role has no Identifier; people and organisations carry contact details and more besides.
const ROLE_EXTRAS = [...IDENTIFIER_NAMES, ...LINK_AND_STATE_ELEMENTS] as const;
const ACTOR_EXTRAS = [...ROLE_EXTRAS, 'Contact', 'Competency', 'ValueProposition', 'Relationship'] as const;

function isEmptyRole(role: Role): boolean {
  return role.name === '' && role.description === '' && role.roleTypes.length === 0;
}

export class Stratml35StakeholderReader {
  constructor(
    private readonly context: ReadContext,
    private readonly references: Stratml35References,
  ) {}

  /** Handlers for the stakeholders an Organization holds directly. */
  handlers(into: Stakeholder[]): ChildHandlers {
    return {
      Individual: (el, p) => into.push(this.individual(el, p, 'Person')),
      PrototypeIndividual: (el, p) => into.push(this.individual(el, p, 'Generic_Group')),
      Organization: (el, p) => into.push(this.group(el, p, 'Organization')),
      Group: (el, p) => into.push(this.group(el, p, 'Generic_Group')),
    };
  }

  /** A <Stakeholders> list, where a bare Role stands for whoever holds it. */
  list(element: XmlElement, path: string, into: Stakeholder[]): void {
    this.context.attributes(element, path);
    this.context.children(element, path, {
      ...this.handlers(into),
      Role: (el, p) => {
        const role = this.role(el, p);
        if (role) into.push({ ...blankStakeholder(), name: role.name, type: 'Generic_Group', roles: [role] });
      },
    });
  }

  private individual(element: XmlElement, path: string, type: StakeholderType): Stakeholder {
    const stakeholder: Stakeholder = { ...blankStakeholder(), type };
    const once = new Once(this.context);
    const given = { givenName: '', surname: '' };
    const reference = this.referenceReader(once);
    this.context.attributes(element, path);
    this.context.children(element, path, {
      Name: this.context.singleText(once, 'Name', (v) => (stakeholder.name = v)),
      Description: this.context.singleText(once, 'Description', (v) => (stakeholder.description = v)),
      GivenName: this.context.singleText(once, 'GivenName', (v) => (given.givenName = v)),
      Surname: this.context.singleText(once, 'Surname', (v) => (given.surname = v)),
      ReferenceIdentifier: reference.handler,
      Role: (el, p) => this.addRole(stakeholder, el, p),
      ...this.context.notKept(ACTOR_EXTRAS, NO_PART2_EQUIVALENT),
    });
    // A person given only by reference is named where the reference points (often the Submitter).
    const referencedName = reference.resolve(nameOf);
    stakeholder.name ||= fullName(given.givenName, given.surname) || referencedName;
    return stakeholder;
  }

  private group(element: XmlElement, path: string, type: StakeholderType): Stakeholder {
    const stakeholder: Stakeholder = { ...blankStakeholder(), type };
    const once = new Once(this.context);
    const reference = this.referenceReader(once);
    this.context.attributes(element, path);
    this.context.children(element, path, {
      Name: this.context.singleText(once, 'Name', (v) => (stakeholder.name = v)),
      Description: this.context.singleText(once, 'Description', (v) => (stakeholder.description = v)),
      ReferenceIdentifier: reference.handler,
      Role: (el, p) => this.addRole(stakeholder, el, p),
      // A Part 2 stakeholder is one flat entry: the people and units inside this one have no place.
      ...this.context.notKept([...ACTOR_EXTRAS, 'Acronym', 'Type', 'Individual', 'PrototypeIndividual', 'Organization', 'Strategy'], NO_PART2_EQUIVALENT),
    });
    const referencedName = reference.resolve(nameOf);
    stakeholder.name ||= referencedName;
    return stakeholder;
  }

  private addRole(stakeholder: Stakeholder, element: XmlElement, path: string): void {
    const role = this.role(element, path);
    if (role) stakeholder.roles.push(role);
  }

  /** A role, or null when it holds nothing Part 2 can keep (a lone RoleType "Client", say, which is reported). */
  private role(element: XmlElement, path: string): Role | null {
    const role = blankRole();
    const once = new Once(this.context);
    const reference = this.referenceReader(once);
    this.context.attributes(element, path);
    this.context.children(element, path, {
      Name: this.context.singleText(once, 'Name', (v) => (role.name = v)),
      Description: this.context.singleText(once, 'Description', (v) => (role.description = v)),
      RoleType: (el, p) => {
        const roleType = this.context.enumeration(this.context.text(el, p), ROLE_TYPES, p, el);
        if (roleType && !role.roleTypes.includes(roleType)) role.roleTypes.push(roleType);
      },
      ReferenceIdentifier: reference.handler,
      ...this.context.notKept(ROLE_EXTRAS, NO_PART2_EQUIVALENT),
    });
    reference.resolve((target) => {
      if (target.localName !== 'Role') return '';
      // What the role says itself wins over what it refers to.
      role.name ||= childText(target, 'Name');
      role.description ||= childText(target, 'Description');
      if (role.roleTypes.length === 0) role.roleTypes = childEnums(target, 'RoleType', ROLE_TYPES);
      return role.name;
    });
    return isEmptyRole(role) ? null : role;
  }

  /**
   * Reads a ReferenceIdentifier and later looks up what it points at; a reference to nothing in the
   * file, or to something that gives nothing, is reported.
   */
  private referenceReader(once: Once) {
    let found: Located | null = null;
    return {
      handler: (element: XmlElement, path: string) =>
        once.take('ReferenceIdentifier', element, path, () => {
          const identifier = cleanText(this.context.text(element, path));
          if (identifier !== '') found = { element, path, value: identifier };
        }),
      resolve: (use: (target: XmlElement) => string): string => {
        if (!found) return '';
        const target = this.references.find(found.value);
        const value = target ? use(target) : '';
        if (!target) this.context.note(found.path, found.element, `"${found.value}" is the Identifier of nothing in the file; ignored`);
        else if (value === '') this.context.note(found.path, found.element, `"${found.value}" names a ${target.localName}, which gives nothing to keep here; ignored`);
        return value;
      },
    };
  }
}
