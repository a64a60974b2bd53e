// `npm run bench`: generates synthetic OGP data at each scale on SQLite and PostgreSQL, starts the real platform
// on it, measures its pages, API, writes, import and export at fixed concurrency against a bare node:http
// ceiling, and judges the performance budgets. Prints a Markdown report and writes it, with the raw figures as
// JSON, to bench/results/. Not part of `npm test`. See bench/README.md.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { type DatabaseHandle, openDatabase } from '../src/db/database.ts';
import { capture, type CapturedPage, captureEach, startCeiling } from './bench/ceiling.ts';
import { measureExport, measureImport } from './bench/data-io.ts';
import { type LoadResult, type LoadSpec, REQUEST_TIMEOUT_SECONDS, runLoad } from './bench/load.ts';
import { allScales, type BenchOptions, type Dialect, parseBenchArgs, scalesFor, UsageError, wants } from './bench/options.ts';
import { dataKeys, keep, restoreKept } from './bench/kept-data.ts';
import { checkPage } from './bench/pages.ts';
import { createDatabase, type PostgresServer, startPostgres } from './bench/postgres.ts';
import { ROOT, runOgp, type RunningApp, startApp } from './bench/processes.ts';
import { judgeBudgets, renderMarkdown } from './bench/report.ts';
import type { BenchResult, PageMeasurement, RunResult, WorkersMeasurement } from './bench/results.ts';
import { type PageTarget, pageTargets } from './bench/targets.ts';
import { measureWrites, openProgressForm, pointOfContact } from './bench/writes.ts';

const say = (line: string): void => {
  process.stderr.write(`${line}\n`);
};

interface Database {
  url: string;
  bytes(): Promise<number | null>;
  drop(): Promise<void>;
}

async function newDatabase(dialect: Dialect, scale: number, workDir: string, postgres: PostgresServer | null): Promise<Database> {
  const name = `ogp_bench_x${String(scale).replace('.', '_')}_${process.pid}`;
  if (dialect === 'sqlite') {
    const file = path.join(workDir, `${name}.sqlite`);
    return {
      url: `sqlite:${file}`,
      bytes: async () => fs.statSync(file).size,
      drop: async () => {
        for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
      },
    };
  }
  const created = await createDatabase(postgres!.adminUrl, name);
  return {
    url: created.url,
    bytes: async () => {
      const handle = openDatabase(created.url);
      try {
        const row = await sql<{ size: number }>`SELECT pg_database_size(current_database()) AS size`.execute(handle.db);
        return Number(row.rows[0]?.size ?? 0);
      } finally {
        await handle.close();
      }
    },
    drop: created.drop,
  };
}

/**
 * Waits until the server answers /healthz quickly again: requests abandoned when a load stopped may still be
 * running (a slow search holds the event loop), and must not be billed to the next target. Returns the seconds waited.
 */
async function waitUntilIdle(baseUrl: string, limitSeconds = 600): Promise<number> {
  const started = performance.now();
  let quick = 0;
  while (quick < 3 && performance.now() - started < limitSeconds * 1000) {
    const t0 = performance.now();
    try {
      await fetch(`${baseUrl}/healthz`, { signal: AbortSignal.timeout(limitSeconds * 1000) });
    } catch {
      // Still busy; try again.
    }
    quick = performance.now() - t0 < 50 ? quick + 1 : 0;
  }
  return (performance.now() - started) / 1000;
}

/** The message of the last error the server logged, for a failure's note. */
function lastServerError(app: RunningApp): string {
  const lines = app.output().trim().split('\n').reverse();
  for (const line of lines) {
    try {
      const entry = JSON.parse(line) as { msg?: string; err?: { message?: string } };
      const message = entry.err?.message ?? entry.msg;
      if (message) return ` (server log: ${message.slice(0, 200)})`;
    } catch {
      // Not a log line.
    }
  }
  return '';
}

/**
 * Addresses the ceiling answers (the first this many of a target's): all of a rotating target's, and for the first
 * views and the searches that are all different, a sample as large, already asked for, so capturing it is quick.
 */
const CEILING_ADDRESSES = 300;

function pageWeights(pages: readonly CapturedPage[]): NonNullable<PageMeasurement['ceilingPages']> {
  const sizes = pages.map((page) => page.body.length);
  return { addresses: pages.length, meanBytes: Math.round(sizes.reduce((sum, size) => sum + size, 0) / sizes.length), maxBytes: Math.max(...sizes) };
}

/** The measured load, as the target's visits say (targets.ts). */
async function loadFor(target: PageTarget, load: Omit<LoadSpec, 'seconds'>, options: BenchOptions): Promise<LoadResult> {
  // autocannon refuses fewer requests than connections (the explorer's ten searches, the one indicators page).
  const eachOnce = (paths: string[]) => runLoad({ ...load, paths, connections: Math.min(load.connections, paths.length), seconds: options.duration, amount: paths.length });
  // The example was just asked for, so it is no first view any more.
  if (target.visits === 'first') return eachOnce(target.paths.slice(1));
  if (target.visits === 'repeat') await eachOnce(target.paths);
  if (options.warmup > 0) await runLoad({ ...load, seconds: options.warmup });
  return runLoad({ ...load, seconds: options.duration });
}

/** One page target: a first request to capture and weigh, warm-up, measured load, then the ceiling with the same pages. */
async function measurePage(app: RunningApp, target: PageTarget, options: BenchOptions): Promise<PageMeasurement> {
  const example = target.paths[0]!;
  const base: PageMeasurement = { target: target.name, label: target.label, example, status: 'measured' };
  await waitUntilIdle(app.baseUrl);
  const response = await capture(`${app.baseUrl}${example}`);
  if (response.status === 404) return { ...base, status: 'unavailable', note: `not available yet (${example} answered 404)` };
  if (response.status !== 200) return { ...base, status: 'error', note: `${example} answered ${response.status}${lastServerError(app)}` };
  const contentType = response.headers['content-type'] ?? '';
  const html = contentType.includes('text/html') ? checkPage(response.body) : null;
  const load = { baseUrl: app.baseUrl, paths: target.paths, connections: options.connections };
  const measured = await loadFor(target, load, options);
  const busy = await waitUntilIdle(app.baseUrl);
  if (measured.requests === 0) {
    return { ...base, status: 'error', note: `no request was answered during the ${options.duration} s of load (each waited up to ${REQUEST_TIMEOUT_SECONDS} s); the server stayed busy ${busy.toFixed(0)} s after the load` };
  }
  // The ceiling answers each address with the platform's own response to it: pages of one kind differ in weight by
  // half or more, and a ceiling sending only the example's bytes moved the ratio with whichever page came first.
  const ceilingPages = [{ path: example, ...response }, ...(await captureEach(app.baseUrl, target.paths.slice(1, CEILING_ADDRESSES)))];
  const ceilingServer = await startCeiling(ceilingPages);
  try {
    const ceilingLoad = { ...load, baseUrl: ceilingServer.baseUrl, paths: ceilingPages.map((page) => page.path) };
    if (options.warmup > 0) await runLoad({ ...ceilingLoad, seconds: Math.min(1, options.warmup) });
    const ceiling = await runLoad({ ...ceilingLoad, seconds: options.duration });
    const failures = measured.status4xx + measured.status5xx + measured.errors;
    const notes = [
      failures > 0 ? `${failures} of ${measured.requests} requests failed or timed out` : '',
      busy > 1 ? `the server stayed busy ${busy.toFixed(0)} s after the load with requests it had been sent` : '',
    ].filter(Boolean);
    return {
      ...base,
      ...(notes.length > 0 ? { note: notes.join('; ') } : {}),
      app: measured,
      ceiling,
      bytes: response.body.length,
      ceilingPages: pageWeights(ceilingPages),
      contentType,
      ...(html ? { blockingScripts: html.blockingScripts } : {}),
    };
  } finally {
    await ceilingServer.stop();
  }
}

const WORKERS_MIN_SECONDS = 15;

async function measureWorkers(databaseUrl: string, target: PageTarget, options: BenchOptions): Promise<WorkersMeasurement> {
  const measure = async (workers: number) => {
    const app = await startApp(databaseUrl, workers);
    try {
      const load = { baseUrl: app.baseUrl, paths: target.paths, connections: options.connections };
      if (options.warmup > 0) await runLoad({ ...load, seconds: options.warmup });
      await waitUntilIdle(app.baseUrl);
      // At least 15 s, so a slow page still completes enough requests to compare.
      return await runLoad({ ...load, seconds: Math.max(options.duration, WORKERS_MIN_SECONDS) });
    } finally {
      await app.stop();
    }
  };
  return { one: await measure(1), two: await measure(2) };
}

/** Fills the database: from a copy of a kept one when --keep-data has one that fits, else by `ogp generate`. */
async function generateData(dialect: Dialect, scale: number, options: BenchOptions, url: string): Promise<RunResult['generate']> {
  const where = `${dialect} ×${scale}`;
  const file = dialect === 'sqlite' ? url.slice('sqlite:'.length) : null;
  const key = options.keepData && file ? dataKeys(ROOT, scale, options.seed) : null;
  if (options.keepData && file && key) {
    const kept = restoreKept(options.keepData, key, scale, options.seed, file);
    if (kept) {
      say(`${where}: copied the database kept in ${options.keepData} (generated ${kept.generatedAt})`);
      // Migrations added since the data was made; the copy is brought up to date as a deployment would be.
      const migrated = await runOgp(['migrate'], { DATABASE_URL: url });
      if (migrated.code !== 0) throw new Error(`ogp migrate failed on the kept ${where} database:\n${migrated.stderr}`);
      return { ...kept, keptFrom: options.keepData };
    }
  }
  say(`${where}: generating…`);
  const generated = await runOgp(['generate', '--scale', String(scale), '--seed', options.seed], { DATABASE_URL: url });
  if (generated.code !== 0) throw new Error(`ogp generate failed on ${where}:\n${generated.stderr}`);
  const summary = generated.stdout.trim().split('\n').at(-1) ?? '';
  say(`  ${summary}`);
  if (options.keepData && file && key) {
    // The generator closed the database, so it is one file; anything else would not be a whole copy.
    if (fs.existsSync(`${file}-wal`) && fs.statSync(`${file}-wal`).size > 0) throw new Error(`${where}: the generated database still has a write-ahead log; not kept`);
    keep(options.keepData, key, scale, options.seed, file, { summary, seconds: generated.seconds });
    say(`${where}: kept a copy in ${options.keepData}`);
  }
  return { seconds: generated.seconds, summary };
}

async function benchRun(dialect: Dialect, scale: number, options: BenchOptions, workDir: string, postgres: PostgresServer | null, exportFile: string): Promise<RunResult> {
  const where = `${dialect} ×${scale}`;
  const database = await newDatabase(dialect, scale, workDir, postgres);
  try {
    const run: RunResult = { dialect, scale, generate: await generateData(dialect, scale, options, database.url), databaseBytes: await database.bytes(), pages: [] };

    const handle: DatabaseHandle = openDatabase(database.url);
    try {
      const targets = (await pageTargets(handle.db, options.seed)).filter((t) => wants(options, t.name));
      const app = await startApp(database.url);
      try {
        for (const target of targets) {
          say(`${where}: ${target.label}…`);
          run.pages.push(await measurePage(app, target, options));
        }
        if (wants(options, 'writes')) {
          say(`${where}: writes…`);
          const poc = await pointOfContact(handle.db);
          const form = poc && (await openProgressForm(app.baseUrl, poc.sessionToken, poc.commitments));
          if (!form) run.writes = { unavailable: 'no commitments to update' };
          else if ('status' in form) run.writes = { unavailable: form.status === 404 ? 'not available yet (the progress form answered 404)' : `the progress form answered ${form.status}` };
          else {
            if (options.warmup > 0) await measureWrites(handle.db, app.baseUrl, form, options.connections, options.warmup);
            run.writes = await measureWrites(handle.db, app.baseUrl, form, options.connections, options.duration);
          }
        }
      } finally {
        await app.stop();
      }
      if (dialect === 'postgres' && wants(options, 'workers')) {
        say(`${where}: 1 worker vs 2…`);
        const commitment = (await pageTargets(handle.db, options.seed)).find((t) => t.name === 'commitment')!;
        const probe = await startApp(database.url);
        const status = (await capture(`${probe.baseUrl}${commitment.paths[0]}`)).status;
        await probe.stop();
        run.workers = status === 200 ? await measureWorkers(database.url, commitment, options) : { unavailable: `the commitment page answered ${status}` };
      }
    } finally {
      await handle.close();
    }
    if (wants(options, 'export') || wants(options, 'import')) {
      say(`${where}: export…`);
      run.export = await measureExport(database.url, exportFile);
    }
    return run;
  } finally {
    await database.drop();
  }
}

function machine(postgres: PostgresServer | null): BenchResult['machine'] {
  const handle = openDatabase('sqlite::memory:');
  const sqliteVersion = String(handle.sqlite?.prepare('SELECT sqlite_version() AS v').pluck().get() ?? 'unknown');
  void handle.close();
  return {
    cpu: os.cpus()[0]?.model ?? 'unknown CPU',
    cores: os.availableParallelism(),
    memoryGb: os.totalmem() / 1024 ** 3,
    node: process.version,
    sqlite: sqliteVersion,
    postgres: postgres?.description ?? null,
    loadAverage: os.loadavg(),
  };
}

function ensureAssets(): void {
  // Pages link the compiled stylesheet; a fresh clone has not built it yet.
  if (!fs.existsSync(path.join(ROOT, 'public', 'build'))) execFileSync('npm', ['run', 'build:assets', '--silent'], { cwd: ROOT, stdio: 'inherit' });
}

function write(result: BenchResult, markdown: string, outDir: string): string[] {
  const dir = path.resolve(ROOT, outDir);
  fs.mkdirSync(dir, { recursive: true });
  const stamp = result.startedAt.replace(/[:.]/g, '-');
  const files = [`${stamp}.json`, `${stamp}.md`, 'latest.json', 'latest.md'].map((f) => path.join(dir, f));
  const json = `${JSON.stringify(result, null, 2)}\n`;
  fs.writeFileSync(files[0]!, json);
  fs.writeFileSync(files[1]!, `${markdown}\n`);
  fs.writeFileSync(files[2]!, json);
  fs.writeFileSync(files[3]!, `${markdown}\n`);
  return files;
}

async function main(): Promise<void> {
  let options: BenchOptions;
  try {
    options = parseBenchArgs(process.argv.slice(2));
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(error.message);
      process.exitCode = 2;
      return;
    }
    throw error;
  }
  ensureAssets();
  const startedAt = new Date().toISOString();
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ogp-bench-'));
  const postgres = options.dialects.includes('postgres') ? await startPostgres() : null;
  const runs: RunResult[] = [];
  const imports: BenchResult['imports'] = [];
  const info = machine(postgres);
  try {
    for (const dialect of options.dialects) {
      const scales = scalesFor(options, dialect);
      const smallest = scales[0]!;
      const exportOfSmallest = path.join(workDir, `export-${dialect}-x${smallest}.csv`);
      for (const scale of scales) {
        runs.push(await benchRun(dialect, scale, options, workDir, postgres, scale === smallest ? exportOfSmallest : path.join(workDir, `export-${dialect}-x${scale}.csv`)));
      }
      if (wants(options, 'import')) {
        say(`${dialect}: import of the ×${smallest} export…`);
        if (!fs.existsSync(exportOfSmallest) || fs.statSync(exportOfSmallest).size === 0) {
          imports.push({ dialect, scale: smallest, result: { unavailable: 'no export to import (`ogp export commitments` is not available yet)' } });
        } else {
          const target = await newDatabase(dialect, 0, workDir, postgres);
          try {
            imports.push({ dialect, scale: smallest, result: await measureImport(target.url, exportOfSmallest) });
          } finally {
            await target.drop();
          }
        }
      }
    }
  } finally {
    await postgres?.stop();
    fs.rmSync(workDir, { recursive: true, force: true });
  }
  const result: BenchResult = {
    startedAt,
    finishedAt: new Date().toISOString(),
    machine: info,
    settings: { connections: options.connections, durationSeconds: options.duration, warmupSeconds: options.warmup, seed: options.seed, scales: allScales(options), dialects: options.dialects },
    runs,
    imports,
  };
  const markdown = renderMarkdown(result, judgeBudgets(result));
  const files = write(result, markdown, options.outDir);
  console.log(markdown);
  say(`\nWritten: ${files.map((f) => path.relative(ROOT, f)).join(', ')}`);
}

await main();
