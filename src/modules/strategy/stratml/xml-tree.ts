/**
 * Reading XML text into a small element tree that knows each element's namespace and where it
 * starts in the file. fast-xml-parser does the parsing; this adds what it leaves to the caller:
 * decoding bytes, refusing malformed input with a line and column, and resolving namespace prefixes.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { StratmlFormatError, StratmlSyntaxError } from './errors.ts';

export interface XmlAttribute {
  /** The name without its prefix. */
  localName: string;
  /** The name as written, e.g. "xsi:schemaLocation". */
  qualifiedName: string;
  namespace: string;
  value: string;
}

export interface XmlElement {
  localName: string;
  namespace: string;
  attributes: XmlAttribute[];
  children: XmlElement[];
  /** The element's own text, child elements left out. */
  text: string;
  /** All the text inside, child elements' included, in document order. */
  textContent: string;
  line: number;
  column: number;
}

export const XML_NAMESPACE = 'http://www.w3.org/XML/1998/namespace';
export const XMLNS_NAMESPACE = 'http://www.w3.org/2000/xmlns/';

// htmlEntities turns on character references (&#233;), which the parser otherwise leaves as written;
// it also reads the HTML named entities (&nbsp; and the like) that hand-edited files contain.
const parser = new XMLParser({
  preserveOrder: true,
  captureMetaData: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  htmlEntities: true,
});
// The typings declare the boxed Symbol type; the value is an ordinary symbol.
const META = XMLParser.getMetaDataSymbol() as unknown as symbol;

/** Converts character offsets into 1-based lines and columns (large plans have tens of thousands of elements). */
function locator(text: string): (offset: number) => { line: number; column: number } {
  const lineStarts = [0];
  for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) lineStarts.push(index + 1);
  return (offset) => {
    let low = 0;
    let high = lineStarts.length - 1;
    while (low < high) {
      const middle = Math.ceil((low + high) / 2);
      if ((lineStarts[middle] ?? 0) <= offset) low = middle;
      else high = middle - 1;
    }
    return { line: low + 1, column: offset - (lineStarts[low] ?? 0) + 1 };
  };
}

function declaredEncoding(bytes: Uint8Array): string {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 200));
  return /^<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(head)?.[1] ?? 'utf-8';
}

/** Where the first byte sequence that is not valid in the encoding starts (found by halving). */
function firstUndecodableByte(bytes: Uint8Array, encoding: string): number {
  let good = 0;
  let bad = bytes.length;
  while (bad - good > 1) {
    const middle = Math.floor((good + bad) / 2);
    try {
      new TextDecoder(encoding, { fatal: true }).decode(bytes.subarray(0, middle), { stream: true });
      good = middle;
    } catch {
      bad = middle;
    }
  }
  return good;
}

/** Bytes to text: UTF-16 by its byte-order mark, otherwise the XML declaration's encoding (UTF-8 by default). */
export function decodeXml(input: string | Uint8Array): string {
  if (typeof input === 'string') return input.replace(/^\uFEFF/, '');
  let encoding = declaredEncoding(input);
  if (input[0] === 0xff && input[1] === 0xfe) encoding = 'utf-16le';
  else if (input[0] === 0xfe && input[1] === 0xff) encoding = 'utf-16be';
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(encoding, { fatal: true });
  } catch {
    throw new StratmlSyntaxError(`the declared encoding "${encoding}" is not supported`, 1, 1);
  }
  try {
    return decoder.decode(input).replace(/^\uFEFF/, '');
  } catch {
    const offset = firstUndecodableByte(input, encoding);
    const before = new TextDecoder(encoding).decode(input.subarray(0, offset)).replace(/^\uFEFF/, '');
    const { line, column } = locator(before)(before.length);
    throw new StratmlSyntaxError(`the bytes are not valid ${decoder.encoding} text`, line, column);
  }
}

type OrderedNode = Record<string, unknown>;

/** Where the parser saw the node start (captureMetaData keeps it under a symbol). */
function startOf(node: OrderedNode): number {
  const meta = (node as Record<symbol, { startIndex?: number } | undefined>)[META];
  return meta?.startIndex ?? 0;
}

function isNodeList(value: unknown): value is OrderedNode[] {
  return Array.isArray(value);
}

function elementNameOf(node: OrderedNode): string | undefined {
  return Object.keys(node).find((key) => key !== ':@' && key !== '#text');
}

function splitName(name: string): { prefix: string; localName: string } {
  const colon = name.indexOf(':');
  return colon === -1 ? { prefix: '', localName: name } : { prefix: name.slice(0, colon), localName: name.slice(colon + 1) };
}

type Locate = ReturnType<typeof locator>;

// Recursion is safe here: the parser refuses documents nested more than 100 elements deep (maxNestedTags).
function buildElement(locate: Locate, node: OrderedNode, name: string, scope: ReadonlyMap<string, string>): XmlElement {
  const rawAttributes = (node[':@'] ?? {}) as Record<string, string>;
  const namespaces = new Map(scope);
  for (const [attribute, value] of Object.entries(rawAttributes)) {
    if (attribute === 'xmlns') namespaces.set('', value);
    else if (attribute.startsWith('xmlns:')) namespaces.set(attribute.slice(6), value);
  }
  const { prefix, localName } = splitName(name);
  const attributes: XmlAttribute[] = Object.entries(rawAttributes).map(([qualifiedName, value]) => {
    const parts = splitName(qualifiedName);
    let namespace = '';
    if (qualifiedName === 'xmlns' || parts.prefix === 'xmlns') namespace = XMLNS_NAMESPACE;
    else if (parts.prefix === 'xml') namespace = XML_NAMESPACE;
    else if (parts.prefix !== '') namespace = namespaces.get(parts.prefix) ?? '';
    return { localName: parts.localName, qualifiedName, namespace, value: String(value) };
  });
  const children: XmlElement[] = [];
  const texts: string[] = [];
  const allTexts: string[] = [];
  const content = node[name];
  for (const child of isNodeList(content) ? content : []) {
    const childName = elementNameOf(child);
    if (childName) {
      const element = buildElement(locate, child, childName, namespaces);
      children.push(element);
      if (element.textContent !== '') allTexts.push(element.textContent);
    } else if ('#text' in child) {
      texts.push(String(child['#text']));
      allTexts.push(String(child['#text']));
    }
  }
  const { line, column } = locate(startOf(node));
  return { localName, namespace: namespaces.get(prefix) ?? '', attributes, children, text: texts.join(' '), textContent: allTexts.join(' '), line, column };
}

/** Parses the whole document and returns its root element, or throws StratmlSyntaxError. */
export function readXmlTree(input: string | Uint8Array): XmlElement {
  const text = decodeXml(input);
  const verdict = XMLValidator.validate(text);
  if (verdict !== true) throw new StratmlSyntaxError(verdict.err.msg, verdict.err.line, verdict.err.col ?? 1);
  let nodes: OrderedNode[];
  try {
    nodes = parser.parse(text) as OrderedNode[];
  } catch (error) {
    // Past the validator, what remains are the parser's own limits (entity expansion and the like).
    throw new StratmlFormatError(`The file could not be read: ${error instanceof Error ? error.message : String(error)}`);
  }
  const locate = locator(text);
  const elements = nodes.filter((node) => elementNameOf(node) !== undefined);
  const [root, second] = elements;
  if (!root) throw new StratmlSyntaxError('there is no root element', 1, 1);
  // The validator accepts several top-level elements; XML allows exactly one.
  if (second) {
    const { line, column } = locate(startOf(second));
    throw new StratmlSyntaxError('only one root element is allowed', line, column);
  }
  const rootName = elementNameOf(root) as string;
  return buildElement(locate, root, rootName, new Map([['xml', XML_NAMESPACE]]));
}
