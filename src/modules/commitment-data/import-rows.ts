import { IRM_FIELDS } from '../../db/irm-fields.ts';
import type { CommitmentInstitutionsTable, CommitmentStarsTable, CommitmentTagsTable, IrmAssessmentsTable } from '../../db/schema.ts';
import type { CommitmentChildren, ImportedColumns, StoredCommitments } from './commitment-data.repository.ts';
import type { SheetCommitment } from './sheet-row.ts';
import { computeStars } from './stars.ts';

// What an imported row becomes in the tables, and a fingerprint of it, so a re-import can tell a
// changed commitment from one that is already exactly as the sheet says (and leave that one alone).

export const SOURCE_SHEET = 'ogp_sheet';

export interface ResolvedIds {
  commitmentId: string;
  planId: string;
  memberId: string;
  /** Organisation ids in the order the cell names them. */
  lead: string[];
  supporting: string[];
}

export interface CommitmentRows {
  columns: ImportedColumns;
  children: CommitmentChildren;
}

/** The sheet row as JSON, columns in file order: every cell as read. */
export const rowJson = (cells: Record<string, string>): string => JSON.stringify(cells);

function institutionRows(commitmentId: string, ids: ResolvedIds): CommitmentInstitutionsTable[] {
  const rows: CommitmentInstitutionsTable[] = [];
  const seen = new Set<string>();
  const add = (role: string, list: string[]) =>
    list.forEach((organisationId) => {
      const key = `${organisationId}|${role}`;
      if (seen.has(key)) return;
      seen.add(key);
      rows.push({ commitment_id: commitmentId, organisation_id: organisationId, role, position: rows.filter((r) => r.role === role).length });
    });
  add('lead', ids.lead);
  add('supporting', ids.supporting);
  return rows;
}

export function irmRow(commitmentId: string, sheet: Pick<SheetCommitment, 'ratings' | 'progressReportYear' | 'endOfTermReportYear'>, updatedAt: string): IrmAssessmentsTable {
  const row: Record<string, string | number | null> = {
    commitment_id: commitmentId,
    progress_report_year: sheet.progressReportYear,
    end_of_term_report_year: sheet.endOfTermReportYear,
    updated_at: updatedAt,
  };
  for (const field of IRM_FIELDS) {
    row[field] = sheet.ratings[field].value;
    row[`${field}_missing`] = sheet.ratings[field].missing;
  }
  return row as unknown as IrmAssessmentsTable;
}

export function starRows(commitmentId: string, sheet: Pick<SheetCommitment, 'ratings'>): CommitmentStarsTable[] {
  return computeStars(sheet.ratings).map((s) => ({ commitment_id: commitmentId, formula: s.formula, report: s.report, starred: s.starred, missing: s.missing }));
}

export function commitmentRows(sheet: SheetCommitment, ids: ResolvedIds, now: string): CommitmentRows {
  const id = ids.commitmentId;
  const tags: CommitmentTagsTable[] = sheet.policyAreas.map((tag) => ({ commitment_id: id, vocabulary: 'policy_area', tag }));
  if (sheet.theme !== '') tags.push({ commitment_id: id, vocabulary: 'theme', tag: sheet.theme });
  return {
    columns: {
      plan_id: ids.planId,
      member_id: ids.memberId,
      number: sheet.number,
      title: sheet.title,
      short_title: sheet.shortTitle,
      full_text: sheet.fullText,
      theme: sheet.theme,
      start_date: sheet.startDate,
      end_date: sheet.endDate,
      source: SOURCE_SHEET,
      source_url: sheet.sourceUrl,
      sheet_row_json: rowJson(sheet.cells),
    },
    children: { tags, institutions: institutionRows(id, ids), irm: [irmRow(id, sheet, now)], stars: starRows(id, sheet) },
  };
}

/** The IRM's latest word on completion, as the status a newly imported commitment starts with. */
export function initialStatus(sheet: SheetCommitment): string {
  const latest = sheet.ratings.completion_end_of_term.value ?? sheet.ratings.completion_progress.value;
  return latest && ['not_started', 'limited', 'substantial', 'complete', 'withdrawn'].includes(latest) ? latest : 'not_started';
}

const sorted = (items: string[]): string[] => items.sort();

/** A fingerprint of everything an import writes about one commitment, independent of row order and timestamps. */
export function fingerprint(columns: ImportedColumns, children: CommitmentChildren): string {
  const irm = children.irm[0];
  const irmValues = irm ? [irm.progress_report_year, irm.end_of_term_report_year, ...IRM_FIELDS.flatMap((f) => [irm[f], irm[`${f}_missing`]])] : [];
  return JSON.stringify([
    columns,
    sorted(children.tags.map((t) => `${t.vocabulary}|${t.tag}`)),
    sorted(children.institutions.map((i) => `${i.role}|${i.position}|${i.organisation_id}`)),
    irmValues,
    sorted(children.stars.map((s) => `${s.formula}|${s.report}|${s.starred}|${s.missing}`)),
  ]);
}

/** Fingerprints of what is stored now, by commitment id. */
export function storedFingerprints(stored: StoredCommitments): Map<string, string> {
  const byId = <T extends { commitment_id: string }>(rows: T[]): Map<string, T[]> => {
    const map = new Map<string, T[]>();
    for (const row of rows) map.set(row.commitment_id, [...(map.get(row.commitment_id) ?? []), row]);
    return map;
  };
  const tags = byId(stored.tags);
  const institutions = byId(stored.institutions);
  const irm = byId(stored.irm);
  const stars = byId(stored.stars);
  const prints = new Map<string, string>();
  for (const { id, ...row } of stored.commitments) {
    const columns: ImportedColumns = {
      plan_id: row.plan_id,
      member_id: row.member_id,
      number: row.number,
      title: row.title,
      short_title: row.short_title,
      full_text: row.full_text,
      theme: row.theme,
      start_date: row.start_date,
      end_date: row.end_date,
      source: row.source,
      source_url: row.source_url,
      sheet_row_json: row.sheet_row_json,
    };
    prints.set(id, fingerprint(columns, { tags: tags.get(id) ?? [], institutions: institutions.get(id) ?? [], irm: irm.get(id) ?? [], stars: stars.get(id) ?? [] }));
  }
  return prints;
}
