import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { cliEnv, lastLine, ogp, ogpProcess } from '../../../test/support/cli.ts';
import { cell, readSheet, readSheetText, REAL_SHEET, sheetCsv, US_TRACKER_DIR, withCells } from '../../../test/support/commitment-data-factories.ts';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-db.ts';
import { openDatabase } from '../../db/database.ts';

// In-process runs but for two smoke tests of the real executable: a refused import and an export to a real pipe.
const env = (databaseUrl: string) => cliEnv(databaseUrl, { LOG_LEVEL: 'silent' });

async function commitmentCount(databaseUrl: string): Promise<number> {
  const handle = openDatabase(databaseUrl);
  try {
    const row = await handle.db.selectFrom('commitments').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return Number(row.n);
  } finally {
    await handle.close();
  }
}

describe('ogp import and ogp export', () => {
  let database: TestDatabase;
  let dir: string;
  const sheet = readSheet();

  before(async () => {
    database = await createTestDatabase({ migrated: true });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ogp-import-export-'));
  });
  after(async () => {
    fs.rmSync(dir, { recursive: true, force: true });
    await database.drop();
  });

  it('lists the commands in its help', async () => {
    const run = await ogp(['--help'], env('sqlite:unused.sqlite'));
    assert.match(run.stdout, /^\s+import\b/m);
    assert.match(run.stdout, /^\s+export\b/m);
  });

  it('refuses a sheet with a bad row, naming it, exits 1 and imports nothing', async () => {
    const file = path.join(dir, 'bad.csv');
    const bad = withCells(sheet, sheet.rows[1]!, { Code: 'XYZ' });
    fs.writeFileSync(file, sheetCsv(sheet, [sheet.rows[0]!, bad]));
    const run = await ogpProcess(['import', 'commitments', file], env(database.url));
    assert.equal(run.code, 1);
    assert.match(run.stdout, new RegExp(`Row 3 \\(line \\d+\\) ${cell(sheet, bad, 'Commitment Unique Identifier')}: "XYZ" is not a known code for a National member\\.`));
    assert.equal(lastLine(run.stderr), 'Error: 1 of 2 rows refused; nothing was imported.');
    assert.equal(await commitmentCount(database.url), 0);
  });

  it('says so when the file does not exist', async () => {
    const run = await ogp(['import', 'commitments', path.join(dir, 'missing.csv')], env(database.url));
    assert.equal(run.code, 1);
    assert.match(run.stderr, /Cannot read .*missing\.csv: there is no such file\. Nothing was imported\./);
  });

  it('imports the real sheet, printing the report and, last, what it did', async () => {
    const run = await ogp(['import', 'commitments', REAL_SHEET], env(database.url));
    assert.equal(run.code, 0, run.stderr);
    // No terminal, so no progress bar: stderr stays empty for scripts.
    assert.equal(run.stderr, '');
    assert.match(run.stdout, /^Rows refused: 0$/m);
    assert.match(run.stdout, /^Star cells that differ from the formulas \(182; /m);
    assert.equal(lastLine(run.stdout), `Imported 558 rows from ${REAL_SHEET}: 558 created, 0 updated, 0 unchanged, 0 refused.`);
    assert.equal(await commitmentCount(database.url), 558);
  });

  it('updates by identifier when run again', async () => {
    const run = await ogp(['import', 'commitments', REAL_SHEET], env(database.url));
    assert.equal(run.code, 0, run.stderr);
    assert.equal(lastLine(run.stdout), `Imported 558 rows from ${REAL_SHEET}: 0 created, 0 updated, 558 unchanged, 0 refused.`);
  });

  it('imports the US tracker', async () => {
    const run = await ogp(['import', 'us-tracker', US_TRACKER_DIR], env(database.url));
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /^Milestones: 70 created, 0 updated, 0 unchanged$/m);
    assert.equal(lastLine(run.stdout), `Imported 36 commitments of the US tracker from ${US_TRACKER_DIR}: 36 created, 0 updated, 0 unchanged.`);
    assert.equal(await commitmentCount(database.url), 594);
  });

  it('exports to stdout: the CSV and nothing else', async () => {
    const run = await ogpProcess(['export', 'commitments'], env(database.url));
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stderr, '');
    const exported = readSheetText(run.stdout);
    assert.deepEqual(exported.header, sheet.header);
    assert.equal(exported.rows.length, 594);
    const rows = new Map(exported.rows.map((r) => [r[0], r]));
    for (const row of sheet.rows) assert.deepEqual(rows.get(row[0]), row);
    assert.equal(cell(exported, rows.get('US0113')!, 'Action Plan ID'), 'AP_USA05');
  });

  it('exports to a file with --out, and will not overwrite one', async () => {
    const out = path.join(dir, 'export.csv');
    const run = await ogp(['export', 'commitments', '--out', out], env(database.url));
    assert.equal(run.code, 0, run.stderr);
    assert.equal(lastLine(run.stdout), `Exported 594 commitments to ${out}.`);
    assert.equal(readSheetText(fs.readFileSync(out, 'utf8')).rows.length, 594);
    const again = await ogp(['export', 'commitments', '--out', out], env(database.url));
    assert.equal(again.code, 1);
    assert.match(again.stderr, /already exists/);
    assert.deepEqual(fs.readdirSync(dir).sort(), ['bad.csv', 'export.csv']);
  });
});
