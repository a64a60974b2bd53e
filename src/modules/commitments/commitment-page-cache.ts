import { sql } from 'kysely';
import type { DbOrTrx } from '../../db/database.ts';
import type { Translate } from '../../platform/i18n.ts';
import { describeHistory } from '../audit/audit.history.ts';
import { commitmentPage } from './commitment-page.ts';
import { type CommitmentDetails, getCommitmentDetails, getProgressUpdates } from './commitments.service.ts';
import type { TimelineRow } from './commitments.repository.ts';

// A commitment's page reads a dozen tables, finds similar commitments and draws a chart: far more work than
// laying the page out. What it shows is kept in memory under the data version it was read at (the
// commitment_page_version counter, which triggers move with every committed change to anything the page
// shows), so a page is worked out once per change and every process still sees every change on its next
// request. Only the data is kept: the HTML is rendered for each request, with the reader's permissions.

/** The data version commitment pages are read at. */
export async function commitmentPageVersion(db: DbOrTrx): Promise<number> {
  const { rows } = await sql<{ version: number | string }>`SELECT version FROM commitment_page_version WHERE id = 1`.execute(db);
  return Number(rows[0]?.version ?? 0);
}

/** Entries read at one data version, least recently used first out; a different version empties it. */
export class SingleVersionCache<V> {
  private version: number | null = null;
  private readonly entries = new Map<string, V>();

  constructor(private readonly capacity: number) {}

  get(version: number, key: string): V | undefined {
    if (version !== this.version) return undefined;
    const value = this.entries.get(key);
    if (value === undefined) return undefined;
    // A Map keeps insertion order: moving a hit to the end leaves the least recently used first.
    this.entries.delete(key);
    this.entries.set(key, value);
    return value;
  }

  /**
   * Any other version replaces the one held, older ones too: a database restored from a backup may count
   * from a lower number again, and an entry must never outlive the data it was read from.
   */
  set(version: number, key: string, value: V): void {
    if (version !== this.version) {
      this.entries.clear();
      this.version = version;
    }
    this.entries.delete(key);
    this.entries.set(key, value);
    while (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
  }

  get size(): number {
    return this.entries.size;
  }
}

export type CommitmentPageView = ReturnType<typeof commitmentPage> & { history: ReturnType<typeof describeHistory> };

// A page's data is tens of kilobytes (its texts, timeline and chart): these bound the memory to tens of megabytes.
const DETAILS_CAPACITY = 400;
const VIEWS_CAPACITY = 400;

interface PageCaches {
  details: SingleVersionCache<CommitmentDetails>;
  /** Per language: the same details in the reader's words. */
  views: SingleVersionCache<CommitmentPageView>;
}

const cachesByDb = new WeakMap<object, PageCaches>();

function cachesFor(db: object): PageCaches {
  let caches = cachesByDb.get(db);
  if (!caches) {
    caches = { details: new SingleVersionCache(DETAILS_CAPACITY), views: new SingleVersionCache(VIEWS_CAPACITY) };
    cachesByDb.set(db, caches);
  }
  return caches;
}

/** What the commitment's page shows in the reader's language, less what depends on who the reader is. */
export async function commitmentPageView(db: DbOrTrx, ogpId: string, t: Translate, lang: string): Promise<CommitmentPageView> {
  // Inside a transaction the data may be uncommitted: never keep it.
  if (db.isTransaction) return describe(t, lang, await getCommitmentDetails(db, ogpId));
  const caches = cachesFor(db);
  // Read before the data, so that what is kept under a version is never older than that version.
  const version = await commitmentPageVersion(db);
  const viewKey = `${lang}\u0000${ogpId}`;
  const cachedView = caches.views.get(version, viewKey);
  if (cachedView) return cachedView;
  let details = caches.details.get(version, ogpId);
  if (!details) {
    details = await getCommitmentDetails(db, ogpId);
    caches.details.set(version, ogpId, details);
  }
  const view = describe(t, lang, details);
  caches.views.set(version, viewKey, view);
  return view;
}

const describe = (t: Translate, lang: string, details: CommitmentDetails): CommitmentPageView => ({
  ...commitmentPage(t, lang, details),
  history: describeHistory(t, lang, details.history),
});

/**
 * The updates the commitment's progress chart is drawn from. A browser asks for the chart just after the page,
 * whose details are then at hand; otherwise only the updates are read, not everything else the page shows.
 */
export async function commitmentChartUpdates(db: DbOrTrx, ogpId: string): Promise<TimelineRow[]> {
  if (db.isTransaction) return getProgressUpdates(db, ogpId);
  const details = cachesFor(db).details.get(await commitmentPageVersion(db), ogpId);
  return details ? details.updates : getProgressUpdates(db, ogpId);
}
