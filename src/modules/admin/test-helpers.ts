// Rows for tests of the administration pages. Members and organisations are inserted directly:
// these tests are about roles and access, not about how those records are created.
import type { Db } from '../../db/database.ts';
import { newId, nowIso, slugify } from '../../platform/ids.ts';

export async function insertMember(db: Db, name: string): Promise<string> {
  const id = newId();
  await db
    .insertInto('members')
    .values({ id, slug: `${slugify(name)}-${id.slice(0, 8)}`, name, member_type: 'national', country_code: null, joined_year: 2011, created_at: nowIso() })
    .execute();
  return id;
}

export async function insertOrganisation(db: Db, name: string): Promise<string> {
  const id = newId();
  const now = nowIso();
  await db
    .insertInto('organisations')
    .values({ id, slug: `${slugify(name)}-${id.slice(0, 8)}`, name, org_type: 'civil_society', country: null, website: null, description: '', created_at: now, updated_at: now })
    .execute();
  return id;
}

export function countRows(db: Db, table: 'role_grants' | 'audit_events'): Promise<number> {
  return db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .executeTakeFirstOrThrow()
    .then((row) => Number(row.count));
}

/** The decoded text of an HTML fragment's entities, for comparing page text with what was stored. */
export const decodeEntities = (html: string): string =>
  html.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
