import type { DbOrTrx } from '../../db/database.ts';
import { recordAudit } from '../../platform/audit.ts';
import { changedFields } from '../../platform/changes.ts';
import type { AppContext } from '../../platform/context.ts';
import { FieldErrorCollector, notFound } from '../../platform/errors.ts';
import { newId, nowIso } from '../../platform/ids.ts';
import type { Actor } from '../../platform/roles.ts';
import { listPublicHistory } from '../audit/audit.repository.ts';
import { getMemberPlanSummary, type MemberPlanSummary } from '../plans/plan-summaries.ts';
import type { Page, PageRequest } from '../../platform/pagination.ts';
import { chooseSlug, retryOnSlugRace, slugBase } from '../organisations/slugs.ts';
import { cohortForYear, isCohort } from './cohorts.ts';
import { isCountryCode } from './country-codes.ts';
import { isIsoDate, todayIso } from './iso-dates.ts';
import { checkMemberCode } from './member-codes.ts';
import { findLeadAgency, type LeadAgency, listStatusHistory, type StatusHistoryRow } from './member-status.repository.ts';
import { isMemberType } from './member-types.ts';
import {
  type EditableMemberFields,
  findMemberById,
  findMemberByOgpCode,
  findMemberBySlug,
  findMemberSlugsLike,
  insertMember,
  listMemberContacts,
  listMembers,
  type MemberFilter,
  type MemberRow,
  updateMember as updateMemberRow,
} from './members.repository.ts';
import { isRegion } from './regions.ts';

export type { MemberRow } from './members.repository.ts';

export const NAME_MAX = 200;
export const FIRST_JOIN_YEAR = 2011;
export const SEARCH_MAX = 200;
const SLUG_FALLBACK = 'member';

/** The cohort choice that means "the cohort of the year joined". */
export const COHORT_FROM_YEAR = 'auto';

export interface MemberInput {
  name: string;
  memberType: string;
  countryCode?: string | null;
  joinedYear?: number | null;
  /** YYYY-MM-DD; when given, the year joined is its year. */
  joinedOn?: string | null;
  /** OGP's code: ISO 3166-1 alpha-3 for a national member, e.g. ARBA for a local one. */
  ogpCode?: string | null;
  region?: string | null;
  /** 'even', 'odd', or blank / 'auto' for the cohort of the year joined. */
  cohort?: string | null;
}

export type MemberChanges = Omit<MemberInput, 'memberType'>;

// The partnership was founded in 2011; nobody can have joined before it or in the future.
export const lastJoinYear = (): number => new Date().getUTCFullYear();

const trimmed = (value: string | null | undefined): string => (value ?? '').trim();

function checkJoined(input: MemberChanges, errors: FieldErrorCollector): Pick<EditableMemberFields, 'joined_year' | 'joined_on'> {
  let joinedYear = input.joinedYear ?? null;
  const joinedOn = trimmed(input.joinedOn);
  if (joinedYear !== null && (!Number.isInteger(joinedYear) || joinedYear < FIRST_JOIN_YEAR || joinedYear > lastJoinYear())) {
    errors.add('joinedYear', 'members.errors.joinedYearInvalid', { min: FIRST_JOIN_YEAR, max: lastJoinYear() });
  }
  if (joinedOn === '') return { joined_year: joinedYear, joined_on: null };
  if (!isIsoDate(joinedOn) || joinedOn < `${FIRST_JOIN_YEAR}-01-01` || joinedOn > todayIso()) {
    errors.add('joinedOn', 'members.errors.joinedOnInvalid', { min: `${FIRST_JOIN_YEAR}-01-01` });
    return { joined_year: joinedYear, joined_on: null };
  }
  const yearOfDate = Number(joinedOn.slice(0, 4));
  // The date is the more precise of the two, so a blank year follows it; a different one is a typing mistake.
  if (joinedYear === null) joinedYear = yearOfDate;
  else if (joinedYear !== yearOfDate && !errors.has('joinedYear')) errors.add('joinedOn', 'members.errors.joinedOnOtherYear', { year: joinedYear });
  return { joined_year: joinedYear, joined_on: joinedOn };
}

/** The code and the country, each checked against the other: a code names its country, so the two must agree. */
function checkCodeAndCountry(input: MemberChanges, memberType: string, errors: FieldErrorCollector): Pick<EditableMemberFields, 'ogp_code' | 'country_code'> {
  let countryCode = trimmed(input.countryCode).toUpperCase();
  const ogpCode = trimmed(input.ogpCode).toUpperCase();
  if (countryCode !== '' && !isCountryCode(countryCode)) errors.add('countryCode', 'members.errors.countryCodeInvalid');
  if (ogpCode !== '') {
    const check = checkMemberCode(ogpCode, memberType);
    if (!check.ok) errors.add('ogpCode', check.reason === 'national' ? 'members.errors.ogpCodeNational' : 'members.errors.ogpCodeLocal');
    else if (countryCode === '') countryCode = check.countryCode;
    else if (countryCode !== check.countryCode && !errors.has('countryCode')) {
      errors.add('ogpCode', 'members.errors.ogpCodeOtherCountry', { code: ogpCode, country: countryCode });
    }
  }
  return { ogp_code: ogpCode || null, country_code: countryCode || null };
}

function checkEditable(input: MemberChanges, memberType: string, errors: FieldErrorCollector): EditableMemberFields {
  const name = trimmed(input.name);
  if (name === '') errors.add('name', 'members.errors.nameRequired');
  else if ([...name].length > NAME_MAX) errors.add('name', 'members.errors.nameTooLong', { max: NAME_MAX });
  const codes = checkCodeAndCountry(input, memberType, errors);
  const joined = checkJoined(input, errors);
  const region = trimmed(input.region);
  if (region !== '' && !isRegion(region)) errors.add('region', 'members.errors.regionInvalid');
  const cohortChoice = trimmed(input.cohort);
  let cohort: string | null;
  if (cohortChoice === '' || cohortChoice === COHORT_FROM_YEAR) cohort = cohortForYear(joined.joined_year);
  else if (isCohort(cohortChoice)) cohort = cohortChoice;
  else {
    errors.add('cohort', 'members.errors.cohortInvalid');
    cohort = null;
  }
  return { name, ...codes, ...joined, region: region || null, cohort };
}

/** A code is one member's; the unique index backs this up for requests that race. */
async function checkCodeFree(trx: DbOrTrx, ogpCode: string | null, memberId: string | null, errors: FieldErrorCollector): Promise<void> {
  if (!ogpCode || errors.has('ogpCode')) return;
  const holder = await findMemberByOgpCode(trx, ogpCode);
  if (holder && holder.id !== memberId) errors.add('ogpCode', 'members.errors.ogpCodeTaken', { code: ogpCode, name: holder.name });
}

/** What a new member's audit event records: the original four fields always, the later ones when they are set. */
function createdValues(m: MemberRow): Record<string, string | number | null> {
  const later = { joined_on: m.joined_on, ogp_code: m.ogp_code, region: m.region, cohort: m.cohort };
  const set = Object.fromEntries(Object.entries(later).filter(([, value]) => value !== null));
  return { name: m.name, member_type: m.member_type, country_code: m.country_code, joined_year: m.joined_year, ...set };
}

/** Creates a member inside the caller's transaction, with its public audit event. */
export async function createMemberInTransaction(trx: DbOrTrx, actorId: string | null, input: MemberInput): Promise<MemberRow> {
  const errors = new FieldErrorCollector();
  if (!isMemberType(input.memberType)) errors.add('memberType', 'members.errors.typeInvalid');
  const fields = checkEditable(input, input.memberType, errors);
  await checkCodeFree(trx, fields.ogp_code, null, errors);
  errors.throwIfAny();
  const slug = chooseSlug(fields.name, SLUG_FALLBACK, await findMemberSlugsLike(trx, slugBase(fields.name, SLUG_FALLBACK)));
  const member: MemberRow = { id: newId(), slug, member_type: input.memberType, ...fields, status: 'active', created_at: nowIso() };
  await insertMember(trx, member);
  await recordAudit(trx, {
    actorId,
    action: 'member.created',
    entityType: 'member',
    entityId: member.id,
    summary: `Member created: ${fields.name}`,
    after: createdValues(member),
    isPublic: true,
  });
  return member;
}

export function createMember(ctx: AppContext, actor: Actor, input: MemberInput): Promise<MemberRow> {
  return retryOnSlugRace(() => ctx.db.transaction().execute((trx) => createMemberInTransaction(trx, actor.id, input)));
}

/** Saves an edit and records what changed. The slug stays: it is the member's public address. */
export function updateMember(ctx: AppContext, actor: Actor, memberId: string, input: MemberChanges): Promise<MemberRow> {
  return ctx.db.transaction().execute(async (trx) => {
    const current = await findMemberById(trx, memberId);
    if (!current) throw notFound();
    const errors = new FieldErrorCollector();
    const fields = checkEditable(input, current.member_type, errors);
    await checkCodeFree(trx, fields.ogp_code, memberId, errors);
    errors.throwIfAny();
    const changes = changedFields<EditableMemberFields>(current, fields);
    // Saving an unchanged form is not a change, so it leaves no trace in the history.
    if (!changes) return current;
    await updateMemberRow(trx, memberId, fields);
    await recordAudit(trx, {
      actorId: actor.id,
      action: 'member.updated',
      entityType: 'member',
      entityId: memberId,
      summary: `Member updated: ${Object.keys(changes.after).join(', ')}`,
      ...changes,
      isPublic: true,
    });
    return { ...current, ...fields };
  });
}

export interface MemberSearch extends MemberFilter, PageRequest {}

/** One page of members for the list page and the API alike. */
export function searchMembers(db: DbOrTrx, search: MemberSearch): Promise<Page<MemberRow>> {
  const filter: MemberFilter = {
    q: search.q?.trim().slice(0, SEARCH_MAX) || undefined,
    memberType: search.memberType || undefined,
    region: search.region || undefined,
    status: search.status || undefined,
  };
  return listMembers(db, filter, search);
}

export async function getMember(db: DbOrTrx, slug: string): Promise<MemberRow> {
  const member = await findMemberBySlug(db, slug);
  if (!member) throw notFound();
  return member;
}

export interface MemberProfile {
  member: MemberRow;
  contacts: string[];
  history: Awaited<ReturnType<typeof listPublicHistory>>;
  statusHistory: StatusHistoryRow[];
  leadAgency: LeadAgency | undefined;
  summary: MemberPlanSummary;
}

/**
 * Everything the member's page shows, its plans' timing judged on `today`: the member, then the rest all at once,
 * saving round trips to PostgreSQL.
 */
export async function getMemberProfile(db: DbOrTrx, slug: string, today: string = todayIso()): Promise<MemberProfile> {
  const member = await getMember(db, slug);
  const [contacts, history, statusHistory, leadAgency, summary] = await Promise.all([
    listMemberContacts(db, member.id),
    listPublicHistory(db, 'member', member.id),
    listStatusHistory(db, member.id),
    findLeadAgency(db, member.id),
    getMemberPlanSummary(db, member.id, today),
  ]);
  return { member, contacts, history, statusHistory, leadAgency, summary };
}
