import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

// A ×100 database takes a quarter of an hour or more to generate; --keep-data keeps each SQLite database the
// bench generates, and later runs start from a copy of it (measurements write to the copy, never to the kept
// file). A kept database is used only while the generator is exactly the one that made it and every migration it
// was made with is still there unchanged. Migrations added since are applied to the copy, as a deployment would
// apply them to its database: a new index should not cost a new ×100 database.

export interface KeptGeneration {
  /** The generator's last line: what it wrote and how long it took. */
  summary: string;
  seconds: number;
  generatedAt: string;
}

interface KeptRecord extends KeptGeneration {
  /** Records written before migrations could be added: the generator and the migrations in one hash. */
  key?: string;
  /** The generator's code, the scale and the seed. */
  generatorKey?: string;
  /** Each migration file the data was made with, by name, with its own hash. */
  migrations?: Record<string, string>;
}

/** What a kept database must match: see dataKeys. */
export interface DataKeys {
  /** The generator and the migrations in one hash, as records from before `generatorKey` were keyed. */
  whole: string;
  generator: string;
  migrations: Record<string, string>;
}

function filesUnder(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && !entry.name.endsWith('.test.ts'))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
}

/** What the data depends on: the generator's code, the scale and the seed, and the migrations it ran after. */
export function dataKeys(root: string, scale: number, seed: string): DataKeys {
  const whole = createHash('sha256').update(JSON.stringify({ scale, seed }));
  const generator = createHash('sha256').update(JSON.stringify({ scale, seed }));
  const migrations: Record<string, string> = {};
  for (const file of filesUnder(path.join(root, 'src', 'generate'))) {
    const content = fs.readFileSync(file);
    whole.update(path.relative(root, file)).update(content);
    generator.update(path.relative(root, file)).update(content);
  }
  for (const file of filesUnder(path.join(root, 'src', 'db', 'migrations'))) {
    const content = fs.readFileSync(file);
    whole.update(path.relative(root, file)).update(content);
    // The registry (index.ts) changes with every migration added; each migration's own file is what counts.
    if (/^\d{14}_/.test(path.basename(file))) migrations[path.relative(root, file)] = createHash('sha256').update(content).digest('hex');
  }
  return { whole: whole.digest('hex'), generator: generator.digest('hex'), migrations };
}

/** Whether data made under `record` is what the current generator makes, give or take migrations added since. */
function fits(record: KeptRecord, keys: DataKeys): boolean {
  if (record.key !== undefined && record.generatorKey === undefined) return record.key === keys.whole;
  if (record.generatorKey !== keys.generator || !record.migrations) return false;
  return Object.entries(record.migrations).every(([file, hash]) => keys.migrations[file] === hash);
}

const keptFile = (dir: string, scale: number, seed: string): string => path.join(dir, `sqlite-x${String(scale).replace('.', '_')}-${seed.replace(/[^\w-]/g, '_')}.sqlite`);

/** Copies the kept database for this scale and seed to `target` and says how it was generated; null when none fits. */
export function restoreKept(dir: string, keys: DataKeys, scale: number, seed: string, target: string): KeptGeneration | null {
  const file = keptFile(dir, scale, seed);
  let record: KeptRecord;
  try {
    record = JSON.parse(fs.readFileSync(`${file}.json`, 'utf8')) as KeptRecord;
  } catch {
    return null;
  }
  if (!fits(record, keys) || !fs.existsSync(file)) return null;
  fs.copyFileSync(file, target);
  return { summary: record.summary, seconds: record.seconds, generatedAt: record.generatedAt };
}

/** Keeps a copy of a freshly generated database (closed, so it is one file) for later runs. */
export function keep(dir: string, keys: DataKeys, scale: number, seed: string, source: string, generation: Omit<KeptGeneration, 'generatedAt'>): void {
  fs.mkdirSync(dir, { recursive: true });
  const file = keptFile(dir, scale, seed);
  // The record goes last: a copy cut short is never taken for a whole one.
  fs.rmSync(`${file}.json`, { force: true });
  fs.copyFileSync(source, file);
  const record: KeptRecord = { ...generation, generatedAt: new Date().toISOString(), generatorKey: keys.generator, migrations: keys.migrations };
  fs.writeFileSync(`${file}.json`, `${JSON.stringify(record, null, 2)}\n`);
}
