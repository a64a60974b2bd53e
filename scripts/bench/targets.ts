import { sql } from 'kysely';
import type { Db } from '../../src/db/database.ts';
import { Random } from '../../src/generate/random.ts';
import type { TargetName } from './options.ts';

/**
 * How a target's requests go through its addresses:
 * - `repeat`: in turn, over and over; before its warm-up each address is asked for once, so what is measured is pages
 *   this process has shown before, however long their first views take;
 * - `varied`: in turn with no such visit, the addresses so many that few come round again (every search different);
 * - `first`: each address exactly once, with no warm-up: pages nobody has asked this process for yet.
 */
export type Visits = 'repeat' | 'varied' | 'first';

export interface PageTarget {
  name: TargetName;
  label: string;
  /** Requests go through these in turn. */
  paths: string[];
  visits: Visits;
}

/** Searches people make, each with the facets they might tick; the explorer is asked these in turn. */
const SEARCHES: ReadonlyArray<Record<string, string | string[]>> = [
  { q: 'open data', region: 'Europe' },
  { q: 'beneficial ownership', status: 'complete' },
  { q: 'participation', theme: 'Public Participation', memberType: 'national' },
  { q: 'procurement', potentialImpact: 'transformative' },
  { q: 'access to information', value: 'access_to_information', region: 'Americas' },
  { q: 'parliament', status: ['substantial', 'complete'] },
  { q: 'datos abiertos', region: 'Americas' },
  { q: 'budget', theme: 'Fiscal Openness', memberType: 'local' },
  { region: 'Africa and the Middle East', status: 'limited' },
  { q: 'whistleblower' },
];

/** Words from every theme, for searches nobody has made before (so no cache can have the answer). */
const WORDS = [
  'transparency', 'data', 'procurement', 'contracts', 'budget', 'citizens', 'participation', 'parliament', 'justice', 'court',
  'health', 'education', 'land', 'water', 'climate', 'environment', 'lobbying', 'assets', 'declarations', 'whistleblowers',
  'beneficial', 'ownership', 'registry', 'portal', 'consultation', 'audit', 'gender', 'youth', 'disabilities', 'media',
  'algorithms', 'privacy', 'tax', 'exemptions', 'mining', 'extractive', 'elections', 'parties', 'integrity', 'ethics',
];
const REGIONS = ['Europe', 'Americas', 'Asia and the Pacific', 'Africa and the Middle East'];
const STATUSES = ['not_started', 'limited', 'substantial', 'complete'];

export function query(params: Record<string, string | string[]>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) for (const v of Array.isArray(value) ? value : [value]) search.append(key, v);
  return search.toString();
}

/** Thousands of different explorer addresses: a word or two, a region or a status, and a page. */
function uncachedSearches(random: Random, count: number): string[] {
  const seen = new Set<string>();
  while (seen.size < count) {
    const params: Record<string, string> = { q: random.sample(WORDS, random.int(1, 2)).join(' ') };
    if (random.chance(0.5)) params.region = random.pick(REGIONS);
    if (random.chance(0.4)) params.status = random.pick(STATUSES);
    const page = random.int(1, 3);
    if (page > 1) params.page = String(page);
    seen.add(`/commitments?${query(params)}`);
  }
  return [...seen];
}

async function sample(db: Db, table: 'commitments' | 'members' | 'action_plans', column: 'ogp_id' | 'slug', count: number): Promise<string[]> {
  // random() is the same function in SQLite and PostgreSQL; the set changes each run, the sizes do not.
  const rows = await db
    .selectFrom(table)
    .select(sql.ref<string>(column).as('key'))
    .orderBy(sql`random()`)
    .limit(count)
    .execute();
  return rows.map((r) => r.key);
}

/** Commitments whose pages are measured on every visit after the first, and commitments whose first views are. */
const COMMITMENTS_REPEATED = 300;
/**
 * Enough first views to last about as long as the other targets' load. With 400 (about a second of load), four runs
 * against one process at ×1 gave a p50 of 31 to 53 ms and three at ×100 52 to 128 ms: one slow answer holding up 32
 * connections moved the median, and the growth budget passed or failed on that. With 2,000: 50 to 55 ms at ×1 and 87
 * to 88 ms at ×100, p50 close to the mean.
 */
export const COMMITMENTS_FIRST_VIEWED = 2000;

/** The pages and API calls measured, each with the addresses its requests go through. */
export async function pageTargets(db: Db, seed: string): Promise<PageTarget[]> {
  const random = new Random(`bench:${seed}`);
  const sampled = await sample(db, 'commitments', 'ogp_id', COMMITMENTS_REPEATED + COMMITMENTS_FIRST_VIEWED);
  const commitments = sampled.slice(0, COMMITMENTS_REPEATED);
  const firstViewed = sampled.slice(COMMITMENTS_REPEATED);
  const commitmentPaths = (ids: string[]) => ids.map((id) => `/commitments/${encodeURIComponent(id)}`);
  const members = await sample(db, 'members', 'slug', 60);
  const plans = await sample(db, 'action_plans', 'ogp_id', 100);
  return [
    { name: 'explorer', label: 'Explorer: search with facets', paths: SEARCHES.map((s) => `/commitments?${query(s)}`), visits: 'repeat' },
    { name: 'explorer-uncached', label: 'Explorer: every search different', paths: uncachedSearches(random, 20_000), visits: 'varied' },
    { name: 'commitment', label: 'Commitment page', paths: commitmentPaths(commitments), visits: 'repeat' },
    { name: 'commitment-first', label: 'Commitment page, first view', paths: commitmentPaths(firstViewed), visits: 'first' },
    { name: 'member', label: 'Member page', paths: members.map((slug) => `/members/${encodeURIComponent(slug)}`), visits: 'repeat' },
    { name: 'plan', label: 'Action plan page', paths: plans.map((id) => `/plans/${encodeURIComponent(id)}`), visits: 'repeat' },
    { name: 'indicators', label: 'Indicators dashboard', paths: ['/indicators'], visits: 'repeat' },
    { name: 'api', label: 'API: commitments list', paths: SEARCHES.map((s) => `/api/v1/commitments?${query(s)}`), visits: 'repeat' },
  ];
}
