import type { Kysely } from 'kysely';

// Migrations see a database with no table types on purpose: they describe history, not today's schema.
type UntypedDb = Kysely<Record<string, never>>;

// When a process claimed a message for delivery, so a claim left behind by a crashed process can be retried.
export async function up(db: UntypedDb): Promise<void> {
  await db.schema.alterTable('mail_outbox').addColumn('claimed_at', 'text').execute();
}

export async function down(db: UntypedDb): Promise<void> {
  await db.schema.alterTable('mail_outbox').dropColumn('claimed_at').execute();
}
