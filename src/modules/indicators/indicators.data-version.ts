import { sql } from 'kysely';
import type { DbOrTrx } from '../../db/database.ts';

/**
 * Numbers that change whenever what the dashboard reads changes, in any process (kept by triggers, migration
 * 20261127202000_pages_performance): `plan` for the strategic plan and the actuals recorded by hand, `computed`
 * for the data the computed indicators count. What the dashboard's memory is keyed on.
 */
export interface IndicatorsDataVersions {
  plan: number;
  computed: number;
}

export async function indicatorsDataVersions(db: DbOrTrx): Promise<IndicatorsDataVersions> {
  const { rows } = await sql<{ source: string; version: number | string }>`SELECT source, version FROM indicators_data_version`.execute(db);
  const version = (source: string): number => Number(rows.find((r) => r.source === source)?.version ?? 0);
  return { plan: version('plan'), computed: version('computed') };
}
