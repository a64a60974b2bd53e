import { sql } from 'kysely';
import type { DbOrTrx } from '../../db/database.ts';
import type { OrganisationsTable } from '../../db/schema.ts';
import { searchByName } from '../../db/search.ts';
import { nowIso } from '../../platform/ids.ts';
import type { Page, PageRequest } from '../../platform/pagination.ts';

export type OrganisationRow = OrganisationsTable;

export interface OrganisationFilter {
  /** Part of the name, matched case-insensitively. */
  q?: string;
  orgType?: string;
}

/** One page of organisations in name order, with how many match in all. */
export function listOrganisations(db: DbOrTrx, filter: OrganisationFilter, request: PageRequest): Promise<Page<OrganisationRow>> {
  return searchByName(db.selectFrom('organisations'), 'org_type', { q: filter.q, type: filter.orgType }, request);
}

export function findOrganisationBySlug(db: DbOrTrx, slug: string): Promise<OrganisationRow | undefined> {
  return db.selectFrom('organisations').selectAll().where('slug', '=', slug).executeTakeFirst();
}

export function findOrganisationById(db: DbOrTrx, id: string): Promise<OrganisationRow | undefined> {
  return db.selectFrom('organisations').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Slugs equal to the base or the base with a suffix: the only ones a new slug could collide with. */
export async function findOrganisationSlugsLike(db: DbOrTrx, base: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom('organisations')
    .select('slug')
    .where((eb) => eb.or([eb('slug', '=', base), eb('slug', 'like', `${base}-%`)]))
    .execute();
  return new Set(rows.map((r) => r.slug));
}

export async function insertOrganisation(db: DbOrTrx, organisation: OrganisationRow): Promise<void> {
  await db.insertInto('organisations').values(organisation).execute();
}

export async function updateOrganisation(
  db: DbOrTrx,
  id: string,
  changes: Pick<OrganisationRow, 'name' | 'org_type' | 'country' | 'website' | 'description'>,
): Promise<void> {
  await db.updateTable('organisations').set({ ...changes, updated_at: nowIso() }).where('id', '=', id).execute();
}

export interface OrganisationPerson {
  grantId: string;
  userId: string;
  displayName: string;
  email: string;
}

/** The people holding organisation_member for this organisation, by name. */
export async function listOrganisationPeople(db: DbOrTrx, organisationId: string): Promise<OrganisationPerson[]> {
  const rows = await db
    .selectFrom('role_grants')
    .innerJoin('users', 'users.id', 'role_grants.user_id')
    .select(['role_grants.id as grant_id', 'users.id as user_id', 'users.display_name', 'users.email'])
    .where('role_grants.role', '=', 'organisation_member')
    .where('role_grants.organisation_id', '=', organisationId)
    .orderBy(sql`lower(${sql.ref('users.display_name')})`)
    .orderBy('role_grants.id')
    .execute();
  return rows.map((r) => ({ grantId: r.grant_id, userId: r.user_id, displayName: r.display_name, email: r.email }));
}

/** One organisation_member grant of this organisation, with whose it is. */
export async function findOrganisationPerson(db: DbOrTrx, organisationId: string, grantId: string): Promise<OrganisationPerson | undefined> {
  const row = await db
    .selectFrom('role_grants')
    .innerJoin('users', 'users.id', 'role_grants.user_id')
    .select(['role_grants.id as grant_id', 'users.id as user_id', 'users.display_name', 'users.email'])
    .where('role_grants.id', '=', grantId)
    .where('role_grants.role', '=', 'organisation_member')
    .where('role_grants.organisation_id', '=', organisationId)
    .executeTakeFirst();
  return row && { grantId: row.grant_id, userId: row.user_id, displayName: row.display_name, email: row.email };
}
