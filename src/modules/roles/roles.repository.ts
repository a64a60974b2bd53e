import type { DbOrTrx } from '../../db/database.ts';
import type { RoleGrantsTable } from '../../db/schema.ts';

export type RoleGrantRow = RoleGrantsTable;

export async function insertGrant(db: DbOrTrx, grant: RoleGrantRow): Promise<void> {
  await db.insertInto('role_grants').values(grant).execute();
}

export function findGrant(db: DbOrTrx, id: string): Promise<RoleGrantRow | undefined> {
  return db.selectFrom('role_grants').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findGrantByKey(db: DbOrTrx, userId: string, role: string, scopeKey: string): Promise<RoleGrantRow | undefined> {
  return db.selectFrom('role_grants').selectAll().where('user_id', '=', userId).where('role', '=', role).where('scope_key', '=', scopeKey).executeTakeFirst();
}

export async function deleteGrant(db: DbOrTrx, id: string): Promise<void> {
  await db.deleteFrom('role_grants').where('id', '=', id).execute();
}

/** A user's grants with the names of the member or organisation each is scoped to. */
export function listGrantsForUser(db: DbOrTrx, userId: string) {
  return db
    .selectFrom('role_grants')
    .leftJoin('members', 'members.id', 'role_grants.member_id')
    .leftJoin('organisations', 'organisations.id', 'role_grants.organisation_id')
    .select([
      'role_grants.id',
      'role_grants.role',
      'role_grants.member_id',
      'role_grants.organisation_id',
      'role_grants.granted_at',
      'members.name as member_name',
      'organisations.name as organisation_name',
      'organisations.slug as organisation_slug',
    ])
    .where('role_grants.user_id', '=', userId)
    .orderBy('role_grants.role')
    .orderBy('role_grants.granted_at')
    .execute();
}

export interface ScopeOption {
  id: string;
  name: string;
}

/** Every OGP member, by name, for choosing the scope of a government point of contact. */
export function listMemberOptions(db: DbOrTrx): Promise<ScopeOption[]> {
  return db.selectFrom('members').select(['id', 'name']).orderBy('name').orderBy('id').execute();
}

/** Every organisation, by name, for choosing the scope of an organisation member. */
export function listOrganisationOptions(db: DbOrTrx): Promise<ScopeOption[]> {
  return db.selectFrom('organisations').select(['id', 'name']).orderBy('name').orderBy('id').execute();
}

/** The account a grant is for: its name for the public history, and whether it has confirmed its email address. */
export function findGrantee(db: DbOrTrx, userId: string): Promise<{ id: string; display_name: string; email_verified_at: string | null } | undefined> {
  return db.selectFrom('users').select(['id', 'display_name', 'email_verified_at']).where('id', '=', userId).executeTakeFirst();
}

/**
 * Locks every grant of a role until the transaction ends, by writing each row without changing it: plain SQL
 * that both databases run. On PostgreSQL a second transaction doing the same waits here for the first to
 * commit, and its later statements then see what the first did; SQLite allows one writer at a time anyway.
 */
export async function lockGrantsOfRole(db: DbOrTrx, role: string): Promise<void> {
  await db
    .updateTable('role_grants')
    .set((eb) => ({ scope_key: eb.ref('scope_key') }))
    .where('role', '=', role)
    .execute();
}

export async function countGrantsOfRole(db: DbOrTrx, role: string): Promise<number> {
  const row = await db.selectFrom('role_grants').select((eb) => eb.fn.countAll<number>().as('count')).where('role', '=', role).executeTakeFirstOrThrow();
  return Number(row.count);
}
