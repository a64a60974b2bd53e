import { Readable } from 'node:stream';
import { stringify } from 'csv-stringify';
import type { DbOrTrx } from '../../db/database.ts';
import { IRM_FIELDS, type IrmField, type MissingCode } from '../../db/irm-fields.ts';
import type { CommitmentStarsTable, IrmAssessmentsTable } from '../../db/schema.ts';
import { MISSING_TOKENS, STAR_FACETS } from './explorer.facets.ts';
import { irmOf, type ResultRow, rowsByDoc, starsOf, themesOf } from './explorer.repository.ts';
import { matchingDocs } from './explorer.service.ts';
import type { ExplorerState } from './explorer.state.ts';

// Downloads of any result set, streamed: the facet index gives the matching commitments' document numbers
// in order, and their rows are read and written a chunk at a time, so memory holds numbers, never the
// result set, and other requests run between chunks.

const CHUNK = 500;

export interface ExportRecord {
  row: ResultRow;
  themes: string[];
  irm: IrmAssessmentsTable | undefined;
  stars: CommitmentStarsTable[];
}

/** Every matching commitment, in the state's order, with its policy areas, IRM ratings and stars. */
export async function* exportRecords(db: DbOrTrx, state: ExplorerState, chunk = CHUNK): AsyncGenerator<ExportRecord> {
  const docs = await matchingDocs(db, state);
  for (let start = 0; start < docs.length; start += chunk) {
    const rows = await rowsByDoc(db, docs.slice(start, start + chunk));
    const ids = rows.map((r) => r.id);
    const [themes, irm, stars] = await Promise.all([themesOf(db, ids), irmOf(db, ids), starsOf(db, ids)]);
    const irmById = new Map(irm.map((a) => [a.commitment_id, a]));
    const starsById = new Map<string, CommitmentStarsTable[]>();
    for (const star of stars) starsById.set(star.commitment_id, [...(starsById.get(star.commitment_id) ?? []), star]);
    for (const row of rows) {
      yield { row, themes: themes.get(row.id) ?? [], irm: irmById.get(row.id), stars: starsById.get(row.id) ?? [] };
    }
  }
}

const missingToken = (code: MissingCode | string | null): string => (code ? (MISSING_TOKENS[code as MissingCode] ?? code) : '');

/** A rating as the sheet writes it: the value's slug, or ND, NR or NA. Blank when the IRM has said nothing. */
const ratingCell = (irm: IrmAssessmentsTable | undefined, field: IrmField): string => (irm ? (irm[field] ?? missingToken(irm[`${field}_missing`])) : '');

const starColumn = (formula: string, report: string): string => `starred_${formula}_${report}`;

function starCell(stars: CommitmentStarsTable[], formula: string, report: string): string {
  const star = stars.find((s) => s.formula === formula && s.report === report);
  if (!star) return '';
  return star.starred === null ? missingToken(star.missing) : String(star.starred);
}

export const CSV_COLUMNS = [
  'ogp_id',
  'title',
  'short_title',
  'member',
  'member_code',
  'region',
  'member_type',
  'plan_id',
  'plan_start',
  'plan_end',
  'theme',
  'policy_areas',
  'implementation_status',
  'progress_percent',
  'start_date',
  'end_date',
  'url',
  ...IRM_FIELDS,
  ...STAR_FACETS.map((f) => starColumn(f.formula, f.report)),
  'full_text',
];

function csvRow(record: ExportRecord, baseUrl: string): Record<string, string | number> {
  const { row, irm, stars } = record;
  return {
    ogp_id: row.ogp_id,
    title: row.title,
    short_title: row.short_title,
    member: row.member_name,
    member_code: row.member_code ?? '',
    region: row.member_region ?? '',
    member_type: row.member_type,
    plan_id: row.plan_ogp_id,
    plan_start: row.plan_start ?? '',
    plan_end: row.plan_end ?? '',
    theme: row.theme,
    // A policy area's name may hold a comma or a slash, never a semicolon.
    policy_areas: record.themes.join('; '),
    implementation_status: row.implementation_status,
    progress_percent: row.progress_percent ?? '',
    start_date: row.start_date ?? '',
    end_date: row.end_date ?? '',
    url: commitmentUrl(baseUrl, row.ogp_id),
    ...Object.fromEntries(IRM_FIELDS.map((field) => [field, ratingCell(irm, field)])),
    ...Object.fromEntries(STAR_FACETS.map((f) => [starColumn(f.formula, f.report), starCell(stars, f.formula, f.report)])),
    full_text: row.full_text,
  };
}

export const commitmentUrl = (baseUrl: string, ogpId: string): string => `${baseUrl.replace(/\/$/, '')}/commitments/${encodeURIComponent(ogpId)}`;

/** The result set as CSV: a header row, then one row per commitment. */
export function csvStream(db: DbOrTrx, state: ExplorerState, baseUrl: string): Readable {
  const records = Readable.from(
    (async function* () {
      for await (const record of exportRecords(db, state)) yield csvRow(record, baseUrl);
    })(),
  );
  return records.pipe(stringify({ header: true, columns: CSV_COLUMNS, bom: false }));
}

/** One commitment of a JSON download: the CSV's content, with ratings as value and missing code apart. */
export function jsonRecord(record: ExportRecord, baseUrl: string) {
  const { row, irm, stars } = record;
  return {
    ogpId: row.ogp_id,
    title: row.title,
    shortTitle: row.short_title,
    member: { name: row.member_name, code: row.member_code, slug: row.member_slug, region: row.member_region, type: row.member_type },
    plan: { ogpId: row.plan_ogp_id, startDate: row.plan_start, endDate: row.plan_end },
    theme: row.theme,
    policyAreas: record.themes,
    implementationStatus: row.implementation_status,
    progressPercent: row.progress_percent,
    startDate: row.start_date,
    endDate: row.end_date,
    url: commitmentUrl(baseUrl, row.ogp_id),
    irm: irm ? Object.fromEntries(IRM_FIELDS.map((field) => [field, { value: irm[field], missing: irm[`${field}_missing`] }])) : null,
    stars: stars.map((s) => ({ formula: s.formula, report: s.report, starred: s.starred === null ? null : s.starred === 1, missing: s.missing })),
    fullText: row.full_text,
  };
}

/** The result set as a JSON array, written one commitment at a time. */
export function jsonStream(db: DbOrTrx, state: ExplorerState, baseUrl: string): Readable {
  return Readable.from(
    (async function* () {
      let first = true;
      yield '[';
      for await (const record of exportRecords(db, state)) {
        yield `${first ? '\n' : ',\n'}${JSON.stringify(jsonRecord(record, baseUrl))}`;
        first = false;
      }
      yield first ? ']\n' : '\n]\n';
    })(),
  );
}
