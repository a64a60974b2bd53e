// Actuals recorded by hand by the Support Unit, for indicators whose data lives outside the platform. One per
// indicator and period: recording a period again corrects it. Every change is a public audit event on the
// indicator, written in the same transaction, so the indicator's page shows who changed what and when.
import type { Db, DbOrTrx } from '../../db/database.ts';
import { recordAudit } from '../../platform/audit.ts';
import { changedFields } from '../../platform/changes.ts';
import { FieldErrorCollector, notFound } from '../../platform/errors.ts';
import { newId, nowIso } from '../../platform/ids.ts';
import type { Actor } from '../../platform/roles.ts';
import { isWebAddress } from '../commitments/evidence-links.ts';
import { isIsoDate } from '../members/iso-dates.ts';
import type { StoredIndicator } from '../strategy/plan-store.ts';
import { getDefaultPlan } from '../strategy/strategy.service.ts';
import { toNumber } from '../strategy/stratml/values.ts';
import type { Period } from './indicators.periods.ts';
import { registryEntry } from './indicators.registry.ts';
import { type ActualRow, deleteActual, findActual, findActualForPeriod, insertActual, updateActual } from './indicators.repository.ts';

export interface IndicatorsContext {
  db: Db;
}

export const NOTE_MAX = 2000;
export const SOURCE_URL_MAX = 2000;
/** Larger than any count of people or references the strategy measures; a typo with extra digits is refused. */
export const VALUE_MAX = 1e12;

export interface ActualInput {
  startDate?: string;
  endDate?: string;
  value?: string;
  note?: string;
  sourceUrl?: string;
}

export interface ValidActual {
  period: Period;
  value: number;
  note: string;
  sourceUrl: string | null;
}

const clean = (text: string | undefined): string => (text ?? '').replace(/\r\n?/g, '\n').trim();

/** Every problem with the form at once, named on its field. */
export function validateActual(input: ActualInput): ValidActual {
  const errors = new FieldErrorCollector();
  const start = clean(input.startDate);
  const end = clean(input.endDate);
  const valueText = clean(input.value);
  const note = clean(input.note);
  const sourceUrl = clean(input.sourceUrl);
  if (start === '') errors.add('startDate', 'indicators.errors.startRequired');
  else if (!isIsoDate(start)) errors.add('startDate', 'indicators.errors.dateInvalid');
  if (end === '') errors.add('endDate', 'indicators.errors.endRequired');
  else if (!isIsoDate(end)) errors.add('endDate', 'indicators.errors.dateInvalid');
  else if (!errors.has('startDate') && end < start) errors.add('endDate', 'indicators.errors.endBeforeStart');
  const value = toNumber(valueText);
  if (valueText === '') errors.add('value', 'indicators.errors.valueRequired');
  else if (value === null) errors.add('value', 'indicators.errors.valueInvalid');
  else if (value < 0) errors.add('value', 'indicators.errors.valueNegative');
  else if (value > VALUE_MAX) errors.add('value', 'indicators.errors.valueTooLarge');
  if ([...note].length > NOTE_MAX) errors.add('note', 'indicators.errors.noteTooLong', { max: NOTE_MAX });
  if (sourceUrl.length > SOURCE_URL_MAX) errors.add('sourceUrl', 'indicators.errors.sourceUrlTooLong', { max: SOURCE_URL_MAX });
  else if (sourceUrl !== '' && !isWebAddress(sourceUrl)) errors.add('sourceUrl', 'indicators.errors.sourceUrlInvalid');
  errors.throwIfAny();
  return { period: { start, end }, value: value as number, note, sourceUrl: sourceUrl === '' ? null : sourceUrl };
}

/** The platform plan's indicator with this identifier, if its actuals are recorded by hand; 404 otherwise. */
export async function manualIndicator(db: DbOrTrx, identifier: string): Promise<StoredIndicator> {
  const plan = await getDefaultPlan(db);
  const indicator = plan?.goals.flatMap((g) => g.objectives.flatMap((o) => o.performanceIndicators)).find((i) => i.identifier === identifier);
  if (!plan || !indicator || registryEntry(identifier)?.source !== 'manual') throw notFound();
  return indicator;
}

/** How an event names the indicator: its number and what it measures, as on the page. */
const described = (indicator: StoredIndicator): string => [indicator.sequenceIndicator, indicator.measurementDimension].filter((p) => p !== '').join(' ');

/** The audited values of an actual: the history shows them by these names. */
const audited = (row: Pick<ActualRow, 'value' | 'note' | 'source_url'>) => ({ actual_value: row.value, actual_note: row.note, actual_source_url: row.source_url ?? '' });

export interface RecordOutcome {
  actual: ActualRow;
  created: boolean;
}

/** Records the actual for a period, or corrects the one already recorded for it. */
export async function recordActual(ctx: IndicatorsContext, actor: Actor, identifier: string, input: ActualInput): Promise<RecordOutcome> {
  const valid = validateActual(input);
  return ctx.db.transaction().execute(async (trx) => {
    const indicator = await manualIndicator(trx, identifier);
    const which = { indicator: described(indicator), start_date: valid.period.start, end_date: valid.period.end };
    const fields = { value: valid.value, note: valid.note, source_url: valid.sourceUrl, recorded_by: actor.id, recorded_at: nowIso() };
    const existing = await findActualForPeriod(trx, identifier, valid.period);
    if (existing) {
      const changes = changedFields(audited(existing), audited(fields));
      // Saving the same values again is not a change, so it leaves no trace in the history.
      if (!changes) return { actual: existing, created: false };
      await updateActual(trx, existing.id, fields);
      await recordAudit(trx, {
        actorId: actor.id,
        action: 'indicator.actual_changed',
        entityType: 'indicator',
        entityId: identifier,
        summary: `Actual changed for ${which.indicator}, ${valid.period.start} to ${valid.period.end}`,
        before: { ...which, ...changes.before },
        after: { ...which, ...changes.after },
        isPublic: true,
      });
      return { actual: { ...existing, ...fields }, created: false };
    }
    const row: ActualRow = { id: newId(), indicator_identifier: identifier, start_date: valid.period.start, end_date: valid.period.end, ...fields };
    await insertActual(trx, row);
    await recordAudit(trx, {
      actorId: actor.id,
      action: 'indicator.actual_recorded',
      entityType: 'indicator',
      entityId: identifier,
      summary: `Actual recorded for ${which.indicator}, ${valid.period.start} to ${valid.period.end}: ${valid.value}`,
      after: { ...which, ...audited(row) },
      isPublic: true,
    });
    return { actual: row, created: true };
  });
}

/** Removes a hand-recorded actual (entered for the wrong indicator, say), keeping what it was in the history. */
export async function removeActual(ctx: IndicatorsContext, actor: Actor, identifier: string, actualId: string): Promise<ActualRow> {
  return ctx.db.transaction().execute(async (trx) => {
    const indicator = await manualIndicator(trx, identifier);
    const existing = await findActual(trx, identifier, actualId);
    if (!existing) throw notFound();
    await deleteActual(trx, existing.id);
    await recordAudit(trx, {
      actorId: actor.id,
      action: 'indicator.actual_removed',
      entityType: 'indicator',
      entityId: identifier,
      summary: `Actual removed for ${described(indicator)}, ${existing.start_date} to ${existing.end_date}`,
      before: { indicator: described(indicator), start_date: existing.start_date, end_date: existing.end_date, ...audited(existing) },
      isPublic: true,
    });
    return existing;
  });
}
