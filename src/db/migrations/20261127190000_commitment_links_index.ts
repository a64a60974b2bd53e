import type { Kysely } from 'kysely';

// Migrations see a database with no table types on purpose: they describe history, not today's schema.
type UntypedDb = Kysely<Record<string, never>>;

// A commitment page lists the later commitments carried forward from it; without this index that
// lookup read every commitment (68 ms of a 254 ms page at 60,000 commitments on SQLite).
export async function up(db: UntypedDb): Promise<void> {
  await db.schema.createIndex('commitments_carried_forward_idx').on('commitments').column('carried_forward_from_id').execute();
}

export async function down(db: UntypedDb): Promise<void> {
  await db.schema.dropIndex('commitments_carried_forward_idx').execute();
}
