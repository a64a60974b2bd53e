// Calendar dates as the platform stores them: ISO 8601 'YYYY-MM-DD' strings, in UTC, which sort and
// compare as text on both databases.

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar day written YYYY-MM-DD (so 2023-02-29 is refused). */
export function isIsoDate(text: string): boolean {
  const match = ISO_DATE.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** Today's date in UTC. */
export const todayIso = (now: Date = new Date()): string => now.toISOString().slice(0, 10);

/** The date `days` days after (or before, if negative) an ISO date. */
export function addDays(isoDate: string, days: number): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** Whole days from one ISO date to another: positive when `to` is later. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

export type DateCheck = { ok: true; value: string | null } | { ok: false };

/** A date as typed into a form: blank is no date, anything else must be a real YYYY-MM-DD day. */
export function parseOptionalDate(text: string | undefined | null): DateCheck {
  const value = (text ?? '').trim();
  if (value === '') return { ok: true, value: null };
  return isIsoDate(value) ? { ok: true, value } : { ok: false };
}
