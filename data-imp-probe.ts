import fs from 'node:fs';
import { migrateToLatest, openDatabase } from './src/db/database.ts';
import { importCommitmentSheet } from './src/modules/commitment-data/commitment-data.service.ts';
const url = process.env.URL!;
if (url.startsWith('sqlite:')) { const f = url.slice(7); for (const x of [f, `${f}-wal`, `${f}-shm`]) fs.rmSync(x, { force: true }); }
const h = openDatabase(url);
await migrateToLatest(h.db);
const file = process.env.CSV!;
let tWriteStart = 0;
const c0 = process.cpuUsage(); const t0 = performance.now();
const report = await importCommitmentSheet({ db: h.db }, { open: () => fs.createReadStream(file), fileName: 'x.csv', size: fs.statSync(file).size, actorId: null, onProgress: (p) => { if (p.phase === 'write' && !tWriteStart) tWriteStart = performance.now(); } });
const t1 = performance.now(); const cu = process.cpuUsage(c0);
console.log({ created: report.created, rejected: report.rejected.length, total_s: ((t1 - t0) / 1000).toFixed(2), cpu_s: ((cu.user + cu.system) / 1e6).toFixed(2), checkUntilFirstWrite_s: ((tWriteStart - t0) / 1000).toFixed(2), rowsPerSec: Math.round(report.rows / ((t1 - t0) / 1000)) });
await h.close();
