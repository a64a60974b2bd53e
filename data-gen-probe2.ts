import fs from 'node:fs';
import { migrateToLatest, openDatabase } from './src/db/database.ts';
import { BulkInserter } from './src/generate/bulk-insert.ts';
import { produceRows } from './src/generate/produce.ts';
const file = process.env.DB!;
for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
const h = openDatabase(`sqlite:${file}`);
await migrateToLatest(h.db);
const batches = [...produceRows({ scale: Number(process.env.SCALE ?? 1), seed: 'bench', taken: { memberSlugs: new Set(), organisationSlugs: new Set(), memberCodes: new Set(), idNumbers: new Map() } })];
const inserter = new BulkInserter(h);
const cpu = new Map<string, number>();
const skip = new Set((process.env.DROP ?? '').split(',').filter(Boolean));
const c0 = process.cpuUsage();
await h.db.transaction().execute(async (trx) => {
  const all = h.sqlite!.prepare("select name from sqlite_master where type='trigger'").pluck().all() as string[];
  const names = skip.has('ALL') ? all : skip.has('NOFTS') ? all.filter((n) => n !== 'commitment_search_insert') : [...skip];
  for (const name of names) h.sqlite!.exec(`DROP TRIGGER ${name}`);
  const idx = process.env.DROPIDX ? (h.sqlite!.prepare("select name, sql from sqlite_master where type='index' and sql is not null and sql not like 'CREATE UNIQUE%' and tbl_name in ('progress_updates','milestones','commitments','commitment_tags','commitment_institutions','irm_assessments','audit_events')").all() as Array<{ name: string; sql: string }>) : [];
  for (const i of idx) h.sqlite!.exec(`DROP INDEX ${i.name}`);
  for (const b of batches) for (const t of b.tables) {
    const c = process.cpuUsage();
    await inserter.insert(trx, t);
    const d = process.cpuUsage(c);
    cpu.set(t.table, (cpu.get(t.table) ?? 0) + (d.user + d.system) / 1000);
  }
  { const c = process.cpuUsage(); for (const i of idx) h.sqlite!.exec(i.sql); const d = process.cpuUsage(c); if (idx.length) console.log('reindex cpu', (d.user + d.system) / 1000); }
  if (process.env.REBUILD) {
    const c = process.cpuUsage();
    h.sqlite!.exec(`INSERT INTO commitment_search (commitment_id) SELECT id FROM commitments c WHERE NOT EXISTS (SELECT 1 FROM commitment_search s WHERE s.commitment_id = c.id) ORDER BY c.rowid`);
    const d1 = process.cpuUsage(c);
    h.sqlite!.exec(`INSERT INTO commitment_fts (rowid, ogp_id, title, short_title, theme, member_name, body) SELECT s.doc_id, c.ogp_id, c.title, c.short_title, c.theme, m.name, c.full_text || ' ' || c.problem || ' ' || c.status_quo || ' ' || c.objective || ' ' || c.ambition FROM commitment_search s JOIN commitments c ON c.id = s.commitment_id JOIN members m ON m.id = c.member_id`);
    const d = process.cpuUsage(c);
    console.log('rebuild cpu', (d1.user + d1.system) / 1000, (d.user + d.system) / 1000);
  }
});
const cu = process.cpuUsage(c0);
console.log('insert cpu', ((cu.user + cu.system) / 1e6).toFixed(2), 's');
console.log(Object.fromEntries([...cpu].map(([k, v]) => [k, Math.round(v)])));
await h.close();
