import { sql } from 'kysely';
import type { DbOrTrx } from '../../db/database.ts';
import type { IrmField } from '../../db/irm-fields.ts';
import { textOrder } from './explorer.columns.ts';
import { IRM_FACETS, OGP_VALUES, THEME_VOCABULARY } from './explorer.facets.ts';

// SQL only: what the facet index is built from, and the rows of the commitments a page or a
// download shows. Commitments are addressed by their search document number (commitment_search.doc_id).

/** The IRM columns the facet index reads: the rating facets' and the OGP values' relevance flags. */
const RATING_FIELDS: IrmField[] = [...IRM_FACETS.map((f) => f.field), ...OGP_VALUES.map((v) => v.field)];
export type RatingColumn = IrmField | `${IrmField}_missing`;
const RATING_COLUMNS: RatingColumn[] = RATING_FIELDS.flatMap((field) => [field, `${field}_missing` as const]);

export interface IndexRows {
  search: Array<{ commitment_id: string; doc_id: number }>;
  commitments: Array<{ id: string; ogp_id: string; title: string; member_id: string; plan_id: string; implementation_status: string }>;
  ratings: Array<{ commitment_id: string } & Partial<Record<RatingColumn, string | null>>>;
  members: Array<{ id: string; name: string; slug: string; ogp_code: string | null; region: string | null; member_type: string }>;
  plans: Array<{ id: string; start_date: string | null; end_date: string | null }>;
  tags: Array<{ commitment_id: string; tag: string }>;
  stars: Array<{ commitment_id: string; formula: string; report: string; starred: number | null; missing: string | null }>;
}

/**
 * Everything the facet index needs, each table read straight through (no joins: looking rows up one by one
 * costs far more than matching them in memory). The caller runs this in one transaction, so it is one
 * consistent state of the data.
 */
export async function loadIndexRows(db: DbOrTrx): Promise<IndexRows> {
  const search = await sql<{ commitment_id: string; doc_id: number }>`SELECT commitment_id, doc_id FROM commitment_search`.execute(db);
  const commitments = await db.selectFrom('commitments').select(['id', 'ogp_id', 'title', 'member_id', 'plan_id', 'implementation_status']).execute();
  const ratings = await db
    .selectFrom('irm_assessments')
    .select(['commitment_id', ...RATING_COLUMNS])
    .execute();
  const members = await db.selectFrom('members').select(['id', 'name', 'slug', 'ogp_code', 'region', 'member_type']).execute();
  const plans = await db.selectFrom('action_plans').select(['id', 'start_date', 'end_date']).execute();
  const tags = await db.selectFrom('commitment_tags').select(['commitment_id', 'tag']).where('vocabulary', '=', THEME_VOCABULARY).execute();
  const stars = await db.selectFrom('commitment_stars').select(['commitment_id', 'formula', 'report', 'starred', 'missing']).execute();
  return { search: search.rows.map((r) => ({ commitment_id: r.commitment_id, doc_id: Number(r.doc_id) })), commitments, ratings, members, plans, tags, stars };
}

// Ids per IN list: far below both databases' limits on bound parameters.
const CHUNK = 500;

async function inChunks<T>(ids: readonly string[], read: (chunk: string[]) => Promise<T[]>): Promise<T[]> {
  const rows: T[] = [];
  for (let start = 0; start < ids.length; start += CHUNK) rows.push(...(await read(ids.slice(start, start + CHUNK))));
  return rows;
}

/** The same rows as loadIndexRows, for these records only. */
export async function loadIndexRowsFor(db: DbOrTrx, scope: { commitmentIds: readonly string[]; memberIds: readonly string[]; planIds: readonly string[] }): Promise<IndexRows> {
  const { commitmentIds, memberIds, planIds } = scope;
  const search = await inChunks(commitmentIds, async (ids) => {
    const { rows } = await sql<{ commitment_id: string; doc_id: number }>`SELECT commitment_id, doc_id FROM commitment_search WHERE commitment_id IN (${sql.join(ids)})`.execute(db);
    return rows.map((r) => ({ commitment_id: r.commitment_id, doc_id: Number(r.doc_id) }));
  });
  const commitments = await inChunks(commitmentIds, (ids) =>
    db.selectFrom('commitments').select(['id', 'ogp_id', 'title', 'member_id', 'plan_id', 'implementation_status']).where('id', 'in', ids).execute(),
  );
  const ratings = await inChunks(commitmentIds, (ids) =>
    db
      .selectFrom('irm_assessments')
      .select(['commitment_id', ...RATING_COLUMNS])
      .where('commitment_id', 'in', ids)
      .execute(),
  );
  const tags = await inChunks(commitmentIds, (ids) =>
    db.selectFrom('commitment_tags').select(['commitment_id', 'tag']).where('vocabulary', '=', THEME_VOCABULARY).where('commitment_id', 'in', ids).execute(),
  );
  const stars = await inChunks(commitmentIds, (ids) =>
    db.selectFrom('commitment_stars').select(['commitment_id', 'formula', 'report', 'starred', 'missing']).where('commitment_id', 'in', ids).execute(),
  );
  // A commitment's member and plan are read with it, in case they are new to the index too.
  const memberIdsNeeded = [...new Set([...memberIds, ...commitments.map((c) => c.member_id)])];
  const planIdsNeeded = [...new Set([...planIds, ...commitments.map((c) => c.plan_id)])];
  const members = await inChunks(memberIdsNeeded, (ids) => db.selectFrom('members').select(['id', 'name', 'slug', 'ogp_code', 'region', 'member_type']).where('id', 'in', ids).execute());
  const plans = await inChunks(planIdsNeeded, (ids) => db.selectFrom('action_plans').select(['id', 'start_date', 'end_date']).where('id', 'in', ids).execute());
  return { search, commitments, ratings, members, plans, tags, stars };
}

export interface Change {
  /** 'text': something full-text search finds changed (the commitment or member is named as well, under its own entity). */
  entity: 'commitment' | 'member' | 'plan' | 'text';
  entity_id: string;
}

/**
 * The records changed by transactions committed after `version` (explorer_changes, kept by triggers; see its
 * migration for why that is every change recorded after it), at most `limit` of them.
 */
export async function changesSince(db: DbOrTrx, version: number, limit: number): Promise<Change[]> {
  const { rows } = await sql<Change>`SELECT entity, entity_id FROM explorer_changes WHERE version > ${version} LIMIT ${limit}`.execute(db);
  return rows;
}

export interface ResultRow {
  doc: number;
  id: string;
  ogp_id: string;
  title: string;
  short_title: string;
  theme: string;
  full_text: string;
  implementation_status: string;
  progress_percent: number | null;
  start_date: string | null;
  end_date: string | null;
  member_name: string;
  member_slug: string;
  member_code: string | null;
  member_region: string | null;
  member_type: string;
  plan_ogp_id: string;
  plan_start: string | null;
  plan_end: string | null;
}

/** The commitments with these document numbers, in the order given; any deleted since are left out. */
export async function rowsByDoc(db: DbOrTrx, docs: number[]): Promise<ResultRow[]> {
  if (docs.length === 0) return [];
  const rows = await db
    .selectFrom('commitments as c')
    .innerJoin(sql<{ commitment_id: string; doc_id: number }>`commitment_search`.as('s'), (join) => join.onRef(sql.ref('s.commitment_id'), '=', 'c.id'))
    .innerJoin('members as m', 'm.id', 'c.member_id')
    .innerJoin('action_plans as p', 'p.id', 'c.plan_id')
    .select([
      sql<number>`s.doc_id`.as('doc'),
      'c.id',
      'c.ogp_id',
      'c.title',
      'c.short_title',
      'c.theme',
      'c.full_text',
      'c.implementation_status',
      'c.progress_percent',
      'c.start_date',
      'c.end_date',
      'm.name as member_name',
      'm.slug as member_slug',
      'm.ogp_code as member_code',
      'm.region as member_region',
      'm.member_type as member_type',
      'p.ogp_id as plan_ogp_id',
      'p.start_date as plan_start',
      'p.end_date as plan_end',
    ])
    .where(sql.ref('s.doc_id'), 'in', docs)
    .execute();
  const byDoc = new Map(rows.map((r) => [Number(r.doc), { ...r, doc: Number(r.doc) }]));
  return docs.flatMap((doc) => byDoc.get(doc) ?? []);
}

/**
 * The policy areas of each of the given commitments, in name order. Ordered here, not in SQL: asked to order by tag,
 * SQLite's planner reads the (vocabulary, tag) index from end to end once thirty or so commitments are asked for,
 * every policy area of every commitment (280 ms at ×100 for a page of 33), rather than look each one up by its key.
 */
export async function themesOf(db: DbOrTrx, commitmentIds: string[]): Promise<Map<string, string[]>> {
  const themes = new Map<string, string[]>();
  if (commitmentIds.length === 0) return themes;
  const rows = await db
    .selectFrom('commitment_tags')
    .select(['commitment_id', 'tag'])
    .where('commitment_id', 'in', commitmentIds)
    .where('vocabulary', '=', THEME_VOCABULARY)
    .execute();
  for (const row of rows) {
    const list = themes.get(row.commitment_id);
    if (list) list.push(row.tag);
    else themes.set(row.commitment_id, [row.tag]);
  }
  for (const list of themes.values()) list.sort(textOrder);
  return themes;
}

export async function irmOf(db: DbOrTrx, commitmentIds: string[]) {
  if (commitmentIds.length === 0) return [];
  return db.selectFrom('irm_assessments').selectAll().where('commitment_id', 'in', commitmentIds).execute();
}

export async function starsOf(db: DbOrTrx, commitmentIds: string[]) {
  if (commitmentIds.length === 0) return [];
  return db.selectFrom('commitment_stars').selectAll().where('commitment_id', 'in', commitmentIds).execute();
}
