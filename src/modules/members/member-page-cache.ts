import { sql } from 'kysely';
import type { DbOrTrx } from '../../db/database.ts';
import { VersionedData } from '../../platform/page-cache.ts';
import { todayIso } from './iso-dates.ts';
import { getMemberProfile, type MemberProfile } from './members.service.ts';

// A member's page reads a dozen tables (its plans, its commitments' progress, its latest updates, its history): most
// of the page's cost. What it shows is kept under the data version it was read at (member_page_version, which
// triggers move with every committed change to anything the page shows) and the day (plans' timing counts days).
// Only the data is kept: the page is rendered for each request, in the reader's language, with the reader's permissions.

/** The data version members' pages are read at. */
async function memberPageVersion(db: DbOrTrx): Promise<number> {
  const { rows } = await sql<{ version: number | string }>`SELECT version FROM member_page_version WHERE id = 1`.execute(db);
  return Number(rows[0]?.version ?? 0);
}

/** A member's page's data is a few kilobytes: some thousands of pages. */
const kept = new VersionedData<MemberProfile>(memberPageVersion, 16 * 1024 * 1024);

/** getMemberProfile, kept until anything it shows changes. Callers must not change what it answers. */
export function memberProfile(db: DbOrTrx, slug: string): Promise<MemberProfile> {
  const today = todayIso();
  return kept.get(db, `${today}\u0000${slug}`, () => getMemberProfile(db, slug, today));
}
