import type { DbOrTrx } from '../db/database.ts';
import { utf8Bytes } from './utf8.ts';

/**
 * Values computed at one data version, bounded by their total size: least recently used out first once the
 * budget is passed, everything out when another version arrives. Any other version replaces the one held,
 * older ones too (a database restored from a backup may count from a lower number again), so nothing
 * outlives the data it was made from.
 */
export class VersionedLru<V> {
  private version: number | null = null;
  private readonly entries = new Map<string, { value: V; bytes: number; used: number }>();
  private bytes = 0;
  // A hit only stamps its entry with this count; the least recently used is looked for when one must go, which
  // happens on a write (after a render) rather than on every hit.
  private uses = 0;

  constructor(
    private readonly budgetBytes: number,
    private readonly sizeOf: (value: V) => number,
  ) {}

  get(version: number, key: string): V | undefined {
    if (version !== this.version) return undefined;
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    entry.used = ++this.uses;
    return entry.value;
  }

  set(version: number, key: string, value: V): void {
    if (version !== this.version) {
      this.entries.clear();
      this.bytes = 0;
      this.version = version;
    }
    const bytes = this.sizeOf(value);
    if (bytes > this.budgetBytes) return;
    const previous = this.entries.get(key);
    if (previous) {
      this.bytes -= previous.bytes;
      this.entries.delete(key);
    }
    this.entries.set(key, { value, bytes, used: ++this.uses });
    this.bytes += bytes;
    while (this.bytes > this.budgetBytes && this.entries.size > 1) this.evictLeastRecentlyUsed();
  }

  private evictLeastRecentlyUsed(): void {
    let oldestKey: string | undefined;
    let oldestUse = Infinity;
    for (const [key, entry] of this.entries) {
      if (entry.used < oldestUse) {
        oldestUse = entry.used;
        oldestKey = key;
      }
    }
    if (oldestKey === undefined) return;
    this.bytes -= this.entries.get(oldestKey)?.bytes ?? 0;
    this.entries.delete(oldestKey);
  }

  get size(): number {
    return this.entries.size;
  }

  get totalBytes(): number {
    return this.bytes;
  }
}

/**
 * A page's data, kept per database under its data version (a counter that triggers move with every committed change
 * to what the page shows, read by `versionOf`) and a key, within `budgetBytes` (each entry weighed by its JSON's
 * length, once, when kept: a plan with a thousand public comments weighs what it holds): each page is read once per
 * change, and every process still sees every change on its next request. Never kept inside a transaction, whose data
 * may be uncommitted. Callers must not change what they are given.
 */
export class VersionedData<V> {
  private readonly caches = new WeakMap<object, VersionedLru<V>>();

  constructor(
    private readonly versionOf: (db: DbOrTrx) => Promise<number>,
    private readonly budgetBytes: number,
  ) {}

  async get(db: DbOrTrx, key: string, read: () => Promise<V>): Promise<V> {
    if (db.isTransaction) return read();
    let cache = this.caches.get(db);
    if (!cache) this.caches.set(db, (cache = new VersionedLru<V>(this.budgetBytes, jsonBytes)));
    // Read before the data, so that what is kept under a version is never older than that version.
    const version = await this.versionOf(db);
    const kept = cache.get(version, key);
    if (kept !== undefined) return kept;
    const value = await read();
    cache.set(version, key, value);
    return value;
  }
}

/** About what a value takes in memory: its JSON's length, at two bytes a character. */
const jsonBytes = (value: unknown): number => 2 * (JSON.stringify(value)?.length ?? 0) + 64;

/**
 * Rendered pages for visitors who are not signed in, as the bytes sent: a page answered from here costs no
 * query, no template and no encoding. Only what is the same for every such visitor may be kept: the caller
 * checks the page carries no per-request value (see `isSharable`).
 */
export class PageCache {
  private readonly pages: VersionedLru<Buffer>;

  constructor(budgetBytes: number) {
    this.pages = new VersionedLru<Buffer>(budgetBytes, (page) => page.length);
  }

  get(version: number, key: string): Buffer | undefined {
    return this.pages.get(version, key);
  }

  /** Keeps the page, unless it holds one of the request's own values; returns the bytes to send either way. */
  keep(version: number, key: string, html: string, perRequest: ReadonlyArray<string | undefined>): Buffer {
    const page = utf8Bytes(html);
    // Kept at its exact size: utf8Bytes writes into room a tenth larger, which the budget (counted in page.length) would not see.
    if (isSharable(html, perRequest)) this.pages.set(version, key, Buffer.from(page));
    return page;
  }

  get size(): number {
    return this.pages.size;
  }
}

/** What only a page made for one request holds: a form's CSRF field, a script or style nonce. */
const PER_REQUEST_MARKERS = ['name="_csrf"', ' nonce="'];

/**
 * Whether a page rendered for one anonymous visitor can be sent to another: it must not contain any value made
 * for this request (a CSRF token, a nonce). Checking the rendered text, rather than trusting the templates,
 * keeps this true when a layout later starts printing one.
 */
export function isSharable(html: string, perRequest: ReadonlyArray<string | undefined>): boolean {
  if (PER_REQUEST_MARKERS.some((marker) => html.includes(marker))) return false;
  return perRequest.every((value) => value === undefined || value.length < 8 || !html.includes(value));
}
