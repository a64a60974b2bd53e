import { type Expression, expressionBuilder, type RawBuilder, type SelectQueryBuilder, type SqlBool, sql } from 'kysely';
import { commitmentMatches, commitmentMatchIds } from '../../db/fulltext.ts';
import type { DbOrTrx } from '../../db/database.ts';
import type { CommitmentsTable, Database } from '../../db/schema.ts';
import {
  IRM_FACETS,
  type FacetName,
  OGP_VALUES,
  RELEVANT,
  type Sort,
  splitRatingTokens,
  STAR_FACETS,
  STAR_VALUES,
  THEME_VOCABULARY,
} from './explorer.facets.ts';
import type { ExplorerState } from './explorer.state.ts';

// SQL only. Every query starts from commitments as c; a facet's counts apply every active filter but
// its own, so ticking a value in one facet never hides the other values of that facet.

type Tables = Database & { c: CommitmentsTable };
const eb = expressionBuilder<Tables, 'c'>();
const never = sql<SqlBool>`1 = 0`;

/** A plan's period as the explorer names it, "2016-2018"; NULL when a date is not known. */
const planPeriod = (plan: string) => sql<string | null>`substr(${sql.ref(`${plan}.start_date`)}, 1, 4) || '-' || substr(${sql.ref(`${plan}.end_date`)}, 1, 4)`;

function facetCondition(facet: FacetName, values: string[]): Expression<SqlBool> {
  switch (facet) {
    case 'member':
      // OGP's code where the member has one (ALB), its slug where it has not.
      return eb('c.member_id', 'in', eb.selectFrom('members').select('members.id').where((w) => w.or([w('members.ogp_code', 'in', values), w('members.slug', 'in', values)])));
    case 'region':
      return eb('c.member_id', 'in', eb.selectFrom('members').select('members.id').where('members.region', 'in', values));
    case 'memberType':
      return eb('c.member_id', 'in', eb.selectFrom('members').select('members.id').where('members.member_type', 'in', values));
    case 'theme':
      return eb(
        'c.id',
        'in',
        eb.selectFrom('commitment_tags').select('commitment_tags.commitment_id').where('commitment_tags.vocabulary', '=', THEME_VOCABULARY).where('commitment_tags.tag', 'in', values),
      );
    case 'value': {
      const fields = OGP_VALUES.filter((v) => values.includes(v.value)).map((v) => v.field);
      if (fields.length === 0) return never;
      return eb('c.id', 'in', eb.selectFrom('irm_assessments').select('irm_assessments.commitment_id').where((w) => w.or(fields.map((f) => w(f, '=', RELEVANT)))));
    }
    case 'status':
      return eb('c.implementation_status', 'in', values);
    case 'period':
      return eb('c.plan_id', 'in', eb.selectFrom('action_plans as fp').select('fp.id').where(planPeriod('fp'), 'in', values));
    default:
      return ratingCondition(facet, values);
  }
}

function ratingCondition(facet: FacetName, tokens: string[]): Expression<SqlBool> {
  const { values, missing } = splitRatingTokens(tokens);
  const irm = IRM_FACETS.find((f) => f.name === facet);
  if (irm) {
    const missingColumn = `${irm.field}_missing` as const;
    return eb(
      'c.id',
      'in',
      eb
        .selectFrom('irm_assessments')
        .select('irm_assessments.commitment_id')
        .where((w) => w.or([...(values.length ? [w(irm.field, 'in', values)] : []), ...(missing.length ? [w(missingColumn, 'in', missing)] : [])])),
    );
  }
  const star = STAR_FACETS.find((f) => f.name === facet);
  if (!star) return never;
  const starred = values.flatMap((v) => (v === 'yes' || v === 'no' ? [STAR_VALUES[v]] : []));
  return eb(
    'c.id',
    'in',
    eb
      .selectFrom('commitment_stars')
      .select('commitment_stars.commitment_id')
      .where('commitment_stars.formula', '=', star.formula)
      .where('commitment_stars.report', '=', star.report)
      .where((w) => w.or([...(starred.length ? [w('starred', 'in', starred)] : []), ...(missing.length ? [w('missing', 'in', missing)] : [])])),
  );
}

/** Every active condition except the named facet's own. Empty when nothing narrows the set. */
export function conditions(db: DbOrTrx, state: ExplorerState, except?: FacetName): Expression<SqlBool>[] {
  const list: Expression<SqlBool>[] = [];
  if (state.terms.length > 0) list.push(eb('c.id', 'in', commitmentMatchIds(db, state.terms)));
  for (const [facet, values] of Object.entries(state.filters) as Array<[FacetName, string[]]>) {
    if (facet !== except && values.length > 0) list.push(facetCondition(facet, values));
  }
  return list;
}

const countAll = sql<number>`count(*)`;

export async function countMatching(db: DbOrTrx, state: ExplorerState): Promise<number> {
  const where = conditions(db, state);
  const row = await db
    .selectFrom('commitments as c')
    .select(countAll.as('count'))
    .$if(where.length > 0, (q) => q.where(eb.and(where)))
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

export interface Bucket {
  value: string;
  count: number;
}

const buckets = (rows: Array<{ value: string | number | null; count: number | string }>): Bucket[] =>
  rows.filter((r) => r.value !== null && r.value !== '').map((r) => ({ value: String(r.value), count: Number(r.count) }));

/** The filtered commitments (all filters but one facet's), to count from. */
const filtered = (db: DbOrTrx, state: ExplorerState, except: FacetName) => {
  const where = conditions(db, state, except);
  return db.selectFrom('commitments as c').$if(where.length > 0, (q) => q.where(eb.and(where)));
};

export interface MemberBucket {
  code: string;
  name: string;
  region: string | null;
  memberType: string;
  count: number;
}

/** Commitments per member, with what the region and national-or-local facets need to add them up. */
export async function countByMember(db: DbOrTrx, state: ExplorerState, except: FacetName): Promise<MemberBucket[]> {
  const rows = await filtered(db, state, except)
    .innerJoin('members as m', 'm.id', 'c.member_id')
    .select(['m.id', 'm.name', 'm.slug', 'm.ogp_code', 'm.region', 'm.member_type', countAll.as('count')])
    .groupBy(['m.id', 'm.name', 'm.slug', 'm.ogp_code', 'm.region', 'm.member_type'])
    .execute();
  return rows.map((r) => ({ code: r.ogp_code ?? r.slug, name: r.name, region: r.region, memberType: r.member_type, count: Number(r.count) }));
}

export async function countByStatus(db: DbOrTrx, state: ExplorerState): Promise<Bucket[]> {
  const rows = await filtered(db, state, 'status')
    .select(['c.implementation_status as value', countAll.as('count')])
    .groupBy('c.implementation_status')
    .execute();
  return buckets(rows);
}

export async function countByPeriod(db: DbOrTrx, state: ExplorerState): Promise<Bucket[]> {
  const period = planPeriod('p');
  const rows = await filtered(db, state, 'period')
    .innerJoin('action_plans as p', 'p.id', 'c.plan_id')
    .select([period.as('value'), countAll.as('count')])
    .groupBy(period)
    .execute();
  return buckets(rows);
}

/**
 * Counts from a table beside commitments (tags, IRM ratings, stars). With no other filter active it reads
 * that table alone; otherwise it walks the filtered commitments and looks each one up.
 */
function besideCommitments<T extends 'commitment_tags' | 'irm_assessments' | 'commitment_stars'>(db: DbOrTrx, state: ExplorerState, except: FacetName, table: T) {
  const where = conditions(db, state, except);
  const query = db.selectFrom(table as 'irm_assessments') as unknown as SelectQueryBuilder<Database, T, object>;
  if (where.length === 0) return query;
  return query.where(
    sql.ref(`${table}.commitment_id`),
    'in',
    db
      .selectFrom('commitments as c')
      .select('c.id')
      .where(eb.and(where)),
  );
}

export async function countByTheme(db: DbOrTrx, state: ExplorerState): Promise<Bucket[]> {
  const rows = await besideCommitments(db, state, 'theme', 'commitment_tags')
    .where('commitment_tags.vocabulary', '=', THEME_VOCABULARY)
    .select(['commitment_tags.tag as value', countAll.as('count')])
    .groupBy('commitment_tags.tag')
    .execute();
  return buckets(rows);
}

export async function countByValue(db: DbOrTrx, state: ExplorerState): Promise<Bucket[]> {
  const row = await besideCommitments(db, state, 'value', 'irm_assessments')
    .select(OGP_VALUES.map((v) => sql<number>`sum(CASE WHEN ${sql.ref(v.field)} = ${RELEVANT} THEN 1 ELSE 0 END)`.as(v.value)))
    .executeTakeFirst();
  const counts = (row ?? {}) as Record<string, number | string | null>;
  return OGP_VALUES.map((v) => ({ value: v.value, count: Number(counts[v.value] ?? 0) })).filter((b) => b.count > 0);
}

export interface RatingBucket {
  value: string | null;
  missing: string | null;
  count: number;
}

export async function countByRating(db: DbOrTrx, state: ExplorerState, facet: (typeof IRM_FACETS)[number]): Promise<RatingBucket[]> {
  const missingColumn = `${facet.field}_missing` as const;
  const rows = await besideCommitments(db, state, facet.name, 'irm_assessments')
    .select([sql.ref<string | null>(facet.field).as('value'), sql.ref<string | null>(missingColumn).as('missing'), countAll.as('count')])
    .groupBy([facet.field, missingColumn])
    .execute();
  return rows.map((r) => ({ value: r.value, missing: r.missing, count: Number(r.count) }));
}

export interface StarBucket {
  formula: string;
  report: string;
  starred: number | null;
  missing: string | null;
  count: number;
}

/** Star counts for every formula and report at once, with all filters but `except`'s. */
export async function countStars(db: DbOrTrx, state: ExplorerState, except: FacetName): Promise<StarBucket[]> {
  const rows = await besideCommitments(db, state, except, 'commitment_stars')
    .select(['commitment_stars.formula', 'commitment_stars.report', 'commitment_stars.starred', 'commitment_stars.missing', countAll.as('count')])
    .groupBy(['commitment_stars.formula', 'commitment_stars.report', 'commitment_stars.starred', 'commitment_stars.missing'])
    .execute();
  return rows.map((r) => ({ ...r, count: Number(r.count) }));
}

interface SortSpec {
  key: RawBuilder<string | number>;
  direction: 'asc' | 'desc';
}

// Each order ends with ogp_id, which is unique, so pages and download chunks never overlap or skip.
const SORT_SPECS: Record<Sort, SortSpec> = {
  relevance: { key: sql<number>`text_matches.score`, direction: 'desc' },
  newest: { key: sql<string>`coalesce(p.start_date, '')`, direction: 'desc' },
  title: { key: sql<string>`lower(c.title)`, direction: 'asc' },
  member: { key: sql<string>`lower(m.name)`, direction: 'asc' },
};

export interface ResultRow {
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
  sort_key: string | number;
  score: number | null;
}

/** Where the previous chunk of a download ended, in the sort's own terms. */
export interface Cursor {
  sortKey: string | number;
  ogpId: string;
}

/** Matching commitments in the state's order: one page (limit and offset) or the chunk after a cursor. */
export async function listMatching(db: DbOrTrx, state: ExplorerState, window: { limit: number; offset?: number; after?: Cursor }): Promise<ResultRow[]> {
  const relevance = state.sort === 'relevance' && state.terms.length > 0;
  const spec = SORT_SPECS[relevance ? 'relevance' : state.sort === 'relevance' ? 'newest' : state.sort];
  // With relevance the text condition is the join that brings the score, so it is not repeated.
  const where = conditions(db, relevance ? { ...state, terms: [] } : state);
  if (window.after) {
    const { sortKey, ogpId } = window.after;
    const beyond = spec.direction === 'asc' ? sql<SqlBool>`${spec.key} > ${sortKey}` : sql<SqlBool>`${spec.key} < ${sortKey}`;
    where.push(eb.or([beyond, eb.and([sql<SqlBool>`${spec.key} = ${sortKey}`, eb('c.ogp_id', '>', ogpId)])]));
  }
  let query = db
    .selectFrom('commitments as c')
    .innerJoin('members as m', 'm.id', 'c.member_id')
    .innerJoin('action_plans as p', 'p.id', 'c.plan_id')
    .$if(relevance, (q) => q.innerJoin(commitmentMatches(db, state.terms).as('text_matches'), (join) => join.onRef(sql.ref('text_matches.commitment_id'), '=', 'c.id')))
    .select([
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
      spec.key.as('sort_key'),
      (relevance ? sql<number>`text_matches.score` : sql<number | null>`NULL`).as('score'),
    ])
    .$if(where.length > 0, (q) => q.where(eb.and(where)))
    .orderBy(spec.key, spec.direction)
    .orderBy('c.ogp_id')
    .limit(window.limit);
  if (window.offset) query = query.offset(window.offset);
  const rows = await query.execute();
  return rows.map((r) => ({ ...r, score: r.score === null ? null : Number(r.score) }));
}

/** The policy areas of each of the given commitments, in name order. */
export async function themesOf(db: DbOrTrx, commitmentIds: string[]): Promise<Map<string, string[]>> {
  const themes = new Map<string, string[]>();
  if (commitmentIds.length === 0) return themes;
  const rows = await db
    .selectFrom('commitment_tags')
    .select(['commitment_id', 'tag'])
    .where('vocabulary', '=', THEME_VOCABULARY)
    .where('commitment_id', 'in', commitmentIds)
    .orderBy('tag')
    .execute();
  for (const row of rows) themes.set(row.commitment_id, [...(themes.get(row.commitment_id) ?? []), row.tag]);
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
