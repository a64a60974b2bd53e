import type { Kysely } from 'kysely';
import { createPageVersionCounter, dropPageVersionCounter, type PageVersionCounter } from './page-version-counter.ts';

// Migrations see a database with no table types on purpose: they describe history, not today's schema.
type UntypedDb = Kysely<Record<string, never>>;

/**
 * commitment_page_version counts changes to anything a commitment's page shows, so the page's data can be
 * kept in memory and still never be served stale, from any process. Triggers keep it, so every writer
 * (forms, imports, the generator, plain SQL) moves it without knowing about it. The explorer's own counter
 * (commitment_search_version) does not cover milestones, progress, institutions, people's names or history.
 */

// Inserts of members, plans, organisations and users show on no existing page until something links to them.
const COUNTER: PageVersionCounter = {
  name: 'commitment_page_version',
  movedSetting: 'ogp.commitment_page_bumped',
  watched: [
    { table: 'commitments', events: ['INSERT', 'UPDATE', 'DELETE'] },
    { table: 'commitment_tags', events: ['INSERT', 'UPDATE', 'DELETE'] },
    { table: 'commitment_institutions', events: ['INSERT', 'UPDATE', 'DELETE'] },
    { table: 'irm_assessments', events: ['INSERT', 'UPDATE', 'DELETE'] },
    { table: 'commitment_stars', events: ['INSERT', 'UPDATE', 'DELETE'] },
    { table: 'milestones', events: ['INSERT', 'UPDATE', 'DELETE'] },
    { table: 'progress_updates', events: ['INSERT', 'UPDATE', 'DELETE'] },
    { table: 'members', events: ['UPDATE OF name, slug', 'DELETE'] },
    { table: 'action_plans', events: ['UPDATE OF ogp_id, number, title', 'DELETE'] },
    { table: 'organisations', events: ['UPDATE OF name, slug', 'DELETE'] },
    { table: 'users', events: ['UPDATE OF display_name', 'DELETE'] },
    // The audit log is append-only; only a commitment's public events are its page's change history.
    { table: 'audit_events', events: ['INSERT'], when: `NEW.entity_type = 'commitment' AND NEW.is_public = 1` },
  ],
};

export async function up(db: UntypedDb): Promise<void> {
  await createPageVersionCounter(db, COUNTER);
}

export async function down(db: UntypedDb): Promise<void> {
  await dropPageVersionCounter(db, COUNTER);
}
