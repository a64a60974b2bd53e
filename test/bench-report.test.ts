import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { judgeBudgets } from '../scripts/bench/report.ts';
import type { BenchResult, PageMeasurement, RunResult } from '../scripts/bench/results.ts';

function run(dialect: RunResult['dialect'], scale: number, seconds: number, kept = false): RunResult {
  return {
    dialect,
    scale,
    generate: { seconds, summary: '', ...(kept ? { keptFrom: '/data', generatedAt: '2026-11-28T02:58:49.391Z' } : {}) },
    databaseBytes: null,
    pages: [],
  };
}

function result(runs: RunResult[]): BenchResult {
  return {
    startedAt: '',
    finishedAt: '',
    machine: { cpu: '', cores: 2, memoryGb: 1, node: '', sqlite: '', postgres: null, loadAverage: [0, 0, 0] },
    settings: { connections: 32, durationSeconds: 5, warmupSeconds: 2, seed: 'bench', scales: [10], dialects: ['sqlite', 'postgres'] },
    runs,
    imports: [],
  };
}

const generationRow = (runs: RunResult[]) => judgeBudgets(result(runs)).find((row) => row.budget.startsWith('×10 generates'));

describe('bench budgets: generation', () => {
  it('passes ×10 under a minute on each database', () => {
    const row = generationRow([run('sqlite', 10, 47.25), run('postgres', 10, 44.3)]);
    assert.equal(row?.verdict, 'PASS');
    assert.equal(row?.measured, 'SQLite 47.3 s; PostgreSQL 44.3 s');
  });

  it('fails when either database takes a minute or more', () => {
    assert.equal(generationRow([run('sqlite', 10, 47.25), run('postgres', 10, 80)])?.verdict, 'FAIL');
    assert.equal(generationRow([run('sqlite', 10, 61), run('postgres', 10, 44.3)])?.verdict, 'FAIL');
  });

  it('fails a minute or more, and says when the time comes from a kept database', () => {
    const row = generationRow([run('sqlite', 10, 60.2, true)]);
    assert.equal(row?.verdict, 'FAIL');
    assert.equal(row?.measured, 'SQLite 60.2 s (generated 2026-11-28T02:58:49.391Z, kept)');
  });

  it('judges the database that ran when only one did, and is not run without ×10', () => {
    assert.equal(generationRow([run('postgres', 10, 44.3)])?.measured, 'PostgreSQL 44.3 s');
    assert.equal(generationRow([run('sqlite', 1, 5)])?.verdict, 'NOT RUN');
  });
});

function page(bytes: number, ceilingMax?: number): PageMeasurement {
  return {
    target: 'commitment',
    label: 'Commitment page',
    example: '/commitments/X',
    status: 'measured',
    bytes,
    contentType: 'text/html; charset=utf-8',
    blockingScripts: [],
    ...(ceilingMax === undefined ? {} : { ceilingPages: { addresses: 300, meanBytes: bytes, maxBytes: ceilingMax } }),
  };
}

const weightRow = (pages: PageMeasurement[]) => judgeBudgets(result([{ ...run('sqlite', 10, 30), pages }])).find((row) => row.budget.startsWith('Every page under'));

describe('bench budgets: page weight', () => {
  it('passes when the example and every page the ceiling sent are under 100 KB', () => {
    const row = weightRow([page(40_000, 90_000)]);
    assert.equal(row?.verdict, 'PASS');
    assert.match(row!.measured, /heaviest: commitment 87\.9 KB/);
  });

  it('fails on a page the ceiling sent over 100 KB, though the example is light', () => {
    const row = weightRow([page(40_000, 120_000)]);
    assert.equal(row?.verdict, 'FAIL');
    assert.match(row!.measured, /1 kind\(s\) of page over budget/);
  });

  it('judges results from before the ceiling sent each page on the example alone', () => {
    assert.equal(weightRow([page(40_000)])?.verdict, 'PASS');
    assert.equal(weightRow([page(110_000)])?.verdict, 'FAIL');
  });
});
