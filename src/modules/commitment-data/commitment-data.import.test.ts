import assert from 'node:assert/strict';
import fs from 'node:fs';
import { Readable } from 'node:stream';
import { before, describe, it } from 'node:test';
import { cell, importedCounts, importedTables, readSheet, REAL_SHEET, type Sheet, sheetCsv, withCells } from '../../../test/support/commitment-data-factories.ts';
import { useTestApp } from '../../../test/support/test-app.ts';
import { seedDemoData } from '../../seed/seed.ts';
import { importCommitmentSheet, type ImportReport } from './commitment-data.service.ts';
import { IRM_SCALES, parseMissing } from './irm-scales.ts';
import { POLICY_AREA_COLUMNS } from './sheet-columns.ts';
import { computeStars } from './stars.ts';
import { readSheetRow } from './sheet-row.ts';

const fromText = (text: string, fileName = 'test.csv') => ({ open: () => Readable.from([Buffer.from(text)], { objectMode: false }), fileName, actorId: null });
const fromFile = (file: string) => ({ open: () => fs.createReadStream(file), fileName: 'sheet.csv', actorId: null });

describe('importing OGP\'s real commitment sheet', () => {
  const t = useTestApp();
  const sheet = readSheet();
  let report: ImportReport;

  before(async () => {
    // The seeded members have names but no OGP codes or regions yet: the import finds them by name and fills those in.
    await seedDemoData(t.ctx, { includeDemoAccounts: false });
    report = await importCommitmentSheet(t.ctx, fromFile(REAL_SHEET));
  });

  it('imports every row, refusing none, and says what it did', () => {
    assert.deepEqual(report.rejected, []);
    assert.equal(report.fileProblem, null);
    assert.equal(report.written, true);
    assert.deepEqual([report.rows, report.created, report.updated, report.unchanged], [558, 558, 0, 0]);
    // Kosovo is "Other" in the sheet and not among the seeded members; every other member was.
    assert.deepEqual(report.membersCreated, ['Kosovo']);
    assert.equal(report.membersUpdated.length, 74);
    assert.equal(report.plansCreated.length, new Set(sheet.rows.map((r) => cell(sheet, r, 'Action Plan ID'))).size);
    assert.ok(report.organisationsCreated > 500);
    assert.equal(report.starDisagreements.length, 182);
  });

  it('stores each commitment under its plan and member, the member given its OGP code and region', async () => {
    const { db } = t.ctx;
    assert.equal(Number((await db.selectFrom('commitments').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n), 558);
    const al = await db
      .selectFrom('commitments as c')
      .innerJoin('action_plans as p', 'p.id', 'c.plan_id')
      .innerJoin('members as m', 'm.id', 'c.member_id')
      .select(['c.title', 'c.theme', 'c.number', 'c.source', 'c.start_date', 'c.source_url', 'c.implementation_status', 'p.ogp_id as plan', 'p.number as planNumber', 'p.start_date as planStart', 'p.end_date as planEnd', 'p.status as planStatus', 'm.name', 'm.ogp_code', 'm.region', 'p.member_id', 'm.id as memberId'])
      .where('c.ogp_id', '=', 'AL0002')
      .executeTakeFirstOrThrow();
    assert.deepEqual(
      { ...al, member_id: undefined, memberId: undefined, source_url: undefined },
      {
        title: 'e-Acts',
        theme: 'e-Governance: 2012 and Onward',
        number: '2',
        source: 'ogp_sheet',
        start_date: null,
        implementation_status: 'substantial',
        plan: 'AP_ALB01',
        planNumber: 1,
        planStart: '2012-01-01',
        planEnd: '2014-12-31',
        planStatus: 'completed',
        name: 'Albania',
        ogp_code: 'ALB',
        region: 'Europe',
        member_id: undefined,
        memberId: undefined,
        source_url: undefined,
      },
    );
    assert.equal(al.member_id, al.memberId);
    assert.match(al.source_url ?? '', /^https:\/\/opengovpartnership\.org\/members\/albania\/commitments\/al0002/);
  });

  it('keeps every cell of every row exactly as read', async () => {
    const rows = await t.ctx.db.selectFrom('commitments').select(['ogp_id', 'sheet_row_json']).execute();
    const stored = new Map(rows.map((r) => [r.ogp_id, JSON.parse(r.sheet_row_json ?? '{}') as Record<string, string>]));
    for (const row of sheet.rows) {
      const expected = Object.fromEntries(sheet.header.map((c, i) => [c, row[i]]));
      assert.deepEqual(stored.get(cell(sheet, row, 'Commitment Unique Identifier')), expected);
    }
  });

  it('stores ND, NR and NA as missing codes, as often as the sheet has them, and never as values', async () => {
    const irm = await t.ctx.db.selectFrom('irm_assessments').selectAll().execute();
    assert.equal(irm.length, 558);
    for (const scale of IRM_SCALES) {
      const values = new Set(irm.map((r) => r[scale.field]));
      for (const code of ['ND', 'NR', 'NA', 'Not Applicable', 'no_data', 'not_reviewed', 'not_applicable']) assert.ok(!values.has(code), `${scale.field} holds ${code} as a value`);
      for (const [missing, count] of Object.entries(countMissing(sheet, scale.column))) {
        assert.equal(irm.filter((r) => r[`${scale.field}_missing`] === missing).length, count, `${scale.field}: ${missing}`);
      }
    }
    const al = irm.find((r) => r.progress_report_year === 2014 && r.specificity === 'medium' && r.potential_impact === 'moderate' && r.completion_progress === 'substantial');
    assert.ok(al, 'AL0002 rated as in the sheet');
  });

  it('tags each 1 in a policy-area column, and the theme', async () => {
    const tags = await t.ctx.db.selectFrom('commitment_tags').select(['vocabulary', 'tag']).execute();
    for (const column of POLICY_AREA_COLUMNS) {
      const ones = sheet.rows.filter((r) => cell(sheet, r, column) === '1').length;
      assert.equal(tags.filter((tag) => tag.vocabulary === 'policy_area' && tag.tag === column).length, ones, column);
    }
    assert.equal(tags.filter((tag) => tag.vocabulary === 'theme').length, sheet.rows.filter((r) => cell(sheet, r, 'Theme') !== 'NA').length);
  });

  it('links the lead and supporting institutions as organisations of the member\'s country', async () => {
    const links = await t.ctx.db
      .selectFrom('commitment_institutions as ci')
      .innerJoin('commitments as c', 'c.id', 'ci.commitment_id')
      .innerJoin('organisations as o', 'o.id', 'ci.organisation_id')
      .select(['ci.role', 'o.name', 'o.org_type', 'o.country'])
      .where('c.ogp_id', '=', 'AL0002')
      .orderBy('ci.role')
      .execute();
    assert.deepEqual(links, [
      { role: 'lead', name: 'Council of Ministers', org_type: 'government_agency', country: 'Albania' },
      { role: 'supporting', name: 'National Agency for Information Society', org_type: 'government_agency', country: 'Albania' },
    ]);
  });

  it('stores every star under both formulas for both reports, as computed from the ratings', async () => {
    const stars = await t.ctx.db.selectFrom('commitment_stars as s').innerJoin('commitments as c', 'c.id', 's.commitment_id').select(['c.ogp_id', 's.formula', 's.report', 's.starred', 's.missing']).execute();
    assert.equal(stars.length, 558 * 4);
    for (const row of sheet.rows.slice(0, 60)) {
      const read = readSheetRow(Object.fromEntries(sheet.header.map((c, i) => [c, row[i] ?? ''])));
      assert.ok(read.ok);
      for (const expected of computeStars(read.commitment.ratings)) {
        const found: (typeof stars)[number] | undefined = stars.find((s) => s.ogp_id === read.commitment.ogpId && s.formula === expected.formula && s.report === expected.report);
        assert.deepEqual([found?.starred, found?.missing], [expected.starred, expected.missing], `${read.commitment.ogpId} ${expected.formula} ${expected.report}`);
      }
    }
    const al = stars.filter((s) => s.ogp_id === 'AL0002' && s.report === 'progress');
    // Moderate impact: starred under the 2015 formula, not under the current one, as the sheet says.
    assert.deepEqual(al.map((s) => [s.formula, s.starred]).sort(), [['2015', 1], ['current', 0]]);
  });

  it('audits the import, and each member and plan it created, in the same transaction', async () => {
    const events = await t.ctx.db.selectFrom('audit_events').select(['action', 'entity_type', 'after_json', 'is_public', 'summary']).execute();
    const imported = events.filter((e) => e.action === 'commitment_sheet.imported');
    assert.equal(imported.length, 1);
    assert.deepEqual(JSON.parse(imported[0]?.after_json ?? '{}'), {
      file: 'sheet.csv',
      rows: 558,
      created: 558,
      updated: 0,
      unchanged: 0,
      members_created: 1,
      plans_created: report.plansCreated.length,
      organisations_created: report.organisationsCreated,
      star_disagreements: 182,
    });
    assert.equal(events.filter((e) => e.action === 'plan.created' && e.is_public === 1).length, report.plansCreated.length);
    assert.ok(events.some((e) => e.action === 'member.created' && e.summary.includes('Kosovo')));
    assert.equal(events.filter((e) => e.action === 'member.updated' && JSON.parse(e.after_json ?? '{}').ogp_code).length, 74);
    assert.equal(events.filter((e) => e.action === 'organisation.created' && e.summary.includes("OGP's commitment data")).length, report.organisationsCreated);
  });

  it('changes nothing when the same file is imported again, except recording that import', async () => {
    const { audit_events: beforeAudit, ...beforeTables } = await importedTables(t.ctx.db);
    const again = await importCommitmentSheet(t.ctx, fromFile(REAL_SHEET));
    assert.deepEqual([again.created, again.updated, again.unchanged, again.rejected.length], [0, 0, 558, 0]);
    assert.deepEqual([again.membersCreated, again.membersUpdated, again.plansCreated, again.organisationsCreated], [[], [], [], 0]);
    const { audit_events: afterAudit, ...afterTables } = await importedTables(t.ctx.db);
    assert.deepEqual(afterTables, beforeTables);
    assert.equal(afterAudit?.length, (beforeAudit?.length ?? 0) + 1);
  });

  it('updates a re-imported row by its identifier, the sheet winning over an edit, the platform\'s progress kept', async () => {
    const { db } = t.ctx;
    await db.updateTable('commitments').set({ title: 'Edited on the platform', implementation_status: 'complete', progress_percent: 100 }).where('ogp_id', '=', 'AL0003').execute();
    const first = sheet.rows[0]!;
    const changed = withCells(sheet, first, { 'Commitment Title': 'e-Acts, renamed', 'Open Parliaments': '0', Theme: 'NA' });
    const before = await db.selectFrom('commitments').select(['id', 'updated_at']).where('ogp_id', '=', 'AL0002').executeTakeFirstOrThrow();
    const again = await importCommitmentSheet(t.ctx, fromText(sheetCsv(sheet, [changed, ...sheet.rows.slice(1)])));
    assert.deepEqual([again.created, again.updated, again.unchanged], [0, 2, 556]);
    const al2 = await db.selectFrom('commitments').select(['id', 'title', 'theme', 'updated_at']).where('ogp_id', '=', 'AL0002').executeTakeFirstOrThrow();
    assert.deepEqual([al2.id, al2.title, al2.theme], [before.id, 'e-Acts, renamed', '']);
    assert.notEqual(al2.updated_at, before.updated_at);
    const tags = await db.selectFrom('commitment_tags').select(['vocabulary', 'tag']).where('commitment_id', '=', al2.id).execute();
    assert.ok(!tags.some((tag) => tag.tag === 'Open Parliaments' || tag.vocabulary === 'theme'));
    const al3 = await db.selectFrom('commitments').select(['title', 'implementation_status', 'progress_percent']).where('ogp_id', '=', 'AL0003').executeTakeFirstOrThrow();
    assert.deepEqual(al3, { title: cell(sheet, sheet.rows[1]!, 'Commitment Title'), implementation_status: 'complete', progress_percent: 100 });
    assert.equal(Number((await db.selectFrom('commitments').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n), 558);
  });
});

function countMissing(sheet: Sheet, column: string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const row of sheet.rows) {
    const missing = parseMissing(cell(sheet, row, column));
    if (missing) counts[missing] = (counts[missing] ?? 0) + 1;
  }
  return counts;
}

describe('refusing a sheet with bad rows', () => {
  const t = useTestApp();
  const sheet = readSheet();
  const good = sheet.rows.slice(0, 4);

  it('lists each bad row with its row number, line and reason, and stores nothing at all', async () => {
    const counts = await importedCounts(t.ctx.db);
    const rows = [
      ...good,
      withCells(sheet, sheet.rows[10]!, { Code: 'XYZ' }),
      withCells(sheet, sheet.rows[11]!, { 'Commitment Unique Identifier': cell(sheet, good[0]!, 'Commitment Unique Identifier') }),
      withCells(sheet, sheet.rows[12]!, { 'End Date': '31/13/2016' }),
      withCells(sheet, sheet.rows[13]!, { 'Potential Impact': 'Enormous' }),
      withCells(sheet, sheet.rows[14]!, { 'Commitment Title': '  ' }),
    ];
    const text = sheetCsv(sheet, rows);
    const report = await importCommitmentSheet(t.ctx, fromText(text));
    assert.equal(report.written, false);
    assert.deepEqual([report.created, report.updated], [0, 0]);
    assert.deepEqual(
      report.rejected.map((r) => [r.row, r.ogpId, r.problem.key]),
      [
        [6, cell(sheet, sheet.rows[10]!, 'Commitment Unique Identifier'), 'commitmentData.problems.codeInvalid'],
        [7, cell(sheet, good[0]!, 'Commitment Unique Identifier'), 'commitmentData.problems.duplicateId'],
        [8, cell(sheet, sheet.rows[12]!, 'Commitment Unique Identifier'), 'commitmentData.problems.dateInvalid'],
        [9, cell(sheet, sheet.rows[13]!, 'Commitment Unique Identifier'), 'commitmentData.problems.ratingUnknown'],
        [10, cell(sheet, sheet.rows[14]!, 'Commitment Unique Identifier'), 'commitmentData.problems.required'],
      ],
    );
    assert.deepEqual(report.rejected[1]?.problem.params, { id: cell(sheet, good[0]!, 'Commitment Unique Identifier'), row: 2 });
    assert.deepEqual(report.rejected[2]?.problem.params, { column: 'End Date', value: '31/13/2016' });
    // Lines count the line breaks inside quoted cells: each refused row's line is where it starts in the file.
    const lines = text.split(/\r?\n/);
    for (const r of report.rejected) assert.ok(lines[r.line - 1]?.startsWith(r.ogpId ?? '?'), `row ${r.row} does not start on line ${r.line}`);
    assert.deepEqual(await importedCounts(t.ctx.db), counts);
  });

  it('refuses the rows of a second code under a member name the file already gave, rather than merging the two', async () => {
    const counts = await importedCounts(t.ctx.db);
    // Croatia's plans 1 to 4 would have landed on Albania beside its own plans 1, 3 and 4.
    const sameName = sheet.rows.slice(22, 26).map((row) => withCells(sheet, row, { 'Country/Locality': 'albania' }));
    assert.deepEqual(sameName.map((row) => cell(sheet, row, 'Code')), ['HRV', 'HRV', 'HRV', 'HRV']);
    const report = await importCommitmentSheet(t.ctx, fromText(sheetCsv(sheet, [...good, ...sameName])));
    assert.equal(report.written, false);
    assert.deepEqual(
      report.rejected.map((r) => [r.row, r.ogpId, r.problem.key]),
      sameName.map((row, i) => [6 + i, cell(sheet, row, 'Commitment Unique Identifier'), 'commitmentData.problems.memberNameShared']),
    );
    assert.deepEqual(report.rejected[0]?.problem.params, { name: 'albania', code: 'HRV', otherCode: 'ALB', row: 2 });
    assert.deepEqual(await importedCounts(t.ctx.db), counts);
  });

  it('refuses a row whose member the platform holds under another code', async () => {
    await seedDemoData(t.ctx, { includeDemoAccounts: false });
    await t.ctx.db.updateTable('members').set({ ogp_code: 'ARM' }).where('name', '=', 'Albania').execute();
    const counts = await importedCounts(t.ctx.db);
    const report = await importCommitmentSheet(t.ctx, fromText(sheetCsv(sheet, good)));
    assert.deepEqual(
      report.rejected.map((r) => [r.row, r.problem.key]),
      [
        [2, 'commitmentData.problems.memberCodeConflict'],
        [3, 'commitmentData.problems.memberCodeConflict'],
        [4, 'commitmentData.problems.memberCodeConflict'],
        [5, 'commitmentData.problems.memberCodeConflict'],
      ],
    );
    assert.deepEqual(await importedCounts(t.ctx.db), counts);
    await t.ctx.db.updateTable('members').set({ ogp_code: null }).where('name', '=', 'Albania').execute();
  });

  it('refuses a file it cannot read as the sheet at all, saying why', async () => {
    const counts = await importedCounts(t.ctx.db);
    const missingColumn = await importCommitmentSheet(t.ctx, fromText('Commitment Unique Identifier,Country/Locality\r\nAL0002,Albania\r\n'));
    assert.equal(missingColumn.fileProblem?.key, 'commitmentData.problems.headerMissing');
    const broken = await importCommitmentSheet(t.ctx, fromText(`${sheet.header.join(',')}\r\n"AL0002,unclosed`));
    assert.equal(broken.fileProblem?.key, 'commitmentData.problems.unreadable');
    const empty = await importCommitmentSheet(t.ctx, fromText(''));
    assert.equal(empty.fileProblem?.key, 'commitmentData.problems.empty');
    const shortRow = await importCommitmentSheet(t.ctx, fromText(`${sheet.header.join(',')}\r\nAL0002,Albania\r\n`));
    assert.deepEqual(shortRow.rejected.map((r) => [r.row, r.line, r.problem.key]), [[2, 2, 'commitmentData.problems.cellCount']]);
    assert.deepEqual(await importedCounts(t.ctx.db), counts);
  });

  it('imports rows it has not seen alongside updates, and keeps columns it does not know with the row', async () => {
    const extra = { header: [...sheet.header, 'Notes'], rows: good.map((r) => [...r, 'kept']) };
    const report = await importCommitmentSheet(t.ctx, fromText(sheetCsv(extra)));
    assert.deepEqual([report.created, report.rejected.length], [4, 0]);
    assert.deepEqual(report.warnings.map((w) => w.key), ['commitmentData.problems.extraColumns']);
    const row = await t.ctx.db.selectFrom('commitments').select('sheet_row_json').where('ogp_id', '=', 'AL0002').executeTakeFirstOrThrow();
    assert.equal((JSON.parse(row.sheet_row_json ?? '{}') as Record<string, string>).Notes, 'kept');
  });
});
