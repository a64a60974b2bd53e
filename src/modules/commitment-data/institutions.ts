import type { OrganisationType } from '../organisations/organisation-types.ts';

// The sheet's "Lead Institution" and "Supporting Institution(s)" cells are free text: one name, a
// list ("Ministry of Finance; National Audit Office"), a numbered or bulleted list over several
// lines, or a sentence. The names are split out to link organisations; the cell itself is kept as
// read in the row, so nothing is lost when a sentence does not split into names.

export const INSTITUTION_NAME_MAX = 150;
const NAMES_MAX = 40;
/** Cells that name no institution. */
const NO_INSTITUTION = new Set(['', 'na', 'n/a', 'nd', 'nr', 'none', 'unclear', 'tbd', 'tbc', '-']);

// List markers at the start of a piece: "1.", "2)", "(a)", "a)", "-", "•", "●", "*".
const LIST_MARKER = /^(?:\(?[0-9]{1,2}[.)]|\(?[a-z][.)]|\([ivx]+\)|[-–•●▪◦*])\s+/i;
// A short label before a colon ("Government:", "Partner CSO:"), not part of the name.
const LABEL = /^[^:]{1,40}:\s*/;

const TYPE_PATTERNS: ReadonlyArray<readonly [OrganisationType, RegExp]> = [
  ['multilateral', /\b(UNDP|UNICEF|UNESCO|UNODC|UN Women|United Nations|World Bank|IMF|OECD|OSCE|European Union|European Commission|Council of Europe|Inter-American Development Bank|IDB|African Development Bank|Asian Development Bank)\b/],
  ['private_sector', /\bchambers? of commerce\b/i],
  // A name that says it is part of the state is government, whatever else it mentions ("Bureau for Media").
  [
    'government_agency',
    /\b(ministry|ministries|minister|department|office|bureau|parliament|parliamentary|assembly|senate|congress|chamber of deputies|house of representatives|government|commission|commissioner|agency|authority|council|court|judiciary|municipal|municipality|prefecture|presidency|secretariat|ministerio|secretar[ií]a|direcci[oó]n|c[aá]mara|asamblea|gobierno|minist[eè]re|tribunal)\b/i,
  ],
  ['academia', /\b(university|universit[yéeà]|universidad|college|academ\w*|school of|research (centre|center|institute)|think tank)\b/i],
  ['media', /\b(media|radio|television|broadcast\w*|newspaper|press|journalists?)\b/i],
  [
    'civil_society',
    /\b(civil society|sociedad civil|soci[eé]t[eé] civile|CSOs?|NGOs?|non-?governmental|non-?profit|foundation|fundaci[oó]n|fondation|associations?|asociaci[oó]n|federations?|organi[sz]ations|coalition|network|trust|initiative|movement|alliance|transparency international|forum)\b/i,
  ],
  ['private_sector', /\b(company|companies|corporation|ltd|llc|inc|plc|s\.a\.|private sector|business(es)?|chamber of commerce|industry)\b/i],
];

/** One name as it should be stored: no list marker, label, surrounding punctuation or doubled spaces. */
function cleanName(piece: string): string {
  let name = piece.replace(/\s+/g, ' ').trim();
  for (let i = 0; i < 3 && LIST_MARKER.test(name); i += 1) name = name.replace(LIST_MARKER, '');
  if (LABEL.test(name) && name.replace(LABEL, '').length > 2) name = name.replace(LABEL, '');
  return name.replace(/^[\s,.;:–-]+|[\s,;:–-]+$/g, '').replace(/\.$/, '').trim();
}

const isAcronym = (word: string): boolean => /^[A-Z0-9&-]{2,}$/.test(word.replace(/[()]/g, ''));
const startsLowercase = (text: string): boolean => /^\p{Ll}/u.test(text.trim());

/** True when a piece says by itself that it is an institution: a kind of body, or an acronym. */
function namesAnInstitution(piece: string): boolean {
  return TYPE_PATTERNS.some(([, pattern]) => pattern.test(piece)) || piece.split(/\s+/).some(isAcronym);
}

/**
 * Splits on commas only where the next fragment names an institution by itself: "Ministry of Youth,
 * Culture and Communication" stays whole, "Ministry of Finance, National Audit Office, UNDP" is three.
 */
function splitCommas(piece: string): string[] {
  const names: string[] = [];
  for (const fragment of piece.split(',')) {
    const trimmed = fragment.trim();
    const last = names.length - 1;
    if (last >= 0 && (startsLowercase(trimmed) || !namesAnInstitution(trimmed))) names[last] = `${names[last]}, ${trimmed}`;
    else if (trimmed !== '') names.push(trimmed);
  }
  return names;
}

/** Lines of a cell, a line that starts in lower case continuing the one before (a wrapped name). */
function joinWrappedLines(cell: string): string {
  return cell.replace(/\s*\r?\n\s*(?=\p{Ll})/gu, ' ');
}

// Pieces that describe a group rather than name a body: "All ministries", "Other civil society organisations".
const GROUP_WORDS = /^(all|other|others|relevant|concerned|various|the different|different|several|any|each|every|citizens|etc)\b/i;

/** The organisation names in a cell, in order, without repeats (compared case-insensitively). */
export function splitInstitutions(cell: string): string[] {
  if (NO_INSTITUTION.has(cell.trim().toLowerCase())) return [];
  // A cell that starts with a dash is a dash list: "- Relevant ministries - Archives du Maroc".
  const dashList = /^\s*-/.test(cell);
  const pieces = joinWrappedLines(cell)
    .split(dashList ? /\r?\n|;|•|●|▪|\s-\s?(?=\p{Lu})/u : /\r?\n|;|•|●|▪|\s(?=\(?[0-9]{1,2}[.)]\s)|\s(?=\([a-z]\)\s)/)
    .flatMap(splitCommas)
    .map(cleanName);
  const seen = new Set<string>();
  const names: string[] = [];
  for (const name of pieces) {
    const key = institutionKey(name);
    // Long pieces are sentences, addresses are not names, and a lone common word is not a body.
    const oneWord = !/\s/.test(name);
    if (name.length < 2 || name.length > INSTITUTION_NAME_MAX || name.includes('@') || NO_INSTITUTION.has(key) || seen.has(key)) continue;
    if (GROUP_WORDS.test(name) || startsLowercase(name) || (oneWord && !isAcronym(name) && !namesAnInstitution(name))) continue;
    seen.add(key);
    names.push(name);
    if (names.length >= NAMES_MAX) break;
  }
  return names;
}

/** How two spellings of one name are recognised as the same organisation. */
export const institutionKey = (name: string): string => name.normalize('NFC').replace(/\s+/g, ' ').trim().toLowerCase();

/** The kind of organisation a name makes obvious; government when it does not say. */
export function guessOrganisationType(name: string): OrganisationType {
  return TYPE_PATTERNS.find(([, pattern]) => pattern.test(name))?.[0] ?? 'government_agency';
}
