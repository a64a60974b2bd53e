/**
 * The StratML 3.5 proposal defines a thing once, under an Identifier, and elsewhere only points at it
 * with a ReferenceIdentifier: most people's roles are references to a role defined under someone else.
 * This index lets the 3.5 reader fetch what a reference points at, so the role or the name is kept.
 */
import { cleanText, toEnum } from './values.ts';
import type { XmlElement } from './xml-tree.ts';

// The 3.5 schema itself spells NameIdentifier's child "Identifer"; files written against it do too.
export const IDENTIFIER_NAMES = ['Identifier', 'Identifer'] as const;

/** The cleaned text of an element's first child with one of these names; '' when it has none. */
export function childText(element: XmlElement, ...names: string[]): string {
  const child = element.children.find((candidate) => names.includes(candidate.localName));
  return child ? cleanText(child.textContent) : '';
}

/** Every value of an enumeration an element's children of that name hold, each once, in file order. */
export function childEnums<T extends string>(element: XmlElement, name: string, allowed: readonly T[]): T[] {
  const values: T[] = [];
  for (const child of element.children) {
    const value = child.localName === name ? toEnum(child.textContent, allowed) : null;
    if (value && !values.includes(value)) values.push(value);
  }
  return values;
}

/** A value together with where the file gave it, for a report written once the whole element is read. */
export interface Located {
  element: XmlElement;
  path: string;
  value: string;
}

export function fullName(givenName: string, surname: string): string {
  return [givenName, surname].filter((part) => part !== '').join(' ');
}

/** What an element is called: its Name, or a person's given name and surname. */
export function nameOf(element: XmlElement): string {
  return childText(element, 'Name') || fullName(childText(element, 'GivenName'), childText(element, 'Surname'));
}

export class Stratml35References {
  private readonly byIdentifier = new Map<string, XmlElement>();

  constructor(root: XmlElement) {
    const pending = [root];
    for (let element = pending.pop(); element; element = pending.pop()) {
      const identifier = childText(element, ...IDENTIFIER_NAMES);
      // The first definition wins, as an XML ID must be unique anyway; the walk keeps file order.
      if (identifier !== '' && !this.byIdentifier.has(identifier)) this.byIdentifier.set(identifier, element);
      pending.push(...[...element.children].reverse());
    }
  }

  find(identifier: string): XmlElement | undefined {
    return this.byIdentifier.get(identifier);
  }
}
