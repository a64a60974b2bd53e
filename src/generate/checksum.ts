import { createHash } from 'node:crypto';
import type { DbOrTrx } from '../db/database.ts';
import type { Database } from '../db/schema.ts';
import { GENERATED_ACTION } from './generate.ts';

// Each content table with the columns that order its rows completely.
const TABLE_KEYS: ReadonlyArray<readonly [keyof Database, readonly string[]]> = [
  ['members', ['id']],
  ['organisations', ['id']],
  ['member_lead_agencies', ['member_id']],
  ['member_status_history', ['id']],
  ['action_plans', ['id']],
  ['commitments', ['id']],
  ['commitment_tags', ['commitment_id', 'vocabulary', 'tag']],
  ['commitment_institutions', ['commitment_id', 'organisation_id', 'role']],
  ['irm_assessments', ['commitment_id']],
  ['commitment_stars', ['commitment_id', 'formula', 'report']],
  ['milestones', ['id']],
  ['progress_updates', ['id']],
  ['audit_events', ['id']],
];

/**
 * A SHA-256 of every row of every content table, in key order: equal checksums mean equal data. The audit
 * event recording the run itself is left out, since it carries the time it was written. Reads whole tables
 * into memory, so it is meant for small scales (the tests).
 */
export async function contentChecksum(db: DbOrTrx): Promise<string> {
  const hash = createHash('sha256');
  for (const [table, keys] of TABLE_KEYS) {
    let query = db.selectFrom(table).selectAll();
    if (table === 'audit_events') query = query.where('action', '!=', GENERATED_ACTION);
    for (const key of keys) query = query.orderBy(key as never);
    const rows = await query.execute();
    hash.update(`${table}:${rows.length}\n`);
    for (const row of rows) hash.update(`${JSON.stringify(Object.values(row))}\n`);
  }
  return hash.digest('hex');
}
