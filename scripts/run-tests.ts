// Runs the node:test suites: every database test on SQLite and on PostgreSQL side by side, the tests marked
// `// test-scope: no-database` once, and the browser tests as soon as one database pass is over; with --checks,
// the type-check and lint beside them. Ends with one plain summary line for the whole run.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createTestTemplate, scratchDir, SCRATCH_ENV, TEMPLATE_ENV, type TestDialect, type TestTemplate } from '../test/support/test-db.ts';
import { databaseReach, isMarkedNoDatabase, NO_DATABASE_MARKER } from './test-scope.ts';

const root = path.resolve(import.meta.dirname, '..');

function findTests(dir: string, suffix: string): string[] {
  const found: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory() && entry.name !== 'node_modules') found.push(...findTests(full, suffix));
    else if (entry.isFile() && entry.name.endsWith(suffix)) found.push(path.relative(root, full));
  }
  return found.sort();
}

interface Job {
  name: string;
  args: string[];
  env: NodeJS.ProcessEnv;
  header: string;
}

interface Pass {
  name: string;
  dialect: TestDialect;
  files: string[];
  concurrency: number;
  /** How many test files share one process (see processFiles). */
  filesPerProcess: number;
  note?: string;
}

interface Result {
  passed: number;
  failed: number;
  code: number;
}

// --db sqlite|postgres runs that database's pass only; --no-browser leaves the browser tests out;
// --checks adds the type-check and lint (scripts/test.sh passes it).
const args = process.argv.slice(2);
const only = args.includes('--db') ? args[args.indexOf('--db') + 1] : undefined;
const withBrowser = !args.includes('--no-browser');
const withChecks = args.includes('--checks');

const all = [...findTests(path.join(root, 'src'), '.test.ts'), ...findTests(path.join(root, 'test'), '.test.ts')];
const browser = all.filter((f) => f.endsWith('.browser.test.ts'));
const noDatabase = all.filter((f) => !browser.includes(f) && isMarkedNoDatabase(root, f));
const database = all.filter((f) => !browser.includes(f) && !noDatabase.includes(f));

// A wrong mark would hide a database bug on one of the two databases, so every mark is checked first.
const wronglyMarked = noDatabase.map((f) => databaseReach(root, f)).filter((reach) => reach !== null);
if (wronglyMarked.length > 0) {
  console.error(`These test files are marked "${NO_DATABASE_MARKER}" but can reach a database; remove the mark:`);
  for (const reach of wronglyMarked) console.error(`  ${reach}`);
  process.exit(1);
}

// Two test files per pass at once: four share the two cores, and the waits of one (database round trips,
// child processes, a browser) are filled by the work of another.
const passes: Pass[] = [
  // The files without a database ride with SQLite, whose pass does not also feed a database server; with
  // --db postgres they do not run.
  { name: 'SQLite', dialect: 'sqlite' as const, files: [...noDatabase, ...database], concurrency: 2, filesPerProcess: 4, note: `${noDatabase.length} of them need no database` },
  { name: 'PostgreSQL', dialect: 'postgres' as const, files: database, concurrency: 2, filesPerProcess: 4 },
  // Fewer and longer files: two per process keeps both of the pass's processes busy to the end.
  { name: 'browser', dialect: 'sqlite' as const, files: browser, concurrency: 2, filesPerProcess: 2 },
].filter((p) => p.files.length > 0 && (!only || p.dialect === only) && (withBrowser || p.name !== 'browser'));

// Their caches live in node_modules/.cache: a rerun checks only what changed, and a fresh clone starts clean.
const checks: Job[] = [
  {
    name: 'type-check',
    args: [path.join(root, 'node_modules/typescript/bin/tsc'), '--noEmit', '-p', '.', '--incremental', '--tsBuildInfoFile', 'node_modules/.cache/ogp/tsbuildinfo'],
    env: process.env,
    header: '\n== type-check\n',
  },
  {
    name: 'lint',
    args: [path.join(root, 'node_modules/eslint/bin/eslint.js'), '--max-warnings', '0', '--cache', '--cache-location', 'node_modules/.cache/ogp/eslint', '.'],
    env: process.env,
    header: '\n== lint\n',
  },
];

/** Runs one job. A job that runs beside others keeps its output until it ends, so the log reads job by job. */
function runJob(job: Job, buffered: boolean): Promise<{ output: string; code: number; seconds: string }> {
  return new Promise((resolve) => {
    const started = performance.now();
    if (!buffered) process.stdout.write(job.header);
    const child = spawn(process.execPath, job.args, { cwd: root, env: job.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const collect = (chunk: Buffer) => {
      output += chunk.toString();
      if (!buffered) process.stdout.write(chunk);
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.on('close', (code) => {
      if (buffered) process.stdout.write(job.header + output);
      resolve({ output, code: code ?? 1, seconds: ((performance.now() - started) / 1000).toFixed(0) });
    });
  });
}

const failedChecks: string[] = [];

async function runCheck(job: Job): Promise<void> {
  const { code, seconds } = await runJob(job, true);
  console.log(`${job.name}: ${code === 0 ? 'passed' : 'FAILED'} in ${seconds} s`);
  if (code !== 0) failedChecks.push(job.name);
}

const templates = new Map<TestDialect, TestTemplate>();

/*
 * Test files share a process, a few at a time: each process pays the app's start-up (tsx and loading every
 * module, 2–3 s of CPU) once for all of them. In one process the files run one after another, like the
 * describe blocks of one file; each still makes its own app and database.
 */

/** A file with hooks at its top level runs alone: sharing a process, its hooks would wrap the other files' tests too. */
function runsAlone(file: string): boolean {
  return /^(before|after|beforeEach|afterEach)\(/m.test(fs.readFileSync(path.join(root, file), 'utf8'));
}

/** The files node --test is given for a pass: the lone files, and a small module per shared process importing its files. */
function processFiles(pass: Pass, dir: string): { files: string[]; groups: Map<string, string[]> } {
  const alone = pass.files.filter(runsAlone);
  const shared = pass.files.filter((f) => !alone.includes(f));
  const count = Math.ceil(shared.length / pass.filesPerProcess);
  // Dealt out in turn, so the slow files of one folder do not all land in one process.
  const members: string[][] = Array.from({ length: count }, (_, i) => shared.filter((_file, j) => j % count === i));
  const groups = new Map<string, string[]>();
  members.forEach((files, i) => {
    const file = path.join(dir, `${pass.name.toLowerCase()}-${i + 1}.test.mjs`);
    fs.writeFileSync(file, files.map((f) => `await import(${JSON.stringify(pathToFileURL(path.join(root, f)).href)});\n`).join(''));
    groups.set(file, files);
  });
  return { files: [...alone, ...groups.keys()], groups };
}

async function runPass(pass: Pass, buffered: boolean): Promise<Result> {
  const template = templates.get(pass.dialect)?.value;
  const { files, groups } = processFiles(pass, scratch);
  const { output, code, seconds } = await runJob(
    {
      name: pass.name,
      args: ['--import', 'tsx', '--test', '--test-reporter=spec', `--test-concurrency=${pass.concurrency}`, ...files],
      env: { ...process.env, TEST_DB: pass.dialect, NODE_ENV: 'test', ...(template ? { [TEMPLATE_ENV]: template } : {}) },
      header: `\n== ${pass.name}: ${pass.files.length} test files in ${files.length} processes${pass.note ? ` (${pass.note})` : ''}\n`,
    },
    buffered,
  );
  const count = (label: string) => Number(new RegExp(`ℹ ${label} (\\d+)`).exec(output)?.[1] ?? 0);
  const result = { passed: count('pass'), failed: count('fail'), code };
  if (code !== 0) {
    // Failures name the shared process's module; this says which test files it ran.
    console.log(`${pass.name}: test files run together`);
    for (const [group, members] of groups) console.log(`  ${path.basename(group)}: ${members.join(', ')}`);
  }
  console.log(`${pass.name}: ${result.passed} passed, ${result.failed} failed in ${seconds} s`);
  return result;
}

// Test databases, the templates among them, live in one folder removed at the end, even after a crash.
const scratch = fs.mkdtempSync(path.join(scratchDir(), 'ogp-tests-'));
process.env[SCRATCH_ENV] = scratch;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    fs.rmSync(scratch, { recursive: true, force: true });
    process.exit(130);
  });
}

let results: Result[];
try {
  const databasePasses = passes.filter((p) => p.name !== 'browser');
  const browserPasses = passes.filter((p) => p.name === 'browser');
  for (const dialect of new Set(passes.map((p) => p.dialect))) templates.set(dialect, await createTestTemplate(dialect));
  const buffered = passes.length + (withChecks ? checks.length : 0) > 1;
  // Everything shares the two cores: the database passes side by side from the start (they wait on I/O as much
  // as on the CPU), the checks with them, and the browser pass from the moment one database pass is over.
  const checking = Promise.all(withChecks ? checks.map((job) => runCheck(job)) : []);
  const databaseRuns = databasePasses.map((pass) => runPass(pass, buffered));
  const oneDatabasePassOver = databaseRuns.length > 0 ? Promise.race(databaseRuns) : Promise.resolve();
  const browserRuns = oneDatabasePassOver.then(() => Promise.all(browserPasses.map((pass) => runPass(pass, buffered))));
  results = [...(await Promise.all(databaseRuns)), ...(await browserRuns)];
  await checking;
} finally {
  for (const template of templates.values()) await template.drop().catch(() => {});
  fs.rmSync(scratch, { recursive: true, force: true });
}
const passed = results.reduce((sum, r) => sum + r.passed, 0);
const failed = results.reduce((sum, r) => sum + r.failed, 0);
let exitCode = results.some((r) => r.code !== 0) || failedChecks.length > 0 ? 1 : 0;
if (passed === 0) exitCode = 1;
console.log(`\n${passed} passed, ${failed} failed${failedChecks.length > 0 ? `; ${failedChecks.join(' and ')} failed` : ''}`);
process.exit(exitCode);
