import { sql } from 'kysely';
import type { DbOrTrx } from '../../db/database.ts';

/**
 * A number that changes whenever the strategic plans or the actuals recorded by hand change, in any process
 * (kept by triggers, migration 20261127202000_pages_performance): what the dashboard's memory is keyed on.
 */
export async function indicatorsDataVersion(db: DbOrTrx): Promise<number> {
  const { rows } = await sql<{ version: number | string }>`SELECT version FROM indicators_data_version WHERE id = 1`.execute(db);
  return Number(rows[0]?.version ?? 0);
}
