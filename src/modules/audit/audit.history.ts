// Audit events in the reader's language. The stored summary is English, written for administrators; what the
// public (and the audit page) reads is built from the action and the values before and after, through i18next.
import type { Translate } from '../../platform/i18n.ts';
import { countryName, isCountryCode } from '../members/country-codes.ts';

/** Columns whose values are codes with a translated name: the key prefix that names them. */
const CODED_VALUES: Readonly<Record<string, string>> = {
  org_type: 'organisations.types.',
  member_type: 'members.types.',
  role: 'roles.names.',
  member_status: 'members.statuses.',
  cohort: 'members.cohorts.',
  plan_status: 'plans.statuses.',
  implementation_status: 'commitments.statuses.',
  reported_status: 'commitments.statuses.',
  indicator_type: 'strategy.indicatorTypes.',
  value_chain_stage: 'strategy.stages.',
};

/** Keys that hold the name of the person an event is about: the sentence says it, so it is not listed as a field. */
const PERSON_KEYS: ReadonlySet<string> = new Set(['member', 'contact']);

export interface HistoryChange {
  field: string;
  /** The field's translated label. */
  label: string;
  /** The value as shown, or null when there was none. */
  before: string | null;
  after: string | null;
}

export interface DescribedEvent {
  /** What happened, in the reader's language; the action code for an action with no translation. */
  label: string;
  /** The fields the event set or changed, in order, without the person it is about. */
  changes: HistoryChange[];
  hasBefore: boolean;
  hasAfter: boolean;
}

export interface DescribableEvent {
  action: string;
  before_json: string | null;
  after_json: string | null;
}

type Lookup = (key: string, options: Record<string, unknown>) => unknown;

/**
 * The translation of `key`, or `fallback` when there is none. Values go in `replace`, so a stored key can never
 * act as an i18next option (count, lng, context…); a key that names a group of strings is not a translation either.
 */
function translate(t: Translate, key: string, fallback: string, values: Record<string, string> = {}): string {
  const text = (t as unknown as Lookup)(key, { replace: values, defaultValue: fallback, returnObjects: true });
  return typeof text === 'string' ? text : fallback;
}

function parseValues(json: string | null): Record<string, unknown> {
  if (!json) return {};
  try {
    const value: unknown = JSON.parse(json);
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** One stored value as the reader should see it: codes by their translated names, nothing as null. */
function showValue(t: Translate, lang: string, field: string, value: unknown): string | null {
  if (value === null || value === undefined || value === '') return null;
  if (typeof value === 'boolean') return t(value ? 'common.yes' : 'common.no');
  const text = typeof value === 'string' ? value : typeof value === 'number' ? String(value) : JSON.stringify(value);
  const prefix = CODED_VALUES[field];
  if (prefix) return translate(t, `${prefix}${text}`, text);
  if (field === 'country_code' && isCountryCode(text)) return `${countryName(text, lang)} (${text})`;
  return text;
}

/**
 * A translator that remembers plain lookups (field labels, code names): a page of fifty events asks for
 * the same few hundred keys, and i18next's own lookup is the slowest part of rendering it.
 */
function memoised(t: Translate): Translate {
  const cache = new Map<string, unknown>();
  const lookup = (key: string, options?: Record<string, unknown>): unknown => {
    const replace = options?.replace as Record<string, string> | undefined;
    if (replace && Object.keys(replace).length > 0) return (t as unknown as Lookup)(key, options ?? {});
    const cacheKey = `${key}\u0000${String(options?.defaultValue ?? '')}`;
    if (!cache.has(cacheKey)) cache.set(cacheKey, (t as unknown as Lookup)(key, options ?? {}));
    return cache.get(cacheKey);
  };
  return lookup as unknown as Translate;
}

/** Describes one event in the reader's language. */
export function describeEvent(t: Translate, lang: string, event: DescribableEvent): DescribedEvent {
  const before = parseValues(event.before_json);
  const after = parseValues(event.after_json);
  const fields = [...new Set([...Object.keys(after), ...Object.keys(before)])];
  const values: Record<string, string> = {};
  for (const field of fields) values[field] = showValue(t, lang, field, field in after ? after[field] : before[field]) ?? '';
  const changes = fields
    .filter((field) => !PERSON_KEYS.has(field))
    .map((field) => ({
      field,
      label: translate(t, `history.fields.${field}`, field),
      before: showValue(t, lang, field, before[field]),
      after: showValue(t, lang, field, after[field]),
    }));
  return {
    label: translate(t, `history.actions.${event.action}`, event.action, values),
    changes,
    hasBefore: changes.some((c) => c.field in before),
    hasAfter: changes.some((c) => c.field in after),
  };
}

/** The rows with what each says added, for a template to show. */
export function describeHistory<E extends DescribableEvent>(t: Translate, lang: string, events: readonly E[]): Array<E & DescribedEvent> {
  const translator = memoised(t);
  return events.map((event) => ({ ...event, ...describeEvent(translator, lang, event) }));
}
