import os from 'node:os';
import { Worker } from 'node:worker_threads';
import type { CompiledQuery } from 'kysely';
import type { PackedMatches } from './packed-matches.ts';

// better-sqlite3 runs every query on the JavaScript thread, and a common word's ranked search takes up to a second at
// ×100 (bm25 for every one of 300,000 matches): every other request of the process waited behind it. A serving
// process with a SQLite file runs those searches on threads of its own instead, each with its own read-only
// connection. WAL lets them read while the main connection writes; each query reads one committed state, as a query
// on the main connection outside a transaction does. Searches inside a transaction stay on the main connection,
// which alone sees that transaction's writes.

export interface SearchThreadData {
  file: string;
  cacheKib: number;
}

export interface SearchRequest {
  id: number;
  sql: string;
  parameters: readonly unknown[];
  ranked: boolean;
}

export type SearchReply = { id: number; matches: PackedMatches } | { id: number; error: string };

/** The threads could not run a search (one failed or ended, or they were closed); the query itself may be fine. */
export class SearchThreadsUnavailable extends Error {}

/** Threads lost before the pool stops starting new ones: a thread that cannot start would otherwise be retried forever. */
const MAX_LOST = 3;

interface Job {
  request: SearchRequest;
  resolve: (matches: PackedMatches) => void;
  reject: (error: Error) => void;
}

interface Thread {
  worker: Worker;
  /** The search it is running; each thread is given one at a time, so a long one holds up no other. */
  job: Job | null;
}

const BOOT = new URL('./search-thread.boot.mjs', import.meta.url);

/**
 * One thread per core, up to four (two on a two-core machine): when many new words come at once (a server just
 * started, or the text just changed), the main thread mostly waits for them, and a second search uses the core it leaves.
 */
const defaultSearchThreads = (): number => Math.max(1, Math.min(4, os.availableParallelism()));

export class SearchThreads {
  private readonly threads: Thread[] = [];
  private readonly queue: Job[] = [];
  private nextId = 1;
  private closed = false;
  private lost = 0;
  /** How many searches the threads have answered: tests check their searches went this way. */
  answered = 0;

  constructor(
    private readonly data: SearchThreadData,
    private readonly size = defaultSearchThreads(),
  ) {}

  /** Runs a packed-matches query (see fulltext.ts) on a thread; threads start as searches need them. */
  packedMatches(query: CompiledQuery, ranked: boolean): Promise<PackedMatches> {
    if (this.closed) return Promise.reject(new SearchThreadsUnavailable('The search threads are closed'));
    if (this.lost >= MAX_LOST) return Promise.reject(new SearchThreadsUnavailable(`${this.lost} search threads failed`));
    return new Promise<PackedMatches>((resolve, reject) => {
      this.queue.push({ request: { id: this.nextId++, sql: query.sql, parameters: query.parameters, ranked }, resolve, reject });
      this.dispatch();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    const error = new SearchThreadsUnavailable('The search threads were closed');
    for (const job of this.queue.splice(0)) job.reject(error);
    const threads = this.threads.splice(0);
    for (const thread of threads) thread.job?.reject(error);
    await Promise.all(threads.map((thread) => thread.worker.terminate()));
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      const thread = this.threads.find((t) => t.job === null) ?? (this.threads.length < this.size ? this.start() : undefined);
      if (!thread) return;
      const job = this.queue.shift()!;
      thread.job = job;
      thread.worker.postMessage(job.request);
    }
  }

  private start(): Thread {
    const worker = new Worker(BOOT, { workerData: this.data });
    const thread: Thread = { worker, job: null };
    // A server's sockets keep its process alive; idle search threads must not keep a finished command's.
    worker.unref();
    worker.on('message', (reply: SearchReply) => this.answer(thread, reply));
    // A thread that fails or ends fails the search it holds; the next search starts another, up to MAX_LOST.
    const lost = (error: Error) => {
      const at = this.threads.indexOf(thread);
      if (at < 0) return;
      this.threads.splice(at, 1);
      this.lost++;
      const unavailable = new SearchThreadsUnavailable(`A search thread failed: ${error.message}`);
      thread.job?.reject(unavailable);
      thread.job = null;
      if (this.lost >= MAX_LOST) for (const job of this.queue.splice(0)) job.reject(unavailable);
      this.dispatch();
    };
    worker.on('error', lost);
    worker.on('exit', (code) => lost(new Error(`exit code ${code}`)));
    this.threads.push(thread);
    return thread;
  }

  private answer(thread: Thread, reply: SearchReply): void {
    const job = thread.job;
    if (!job || job.request.id !== reply.id) return;
    thread.job = null;
    this.answered++;
    if ('error' in reply) job.reject(new Error(reply.error));
    else job.resolve(reply.matches);
    this.dispatch();
  }
}

const pools = new WeakMap<object, SearchThreads>();

/** From now on, searches on `db` outside a transaction run on threads reading the SQLite file `data.file`. */
export function offloadSearches(db: object, data: SearchThreadData): SearchThreads {
  let pool = pools.get(db);
  if (!pool) pools.set(db, (pool = new SearchThreads(data)));
  return pool;
}

/** The threads that run `db`'s searches, if it has them. */
export const searchThreadsOf = (db: object): SearchThreads | undefined => pools.get(db);

export async function closeSearchThreads(db: object): Promise<void> {
  const pool = pools.get(db);
  if (!pool) return;
  pools.delete(db);
  await pool.close();
}
