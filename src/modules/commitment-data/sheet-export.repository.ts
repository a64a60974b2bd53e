import { type RawBuilder, type SqlBool, sql } from 'kysely';
import type { DbOrTrx } from '../../db/database.ts';
import type { CommitmentStarsTable, IrmAssessmentsTable } from '../../db/schema.ts';
import type { ExportChildren, ExportCommitment } from './sheet-export.ts';

// Reading commitments for an export one page at a time, in OGP id order, so an export of any size
// holds one page in memory. Keyset paging (ogp_id > the last one seen) stays fast on the unique index.

export type ExportRow = ExportCommitment & { id: string };

export function exportPage(db: DbOrTrx, after: string | null, limit: number): Promise<ExportRow[]> {
  let query = db
    .selectFrom('commitments as c')
    .innerJoin('members as m', 'm.id', 'c.member_id')
    .innerJoin('action_plans as p', 'p.id', 'c.plan_id')
    .select([
      'c.id',
      'c.ogp_id',
      'c.number',
      'c.title',
      'c.short_title',
      'c.full_text',
      'c.theme',
      'c.start_date',
      'c.end_date',
      'c.source_url',
      'c.sheet_row_json',
      'm.name as member_name',
      'm.member_type',
      'm.ogp_code',
      'm.region',
      'p.ogp_id as plan_ogp_id',
      'p.number as plan_number',
      'p.start_date as plan_start_date',
      'p.end_date as plan_end_date',
    ])
    .orderBy('c.ogp_id')
    .limit(limit);
  if (after !== null) query = query.where('c.ogp_id', '>', after);
  return query.execute();
}

/** The commitments of one page: OGP ids after `after` (null for the first page) up to and including `last`. */
export interface PageRange {
  after: string | null;
  last: string;
}

/** The page's commitments, as a condition on the commitments table joined as `c`. */
const inPage = (range: PageRange): RawBuilder<SqlBool> =>
  range.after === null ? sql<SqlBool>`c.ogp_id <= ${range.last}` : sql<SqlBool>`c.ogp_id > ${range.after} AND c.ogp_id <= ${range.last}`;

/**
 * Tags, institutions (by name, in order), the IRM assessment and the stars of one page of commitments, found by
 * the page's range of OGP ids rather than a list of its ids: the statements stay small and the same from page to
 * page, where a list of hundreds of ids made each one large, different and costly to compile and keep.
 */
export async function exportChildren(db: DbOrTrx, ids: readonly string[], range: PageRange): Promise<Map<string, ExportChildren>> {
  const children = new Map<string, { policyAreas: Set<string>; lead: string[]; supporting: string[]; irm: IrmAssessmentsTable | undefined; stars: CommitmentStarsTable[] }>();
  for (const id of ids) children.set(id, { policyAreas: new Set(), lead: [], supporting: [], irm: undefined, stars: [] });
  if (ids.length === 0) return children;
  const tags = await db
    .selectFrom('commitment_tags as ct')
    .innerJoin('commitments as c', 'c.id', 'ct.commitment_id')
    .where(inPage(range))
    .select(['ct.commitment_id', 'ct.vocabulary', 'ct.tag'])
    .execute();
  // Picked here rather than in SQL: a condition on the vocabulary tempts SQLite to read every policy-area tag first.
  for (const tag of tags) if (tag.vocabulary === 'policy_area') children.get(tag.commitment_id)?.policyAreas.add(tag.tag);
  const institutions = await db
    .selectFrom('commitment_institutions as ci')
    .innerJoin('commitments as c', 'c.id', 'ci.commitment_id')
    .innerJoin('organisations as o', 'o.id', 'ci.organisation_id')
    .where(inPage(range))
    .select(['ci.commitment_id', 'ci.role', 'o.name'])
    .orderBy('ci.commitment_id')
    .orderBy('ci.role')
    .orderBy('ci.position')
    .execute();
  for (const row of institutions) {
    const entry = children.get(row.commitment_id);
    if (row.role === 'lead') entry?.lead.push(row.name);
    else if (row.role === 'supporting') entry?.supporting.push(row.name);
  }
  const assessments = await db
    .selectFrom('irm_assessments as ia')
    .innerJoin('commitments as c', 'c.id', 'ia.commitment_id')
    .where(inPage(range))
    .selectAll('ia')
    .execute();
  for (const irm of assessments) {
    const entry = children.get(irm.commitment_id);
    if (entry) entry.irm = irm;
  }
  const stars = await db
    .selectFrom('commitment_stars as cs')
    .innerJoin('commitments as c', 'c.id', 'cs.commitment_id')
    .where(inPage(range))
    .selectAll('cs')
    .execute();
  for (const star of stars) children.get(star.commitment_id)?.stars.push(star);
  return children;
}
