/**
 * The bookkeeping the StratML reader shares between elements: which children go where, and the list
 * of everything it could not keep, so an import can show it instead of losing it quietly.
 */
import { STRATML_NAMESPACES, XSI_NAMESPACE } from './namespaces.ts';
import { cleanText, toAnyUri, toEnum, toIsoDate, toNumber } from './values.ts';
import { XML_NAMESPACE, XMLNS_NAMESPACE, type XmlElement } from './xml-tree.ts';

export type ChildHandlers = Record<string, (child: XmlElement, path: string) => void>;
export type AttributeHandlers = Record<string, (value: string, path: string) => void>;

/** Nothing in it: no text, no child elements, no attributes beyond namespace declarations. */
export function isEmptyElement(element: XmlElement): boolean {
  return (
    element.textContent === '' &&
    element.children.length === 0 &&
    element.attributes.every((attribute) => attribute.namespace === XMLNS_NAMESPACE || attribute.value.trim() === '')
  );
}

export class ReadContext {
  readonly ignored: string[] = [];
  private readonly namespaces: ReadonlySet<string>;

  /** The root's namespace is read as StratML too, so a file with a misspelt namespace still reads. */
  constructor(rootNamespace: string, known: ReadonlySet<string> = STRATML_NAMESPACES) {
    this.namespaces = new Set([...known, rootNamespace]);
  }

  note(path: string, element: XmlElement, message: string): void {
    this.ignored.push(`${path} (line ${element.line}): ${message}`);
  }

  /**
   * Hands each child to the handler for its name, in whatever order the file has them. A plural wrapper
   * (<Goals> around <Goal>s) is looked through; anything else unknown is reported unless it is empty.
   */
  children(parent: XmlElement, parentPath: string, handlers: ChildHandlers): void {
    if (parent.text !== '') this.note(parentPath, parent, `text outside any element ignored: "${excerpt(parent.text)}"`);
    const totals = new Map<string, number>();
    for (const child of parent.children) totals.set(child.localName, (totals.get(child.localName) ?? 0) + 1);
    const seen = new Map<string, number>();
    for (const child of parent.children) {
      const index = (seen.get(child.localName) ?? 0) + 1;
      seen.set(child.localName, index);
      const path = `${parentPath}/${child.localName}${(totals.get(child.localName) ?? 0) > 1 ? `[${index}]` : ''}`;
      const handler = Object.hasOwn(handlers, child.localName) ? handlers[child.localName] : undefined;
      const singular = child.localName.endsWith('s') ? child.localName.slice(0, -1) : '';
      if (!this.namespaces.has(child.namespace)) {
        if (!isEmptyElement(child)) this.note(path, child, `element from namespace "${child.namespace}" not understood`);
      } else if (handler) {
        handler(child, path);
      } else if (singular && Object.hasOwn(handlers, singular)) {
        const only = handlers[singular];
        this.attributes(child, path);
        if (only) this.children(child, path, { [singular]: only });
      } else if (!isEmptyElement(child)) {
        this.note(path, child, 'element not understood');
      }
    }
  }

  /** Hands each attribute to its handler; namespace declarations and xsi:schemaLocation are not content. */
  attributes(element: XmlElement, path: string, handlers: AttributeHandlers = {}): void {
    for (const attribute of element.attributes) {
      if (attribute.namespace === XMLNS_NAMESPACE || attribute.namespace === XSI_NAMESPACE) continue;
      if (attribute.namespace === XML_NAMESPACE && attribute.localName === 'space') continue;
      const handler = attribute.namespace === '' && Object.hasOwn(handlers, attribute.localName) ? handlers[attribute.localName] : undefined;
      const attributePath = `${path}/@${attribute.qualifiedName}`;
      if (handler) handler(attribute.value, attributePath);
      else if (attribute.value.trim() !== '') this.note(attributePath, element, `attribute not understood (value "${excerpt(attribute.value)}")`);
    }
  }

  /** The text of an element that holds text; markup inside it is dropped (its words are kept) and reported. */
  text(element: XmlElement, path: string): string {
    this.attributes(element, path);
    if (element.children.length > 0) this.note(path, element, 'markup inside the text dropped; its words were kept');
    return element.textContent;
  }

  /** A handler for a child that holds one text value: the first is kept, a repeat reported. */
  singleText(once: Once, key: string, set: (value: string) => void): (element: XmlElement, path: string) => void {
    return (element, path) => once.take(key, element, path, () => set(cleanText(this.text(element, path))));
  }

  /** Handlers for children the reader knows but has nowhere to keep: each one with content is reported with `reason`. */
  notKept(names: readonly string[], reason: string): ChildHandlers {
    const report = (element: XmlElement, path: string) => {
      if (!isEmptyElement(element)) this.note(path, element, reason);
    };
    return Object.fromEntries(names.map((name) => [name, report]));
  }

  date(element: XmlElement, path: string): string {
    const text = cleanText(this.text(element, path));
    const { date, exact } = toIsoDate(text);
    if (!exact && date === '') this.note(path, element, `"${excerpt(text)}" is not a date (YYYY-MM-DD); left empty`);
    else if (!exact) this.note(path, element, `"${excerpt(text)}" read as the date ${date}`);
    return date;
  }

  number(element: XmlElement, path: string): number | null {
    const text = cleanText(this.text(element, path));
    const number = toNumber(text);
    if (number === null && text !== '') this.note(path, element, `"${excerpt(text)}" is not a number; left empty`);
    return number;
  }

  uri(element: XmlElement, path: string): string {
    const text = cleanText(this.text(element, path));
    const { uri, escaped } = toAnyUri(text);
    if (escaped) this.note(path, element, `"${excerpt(text)}" is not a URI; kept percent-encoded`);
    return uri;
  }

  enumeration<T extends string>(value: string, allowed: readonly T[], path: string, element: XmlElement): T | null {
    const text = cleanText(value);
    if (text === '') return null;
    const match = toEnum(text, allowed);
    if (!match) this.note(path, element, `"${excerpt(text)}" is not one of ${allowed.join(', ')}; left empty`);
    return match;
  }
}

/** A short quotation of a value for the report. */
export function excerpt(value: string): string {
  const single = value.replace(/\s+/g, ' ').trim();
  return single.length > 80 ? `${single.slice(0, 77)}...` : single;
}

/**
 * Tracks which single-valued children an element has had, so a repeated one (two <Name>s) is reported
 * rather than silently overwriting the first.
 */
export class Once {
  private readonly seen = new Set<string>();

  constructor(private readonly context: ReadContext) {}

  take(key: string, element: XmlElement, path: string, read: () => void): void {
    if (this.seen.has(key)) {
      if (!isEmptyElement(element)) this.context.note(path, element, `a second ${key} ignored; the first one was kept`);
      return;
    }
    read();
    // An empty placeholder does not count as the first: a later one with content still gets read.
    if (!isEmptyElement(element)) this.seen.add(key);
  }
}
