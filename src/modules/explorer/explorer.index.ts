import { grown, MultiColumn, RowOrder, SingleColumn, textOrder } from './explorer.columns.ts';
import { type FacetName, IRM_FACETS, MISSING_TOKENS, OGP_VALUES, RELEVANT, STAR_FACETS } from './explorer.facets.ts';
import { PackedFacets } from './explorer.packed-facets.ts';
import type { IndexRows } from './explorer.repository.ts';

// The explorer's facet index: every commitment's facet values as compact columns in memory. Filtering,
// counting every facet and ordering a result set is then one pass over typed arrays (milliseconds for tens of
// thousands of commitments), where the same in SQL reads each matching commitment once per facet. It is built
// from the database once, then kept up to date with only the records that changed (explorer_changes says
// which), so a write costs the next reader a few rows, not a rebuild. The database stays the only record.

/** Facets with one value per commitment (a member, a status, a rating, or none). */
export const SINGLE_FACETS = [
  'member',
  'region',
  'memberType',
  'status',
  'period',
  ...IRM_FACETS.map((f) => f.name),
  ...STAR_FACETS.map((f) => f.name),
] as const satisfies readonly FacetName[];
export type SingleFacet = (typeof SINGLE_FACETS)[number];

/** Facets with any number of values per commitment. */
export const MULTI_FACETS = ['theme', 'value'] as const satisfies readonly FacetName[];
export type MultiFacet = (typeof MULTI_FACETS)[number];

/** Singles first, then multis: the facet numbers the pass over the rows uses. */
export const INDEXED_FACETS: readonly FacetName[] = [...SINGLE_FACETS, ...MULTI_FACETS];

export interface MemberInfo {
  code: string;
  slug: string;
  name: string;
  region: string | null;
  memberType: string;
  /** The name as the member order compares it. */
  sortName: string;
}

interface PlanInfo {
  start: string;
  period: string | null;
}

/** Which records a change touched; the index reloads exactly these. */
export interface ChangeScope {
  commitmentIds: string[];
  memberIds: string[];
  planIds: string[];
}

export type Ordering = 'title' | 'member' | 'newest';

const missingToken = (code: string | null | undefined): string | null => (code ? (MISSING_TOKENS[code as keyof typeof MISSING_TOKENS] ?? null) : null);

/** A row's records, gathered from the per-table rows of IndexRows. */
interface Gathered {
  ratings: Map<string, IndexRows['ratings'][number]>;
  tags: Map<string, string[]>;
  stars: Map<string, IndexRows['stars']>;
  docs: Map<string, number>;
}

function gather(rows: IndexRows): Gathered {
  const tags = new Map<string, string[]>();
  for (const { commitment_id, tag } of rows.tags) {
    const list = tags.get(commitment_id);
    if (list) list.push(tag);
    else tags.set(commitment_id, [tag]);
  }
  const stars = new Map<string, IndexRows['stars']>();
  for (const star of rows.stars) {
    const list = stars.get(star.commitment_id);
    if (list) list.push(star);
    else stars.set(star.commitment_id, [star]);
  }
  return {
    ratings: new Map(rows.ratings.map((r) => [r.commitment_id, r])),
    tags,
    stars,
    docs: new Map(rows.search.map((s) => [s.commitment_id, s.doc_id])),
  };
}

export class FacetIndex {
  /** Rows in use, the empty rows of deleted commitments included. */
  size = 0;
  /** 1 where the row holds a commitment. */
  live = new Uint8Array(0);
  /** Row → document number (commitment_search.doc_id). */
  docs = new Int32Array(0);
  /** Document number → row, -1 for none: a document maps to a row only while the row is live and holds it (evaluate relies on it). */
  rowOfDoc = new Int32Array(0);
  /** Row → position in ogp_id order: what breaks ties in every order. */
  rank = new Int32Array(0);
  readonly single = Object.fromEntries(SINGLE_FACETS.map((f) => [f, new SingleColumn()])) as Record<SingleFacet, SingleColumn>;
  readonly multi = Object.fromEntries(MULTI_FACETS.map((f) => [f, new MultiColumn()])) as Record<MultiFacet, MultiColumn>;
  /** The single facets with few values, packed for counting and filtering (explorer.packed-facets.ts). */
  readonly packed = new PackedFacets(SINGLE_FACETS.map((f) => this.single[f]));
  /** By member id: what the member facet shows and what the address names a member by. */
  readonly members = new Map<string, MemberInfo>();
  private readonly plans = new Map<string, PlanInfo>();
  private readonly planOf = new SingleColumn();
  private readonly rowOf = new Map<string, number>();
  private readonly free: number[] = [];
  private ogpIds: string[] = [];
  /** Lowercased, for the title order. */
  private titles: string[] = [];
  /** As written, for the result list. */
  private shownTitles: string[] = [];
  private readonly ogpOrder = new RowOrder((a, b) => textOrder(this.ogpIds[a]!, this.ogpIds[b]!) || a - b);
  private readonly tie = (a: number, b: number): number => this.rank[a]! - this.rank[b]!;
  readonly orders: Record<Ordering, RowOrder> = {
    title: new RowOrder((a, b) => textOrder(this.titles[a]!, this.titles[b]!) || this.tie(a, b)),
    member: new RowOrder((a, b) => textOrder(this.memberSortName(a), this.memberSortName(b)) || this.tie(a, b)),
    // Newest plan first; commitments of plans without a start date last.
    newest: new RowOrder((a, b) => textOrder(this.planStart(b), this.planStart(a)) || this.tie(a, b)),
  };

  /**
   * The version since which nothing full-text search finds has changed: the words' matches read at it or later
   * still hold. Changes to a status or a rating move the version but not this.
   */
  textVersion: number;

  private constructor(public version: number) {
    this.textVersion = version;
  }

  /** The index of everything in `rows`, read at `version`. */
  static build(version: number, rows: IndexRows): FacetIndex {
    const index = new FacetIndex(version);
    index.update(version, rows, { commitmentIds: rows.commitments.map((c) => c.id), memberIds: rows.members.map((m) => m.id), planIds: rows.plans.map((p) => p.id) }, true);
    return index;
  }

  /** The commitments of these members and plans, which a change to the member or plan changes too. */
  commitmentsOf(memberIds: readonly string[], planIds: readonly string[]): string[] {
    if (memberIds.length === 0 && planIds.length === 0) return [];
    const members = new Set(memberIds.map((id) => this.single.member.dictionary.find(id)).filter((code) => code >= 0));
    const plans = new Set(planIds.map((id) => this.planOf.dictionary.find(id)).filter((code) => code >= 0));
    const found: string[] = [];
    for (const [id, row] of this.rowOf) {
      if (members.has(this.single.member.codeAt(row)) || plans.has(this.planOf.codeAt(row))) found.push(id);
    }
    return found;
  }

  /**
   * Brings the records in `scope` to what `rows` says, `rows` holding exactly those records as they now are:
   * a record in the scope but missing from the rows was deleted. Synchronous, so no request ever sees it half done.
   */
  apply(version: number, rows: IndexRows, scope: ChangeScope): void {
    this.update(version, rows, scope, false);
  }

  private update(version: number, rows: IndexRows, scope: ChangeScope, everything: boolean): void {
    for (const id of scope.memberIds) this.members.delete(id);
    for (const m of rows.members) {
      this.members.set(m.id, { code: m.ogp_code ?? m.slug, slug: m.slug, name: m.name, region: m.region, memberType: m.member_type, sortName: m.name.toLowerCase() });
    }
    for (const id of scope.planIds) this.plans.delete(id);
    for (const p of rows.plans) {
      this.plans.set(p.id, { start: p.start_date ?? '', period: p.start_date && p.end_date ? `${p.start_date.slice(0, 4)}-${p.end_date.slice(0, 4)}` : null });
    }

    const gathered = gather(rows);
    const present = new Map(rows.commitments.filter((c) => gathered.docs.has(c.id)).map((c) => [c.id, c]));
    const touched = new Set<number>();
    const themes = new Map<number, string[]>();
    const values = new Map<number, string[]>();
    for (const id of new Set(scope.commitmentIds)) {
      const commitment = present.get(id);
      let row = this.rowOf.get(id);
      if (row === undefined && !commitment) continue;
      if (row === undefined) row = this.newRow(id);
      touched.add(row);
      if (commitment) {
        this.fill(row, commitment, gathered);
        themes.set(row, gathered.tags.get(id) ?? []);
        const rating = gathered.ratings.get(id);
        values.set(row, rating ? OGP_VALUES.filter((v) => rating[v.field] === RELEVANT).map((v) => v.value) : []);
      } else {
        this.empty(row, id);
        themes.set(row, []);
        values.set(row, []);
      }
    }
    this.multi.theme.replace(this.size, themes);
    this.multi.value.replace(this.size, values);
    this.packed.refresh(this.size, everything ? null : [...touched]);
    this.reorder([...touched], everything);
    this.version = version;
  }

  private newRow(id: string): number {
    const row = this.free.pop() ?? this.size++;
    this.live = grown(this.live, this.size, 0);
    this.docs = grown(this.docs, this.size, -1);
    this.rank = grown(this.rank, this.size, 0);
    this.rowOf.set(id, row);
    return row;
  }

  private fill(row: number, c: IndexRows['commitments'][number], gathered: Gathered): void {
    const doc = gathered.docs.get(c.id)!;
    if (this.docs[row]! >= 0 && this.rowOfDoc[this.docs[row]!] === row) this.rowOfDoc[this.docs[row]!] = -1;
    this.live[row] = 1;
    this.docs[row] = doc;
    this.rowOfDoc = grown(this.rowOfDoc, doc + 1, -1);
    this.rowOfDoc[doc] = row;
    this.ogpIds[row] = c.ogp_id;
    this.titles[row] = c.title.toLowerCase();
    this.shownTitles[row] = c.title;
    const member = this.members.get(c.member_id);
    const { single } = this;
    single.member.set(row, c.member_id);
    single.region.set(row, member?.region);
    single.memberType.set(row, member?.memberType);
    single.status.set(row, c.implementation_status);
    this.planOf.set(row, c.plan_id);
    single.period.set(row, this.plans.get(c.plan_id)?.period);
    const rating = gathered.ratings.get(c.id);
    for (const facet of IRM_FACETS) single[facet.name].set(row, rating ? (rating[facet.field] ?? missingToken(rating[`${facet.field}_missing`])) : null);
    const stars = gathered.stars.get(c.id) ?? [];
    for (const facet of STAR_FACETS) {
      const star = stars.find((s) => s.formula === facet.formula && s.report === facet.report);
      single[facet.name].set(row, !star ? null : star.starred === 1 ? 'yes' : star.starred === 0 ? 'no' : missingToken(star.missing));
    }
  }

  /** A deleted commitment's row: no values, in no order, ready for the next new commitment. */
  private empty(row: number, id: string): void {
    if (this.rowOfDoc[this.docs[row]!] === row) this.rowOfDoc[this.docs[row]!] = -1;
    this.live[row] = 0;
    this.docs[row] = -1;
    for (const facet of SINGLE_FACETS) this.single[facet].set(row, null);
    this.planOf.set(row, null);
    this.rowOf.delete(id);
    this.free.push(row);
  }

  /** Puts the touched rows back in every order; `everything` when the whole index was just filled. */
  private reorder(touched: number[], everything: boolean): void {
    const liveRows = touched.filter((row) => this.live[row] === 1);
    if (everything) {
      const all = Int32Array.from(liveRows);
      this.ogpOrder.reset(all);
      this.rerank();
      for (const order of Object.values(this.orders)) order.reset(all);
      return;
    }
    if (touched.length === 0) return;
    const out = new Uint8Array(this.size);
    for (const row of touched) out[row] = 1;
    this.ogpOrder.update(out, liveRows);
    this.rerank();
    for (const order of Object.values(this.orders)) order.update(out, liveRows);
  }

  private rerank(): void {
    const rows = this.ogpOrder.view();
    for (let position = 0; position < rows.length; position++) this.rank[rows[position]!] = position;
  }

  /** A live row's OGP identifier. */
  ogpIdAt(row: number): string {
    return this.ogpIds[row]!;
  }

  /** A live row's title, as written. */
  titleAt(row: number): string {
    return this.shownTitles[row]!;
  }

  private memberSortName(row: number): string {
    const id = this.single.member.valueOf(row);
    return (id !== undefined ? this.members.get(id)?.sortName : undefined) ?? '';
  }

  private planStart(row: number): string {
    const id = this.planOf.valueOf(row);
    return (id !== undefined ? this.plans.get(id)?.start : undefined) ?? '';
  }
}
