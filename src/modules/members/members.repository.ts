import { sql } from 'kysely';
import type { DbOrTrx } from '../../db/database.ts';
import type { MembersTable } from '../../db/schema.ts';
import { searchByName } from '../../db/search.ts';
import type { Page, PageRequest } from '../../platform/pagination.ts';

export type MemberRow = MembersTable;

/** The columns a member's form edits. */
export type EditableMemberFields = Pick<MemberRow, 'name' | 'country_code' | 'joined_year' | 'joined_on' | 'ogp_code' | 'region' | 'cohort'>;

export interface MemberFilter {
  /** Part of the name, matched case-insensitively. */
  q?: string;
  memberType?: string;
  region?: string;
  status?: string;
}

/** One page of members in name order, with how many match in all. */
export function listMembers(db: DbOrTrx, filter: MemberFilter, request: PageRequest): Promise<Page<MemberRow>> {
  let query = db.selectFrom('members');
  if (filter.region) query = query.where('region', '=', filter.region);
  if (filter.status) query = query.where('status', '=', filter.status);
  return searchByName(query, 'member_type', { q: filter.q, type: filter.memberType }, request);
}

export function findMemberBySlug(db: DbOrTrx, slug: string): Promise<MemberRow | undefined> {
  return db.selectFrom('members').selectAll().where('slug', '=', slug).executeTakeFirst();
}

export function findMemberById(db: DbOrTrx, id: string): Promise<MemberRow | undefined> {
  return db.selectFrom('members').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findMemberByOgpCode(db: DbOrTrx, ogpCode: string): Promise<MemberRow | undefined> {
  return db.selectFrom('members').selectAll().where('ogp_code', '=', ogpCode).executeTakeFirst();
}

/** Slugs equal to the base or the base with a suffix: the only ones a new slug could collide with. */
export async function findMemberSlugsLike(db: DbOrTrx, base: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom('members')
    .select('slug')
    .where((eb) => eb.or([eb('slug', '=', base), eb('slug', 'like', `${base}-%`)]))
    .execute();
  return new Set(rows.map((r) => r.slug));
}

export async function insertMember(db: DbOrTrx, member: MemberRow): Promise<void> {
  await db.insertInto('members').values(member).execute();
}

export async function updateMember(db: DbOrTrx, id: string, changes: EditableMemberFields): Promise<void> {
  await db.updateTable('members').set(changes).where('id', '=', id).execute();
}

/** The display names of the member's government points of contact; never their emails. */
export async function listMemberContacts(db: DbOrTrx, memberId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('role_grants')
    .innerJoin('users', 'users.id', 'role_grants.user_id')
    .select('users.display_name')
    .where('role_grants.role', '=', 'government_poc')
    .where('role_grants.member_id', '=', memberId)
    .orderBy(sql`lower(${sql.ref('users.display_name')})`)
    .orderBy('role_grants.id')
    .execute();
  return rows.map((r) => r.display_name);
}
