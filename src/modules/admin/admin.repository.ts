import { type Expression, type SqlBool, sql } from 'kysely';
import type { DbOrTrx } from '../../db/database.ts';
import { containsPattern } from '../../db/search.ts';

/** What administrators see of an account: never the password hash. */
export interface UserSummary {
  id: string;
  email: string;
  display_name: string;
  email_verified_at: string | null;
  preferred_language: string | null;
  created_at: string;
  updated_at: string;
}

const SUMMARY_COLUMNS = [
  'users.id',
  'users.email',
  'users.display_name',
  'users.email_verified_at',
  'users.preferred_language',
  'users.created_at',
  'users.updated_at',
] as const;

function searched(db: DbOrTrx, search: string | undefined) {
  const query = db.selectFrom('users');
  if (!search) return query;
  // SQLite's lower() folds ASCII only, so the search text is folded here too: 'ZOË' then finds a stored 'Zoë'.
  // containsPattern keeps a % or _ typed by an administrator from acting as a wildcard.
  const pattern = containsPattern(search.toLowerCase());
  const matches = (column: 'users.email' | 'users.display_name'): Expression<SqlBool> =>
    sql<SqlBool>`lower(${sql.ref(column)}) like lower(${pattern}) escape '\\'`;
  return query.where((eb) => eb.or([matches('users.display_name'), matches('users.email')]));
}

export function listUsers(db: DbOrTrx, filter: { search?: string; limit: number; offset: number }): Promise<UserSummary[]> {
  return searched(db, filter.search)
    .select(SUMMARY_COLUMNS)
    .orderBy('users.display_name')
    .orderBy('users.id')
    .limit(filter.limit)
    .offset(filter.offset)
    .execute();
}

export async function countUsers(db: DbOrTrx, filter: { search?: string }): Promise<number> {
  const row = await searched(db, filter.search).select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow();
  return Number(row.count);
}

export function findUserSummary(db: DbOrTrx, id: string): Promise<UserSummary | undefined> {
  return db.selectFrom('users').select(SUMMARY_COLUMNS).where('users.id', '=', id).executeTakeFirst();
}

export interface GrantSummary {
  user_id: string;
  role: string;
  member_name: string | null;
  organisation_name: string | null;
}

/** The grants of several accounts at once, so a page of users costs two queries rather than one per row. */
export async function listGrantSummaries(db: DbOrTrx, userIds: string[]): Promise<GrantSummary[]> {
  if (userIds.length === 0) return [];
  return db
    .selectFrom('role_grants')
    .leftJoin('members', 'members.id', 'role_grants.member_id')
    .leftJoin('organisations', 'organisations.id', 'role_grants.organisation_id')
    .select(['role_grants.user_id', 'role_grants.role', 'members.name as member_name', 'organisations.name as organisation_name'])
    .where('role_grants.user_id', 'in', userIds)
    .orderBy('role_grants.role')
    .orderBy('role_grants.granted_at')
    .execute();
}
