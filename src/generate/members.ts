import countries from 'i18n-iso-countries';
import type { MembersTable, OrganisationsTable } from '../db/schema.ts';
import type { MemberStatus, Region } from '../modules/commitments/commitment-status.ts';
import type { OrganisationType } from '../modules/organisations/organisation-types.ts';
import { chooseSlug } from '../modules/organisations/slugs.ts';
import { institutionKey } from '../modules/commitment-data/institutions.ts';
import { LOCAL_AGENCIES, NATIONAL_AGENCIES, PARTNER_TEMPLATES } from './phrases/bodies.ts';
import { COUNTRIES, LOCAL_PLACES, OTHER_COUNTRY_REGIONS, PLACE_SYLLABLES } from './phrases/places.ts';
import { type Random, weights } from './random.ts';
import type { Sizes } from './sizes.ts';

/** Names already taken in the database (on --append, or after `ogp seed`), so generated ones never collide. */
export interface Taken {
  memberSlugs: Set<string>;
  /** Member names as the commitment sheet import compares them (`memberNameKey`): it tells members apart by name. */
  memberNames: Set<string>;
  organisationSlugs: Set<string>;
  /** Member codes, and the codes inside existing plan ids (AP_ALB01). */
  memberCodes: Set<string>;
  /** The highest number in use after each commitment id prefix (AL0002 → AL: 2); numbering continues from there. */
  idNumbers: Map<string, number>;
}

export interface GeneratedOrganisation {
  row: OrganisationsTable;
  /** The generic body name (e.g. "Ministry of Justice"), to match a theme's preferred lead. */
  kind: string;
  government: boolean;
}

export interface GeneratedMember {
  row: MembersTable;
  national: boolean;
  /** The place as people name it: the country, or the city or region of a local member. */
  place: string;
  countryName: string;
  spanish: boolean;
  /** The letters that start this member's commitment ids (AL in AL0002), and the number its first one takes. */
  idPrefix: string;
  firstIdNumber: number;
  /** Where the id prefixes come from: OGP's style for this member first (the country's alpha-2, three letters of a place). */
  prefixCandidates: () => Generator<string>;
  organisations: GeneratedOrganisation[];
  leadAgencyId: string;
  statusHistory: Array<{ status: MemberStatus; effectiveOn: string; reason: string }>;
}

const STATUS_WEIGHTS = weights<MemberStatus>({ active: 91, procedural_review: 5, inactive: 2, withdrawn: 2 });
// OGP was founded in 2011 with eight members; most nationals joined in its first years, locals from 2016.
const NATIONAL_JOINING = weights({ 2011: 30, 2012: 25, 2013: 8, 2014: 6, 2015: 5, 2016: 8, 2017: 5, 2018: 4, 2019: 3, 2020: 3, 2021: 2, 2022: 1 });
const LOCAL_JOINING = weights({ 2016: 15, 2018: 10, 2020: 20, 2021: 25, 2022: 15, 2023: 10, 2024: 5 });
const STATUS_REASONS: Record<MemberStatus, string> = {
  active: '',
  procedural_review: 'Acted contrary to process for two consecutive action plan cycles.',
  inactive: 'Designated inactive by the Steering Committee under the Response Policy.',
  withdrawn: 'The government withdrew from the partnership.',
};

const pad2 = (n: number): string => String(n).padStart(2, '0');
const asciiLetters = (text: string): string =>
  text
    .normalize('NFKD')
    .replace(/[^A-Za-z]/g, '')
    .toUpperCase();

/** The first free code among base, baseA…baseZ, baseAA…, so codes stay letters only. */
export function uniqueCode(base: string, taken: Set<string>): string {
  for (let length = 0; ; length += 1) {
    const total = LETTERS.length ** length;
    for (let n = 0; n < total; n += 1) {
      let suffix = '';
      for (let k = 0, v = n; k < length; k += 1, v = Math.floor(v / LETTERS.length)) suffix = LETTERS[v % LETTERS.length] + suffix;
      if (!taken.has(base + suffix)) {
        taken.add(base + suffix);
        return base + suffix;
      }
    }
  }
}

/** Two members of one name would be one member to the sheet import, so names are compared as it compares them. */
export const memberNameKey = institutionKey;

/** Words that tell apart real places of the same name (New York, North Shields, Upper Hutt), best first. */
const PLACE_QUALIFIERS = ['New', 'North', 'South', 'East', 'West', 'Upper', 'Lower', 'Old', 'Port', 'Great'] as const;

function syntheticPlace(random: Random): string {
  const s = PLACE_SYLLABLES;
  return `${random.pick(s.start)}${random.chance(0.5) ? random.pick(s.middle) : ''}${random.pick(s.end)}`;
}

function countryName(iso2: string): string {
  return COUNTRIES.find((c) => c.iso2 === iso2)?.name ?? countries.getName(iso2, 'en') ?? iso2;
}

function regionOf(iso2: string): Region {
  return COUNTRIES.find((c) => c.iso2 === iso2)?.region ?? OTHER_COUNTRY_REGIONS[iso2] ?? 'Europe';
}

function isoDate(year: number, month: number, day: number): string {
  return `${year}-${pad2(month)}-${pad2(day)}`;
}

interface Place {
  name: string;
  place: string;
  iso2: string;
  countryName: string;
  region: Region;
  spanish: boolean;
  national: boolean;
  codeBase: string;
}

/**
 * National members are countries, each once: OGP's code for one is its ISO 3166-1 alpha-3 code. Countries whose
 * code the database already has are skipped; members the countries cannot cover become local members.
 */
function nationalPlaces(random: Random, count: number, taken: Taken): Place[] {
  const free = random.sample(COUNTRIES, COUNTRIES.length).filter((c) => !taken.memberCodes.has(c.iso3));
  return free.slice(0, count).map((country) => ({
    name: country.name,
    place: country.name,
    iso2: country.iso2,
    countryName: country.name,
    region: country.region,
    spanish: country.spanish,
    national: true,
    codeBase: country.iso3,
  }));
}

/**
 * The place with a qualifier when its name is already a member's in that country, so every member's name is its own.
 * Only when all the qualified names are taken too (far past ×10) is another synthetic place drawn: until then the
 * random stream, and so everything generated after, is the same as without the check.
 */
function freePlace(random: Random, place: string, country: string, takenNames: Set<string>): string {
  for (let candidate = place; ; candidate = syntheticPlace(random)) {
    for (const name of [candidate, ...PLACE_QUALIFIERS.map((q) => `${q} ${candidate}`)]) {
      const key = memberNameKey(`${name}, ${country}`);
      if (takenNames.has(key)) continue;
      takenNames.add(key);
      return name;
    }
  }
}

function localPlaces(random: Random, count: number, takenNames: Set<string>): Place[] {
  const order = random.sample(LOCAL_PLACES, LOCAL_PLACES.length);
  return Array.from({ length: count }, (_, i) => {
    const real = i < order.length ? order[i]! : undefined;
    const iso2 = real ? real[1] : random.pick(COUNTRIES).iso2;
    const country = countryName(iso2);
    const place = freePlace(random, real ? real[0] : syntheticPlace(random), country, takenNames);
    return {
      name: `${place}, ${country}`,
      place,
      iso2,
      countryName: country,
      region: regionOf(iso2),
      spanish: COUNTRIES.find((c) => c.iso2 === iso2)?.spanish ?? false,
      national: false,
      // OGP's local codes: the country's alpha-2 and letters for the place (ARBA: Buenos Aires, Argentina).
      codeBase: iso2 + asciiLetters(place).slice(0, 2).padEnd(2, 'X'),
    };
  });
}

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/**
 * Prefixes for a member's commitment ids, in the platform's pattern (two or three letters, commitment-ids.ts),
 * best first: a country's alpha-2 (AL0002), three letters of a local member's place (BUE0001 for Buenos Aires).
 * Members may share a prefix, as in OGP's data; the numbers after it never repeat.
 */
function* prefixCandidates(place: Place): Generator<string> {
  if (place.national) yield place.iso2;
  const letters = asciiLetters(place.place).padEnd(3, 'X');
  yield letters.slice(0, 3);
  for (const b of LETTERS) for (const c of LETTERS) yield `${letters[0]}${b}${c}`;
  for (const a of LETTERS) for (const b of LETTERS) for (const c of LETTERS) yield `${a}${b}${c}`;
}

function organisationsFor(random: Random, member: Place, createdAt: string, taken: Taken): GeneratedOrganisation[] {
  const agencies: readonly string[] = member.national ? NATIONAL_AGENCIES : LOCAL_AGENCIES;
  const bodies: Array<{ name: string; kind: string; type: OrganisationType; government: boolean }> = random
    .sample(agencies, 4)
    .map((kind) => ({ name: `${kind} (${member.place})`, kind, type: 'government_agency', government: true }));
  for (const [type, template] of random.sample(PARTNER_TEMPLATES, 2)) {
    bodies.push({ name: template.replace('{place}', member.place), kind: template, type, government: false });
  }
  return bodies.map((body) => {
    const slug = chooseSlug(body.name, 'organisation', taken.organisationSlugs);
    taken.organisationSlugs.add(slug);
    return {
      kind: body.kind,
      government: body.government,
      row: {
        id: random.uuid(),
        slug,
        name: body.name,
        org_type: body.type,
        country: member.countryName,
        website: `https://${slug}.example.org`,
        description: body.government ? `Public body of ${member.place} taking part in the open government action plan.` : `Partner of the ${member.place} open government forum.`,
        created_at: createdAt,
        updated_at: createdAt,
      },
    };
  });
}

/** The members of a run: nationals first, then locals, each with its organisations, codes and status history. */
export function buildMembers(random: Random, sizes: Sizes, taken: Taken): GeneratedMember[] {
  const nationals = nationalPlaces(random, sizes.nationalMembers, taken);
  for (const national of nationals) taken.memberNames.add(memberNameKey(national.name));
  const places = [...nationals, ...localPlaces(random, sizes.members - nationals.length, taken.memberNames)];
  return places.map((place) => {
    const year = Number(random.weighted(place.national ? NATIONAL_JOINING : LOCAL_JOINING));
    const joinedOn = isoDate(year, random.int(1, 12), random.int(1, 28));
    const createdAt = `${joinedOn}T09:00:00.000Z`;
    const slug = chooseSlug(place.name, 'member', taken.memberSlugs);
    taken.memberSlugs.add(slug);
    const status = random.weighted(STATUS_WEIGHTS);
    const organisations = organisationsFor(random, place, createdAt, taken);
    const statusHistory: GeneratedMember['statusHistory'] = [{ status: 'active', effectiveOn: joinedOn, reason: '' }];
    if (status !== 'active') statusHistory.push({ status, effectiveOn: isoDate(Math.max(year + 2, 2016 + random.int(0, 8)), random.int(1, 12), random.int(1, 28)), reason: STATUS_REASONS[status] });
    return {
      national: place.national,
      place: place.place,
      countryName: place.countryName,
      spanish: place.spanish,
      idPrefix: '',
      firstIdNumber: 0,
      prefixCandidates: () => prefixCandidates(place),
      organisations,
      leadAgencyId: organisations[0]!.row.id,
      statusHistory,
      row: {
        id: random.uuid(),
        slug,
        name: place.name,
        member_type: place.national ? 'national' : 'local',
        country_code: place.iso2,
        joined_year: year,
        created_at: createdAt,
        ogp_code: uniqueCode(place.codeBase, taken.memberCodes),
        region: place.region,
        cohort: null,
        status,
        joined_on: joinedOn,
      },
    };
  });
}

export const ID_NUMBER_MAX = 9999;

/**
 * Gives each member an id prefix with room for all its commitments: the first candidate whose numbers, after the
 * highest already used, do not run past 9999. `used` is updated, so later members continue after earlier ones.
 */
export function assignIdPrefixes(members: readonly GeneratedMember[], commitmentsOf: (member: GeneratedMember) => number, used: Map<string, number>): void {
  for (const member of members) {
    const needed = commitmentsOf(member);
    for (const prefix of member.prefixCandidates()) {
      const highest = used.get(prefix) ?? 0;
      if (highest + needed > ID_NUMBER_MAX) continue;
      member.idPrefix = prefix;
      member.firstIdNumber = highest + 1;
      used.set(prefix, highest + needed);
      break;
    }
    if (member.idPrefix === '') throw new Error(`no commitment id prefix has room for ${needed} more commitments`);
  }
}
