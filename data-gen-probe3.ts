// Dialect-neutral: produce in-process, then insert with per-table wall timings (PG work happens in the server).
import fs from 'node:fs';
import { sql } from 'kysely';
import { migrateToLatest, openDatabase } from './src/db/database.ts';
import { BulkInserter } from './src/generate/bulk-insert.ts';
import { produceRows } from './src/generate/produce.ts';
const url = process.env.URL!;
if (url.startsWith('sqlite:')) { const f = url.slice(7); for (const x of [f, `${f}-wal`, `${f}-shm`]) fs.rmSync(x, { force: true }); }
const h = openDatabase(url);
if (!url.startsWith('sqlite:')) { await sql`DROP SCHEMA public CASCADE`.execute(h.db); await sql`CREATE SCHEMA public`.execute(h.db); }
await migrateToLatest(h.db);
const batches = [...produceRows({ scale: Number(process.env.SCALE ?? 1), seed: 'bench', taken: { memberSlugs: new Set(), organisationSlugs: new Set(), memberCodes: new Set(), idNumbers: new Map() } })];
const inserter = new BulkInserter(h);
const wall = new Map<string, number>();
const t0 = performance.now();
const pre = process.env.PRE ?? '';
const post = process.env.POST ?? '';
let tCommit = 0;
await h.db.transaction().execute(async (trx) => {
  if (pre) for (const s of pre.split(';;')) await sql.raw(s).execute(trx);
  for (const b of batches) for (const t of b.tables) {
    const c = performance.now();
    await inserter.insert(trx, t);
    wall.set(t.table, (wall.get(t.table) ?? 0) + performance.now() - c);
  }
  const c = performance.now();
  if (post) for (const s of post.split(';;')) await sql.raw(s).execute(trx);
  wall.set('POST', performance.now() - c);
  tCommit = performance.now();
});
console.log('total', ((performance.now() - t0) / 1000).toFixed(2), 's; commit', ((performance.now() - tCommit) / 1000).toFixed(2));
console.log(Object.fromEntries([...wall].map(([k, v]) => [k, Math.round(v)])));
await h.close();
