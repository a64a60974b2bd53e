// Performance check: times the main pages in one run and prints each as a ratio of the cheapest
// request (/healthz) measured in that same run, so results compare across machines. On PostgreSQL too
// when DATABASE_URL_TEST is set. Nothing here asserts a time; it reports.
import { performance } from 'node:perf_hooks';
import { createTestApp } from '../test/support/test-app.ts';
import { createUser } from '../test/support/factories.ts';
import { createSession, SESSION_COOKIE } from '../src/platform/sessions.ts';
import { ensureSeeded } from '../src/seed/seed.ts';

const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 200);

interface Row {
  route: string;
  meanMs: number;
}

async function benchDialect(dialect: 'sqlite' | 'postgres'): Promise<Row[]> {
  process.env.TEST_DB = dialect;
  const t = await createTestApp();
  try {
    await ensureSeeded(t.ctx);
    const admin = await createUser(t.ctx.db, { roles: ['support_unit'] });
    const cookie = `${SESSION_COOKIE}=${await createSession(t.ctx.db, admin.id)}`;
    const routes: Array<[string, Record<string, string>]> = [
      ['/healthz', {}],
      ['/readyz', {}],
      ['/', {}],
      ['/members', {}],
      ['/organisations?q=trans', {}],
      ['/api/v1/members?perPage=100', {}],
      ['/admin/audit', { cookie }],
      ['/admin/users', { cookie }],
    ];
    const rows: Row[] = [];
    for (const [url, headers] of routes) {
      for (let i = 0; i < 20; i++) await t.app.inject({ url, headers }); // warm-up: template and query caches
      const start = performance.now();
      for (let i = 0; i < ITERATIONS; i++) {
        const response = await t.app.inject({ url, headers });
        if (response.statusCode !== 200) throw new Error(`${url} answered ${response.statusCode}`);
      }
      rows.push({ route: url, meanMs: (performance.now() - start) / ITERATIONS });
    }
    return rows;
  } finally {
    await t.close();
  }
}

function print(title: string, rows: Row[]): void {
  const base = rows[0]!.meanMs;
  console.log(`\n${title} (${ITERATIONS} requests each; ratio to /healthz)`);
  for (const row of rows) console.log(`  ${row.route.padEnd(32)} ${(row.meanMs / base).toFixed(1).padStart(7)}x   ${row.meanMs.toFixed(2)} ms`);
}

const sqlite = await benchDialect('sqlite');
print('SQLite', sqlite);
if (process.env.DATABASE_URL_TEST) {
  const postgres = await benchDialect('postgres');
  print('PostgreSQL', postgres);
  console.log('\nPostgreSQL / SQLite, same route');
  for (const [i, row] of postgres.entries()) console.log(`  ${row.route.padEnd(32)} ${(row.meanMs / sqlite[i]!.meanMs).toFixed(2).padStart(7)}x`);
}
