import { type Expression, expressionBuilder, type QueryCreator, type RawBuilder, type SelectQueryBuilder, type SqlBool, sql } from 'kysely';
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

// SQL only. Every query starts from commitments as c. A search's words are matched once per statement,
// into the text_matches common table expression, and every part of the statement filters by it.
// A facet's counts apply every active filter but its own, so ticking a value in one facet never hides
// the other values of that facet.

type Tables = Database & { c: CommitmentsTable };
const eb = expressionBuilder<Tables, 'c'>();
const never = sql<SqlBool>`1 = 0`;
const inTextMatches = sql<SqlBool>`c.id IN (SELECT commitment_id FROM text_matches)`;

/** A plan's period as the explorer names it, "2016-2018"; NULL when a date is not known. */
const planPeriod = (plan: string) => sql<string | null>`substr(${sql.ref(`${plan}.start_date`)}, 1, 4) || '-' || substr(${sql.ref(`${plan}.end_date`)}, 1, 4)`;

const membersWhere = (column: 'members.ogp_code' | 'members.region' | 'members.member_type', values: string[]) =>
  eb('c.member_id', 'in', eb.selectFrom('members').select('members.id').where(column, 'in', values));

function facetCondition(facet: FacetName, values: string[]): Expression<SqlBool> {
  switch (facet) {
    case 'member':
      // OGP's code where the member has one (ALB), its slug where it has not.
      return eb.or([membersWhere('members.ogp_code', values), eb('c.member_id', 'in', eb.selectFrom('members').select('members.id').where('members.slug', 'in', values))]);
    case 'region':
      return membersWhere('members.region', values);
    case 'memberType':
      return membersWhere('members.member_type', values);
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

/**
 * Every active condition except the named facet's own; empty when nothing narrows the set. The words'
 * condition reads text_matches, so the statement must be built on `withTextMatches`.
 */
export function conditions(state: ExplorerState, except?: FacetName): Expression<SqlBool>[] {
  const list: Expression<SqlBool>[] = [];
  if (state.terms.length > 0) list.push(inTextMatches);
  for (const [facet, values] of Object.entries(state.filters) as Array<[FacetName, string[]]>) {
    if (facet !== except && values.length > 0) list.push(facetCondition(facet, values));
  }
  return list;
}

/** A query creator whose statements can read text_matches: the search's matches, found once per statement. */
function withTextMatches(db: DbOrTrx, state: ExplorerState): QueryCreator<Database> {
  if (state.terms.length === 0) return db;
  const matches = commitmentMatchIds(db, state.terms);
  // A raw expression goes into WITH as written, so it brings its own parentheses.
  return db.with((cte) => cte('text_matches').materialized(), () => sql`(${matches})`) as unknown as QueryCreator<Database>;
}

/** One count of a facet value: `detail` holds a missing code, or for stars the starred flag. */
export interface FacetRow {
  facet: string;
  value: string | null;
  detail: string | null;
  count: number;
}

const countAll = sql<number>`count(*)`;
const label = (text: string) => sql<string>`${sql.lit(text)}`;
const noDetail = sql<string | null>`NULL`;

/** A facet whose own filter is inactive sees every filter, so facets like that share one count. */
export const exceptKey = (state: ExplorerState, facet: FacetName): FacetName | 'all' => ((state.filters[facet]?.length ?? 0) > 0 ? facet : 'all');

type Branch = SelectQueryBuilder<Database, never, FacetRow>;

/**
 * Every facet's counts and the total, in one statement (so a search's words are matched once): one
 * grouped count per facet, each over the commitments that pass every filter but that facet's own.
 * Side tables (tags, ratings, stars) are read alone when no filter applies, and looked up per filtered
 * commitment when one does.
 */
export async function facetCounts(db: DbOrTrx, state: ExplorerState): Promise<FacetRow[]> {
  const where = (except?: FacetName) => conditions(state, except);
  const commitments = (except?: FacetName) => {
    const w = where(except);
    return db.selectFrom('commitments as c').$if(w.length > 0, (b) => b.where(eb.and(w)));
  };
  /** A side table, narrowed to the filtered commitments when any filter applies. */
  const beside = <T extends 'commitment_tags' | 'irm_assessments' | 'commitment_stars'>(table: T, except: FacetName) => {
    const w = where(except);
    const query = db.selectFrom(table as 'irm_assessments') as unknown as SelectQueryBuilder<Database, T, object>;
    if (w.length === 0) return query;
    return query.where(sql.ref(`${table}.commitment_id`), 'in', db.selectFrom('commitments as c').select('c.id').where(eb.and(w)));
  };
  const cast = (b: SelectQueryBuilder<Database, never, object>): Branch => b.$castTo<FacetRow>();

  const branches: Branch[] = [cast(commitments().select([label('total').as('facet'), noDetail.as('value'), noDetail.as('detail'), countAll.as('count')]) as never)];
  const seen = new Set<string>();
  const once = (facet: FacetName, build: () => SelectQueryBuilder<Database, never, object>) => {
    const key = `${facet}:${exceptKey(state, facet)}`;
    if (!seen.has(key)) branches.push(cast(build()));
    seen.add(key);
  };
  const grouped = (facet: FacetName, valueSql: RawBuilder<string | null>, detailSql: RawBuilder<string | null> = noDetail) =>
    [label(facet).as('facet'), valueSql.as('value'), detailSql.as('detail'), countAll.as('count')] as const;

  once('member', () => commitments('member').select(grouped('member', sql`c.member_id`)).groupBy('c.member_id') as never);
  once('region', () => commitments('region').innerJoin('members as m', 'm.id', 'c.member_id').select(grouped('region', sql`m.region`)).groupBy('m.region') as never);
  once('memberType', () =>
    commitments('memberType').innerJoin('members as m', 'm.id', 'c.member_id').select(grouped('memberType', sql`m.member_type`)).groupBy('m.member_type') as never,
  );
  once('status', () => commitments('status').select(grouped('status', sql`c.implementation_status`)).groupBy('c.implementation_status') as never);
  once('period', () =>
    commitments('period').innerJoin('action_plans as p', 'p.id', 'c.plan_id').select(grouped('period', planPeriod('p'))).groupBy(planPeriod('p')) as never,
  );
  once('theme', () =>
    beside('commitment_tags', 'theme').where('commitment_tags.vocabulary', '=', THEME_VOCABULARY).select(grouped('theme', sql`commitment_tags.tag`)).groupBy('commitment_tags.tag') as never,
  );
  for (const value of OGP_VALUES) {
    branches.push(cast(beside('irm_assessments', 'value').where(value.field, '=', RELEVANT).select(grouped('value', label(value.value))) as never));
  }
  for (const facet of IRM_FACETS) {
    const missing = `${facet.field}_missing` as const;
    once(facet.name, () => beside('irm_assessments', facet.name).select(grouped(facet.name, sql.ref(facet.field), sql.ref(missing))).groupBy([facet.field, missing]) as never);
  }
  for (const facet of STAR_FACETS) {
    const key = `stars:${exceptKey(state, facet.name)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    branches.push(
      cast(
        beside('commitment_stars', facet.name)
          .select([
            label(key).as('facet'),
            sql<string>`commitment_stars.formula || ':' || commitment_stars.report`.as('value'),
            sql<string | null>`coalesce(CAST(commitment_stars.starred AS text), commitment_stars.missing)`.as('detail'),
            countAll.as('count'),
          ])
          .groupBy(['commitment_stars.formula', 'commitment_stars.report', 'commitment_stars.starred', 'commitment_stars.missing']) as never,
      ),
    );
  }
  const [first, ...rest] = branches;
  const union = rest.reduce((all, branch) => all.unionAll(branch), first!);
  // The words' matches are found once, ahead of every branch that reads them.
  const rows = await withTextMatches(db, state).selectFrom(union.as('facet_counts')).selectAll().execute();
  return rows.map((r) => ({ ...r, count: Number(r.count) }));
}

export interface MemberInfo {
  id: string;
  code: string;
  name: string;
}

/** The ids of the members the address names, by OGP code or by slug. */
export async function memberIdsByCode(db: DbOrTrx, codes: string[]): Promise<string[]> {
  if (codes.length === 0) return [];
  const rows = await db
    .selectFrom('members')
    .select('id')
    .where((w) => w.or([w('ogp_code', 'in', codes), w('slug', 'in', codes)]))
    .execute();
  return rows.map((r) => r.id);
}

/** Names and codes (OGP's, or the slug when there is none) of the given members. */
export async function membersById(db: DbOrTrx, ids: string[]): Promise<Map<string, MemberInfo>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('members').select(['id', 'name', 'slug', 'ogp_code']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, { id: r.id, code: r.ogp_code ?? r.slug, name: r.name }]));
}

interface SortSpec {
  key: RawBuilder<string | number>;
  direction: 'asc' | 'desc';
}

// Each order ends with ogp_id, which is unique, so pages and download chunks never overlap or skip.
// The keys match the expression indexes the search migration creates.
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

const RESULT_COLUMNS = [
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
] as const;

/** Matching commitments in the state's order: one page (limit and offset) or the chunk after a cursor. */
export async function listMatching(db: DbOrTrx, state: ExplorerState, window: { limit: number; offset?: number; after?: Cursor }): Promise<ResultRow[]> {
  const relevance = state.sort === 'relevance' && state.terms.length > 0;
  const spec = SORT_SPECS[relevance ? 'relevance' : state.sort === 'relevance' ? 'newest' : state.sort];
  // Ranked by relevance, the scored matches are the table the rest joins to, walked first (CROSS JOIN
  // keeps SQLite from looking the words up again for every commitment); otherwise text_matches filters.
  const where = conditions(relevance ? { ...state, terms: [] } : state);
  if (window.after) {
    const { sortKey, ogpId } = window.after;
    const beyond = spec.direction === 'asc' ? sql<SqlBool>`${spec.key} > ${sortKey}` : sql<SqlBool>`${spec.key} < ${sortKey}`;
    where.push(eb.or([beyond, eb.and([sql<SqlBool>`${spec.key} = ${sortKey}`, eb('c.ogp_id', '>', ogpId)])]));
  }
  const base = relevance
    ? db
        .selectFrom(commitmentMatches(db, state.terms).as('text_matches'))
        .crossJoin('commitments as c')
        .where(sql<SqlBool>`c.id = text_matches.commitment_id`)
        .select(sql<number>`text_matches.score`.as('score'))
    : withTextMatches(db, state)
        .selectFrom('commitments as c')
        .select(sql<number | null>`NULL`.as('score'));
  let query = (base as unknown as SelectQueryBuilder<Tables, 'c', { score: number | null }>)
    .innerJoin('members as m', 'm.id', 'c.member_id')
    .innerJoin('action_plans as p', 'p.id', 'c.plan_id')
    .select([...RESULT_COLUMNS, spec.key.as('sort_key')])
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
