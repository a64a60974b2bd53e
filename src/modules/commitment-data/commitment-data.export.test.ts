import assert from 'node:assert/strict';
import fs from 'node:fs';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { before, describe, it } from 'node:test';
import { createCommitment } from '../../../test/support/commitment-factories.ts';
import { cell, importedTables, insertManyCommitments, readSheet, readSheetText, REAL_SHEET, sheetCsv } from '../../../test/support/commitment-data-factories.ts';
import { createMember } from '../../../test/support/factories.ts';
import { useTestApp } from '../../../test/support/test-app.ts';
import type { Db } from '../../db/database.ts';
import { importCommitmentSheet } from './commitment-data.service.ts';
import { commitmentSheetCsv } from './commitment-export.service.ts';
import { SHEET_COLUMNS } from './sheet-columns.ts';

async function exportText(db: Db): Promise<string> {
  let text = '';
  await pipeline(
    commitmentSheetCsv(db),
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        text += chunk.toString('utf8');
        done();
      },
    }),
  );
  return text;
}

const fromText = (text: string) => ({ open: () => Readable.from([Buffer.from(text)], { objectMode: false }), fileName: 'export.csv', actorId: null });
const byId = (rows: string[][]): Map<string, string[]> => new Map(rows.map((r) => [r[0] ?? '', r]));

describe('exporting the real sheet after importing it', () => {
  const t = useTestApp();
  const original = readSheet();
  let exported: string;

  before(async () => {
    await importCommitmentSheet(t.ctx, { open: () => fs.createReadStream(REAL_SHEET), fileName: 'sheet.csv', actorId: null });
    exported = await exportText(t.ctx.db);
  });

  it('writes the same header and gives back every cell of every row', () => {
    const sheet = readSheetText(exported);
    assert.deepEqual(sheet.header, [...SHEET_COLUMNS]);
    assert.deepEqual(sheet.header, original.header);
    assert.equal(sheet.rows.length, original.rows.length);
    const rows = byId(sheet.rows);
    let cells = 0;
    for (const row of original.rows) {
      const back = rows.get(row[0]!);
      assert.ok(back, `${row[0]} is missing`);
      row.forEach((value, i) => assert.equal(back[i], value, `${row[0]}, ${original.header[i]}`));
      cells += row.length;
    }
    assert.equal(cells, 558 * 171);
  });

  it('writes the file byte for byte as OGP does, apart from row order and a final line break', () => {
    // The two documented differences: rows come in identifier order (the sheet lists them by country),
    // and the last row ends with CRLF like every other. Everything else, quoting included, is identical.
    assert.equal(`${fs.readFileSync(REAL_SHEET, 'utf8')}\r\n`, sheetCsv(original));
    const sorted = [...original.rows].sort((a, b) => (a[0]! < b[0]! ? -1 : a[0]! > b[0]! ? 1 : 0));
    assert.equal(exported, sheetCsv(original, sorted));
  });

  it('changes nothing when its export is imported again', async () => {
    const { audit_events: _beforeAudit, ...before } = await importedTables(t.ctx.db);
    const report = await importCommitmentSheet(t.ctx, fromText(exported));
    assert.deepEqual([report.created, report.updated, report.unchanged, report.rejected.length], [0, 0, 558, 0]);
    const { audit_events: _afterAudit, ...after } = await importedTables(t.ctx.db);
    assert.deepEqual(after, before);
  });

  it('writes values edited on the platform instead of the sheet\'s, and keeps the rest as read', async () => {
    const { db } = t.ctx;
    const al = await db.selectFrom('commitments').select(['id']).where('ogp_id', '=', 'AL0002').executeTakeFirstOrThrow();
    await db.updateTable('commitments').set({ title: 'e-Acts (edited)', start_date: '2013-02-01' }).where('id', '=', al.id).execute();
    await db.updateTable('irm_assessments').set({ potential_impact: 'transformative' }).where('commitment_id', '=', al.id).execute();
    await db.updateTable('commitment_stars').set({ starred: 1 }).where('commitment_id', '=', al.id).where('formula', '=', 'current').where('report', '=', 'progress').execute();
    await db.deleteFrom('commitment_tags').where('commitment_id', '=', al.id).where('tag', '=', 'Open Parliaments').execute();
    const lead = await db.selectFrom('commitment_institutions').select('organisation_id').where('commitment_id', '=', al.id).where('role', '=', 'lead').executeTakeFirstOrThrow();
    await db.updateTable('organisations').set({ name: 'Council of Ministers of Albania' }).where('id', '=', lead.organisation_id).execute();

    const sheet = readSheetText(await exportText(db));
    const row = byId(sheet.rows).get('AL0002')!;
    const originalRow = byId(original.rows).get('AL0002')!;
    const changed = Object.fromEntries(sheet.header.flatMap((c, i) => (row[i] !== originalRow[i] ? [[c, row[i]]] : [])));
    assert.deepEqual(changed, {
      'Commitment Title': 'e-Acts (edited)',
      'Start Date': '2/1/2013',
      'Lead Institution': 'Council of Ministers of Albania',
      'Open Parliaments': '0',
      'Potential Impact': 'Transformative',
      '_Potential Impact': '3',
      'Starred (Current Formula) Progress Report': '1',
    });
  });

  it('fills the columns of a commitment made on the platform from its data', async () => {
    const member = await createMember(t.ctx.db, { name: 'Narnia', ogpCode: null });
    const commitment = await createCommitment(t.ctx.db, { member_id: member.id, ogp_id: 'NN0001', title: 'Open the wardrobe', theme: 'Access', start_date: '2024-01-15', policyAreas: ['Open Data'], irm: { potential_impact: 'moderate', completion_progress: 'not_reviewed' } });
    const plan = await t.ctx.db.selectFrom('action_plans').selectAll().where('id', '=', commitment.plan_id).executeTakeFirstOrThrow();
    const sheet = readSheetText(await exportText(t.ctx.db));
    const row = byId(sheet.rows).get('NN0001')!;
    const get = (column: string) => cell(sheet, row, column);
    assert.deepEqual(
      ['Country/Locality', 'Action Plan ID', 'Action Plan Number', 'National Or Local', 'Commitment Title', 'Theme', 'Start Date', 'End Date', 'Open Data', 'Audits', 'Potential Impact', '_Potential Impact', 'Completion (Progress Report)', 'Specificity', 'Starred (2015 Only)', 'Commitment Dummy', 'Year Of Submission', 'Action Plan End Year'].map(get),
      ['Narnia', plan.ogp_id, '1', 'National', 'Open the wardrobe', 'Access', '1/15/2024', 'NA', '1', '0', 'Moderate', '2', 'NR', '', 'ND', '1', '2020', '2022'],
    );
  });
});

describe('exporting a large database', () => {
  const t = useTestApp();

  before(() => insertManyCommitments(t.ctx.db, 3000));

  it('writes every commitment', async () => {
    const sheet = readSheetText(await exportText(t.ctx.db));
    assert.equal(sheet.rows.length, 3000);
    assert.deepEqual([sheet.rows[0]?.[0], sheet.rows.at(-1)?.[0]], ['ZZ000001', 'ZZ003000']);
  });

  it('reads a page at a time as the output is consumed, never the whole table at once', async () => {
    const { db } = t.ctx;
    let rows = 0;
    let pruned = false;
    await pipeline(
      commitmentSheetCsv(db, { pageSize: 100 }),
      new Writable({
        write(chunk: Buffer, _encoding, done) {
          rows += (chunk.toString('utf8').match(/\r\n/g) ?? []).length;
          if (pruned) return done();
          pruned = true;
          // Commitments removed once the download has begun do not appear in it: only pages already read were in memory.
          db.deleteFrom('commitments')
            .where('ogp_id', '>', 'ZZ001000')
            .execute()
            .then(() => done(), done);
        },
      }),
    );
    // The header and the first thousand; a read of everything up front would have written all 3,000.
    assert.equal(rows, 1 + 1000);
  });
});
