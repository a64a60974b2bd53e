import type { TargetName } from './options.ts';
import { PAGE_WEIGHT_BUDGET_BYTES } from './pages.ts';
import { type BenchResult, isUnavailable, type PageMeasurement, type RunResult } from './results.ts';
import { COMMITMENTS_FIRST_VIEWED } from './targets.ts';

export type Verdict = 'PASS' | 'FAIL' | 'NOT RUN' | 'NOT AVAILABLE';

export interface BudgetRow {
  budget: string;
  measured: string;
  verdict: Verdict;
}

const BUDGET_SCALE = 10;

/** Requests that got no good answer: refused, failed, or not answered before autocannon's timeout. */
const failedRequests = (load: { status4xx: number; status5xx: number; errors: number }): number => load.status4xx + load.status5xx + load.errors;
const failedText = (n: number): string => (n > 0 ? `; ${n} requests failed or timed out` : '');
const EXPORT_SECONDS = 30;
const GENERATE_SECONDS = 60;
const EXPORT_RSS_BYTES = 200 * 1024 * 1024;

const ms = (value: number): string => (value < 10 ? value.toFixed(2) : value.toFixed(1));
const int = (value: number): string => Math.round(value).toLocaleString('en');
const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;
const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const ratio = (value: number): string => `${value.toFixed(2)}×`;
const dialectName = (d: string): string => (d === 'sqlite' ? 'SQLite' : 'PostgreSQL');

function findRun(result: BenchResult, dialect: string, scale: number): RunResult | undefined {
  return result.runs.find((r) => r.dialect === dialect && r.scale === scale);
}

function page(run: RunResult | undefined, target: TargetName): PageMeasurement | undefined {
  return run?.pages.find((p) => p.target === target);
}

/** A page's budget row when it could not be measured: why not. */
function missing(budget: string, where: string, measurement: PageMeasurement | undefined): BudgetRow {
  if (!measurement) return { budget, measured: `${where} not run`, verdict: 'NOT RUN' };
  return { budget, measured: measurement.note ?? measurement.status, verdict: measurement.status === 'unavailable' ? 'NOT AVAILABLE' : 'FAIL' };
}

/** Generation time of a run, saying when it was measured in an earlier run whose database was kept. */
function generationTime(run: RunResult): string {
  const when = run.generate.keptFrom ? ` (generated ${run.generate.generatedAt ?? 'earlier'}, kept)` : '';
  return `${run.generate.seconds.toFixed(1)} s${when}`;
}

/** The generator's budget: ×10 in under a minute, on each database the run filled at ×10. */
function generationBudget(result: BenchResult): BudgetRow {
  const budget = `×${BUDGET_SCALE} generates in under a minute (on each database)`;
  const runs = [
    { name: 'SQLite', run: findRun(result, 'sqlite', BUDGET_SCALE) },
    { name: 'PostgreSQL', run: findRun(result, 'postgres', BUDGET_SCALE) },
  ].filter((entry): entry is { name: string; run: RunResult } => entry.run !== undefined);
  if (runs.length === 0) return { budget, measured: `×${BUDGET_SCALE} not run`, verdict: 'NOT RUN' };
  const measured = runs.map(({ name, run }) => `${name} ${generationTime(run)}`).join('; ');
  return { budget, measured, verdict: runs.every(({ run }) => run.generate.seconds < GENERATE_SECONDS) ? 'PASS' : 'FAIL' };
}

/** Every budget of the performance issue, judged on SQLite ×10 unless it says otherwise. */
export function judgeBudgets(result: BenchResult): BudgetRow[] {
  const rows: BudgetRow[] = [];
  const where = `SQLite ×${BUDGET_SCALE}`;
  const run = findRun(result, 'sqlite', BUDGET_SCALE);
  const concurrency = result.settings.connections === 32 ? '' : ` (measured at ${result.settings.connections} connections, not 32)`;

  const explorer = page(run, 'explorer');
  const explorerBudget = 'Explorer search with facets: p50 ≤ 10 ms and p99 ≤ 50 ms at 32 connections';
  if (explorer?.app) {
    const { p50, p99 } = explorer.app;
    const failed = failedRequests(explorer.app);
    rows.push({
      budget: explorerBudget,
      measured: `p50 ${ms(p50)} ms, p99 ${ms(p99)} ms${concurrency}${failedText(failed)}`,
      verdict: p50 <= 10 && p99 <= 50 && !concurrency && failed === 0 ? 'PASS' : 'FAIL',
    });
  } else rows.push(missing(explorerBudget, where, explorer));

  const commitment = page(run, 'commitment');
  const commitmentBudget = 'Commitment page (no response cache): throughput ≥ 40% of the ceiling';
  if (commitment?.app && commitment.ceiling) {
    const share = commitment.app.rps / commitment.ceiling.rps;
    rows.push({ budget: commitmentBudget, measured: `${int(commitment.app.rps)} req/s of ${int(commitment.ceiling.rps)} = ${(share * 100).toFixed(1)}%`, verdict: share >= 0.4 ? 'PASS' : 'FAIL' });
  } else rows.push(missing(commitmentBudget, where, commitment));

  const growthBudget = 'p50 grows by at most 2× from ×1 to ×100 (each page, SQLite)';
  const one = findRun(result, 'sqlite', 1);
  const hundred = findRun(result, 'sqlite', 100);
  if (!one || !hundred) rows.push({ budget: growthBudget, measured: 'not run: needs --scale 1,…,100 (BENCH_SCALES=1,10,100)', verdict: 'NOT RUN' });
  else {
    const growths = hundred.pages.flatMap((p) => {
      const base = page(one, p.target)?.app;
      return p.app && base ? [{ target: p.target, growth: p.app.p50 / base.p50 }] : [];
    });
    const worst = growths.sort((a, b) => b.growth - a.growth)[0];
    rows.push(
      worst
        ? { budget: growthBudget, measured: `worst: ${worst.target} ${ratio(worst.growth)}`, verdict: growths.every((g) => g.growth <= 2) ? 'PASS' : 'FAIL' }
        : { budget: growthBudget, measured: 'no page measured at both scales', verdict: 'NOT AVAILABLE' },
    );
  }

  const indicators = page(run, 'indicators');
  const indicatorsBudget = 'Indicators dashboard: ≤ 100 ms (p50)';
  if (indicators?.app) {
    const failed = failedRequests(indicators.app);
    rows.push({
      budget: indicatorsBudget,
      measured: `p50 ${ms(indicators.app.p50)} ms, p99 ${ms(indicators.app.p99)} ms${failedText(failed)}`,
      verdict: indicators.app.p50 <= 100 && failed === 0 ? 'PASS' : 'FAIL',
    });
  } else rows.push(missing(indicatorsBudget, where, indicators));

  const writesBudget = 'Writes: ≥ 500 per second, none lost (counted back)';
  const writes = run?.writes;
  if (!writes) rows.push({ budget: writesBudget, measured: `${where} not run`, verdict: 'NOT RUN' });
  else if (isUnavailable(writes)) rows.push({ budget: writesBudget, measured: writes.unavailable, verdict: 'NOT AVAILABLE' });
  else {
    const failed = writes.load.status4xx + writes.load.status5xx + writes.load.errors;
    rows.push({
      budget: writesBudget,
      measured: `${int(writes.writesPerSecond)}/s; ${writes.acknowledged} acknowledged, ${writes.rowsAdded} rows added, ${writes.lost} lost, ${failed} refused or failed`,
      verdict: writes.writesPerSecond >= 500 && writes.lost === 0 && failed === 0 ? 'PASS' : 'FAIL',
    });
  }

  const exportBudget = 'Export of every ×10 commitment to CSV: ≤ 30 s, peak memory ≤ 200 MB';
  const exported = run?.export;
  if (!exported) rows.push({ budget: exportBudget, measured: `${where} not run`, verdict: 'NOT RUN' });
  else if (isUnavailable(exported)) rows.push({ budget: exportBudget, measured: exported.unavailable, verdict: 'NOT AVAILABLE' });
  else {
    const rss = exported.maxRssBytes;
    rows.push({
      budget: exportBudget,
      measured: `${exported.seconds.toFixed(1)} s for ${int(exported.rows)} rows, peak ${rss === null ? 'unknown (no /usr/bin/time)' : mb(rss)}`,
      verdict: exported.seconds <= EXPORT_SECONDS && rss !== null && rss <= EXPORT_RSS_BYTES ? 'PASS' : 'FAIL',
    });
  }

  rows.push(generationBudget(result));

  const weightBudget = 'Every page under 100 KB with no render-blocking script (all runs)';
  const pages = result.runs.flatMap((r) => r.pages.filter((p) => p.bytes !== undefined && p.contentType?.includes('text/html')).map((p) => ({ run: r, page: p, bytes: heaviestBytes(p) })));
  if (pages.length === 0) rows.push({ budget: weightBudget, measured: 'no page measured', verdict: 'NOT RUN' });
  else {
    const heaviest = pages.sort((a, b) => b.bytes - a.bytes)[0]!;
    const blocking = pages.filter((p) => (p.page.blockingScripts ?? []).length > 0);
    const over = pages.filter((p) => p.bytes >= PAGE_WEIGHT_BUDGET_BYTES);
    const detail = [
      `heaviest: ${heaviest.page.target} ${kb(heaviest.bytes)} (${dialectName(heaviest.run.dialect)} ×${heaviest.run.scale})`,
      over.length > 0 ? `${over.length} kind(s) of page over budget` : '',
      blocking.length > 0 ? `blocking scripts on ${[...new Set(blocking.map((b) => b.page.target))].join(', ')}` : 'no blocking script',
    ].filter(Boolean);
    rows.push({ budget: weightBudget, measured: detail.join('; '), verdict: over.length === 0 && blocking.length === 0 ? 'PASS' : 'FAIL' });
  }
  return rows;
}

/** The heaviest response seen of a kind of page: the example, or any page captured for the ceiling. */
const heaviestBytes = (p: PageMeasurement): number => Math.max(p.bytes ?? 0, p.ceilingPages?.maxBytes ?? 0);

/** The weight column: the mean of the pages the ceiling sent, or (results from before it sent each its own) the example's. */
const weightOf = (p: PageMeasurement): string => (p.ceilingPages ? kb(p.ceilingPages.meanBytes) : p.bytes === undefined ? '' : kb(p.bytes));

function table(header: string[], body: string[][]): string {
  const line = (cells: string[]): string => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...body.map(line)].join('\n');
}

function pageRows(run: RunResult): string[][] {
  return run.pages.map((p) => {
    if (!p.app) return [p.label, p.note ?? p.status, '', '', '', '', '', '', '', ''];
    const label = p.note ? `${p.label} (${p.note})` : p.label;
    const c = p.ceiling;
    return [
      label,
      ms(p.app.p50),
      ms(p.app.p99),
      int(p.app.rps),
      weightOf(p),
      c ? int(c.rps) : '',
      c ? `${((p.app.rps / c.rps) * 100).toFixed(1)}%` : '',
      c ? ms(c.p50) : '',
      c ? ratio(p.app.p50 / c.p50) : '',
      p.blockingScripts === undefined ? '' : p.blockingScripts.length === 0 ? 'none' : p.blockingScripts.join(', '),
    ];
  });
}

function runSection(run: RunResult): string {
  const parts = [`### ${dialectName(run.dialect)} ×${run.scale}`, '', `${run.generate.keptFrom ? `Copied from the database kept by an earlier run (${run.generate.generatedAt ?? 'date unknown'}; --keep-data): ` : ''}${run.generate.summary}${run.databaseBytes ? ` Database size ${mb(run.databaseBytes)}.` : ''}`, ''];
  parts.push(
    table(['Target', 'p50 ms', 'p99 ms', 'req/s', 'weight', 'ceiling req/s', 'app/ceiling req/s', 'ceiling p50 ms', 'p50 app/ceiling', 'blocking scripts'], pageRows(run)),
  );
  const extra: string[][] = [];
  if (run.writes) {
    if (isUnavailable(run.writes)) extra.push(['Writes (progress updates)', run.writes.unavailable]);
    else {
      const w = run.writes;
      extra.push([
        'Writes (progress updates, signed in, CSRF)',
        `${int(w.writesPerSecond)}/s, p50 ${ms(w.load.p50)} ms, p99 ${ms(w.load.p99)} ms; ${w.acknowledged} acknowledged, ${w.rowsAdded} rows added ` +
          `(${w.inFlight} still in flight when the load stopped), lost ${w.lost}; ` +
          `${w.load.status4xx} 4xx, ${w.load.status5xx} 5xx, ${w.load.errors} connection errors`,
      ]);
    }
  }
  if (run.export) {
    extra.push([
      'Export of every commitment to CSV',
      isUnavailable(run.export)
        ? run.export.unavailable
        : `${run.export.seconds.toFixed(1)} s, ${int(run.export.rows)} rows, ${mb(run.export.bytes)}, peak memory ${run.export.maxRssBytes === null ? 'unknown' : mb(run.export.maxRssBytes)}`,
    ]);
  }
  if (run.workers) {
    extra.push([
      'Commitment page, 1 worker vs 2 (node:cluster)',
      isUnavailable(run.workers)
        ? run.workers.unavailable
        : run.workers.one.requests === 0 || run.workers.two.requests === 0
          ? `no comparison: ${run.workers.one.requests} and ${run.workers.two.requests} requests answered in ${run.workers.one.seconds.toFixed(0)} s`
          : `${int(run.workers.one.rps)} req/s vs ${int(run.workers.two.rps)} req/s (${ratio(run.workers.two.rps / run.workers.one.rps)}); ` +
            `p50 ${ms(run.workers.one.p50)} vs ${ms(run.workers.two.p50)} ms; ${run.workers.one.seconds.toFixed(0)} s each`,
    ]);
  }
  if (extra.length > 0) parts.push('', table(['Measure', 'Result'], extra));
  return parts.join('\n');
}

function growthSection(result: BenchResult): string {
  const body: string[][] = [];
  for (const dialect of result.settings.dialects) {
    const runs = result.settings.scales.map((scale) => findRun(result, dialect, scale)).filter((r): r is RunResult => r !== undefined);
    const base = runs[0];
    if (!base || runs.length < 2) continue;
    for (const p of base.pages) {
      if (!p.app) continue;
      const cells = runs.slice(1).map((r) => {
        const other = page(r, p.target)?.app;
        return other ? `${ms(other.p50)} ms (${ratio(other.p50 / p.app!.p50)})` : '';
      });
      body.push([dialectName(dialect), p.label, `${ms(p.app.p50)} ms`, ...cells]);
    }
  }
  if (body.length === 0) return '';
  const scales = result.settings.scales;
  const has100 = scales.includes(100);
  return [
    `## p50 growth with scale (×${scales[0]} as the base)`,
    '',
    table(['Database', 'Target', `×${scales[0]}`, ...scales.slice(1).map((s) => `×${s} (growth)`)], body),
    has100 ? '' : '\n×100 not run (it takes long): `BENCH_SCALES=1,10,100 npm run bench` or `npm run bench -- --scale 1,10,100`.',
  ].join('\n');
}

/** The whole run as Markdown: budgets first, then each database and scale, growth, imports and notes. */
export function renderMarkdown(result: BenchResult, budgets: BudgetRow[]): string {
  const m = result.machine;
  const s = result.settings;
  const lines = [
    `# OGP Platform benchmark, ${result.startedAt}`,
    '',
    `Machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGb.toFixed(0)} GB; Node ${m.node}; SQLite ${m.sqlite}; ${m.postgres ?? 'PostgreSQL not measured'}.`,
    `Load average when the run began: ${m.loadAverage.map((l) => l.toFixed(2)).join(', ')} (anything near or above the core count means other work disturbed the figures).`,
    `Load: autocannon, ${s.connections} connections, ${s.durationSeconds} s per target after a ${s.warmupSeconds} s warm-up; the ceiling is a bare node:http ` +
      'process answering each address with the status, headers and body the platform answered it with, measured the same way in the same run. Seed `' +
      s.seed +
      '`.',
    '',
    '## Budgets',
    '',
    table(
      ['Budget', 'Measured', 'Result'],
      budgets.map((b) => [b.budget, b.measured, b.verdict]),
    ),
    '',
    '## Results',
    '',
    ...result.runs.map((run) => `${runSection(run)}\n`),
    growthSection(result),
  ];
  if (result.imports.length > 0) {
    lines.push('', '## Import throughput', '');
    lines.push(
      table(
        ['Database', 'File', 'Result'],
        result.imports.map((i) => [
          dialectName(i.dialect),
          `export of ×${i.scale}`,
          isUnavailable(i.result)
            ? i.result.unavailable
            : `${int(i.result.rows)} rows in ${i.result.seconds.toFixed(1)} s = ${int(i.result.rowsPerSecond)} rows/s (whole command, start-up included); peak ${i.result.maxRssBytes === null ? 'unknown' : mb(i.result.maxRssBytes)}`,
        ]),
      ),
    );
  }
  lines.push(
    '',
    '## How to read this',
    '',
    '- p50/p99: latency percentiles in milliseconds at fixed concurrency; req/s: answers per second; weight: mean body bytes of the pages the ceiling sent (up to 300 addresses of the target, each captured from the platform after the measured load).',
    '- app/ceiling: the platform\'s throughput as a share of a bare server answering the same addresses with the same bytes on this machine in this run (100% would mean the platform costs nothing).',
    '- "Explorer: search with facets" rotates ten realistic searches, so after the first round its own versioned cache answers; "every search different" defeats that cache.',
    // The first of the first views is asked for once before the load, to capture and weigh it.
    `- Pages rotating through a fixed set of addresses (the commitment, member and plan pages, the explorer's ten searches, the API) ask for each address once before the warm-up, so they measure pages the process has shown before; "Commitment page, first view" asks for each of ${(COMMITMENTS_FIRST_VIEWED - 1).toLocaleString('en')} other commitments once, with no warm-up: every answer is worked out from the database.`,
    '- Rows marked "not available yet" answered 404: that part of the platform is not built.',
  );
  return lines.join('\n');
}
