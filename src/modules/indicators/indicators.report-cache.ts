// The dashboard, its downloads and the indicator pages all start from the platform's plan (thirteen queries
// over its StratML tables and a tree put together from them) and the actuals recorded by hand. Both change
// rarely, so each process keeps them per `plan` data version (indicators.data-version.ts): reading it on every
// request tells whether any process changed anything, and a change shows on the very next request everywhere.
import type { DbOrTrx } from '../../db/database.ts';
import type { StoredPlan } from '../strategy/plan-store.ts';
import { getDefaultPlan } from '../strategy/strategy.service.ts';

// Keys come partly from the query string (the periods asked for), so their number is bounded here.
const REPORTS_MAX = 32;

export interface Snapshot<Report> {
  version: number;
  plan: Promise<StoredPlan | null>;
  reports: Map<string, Promise<Report>>;
}

// One per database handle, like the computed counts: tests and tools with several databases never share.
const snapshots = new WeakMap<object, Snapshot<unknown>>();

/** What this process knows of the data at the database's current `plan` version; read afresh when it moved. */
export function currentSnapshot<Report>(db: DbOrTrx, version: number): Snapshot<Report> {
  const kept = snapshots.get(db) as Snapshot<Report> | undefined;
  if (kept && kept.version === version) return kept;
  const snapshot: Snapshot<Report> = { version, plan: getDefaultPlan(db), reports: new Map() };
  snapshots.set(db, snapshot);
  // A failed read is not kept: the next request tries again.
  snapshot.plan.catch(() => {
    if (snapshots.get(db) === snapshot) snapshots.delete(db);
  });
  return snapshot;
}

/** The report kept under this key in the snapshot, or the one `build` makes, kept for the next request. */
export function rememberedReport<Report>(snapshot: Snapshot<Report>, key: string, build: () => Promise<Report>): Promise<Report> {
  const kept = snapshot.reports.get(key);
  if (kept) return kept;
  const report = build();
  if (snapshot.reports.size >= REPORTS_MAX) snapshot.reports.delete(snapshot.reports.keys().next().value as string);
  snapshot.reports.set(key, report);
  report.catch(() => {
    if (snapshot.reports.get(key) === report) snapshot.reports.delete(key);
  });
  return report;
}
