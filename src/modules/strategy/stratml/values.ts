/**
 * Turning loose text into the values the StratML schemas accept. The reader uses these to normalise
 * what a file says (reporting what it had to drop) and the writer uses them again so that whatever a
 * document holds, the XML it writes validates.
 */

/** Characters XML 1.0 cannot carry at all (control characters, lone surrogates, U+FFFE/U+FFFF). */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const NOT_XML_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text as an XML document can hold it: characters XML forbids removed, line endings as a parser reports them. */
export function xmlText(value: string): string {
  return value.replace(NOT_XML_CHARACTERS, '').replace(/\r\n?/g, '\n');
}

/** Text as the reader keeps it: XML-safe and without surrounding whitespace (files indent their content). */
export function cleanText(value: string): string {
  return xmlText(value).trim();
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
// xs:date may carry a time zone, and files sometimes put a full dateTime where a date belongs.
const DATE_WITH_EXTRAS = /^(\d{4}-\d{2}-\d{2})(?:Z|[+-]\d{2}:\d{2}|T[0-9:.]+(?:Z|[+-]\d{2}:\d{2})?)$/;

function isRealDate(value: string): boolean {
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year < 1 || month < 1 || month > 12 || day < 1) return false;
  // Day 0 of the next month is the last day of this one (UTC, so no time zone can shift it).
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * A date as YYYY-MM-DD, or '' when the text is not a calendar date. `exact` is false when the text
 * said more than the date (a time or a time zone), so the reader can report what it left out.
 */
export function toIsoDate(value: string): { date: string; exact: boolean } {
  const text = value.trim();
  if (text === '') return { date: '', exact: true };
  if (isRealDate(text)) return { date: text, exact: true };
  const extended = DATE_WITH_EXTRAS.exec(text);
  if (extended?.[1] && isRealDate(extended[1])) return { date: extended[1], exact: false };
  return { date: '', exact: false };
}

/** The date a writer may put in the file: a real YYYY-MM-DD date or nothing. */
export function writableDate(value: string): string {
  return isRealDate(value) ? value : '';
}

const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
// Thousands separators as people type them ("1,250,000.5"); nothing looser is guessed at.
const GROUPED = /^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$/;

/** NumberOfUnits as a finite number, or null when the text is empty or not a number. */
export function toNumber(value: string): number | null {
  const text = value.trim();
  if (text === '') return null;
  const plain = GROUPED.test(text) ? text.replaceAll(',', '') : text;
  if (!DECIMAL.test(plain)) return null;
  const parsed = Number(plain);
  return Number.isFinite(parsed) ? parsed : null;
}

/** A number in xs:decimal form: JavaScript writes 1e21 and 1e-7 with exponents, which xs:decimal does not allow. */
export function decimalText(value: number): string {
  const text = String(Object.is(value, -0) ? 0 : value);
  const match = /^(-?)(\d+)(?:\.(\d+))?e([+-]\d+)$/.exec(text);
  if (!match) return text;
  const [, sign = '', whole = '', fraction = '', exponentText = '0'] = match;
  const digits = whole + fraction;
  const point = whole.length + Number(exponentText);
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return `${sign}${digits}${'0'.repeat(point - digits.length)}`;
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

/**
 * One of a schema enumeration's values. Files differ in case and write spaces or hyphens for the
 * underscores ("Performance Plan"), so those are matched; anything else is null.
 */
export function toEnum<T extends string>(value: string, allowed: readonly T[]): T | null {
  const key = (text: string) => text.trim().toLowerCase().replace(/[\s-]+/g, '_');
  const wanted = key(value);
  return allowed.find((candidate) => key(candidate) === wanted) ?? null;
}

// RFC 3986 URI-reference. libxml2 (which validates our exports in the tests and anywhere else people
// check them) first replaces spaces, non-ASCII and a few other characters with '_' and then requires this.
const UNRESERVED = 'A-Za-z0-9\\-._~';
const SUB_DELIMS = "!$&'()*+,;=";
const PCT = '%[0-9A-Fa-f]{2}';
const PCHAR = `(?:[${UNRESERVED}${SUB_DELIMS}:@]|${PCT})`;
const SEGMENT = `${PCHAR}*`;
const SEGMENT_NZ = `${PCHAR}+`;
const SEGMENT_NZ_NC = `(?:[${UNRESERVED}${SUB_DELIMS}@]|${PCT})+`;
const QUERY = `(?:${PCHAR}|[/?])*`;
const USERINFO = `(?:[${UNRESERVED}${SUB_DELIMS}:]|${PCT})*`;
const HOST = `(?:\\[[0-9A-Fa-f:.]+\\]|(?:[${UNRESERVED}${SUB_DELIMS}]|${PCT})*)`;
const AUTHORITY = `(?:${USERINFO}@)?${HOST}(?::[0-9]*)?`;
const PATH_ABEMPTY = `(?:/${SEGMENT})*`;
const PATH_ABSOLUTE = `/(?:${SEGMENT_NZ}(?:/${SEGMENT})*)?`;
const TAIL = `(?:\\?${QUERY})?(?:#${QUERY})?`;
const ABSOLUTE_URI = `[A-Za-z][A-Za-z0-9+.\\-]*:(?://${AUTHORITY}${PATH_ABEMPTY}|${PATH_ABSOLUTE}|${SEGMENT_NZ}(?:/${SEGMENT})*|)${TAIL}`;
const RELATIVE_REF = `(?://${AUTHORITY}${PATH_ABEMPTY}|${PATH_ABSOLUTE}|${SEGMENT_NZ_NC}(?:/${SEGMENT})*|)${TAIL}`;
const URI_REFERENCE = new RegExp(`^(?:${ABSOLUTE_URI}|${RELATIVE_REF})$`);
// eslint-disable-next-line no-control-regex -- libxml2 replaces control characters too
const LAX_CHARACTERS = /[\u0000-\u0020\u007F-\uFFFF<>"{}|\\^`']/g;

/**
 * Source as xs:anyURI: kept as written when it is a URI reference (the usual case, a web address);
 * otherwise percent-encoded whole, so the text survives and the file still validates.
 * The second value says whether it had to be encoded.
 */
export function toAnyUri(value: string): { uri: string; escaped: boolean } {
  const text = value.trim().replace(/\s+/g, ' ');
  if (URI_REFERENCE.test(text.replace(LAX_CHARACTERS, '_'))) return { uri: text, escaped: false };
  return { uri: encodeURIComponent(text), escaped: true };
}
