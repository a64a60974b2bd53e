import type { Kysely } from 'kysely';
import { createPageVersionCounter, dropPageVersionCounter, type PageVersionCounter } from './page-version-counter.ts';

// Migrations see a database with no table types on purpose: they describe history, not today's schema.
type UntypedDb = Kysely<Record<string, never>>;

/**
 * member_page_version counts changes to anything a member's page shows: the member, its status history, lead agency
 * and points of contact, its plans, its commitments' progress and latest updates, and its public history, so the
 * page's data can be kept in memory as commitment pages' is (20261127200000_commitment_page_version).
 */
const COUNTER: PageVersionCounter = {
  name: 'member_page_version',
  movedSetting: 'ogp.member_page_bumped',
  // A new member or organisation shows on no existing page until something links to it; a new user until granted a role.
  watched: [
    { table: 'members', events: ['UPDATE', 'DELETE'] },
    { table: 'member_status_history', events: ['INSERT', 'UPDATE', 'DELETE'] },
    { table: 'member_lead_agencies', events: ['INSERT', 'UPDATE', 'DELETE'] },
    { table: 'organisations', events: ['UPDATE OF name, slug, org_type', 'DELETE'] },
    { table: 'role_grants', events: ['INSERT', 'UPDATE', 'DELETE'] },
    { table: 'users', events: ['UPDATE OF display_name', 'DELETE'] },
    { table: 'action_plans', events: ['INSERT', 'UPDATE', 'DELETE'] },
    { table: 'commitments', events: ['INSERT', 'UPDATE', 'DELETE'] },
    { table: 'progress_updates', events: ['INSERT', 'UPDATE', 'DELETE'] },
    // The audit log is append-only; only a member's public events are its page's change history.
    { table: 'audit_events', events: ['INSERT'], when: `NEW.entity_type = 'member' AND NEW.is_public = 1` },
  ],
};

export async function up(db: UntypedDb): Promise<void> {
  await createPageVersionCounter(db, COUNTER);
}

export async function down(db: UntypedDb): Promise<void> {
  await dropPageVersionCounter(db, COUNTER);
}
