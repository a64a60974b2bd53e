import type { DbOrTrx } from '../../db/database.ts';
import type { IndicatorActualsTable } from '../../db/schema.ts';
import type { Period } from './indicators.periods.ts';

export type ActualRow = IndicatorActualsTable;

export interface ActualWithRecorder extends ActualRow {
  recorded_by_name: string | null;
}

/** The recorded actuals of some indicators for exactly these periods, in one query. */
export async function listActualsForPeriods(db: DbOrTrx, identifiers: readonly string[], periods: readonly Period[]): Promise<ActualRow[]> {
  if (identifiers.length === 0 || periods.length === 0) return [];
  return db
    .selectFrom('indicator_actuals')
    .selectAll()
    .where('indicator_identifier', 'in', [...identifiers])
    .where((eb) => eb.or(periods.map((p) => eb.and([eb('start_date', '=', p.start), eb('end_date', '=', p.end)]))))
    .execute();
}

/** Every actual recorded for one indicator, latest period first, with who recorded it. */
export function listActualsOf(db: DbOrTrx, identifier: string): Promise<ActualWithRecorder[]> {
  return db
    .selectFrom('indicator_actuals')
    .leftJoin('users', 'users.id', 'indicator_actuals.recorded_by')
    .selectAll('indicator_actuals')
    .select('users.display_name as recorded_by_name')
    .where('indicator_actuals.indicator_identifier', '=', identifier)
    .orderBy('indicator_actuals.start_date', 'desc')
    .orderBy('indicator_actuals.end_date', 'desc')
    .execute();
}

export function findActualForPeriod(db: DbOrTrx, identifier: string, period: Period): Promise<ActualRow | undefined> {
  return db
    .selectFrom('indicator_actuals')
    .selectAll()
    .where('indicator_identifier', '=', identifier)
    .where('start_date', '=', period.start)
    .where('end_date', '=', period.end)
    .executeTakeFirst();
}

export function findActual(db: DbOrTrx, identifier: string, actualId: string): Promise<ActualRow | undefined> {
  return db.selectFrom('indicator_actuals').selectAll().where('indicator_identifier', '=', identifier).where('id', '=', actualId).executeTakeFirst();
}

export async function insertActual(trx: DbOrTrx, row: ActualRow): Promise<void> {
  await trx.insertInto('indicator_actuals').values(row).execute();
}

export type ActualFields = Pick<ActualRow, 'value' | 'note' | 'source_url' | 'recorded_by' | 'recorded_at'>;

export async function updateActual(trx: DbOrTrx, actualId: string, fields: ActualFields): Promise<void> {
  await trx.updateTable('indicator_actuals').set(fields).where('id', '=', actualId).execute();
}

export async function deleteActual(trx: DbOrTrx, actualId: string): Promise<void> {
  await trx.deleteFrom('indicator_actuals').where('id', '=', actualId).execute();
}
