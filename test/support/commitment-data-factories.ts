import fs from 'node:fs';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import type { Db } from '../../src/db/database.ts';
import type { Database } from '../../src/db/schema.ts';
import { newId, nowIso } from '../../src/platform/ids.ts';
import { DEFAULT_COMMITMENTS_CSV } from '../../src/seed/data-files.ts';
import { DEFAULT_US_TRACKER_DIR } from '../../src/seed/commitments.ts';
import { createMember } from './factories.ts';

// Sheets, uploads and bulk rows for the commitment data tests. The real sheet is read here with
// csv-parse directly, not through the import's own reader, so the tests check the import against it.

export const REAL_SHEET = DEFAULT_COMMITMENTS_CSV;
export const US_TRACKER_DIR = DEFAULT_US_TRACKER_DIR;

export interface Sheet {
  header: string[];
  rows: string[][];
}

export function readSheet(file: string = REAL_SHEET): Sheet {
  const [header = [], ...rows] = parse(fs.readFileSync(file), { bom: true }) as string[][];
  return { header, rows };
}

export function readSheetText(text: string): Sheet {
  const [header = [], ...rows] = parse(text, { bom: true }) as string[][];
  return { header, rows };
}

/** A copy of a row with some cells changed, by column name. */
export function withCells(sheet: Sheet, row: string[], changes: Record<string, string>): string[] {
  const copy = [...row];
  for (const [column, value] of Object.entries(changes)) {
    const index = sheet.header.indexOf(column);
    if (index < 0) throw new Error(`No column ${column}`);
    copy[index] = value;
  }
  return copy;
}

export const cell = (sheet: Sheet, row: string[], column: string): string => row[sheet.header.indexOf(column)] ?? '';

/** The sheet as OGP writes it: CRLF between records, cells with line breaks quoted. */
export function sheetCsv(sheet: Sheet, rows: string[][] = sheet.rows): string {
  return stringify([sheet.header, ...rows], { record_delimiter: '\r\n', quoted_match: /[\r\n]/ });
}

/** A multipart/form-data body as a browser sends it: the fields first (the CSRF token among them), then the file. */
export function multipartUpload(fields: Record<string, string>, file?: { filename: string; content: Buffer | string }): { payload: Buffer; headers: Record<string, string> } {
  const boundary = '----ogpCommitmentDataBoundary';
  const parts: Buffer[] = Object.entries(fields).map(([name, value]) => Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  if (file) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.filename}"\r\nContent-Type: text/csv\r\n\r\n`));
    parts.push(Buffer.isBuffer(file.content) ? file.content : Buffer.from(file.content));
    parts.push(Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

const TABLES = ['members', 'action_plans', 'commitments', 'commitment_tags', 'commitment_institutions', 'irm_assessments', 'commitment_stars', 'organisations', 'milestones', 'progress_updates', 'audit_events'] as const;

/** Every row of the tables an import writes, sorted, so two snapshots are equal exactly when nothing changed. */
export async function importedTables(db: Db): Promise<Record<string, string[]>> {
  const snapshot: Record<string, string[]> = {};
  for (const table of TABLES) {
    const rows = await db.selectFrom(table as keyof Database).selectAll().execute();
    snapshot[table] = rows.map((r) => JSON.stringify(r)).sort();
  }
  return snapshot;
}

/** Row counts of the same tables. */
export async function importedCounts(db: Db): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of TABLES) {
    const row = await db
      .selectFrom(table as keyof Database)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    counts[table] = Number(row.n);
  }
  return counts;
}

/**
 * Many platform commitments (no sheet row) under one plan, inserted in batches: enough to show an
 * export reads page by page. Ids are ZZ000001… so their order is known.
 */
export async function insertManyCommitments(db: Db, count: number): Promise<void> {
  const member = await createMember(db, { name: `Bulk member ${newId().slice(0, 6)}` });
  const now = nowIso();
  const planId = newId();
  await db
    .insertInto('action_plans')
    .values({ id: planId, member_id: member.id, ogp_id: `AP_ZZB${String(Math.floor(Math.random() * 90) + 10)}`, number: 1, title: '', start_date: '2020-01-01', end_date: '2022-12-31', due_date: null, submitted_on: null, status: 'completed', created_at: now, updated_at: now })
    .execute();
  for (let start = 0; start < count; start += 500) {
    const rows = [];
    for (let i = start; i < Math.min(count, start + 500); i += 1) {
      rows.push({
        id: newId(),
        ogp_id: `ZZ${String(i + 1).padStart(6, '0')}`,
        plan_id: planId,
        member_id: member.id,
        number: String(i + 1),
        title: `Bulk commitment ${i + 1}`,
        short_title: '',
        full_text: '',
        problem: '',
        status_quo: '',
        objective: '',
        ambition: '',
        theme: '',
        start_date: null,
        end_date: null,
        carried_forward_from_id: null,
        stated_access_to_information: null,
        stated_civic_participation: null,
        stated_public_accountability: null,
        stated_technology_innovation: null,
        implementation_status: 'not_started',
        progress_percent: null,
        source: 'platform',
        source_url: null,
        sheet_row_json: null,
        created_at: now,
        updated_at: now,
      });
    }
    await db.insertInto('commitments').values(rows).execute();
  }
}
