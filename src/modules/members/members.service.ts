import type { DbOrTrx } from '../../db/database.ts';
import { recordAudit } from '../../platform/audit.ts';
import { changedFields } from '../../platform/changes.ts';
import type { AppContext } from '../../platform/context.ts';
import { FieldErrorCollector, notFound } from '../../platform/errors.ts';
import { newId, nowIso } from '../../platform/ids.ts';
import type { Actor } from '../../platform/roles.ts';
import { listPublicHistory } from '../audit/audit.repository.ts';
import type { Page, PageRequest } from '../../platform/pagination.ts';
import { chooseSlug, retryOnSlugRace, slugBase } from '../organisations/slugs.ts';
import { isCountryCode } from './country-codes.ts';
import { isMemberType } from './member-types.ts';
import {
  findMemberById,
  findMemberBySlug,
  findMemberSlugsLike,
  insertMember,
  listMemberContacts,
  listMembers,
  type MemberFilter,
  type MemberRow,
  updateMember as updateMemberRow,
} from './members.repository.ts';

export type { MemberRow } from './members.repository.ts';

export const NAME_MAX = 200;
export const FIRST_JOIN_YEAR = 2011;
export const SEARCH_MAX = 200;
const SLUG_FALLBACK = 'member';

export interface MemberInput {
  name: string;
  memberType: string;
  countryCode?: string | null;
  joinedYear?: number | null;
}

export type MemberChanges = Omit<MemberInput, 'memberType'>;

type EditableFields = Pick<MemberRow, 'name' | 'country_code' | 'joined_year'>;

// The partnership was founded in 2011; nobody can have joined before it or in the future.
export const lastJoinYear = (): number => new Date().getUTCFullYear();

function checkEditable(input: MemberChanges, errors: FieldErrorCollector): EditableFields {
  const name = (input.name ?? '').trim();
  const countryCode = (input.countryCode ?? '').trim().toUpperCase();
  const joinedYear = input.joinedYear ?? null;
  if (name === '') errors.add('name', 'members.errors.nameRequired');
  else if ([...name].length > NAME_MAX) errors.add('name', 'members.errors.nameTooLong', { max: NAME_MAX });
  if (countryCode !== '' && !isCountryCode(countryCode)) errors.add('countryCode', 'members.errors.countryCodeInvalid');
  if (joinedYear !== null && (!Number.isInteger(joinedYear) || joinedYear < FIRST_JOIN_YEAR || joinedYear > lastJoinYear())) {
    errors.add('joinedYear', 'members.errors.joinedYearInvalid', { min: FIRST_JOIN_YEAR, max: lastJoinYear() });
  }
  return { name, country_code: countryCode || null, joined_year: joinedYear };
}

/** Creates a member inside the caller's transaction, with its public audit event. */
export async function createMemberInTransaction(trx: DbOrTrx, actorId: string | null, input: MemberInput): Promise<MemberRow> {
  const errors = new FieldErrorCollector();
  const fields = checkEditable(input, errors);
  if (!isMemberType(input.memberType)) errors.add('memberType', 'members.errors.typeInvalid');
  errors.throwIfAny();
  const slug = chooseSlug(fields.name, SLUG_FALLBACK, await findMemberSlugsLike(trx, slugBase(fields.name, SLUG_FALLBACK)));
  const member: MemberRow = {
    id: newId(),
    slug,
    member_type: input.memberType,
    ...fields,
    ogp_code: null,
    region: null,
    cohort: null,
    status: 'active',
    joined_on: null,
    created_at: nowIso(),
  };
  await insertMember(trx, member);
  await recordAudit(trx, {
    actorId,
    action: 'member.created',
    entityType: 'member',
    entityId: member.id,
    summary: `Member created: ${fields.name}`,
    after: { name: fields.name, member_type: member.member_type, country_code: fields.country_code, joined_year: fields.joined_year },
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
    const fields = checkEditable(input, errors);
    errors.throwIfAny();
    const changes = changedFields<EditableFields>(current, fields);
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
}

export async function getMemberProfile(db: DbOrTrx, slug: string): Promise<MemberProfile> {
  const member = await getMember(db, slug);
  const [contacts, history] = await Promise.all([listMemberContacts(db, member.id), listPublicHistory(db, 'member', member.id)]);
  return { member, contacts, history };
}
