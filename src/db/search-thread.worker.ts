import { parentPort, workerData } from 'node:worker_threads';
import SqliteDatabase from 'better-sqlite3';
import { type PackedRow, unpackMatches } from './packed-matches.ts';
import type { SearchReply, SearchRequest, SearchThreadData } from './search-thread.ts';
import { cachedPrepare } from './statement-cache.ts';

// The search thread's side (see search-thread.ts): its own read-only connection, one query at a time, each read in
// its own snapshot of the committed data. The matches are split into arrays here too, and their memory handed over.

const { file, cacheKib } = workerData as SearchThreadData;
const sqlite = new SqliteDatabase(file, { readonly: true, fileMustExist: true });
sqlite.pragma('busy_timeout = 5000');
sqlite.pragma(`cache_size = -${cacheKib}`);
const prepare = cachedPrepare(sqlite);
const port = parentPort!;

port.on('message', (request: SearchRequest) => {
  let reply: SearchReply;
  try {
    const row = prepare(request.sql).get(...request.parameters) as PackedRow | undefined;
    const matches = unpackMatches(row, request.ranked);
    reply = { id: request.id, matches };
    // Arrays made by from() own plain ArrayBuffers, which move to the main thread without a copy.
    const buffers = [matches.docs.buffer, ...(matches.scores ? [matches.scores.buffer] : [])] as ArrayBuffer[];
    port.postMessage(reply, buffers);
  } catch (error) {
    reply = { id: request.id, error: error instanceof Error ? error.message : String(error) };
    port.postMessage(reply);
  }
});
