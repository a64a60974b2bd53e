// Runs the node:test suites: unit and integration on SQLite and on PostgreSQL, then browser tests,
// and ends with one plain summary line for the whole run.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

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

interface Pass {
  name: string;
  env: Record<string, string>;
  files: string[];
  concurrency: number;
}

const args = process.argv.slice(2);
const only = args.includes('--db') ? args[args.indexOf('--db') + 1] : undefined;
const all = [...findTests(path.join(root, 'src'), '.test.ts'), ...findTests(path.join(root, 'test'), '.test.ts')];
const browser = all.filter((f) => f.endsWith('.browser.test.ts'));
const integration = all.filter((f) => !f.endsWith('.browser.test.ts'));

const passes: Pass[] = [
  { name: 'SQLite', env: { TEST_DB: 'sqlite' }, files: integration, concurrency: 2 },
  { name: 'PostgreSQL', env: { TEST_DB: 'postgres' }, files: integration, concurrency: 2 },
  { name: 'browser', env: { TEST_DB: 'sqlite' }, files: browser, concurrency: 1 },
].filter((p) => !only || p.env.TEST_DB === only);

/** Runs one pass. A pass that runs beside another keeps its output until it ends, so the log reads pass by pass. */
function run(pass: Pass, buffered: boolean): Promise<{ passed: number; failed: number; code: number }> {
  return new Promise((resolve) => {
    const header = `\n== ${pass.name}: ${pass.files.length} test files\n`;
    if (!buffered) process.stdout.write(header);
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', '--test', '--test-reporter=spec', `--test-concurrency=${pass.concurrency}`, ...pass.files],
      { cwd: root, env: { ...process.env, ...pass.env, NODE_ENV: 'test' }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    const collect = (chunk: Buffer) => {
      output += chunk.toString();
      if (!buffered) process.stdout.write(chunk);
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.on('close', (code) => {
      if (buffered) process.stdout.write(header + output);
      const count = (label: string) => Number(new RegExp(`ℹ ${label} (\\d+)`).exec(output)?.[1] ?? 0);
      const result = { passed: count('pass'), failed: count('fail'), code: code ?? 1 };
      console.log(`${pass.name}: ${result.passed} passed, ${result.failed} failed`);
      resolve(result);
    });
  });
}

// The database passes wait on I/O (child processes, database round trips) as much as on the CPU, so they run
// side by side; the browser pass runs alone afterwards.
const databasePasses = passes.filter((p) => p.name !== 'browser' && p.files.length > 0);
const browserPasses = passes.filter((p) => p.name === 'browser' && p.files.length > 0);
const results = [
  ...(await Promise.all(databasePasses.map((pass) => run(pass, databasePasses.length > 1)))),
  ...(await Promise.all(browserPasses.map((pass) => run(pass, false)))),
];
const passed = results.reduce((sum, r) => sum + r.passed, 0);
const failed = results.reduce((sum, r) => sum + r.failed, 0);
let exitCode = results.some((r) => r.code !== 0) ? 1 : 0;
if (passed === 0) exitCode = 1;
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(exitCode);
