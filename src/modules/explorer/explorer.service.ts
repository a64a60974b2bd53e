import type { DbOrTrx } from '../../db/database.ts';
import { cached, VersionedCache } from './explorer.cache.ts';
import { type FacetName, IRM_FACETS, MISSING_TOKENS, STAR_FACETS, STAR_VALUES } from './explorer.facets.ts';
import {
  type Bucket,
  countByMember,
  countByPeriod,
  countByRating,
  countByStatus,
  countByTheme,
  countByValue,
  countMatching,
  countStars,
  listMatching,
  type MemberBucket,
  type ResultRow,
  themesOf,
} from './explorer.repository.ts';
import { type ExplorerState, filterKey } from './explorer.state.ts';

// The explorer's rules: which commitments match, how many per facet value, which page to show.
// Reading only, so no transaction and no audit; answers are cached under the data version.

export interface FacetValue {
  value: string;
  count: number;
  /** The member's name, for the member facet; other facets are labelled by the presenter. */
  name?: string;
}

export type FacetCounts = Record<FacetName, FacetValue[]>;

export interface Counts {
  total: number;
  facets: FacetCounts;
}

export interface ResultItem extends ResultRow {
  themes: string[];
}

export interface ExplorerResult extends Counts {
  items: ResultItem[];
}

// Enough for every facet combination a busy day brings; each entry is a few kilobytes.
const countCaches = new WeakMap<object, VersionedCache<Counts>>();
const pageCaches = new WeakMap<object, VersionedCache<ResultItem[]>>();
const CACHE_CAPACITY = 2000;

/** A facet whose own filter is inactive sees every filter, so facets like that share one query. */
const effectiveExcept = (state: ExplorerState, facet: FacetName): FacetName | '*' => ((state.filters[facet]?.length ?? 0) > 0 ? facet : '*');

function sumBy(members: MemberBucket[], keyOf: (m: MemberBucket) => string | null): FacetValue[] {
  const totals = new Map<string, number>();
  for (const member of members) {
    const key = keyOf(member);
    if (key) totals.set(key, (totals.get(key) ?? 0) + member.count);
  }
  return [...totals].map(([value, count]) => ({ value, count }));
}

async function memberFacets(db: DbOrTrx, state: ExplorerState): Promise<Pick<FacetCounts, 'member' | 'region' | 'memberType'>> {
  const byExcept = new Map<string, Promise<MemberBucket[]>>();
  const load = (facet: FacetName): Promise<MemberBucket[]> => {
    const except = effectiveExcept(state, facet);
    let rows = byExcept.get(except);
    if (!rows) {
      rows = countByMember(db, state, facet);
      byExcept.set(except, rows);
    }
    return rows;
  };
  const [members, regions, types] = await Promise.all([load('member'), load('region'), load('memberType')]);
  return {
    member: members.map((m) => ({ value: m.code, count: m.count, name: m.name })),
    region: sumBy(regions, (m) => m.region),
    memberType: sumBy(types, (m) => m.memberType),
  };
}

const tokenOf = (value: string | null, missing: string | null): string | null =>
  value !== null ? value : missing !== null ? (MISSING_TOKENS[missing as keyof typeof MISSING_TOKENS] ?? null) : null;

async function ratingFacets(db: DbOrTrx, state: ExplorerState): Promise<Array<[FacetName, FacetValue[]]>> {
  return Promise.all(
    IRM_FACETS.map(async (facet): Promise<[FacetName, FacetValue[]]> => {
      const rows = await countByRating(db, state, facet);
      const values = new Map<string, number>();
      for (const row of rows) {
        const token = tokenOf(row.value, row.missing);
        if (token) values.set(token, (values.get(token) ?? 0) + row.count);
      }
      return [facet.name, [...values].map(([value, count]) => ({ value, count }))];
    }),
  );
}

async function starFacets(db: DbOrTrx, state: ExplorerState): Promise<Array<[FacetName, FacetValue[]]>> {
  const byExcept = new Map<string, ReturnType<typeof countStars>>();
  return Promise.all(
    STAR_FACETS.map(async (facet): Promise<[FacetName, FacetValue[]]> => {
      const except = effectiveExcept(state, facet.name);
      let rows = byExcept.get(except);
      if (!rows) {
        rows = countStars(db, state, facet.name);
        byExcept.set(except, rows);
      }
      const values = new Map<string, number>();
      for (const row of await rows) {
        if (row.formula !== facet.formula || row.report !== facet.report) continue;
        const token = row.starred === STAR_VALUES.yes ? 'yes' : row.starred === STAR_VALUES.no ? 'no' : tokenOf(null, row.missing);
        if (token) values.set(token, (values.get(token) ?? 0) + row.count);
      }
      return [facet.name, [...values].map(([value, count]) => ({ value, count }))];
    }),
  );
}

const plain = (rows: Bucket[]): FacetValue[] => rows.map(({ value, count }) => ({ value, count }));

/** How many commitments match, and how many would for each value of each facet. */
export function countFacets(db: DbOrTrx, state: ExplorerState): Promise<Counts> {
  return cached(countCaches, CACHE_CAPACITY, db, filterKey(state), async () => {
    const [total, members, theme, value, status, period, ratings, stars] = await Promise.all([
      countMatching(db, state),
      memberFacets(db, state),
      countByTheme(db, state),
      countByValue(db, state),
      countByStatus(db, state),
      countByPeriod(db, state),
      ratingFacets(db, state),
      starFacets(db, state),
    ]);
    const facets = {
      ...members,
      theme: plain(theme),
      value: plain(value),
      status: plain(status),
      period: plain(period),
      ...Object.fromEntries([...ratings, ...stars]),
    } as FacetCounts;
    return { total, facets };
  });
}

/** One page of matching commitments in the state's order, each with its policy areas. */
export function pageOfResults(db: DbOrTrx, state: ExplorerState): Promise<ResultItem[]> {
  const key = JSON.stringify([filterKey(state), state.sort, state.page, state.pageSize]);
  return cached(pageCaches, CACHE_CAPACITY, db, key, async () => {
    const rows = await listMatching(db, state, { limit: state.pageSize, offset: (state.page - 1) * state.pageSize });
    const themes = await themesOf(
      db,
      rows.map((r) => r.id),
    );
    return rows.map((row) => ({ ...row, themes: themes.get(row.id) ?? [] }));
  });
}

/** The page of results and every facet's counts. A page past the end is empty, never an error. */
export async function explore(db: DbOrTrx, state: ExplorerState): Promise<ExplorerResult> {
  const [counts, items] = await Promise.all([countFacets(db, state), pageOfResults(db, state)]);
  return { ...counts, items };
}
