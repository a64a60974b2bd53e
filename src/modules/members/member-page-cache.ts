import { sql } from 'kysely';
import type { DbOrTrx } from '../../db/database.ts';
import { VersionedLru } from '../../platform/page-cache.ts';
import { todayIso } from './iso-dates.ts';
import { getMemberProfile, type MemberProfile } from './members.service.ts';

// A member's page reads a dozen tables (its plans, its commitments' progress, its latest updates, its history): most
// of the page's cost. What it shows is kept in memory under the data version it was read at (member_page_version,
// which triggers move with every committed change to anything the page shows) and the day (plans' timing counts
// days), so each page is read once per change and every process still sees every change on its next request. Only
// the data is kept: the page is rendered for each request, in the reader's language, with the reader's permissions.

/** Members' pages kept; each is a few kilobytes. */
const CAPACITY = 500;
const caches = new WeakMap<object, VersionedLru<MemberProfile>>();

/** The data version members' pages are read at. */
export async function memberPageVersion(db: DbOrTrx): Promise<number> {
  const { rows } = await sql<{ version: number | string }>`SELECT version FROM member_page_version WHERE id = 1`.execute(db);
  return Number(rows[0]?.version ?? 0);
}

/** getMemberProfile, kept until anything it shows changes. Callers must not change what it answers. */
export async function memberProfile(db: DbOrTrx, slug: string): Promise<MemberProfile> {
  const today = todayIso();
  // Inside a transaction the data may be uncommitted: never keep it.
  if (db.isTransaction) return getMemberProfile(db, slug, today);
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new VersionedLru<MemberProfile>(CAPACITY, () => 1)));
  // Read before the data, so that what is kept under a version is never older than that version.
  const version = await memberPageVersion(db);
  const key = `${today}\u0000${slug}`;
  const kept = cache.get(version, key);
  if (kept) return kept;
  const profile = await getMemberProfile(db, slug, today);
  cache.set(version, key, profile);
  return profile;
}
