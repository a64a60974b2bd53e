import type { Kysely } from 'kysely';
import { createPageVersionCounter, dropPageVersionCounter, type PageVersionCounter } from './page-version-counter.ts';

// Migrations see a database with no table types on purpose: they describe history, not today's schema.
type UntypedDb = Kysely<Record<string, never>>;

/**
 * plan_page_version counts changes to anything an action plan's page shows: the plan, its member, its commitments,
 * its self-assessments and their public comments (with their authors' names), and its public history, so the page's
 * data can be kept in memory as commitment and member pages' is.
 */
const COUNTER: PageVersionCounter = {
  name: 'plan_page_version',
  movedSetting: 'ogp.plan_page_bumped',
  // A new plan or member shows on no existing plan page; a new user only once it comments.
  watched: [
    { table: 'action_plans', events: ['UPDATE', 'DELETE'] },
    { table: 'members', events: ['UPDATE', 'DELETE'] },
    { table: 'commitments', events: ['INSERT', 'UPDATE', 'DELETE'] },
    { table: 'self_assessments', events: ['INSERT', 'UPDATE', 'DELETE'] },
    { table: 'self_assessment_comments', events: ['INSERT', 'UPDATE', 'DELETE'] },
    { table: 'users', events: ['UPDATE OF display_name', 'DELETE'] },
    // The audit log is append-only; only a plan's public events are its page's change history.
    { table: 'audit_events', events: ['INSERT'], when: `NEW.entity_type = 'plan' AND NEW.is_public = 1` },
  ],
};

export async function up(db: UntypedDb): Promise<void> {
  await createPageVersionCounter(db, COUNTER);
}

export async function down(db: UntypedDb): Promise<void> {
  await dropPageVersionCounter(db, COUNTER);
}
