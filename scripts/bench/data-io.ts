import fs from 'node:fs';
import { parse } from 'csv-parse';
import { runOgp } from './processes.ts';

export interface ExportResult {
  seconds: number;
  rows: number;
  bytes: number;
  maxRssBytes: number | null;
}

export interface ImportResult {
  seconds: number;
  rows: number;
  rowsPerSecond: number;
  maxRssBytes: number | null;
}

export type Unavailable = { unavailable: string };

/** Whether `ogp <command> commitments` exists yet (another part of the platform provides it). */
async function commandHelp(command: 'import' | 'export'): Promise<string | null> {
  const run = await runOgp([command, 'commitments', '--help'], { DATABASE_URL: 'sqlite::memory:' });
  return run.code === 0 ? run.stdout : null;
}

async function countCsvRows(file: string): Promise<number> {
  let rows = 0;
  const parser = fs.createReadStream(file).pipe(parse({ bom: true, relax_column_count: true }));
  for await (const record of parser) if (Array.isArray(record)) rows += 1;
  return Math.max(0, rows - 1);
}

/** `ogp export commitments` of the whole database to a CSV file: wall time and the process's peak memory. */
export async function measureExport(databaseUrl: string, file: string): Promise<ExportResult | Unavailable> {
  const help = await commandHelp('export');
  if (help === null) return { unavailable: '`ogp export commitments` is not available yet' };
  // Write to the file as the command documents it: an --output option if it has one, else standard output.
  const toFile = /--output\b/.test(help);
  const run = await runOgp(['export', 'commitments', ...(toFile ? ['--output', file] : [])], { DATABASE_URL: databaseUrl }, toFile ? {} : { stdoutFile: file });
  if (run.code !== 0) return { unavailable: `\`ogp export commitments\` failed (exit ${run.code}): ${run.stderr.trim().split('\n')[0] ?? ''}` };
  return { seconds: run.seconds, rows: await countCsvRows(file), bytes: fs.statSync(file).size, maxRssBytes: run.maxRssBytes };
}

/** `ogp import commitments FILE` into an empty, migrated database: rows per second of the whole command. */
export async function measureImport(databaseUrl: string, file: string): Promise<ImportResult | Unavailable> {
  if ((await commandHelp('import')) === null) return { unavailable: '`ogp import commitments` is not available yet' };
  const migrated = await runOgp(['migrate'], { DATABASE_URL: databaseUrl });
  if (migrated.code !== 0) throw new Error(`migrate failed: ${migrated.stderr}`);
  const rows = await countCsvRows(file);
  const run = await runOgp(['import', 'commitments', file], { DATABASE_URL: databaseUrl });
  if (run.code !== 0) return { unavailable: `\`ogp import commitments\` failed (exit ${run.code}): ${run.stderr.trim().split('\n')[0] ?? ''}` };
  return { seconds: run.seconds, rows, rowsPerSecond: rows / run.seconds, maxRssBytes: run.maxRssBytes };
}
