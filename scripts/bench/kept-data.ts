import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

// A ×100 database takes a quarter of an hour or more to generate; --keep-data keeps each SQLite database the
// bench generates, and later runs start from a copy of it (measurements write to the copy, never to the kept
// file). A kept database is used only while the generator and the migrations are exactly those it was made by.

export interface KeptGeneration {
  /** The generator's last line: what it wrote and how long it took. */
  summary: string;
  seconds: number;
  generatedAt: string;
}

interface KeptRecord extends KeptGeneration {
  key: string;
}

function filesUnder(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && !entry.name.endsWith('.test.ts'))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
}

/** What the data depends on: the generator's code and the schema, so any change to either makes new data. */
export function dataKey(root: string, scale: number, seed: string): string {
  const hash = createHash('sha256').update(JSON.stringify({ scale, seed }));
  for (const file of [...filesUnder(path.join(root, 'src', 'generate')), ...filesUnder(path.join(root, 'src', 'db', 'migrations'))]) {
    hash.update(path.relative(root, file)).update(fs.readFileSync(file));
  }
  return hash.digest('hex');
}

const keptFile = (dir: string, scale: number, seed: string): string => path.join(dir, `sqlite-x${String(scale).replace('.', '_')}-${seed.replace(/[^\w-]/g, '_')}.sqlite`);

/** Copies the kept database for this scale and seed to `target` and says how it was generated; null when none fits. */
export function restoreKept(dir: string, key: string, scale: number, seed: string, target: string): KeptGeneration | null {
  const file = keptFile(dir, scale, seed);
  let record: KeptRecord;
  try {
    record = JSON.parse(fs.readFileSync(`${file}.json`, 'utf8')) as KeptRecord;
  } catch {
    return null;
  }
  if (record.key !== key || !fs.existsSync(file)) return null;
  fs.copyFileSync(file, target);
  return { summary: record.summary, seconds: record.seconds, generatedAt: record.generatedAt };
}

/** Keeps a copy of a freshly generated database (closed, so it is one file) for later runs. */
export function keep(dir: string, key: string, scale: number, seed: string, source: string, generation: Omit<KeptGeneration, 'generatedAt'>): void {
  fs.mkdirSync(dir, { recursive: true });
  const file = keptFile(dir, scale, seed);
  // The record goes last: a copy cut short is never taken for a whole one.
  fs.rmSync(`${file}.json`, { force: true });
  fs.copyFileSync(source, file);
  const record: KeptRecord = { ...generation, generatedAt: new Date().toISOString(), key };
  fs.writeFileSync(`${file}.json`, `${JSON.stringify(record, null, 2)}\n`);
}
