// Reading what the app stored, straight from the database, without reaching into its code.
import type { Db } from '../../src/db/database.ts';
import type { Database } from '../../src/db/schema.ts';

/** How many rows a table holds: a refused request must leave it as it was. */
export function countRows(db: Db, table: keyof Database): Promise<number> {
  return db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .executeTakeFirstOrThrow()
    .then((row) => Number(row.count));
}

/** Every audit event about one record, oldest first; the id settles events of the same instant. */
export function auditFor(db: Db, entityId: string) {
  return db.selectFrom('audit_events').selectAll().where('entity_id', '=', entityId).orderBy('occurred_at').orderBy('id').execute();
}

/** The actions audited about one account, oldest first. */
export async function auditActions(db: Db, userId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('audit_events')
    .select(['action', 'occurred_at'])
    .where('entity_type', '=', 'user')
    .where('entity_id', '=', userId)
    .orderBy('occurred_at')
    .execute();
  return rows.map((r) => r.action);
}
