// test-scope: no-database
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Random } from '../../generate/random.ts';
import { evaluate, type TextMatches } from './explorer.evaluate.ts';
import { FACET_NAMES, type FacetName, IRM_FACETS, OGP_VALUES, STAR_FACETS } from './explorer.facets.ts';
import { FacetIndex, INDEXED_FACETS, MULTI_FACETS, type MultiFacet, type SingleFacet } from './explorer.index.ts';
import type { IndexRows } from './explorer.repository.ts';
import type { ExplorerState } from './explorer.state.ts';

// evaluate() against the plainest possible counting, row by row, over an index of random commitments: the packed
// small facets, the per-column tallies and the filter tables must all give what the definition says. The index's own
// columns say what each row holds (their upkeep has tests of its own); what is checked here is the arithmetic.

const REGIONS = ['Europe', 'Americas', 'Asia and the Pacific', 'Africa and the Middle East'];
const STATUSES = ['not_started', 'limited', 'substantial', 'complete', 'withdrawn'];
const THEMES = Array.from({ length: 30 }, (_, i) => `Theme ${i}`);

function randomRows(random: Random, commitments: number, members: number, plans: number, offset = 0): IndexRows {
  const rows: IndexRows = { search: [], commitments: [], ratings: [], members: [], plans: [], tags: [], stars: [] };
  for (let m = 0; m < members; m++) {
    rows.members.push({ id: `m${m}`, name: `Member ${m}`, slug: `member-${m}`, ogp_code: `M${m}`, region: random.chance(0.9) ? random.pick(REGIONS) : null, member_type: random.pick(['national', 'local']) });
  }
  for (let p = 0; p < plans; p++) {
    const start = 2000 + ((p + offset) % 80);
    rows.plans.push({ id: `p${p + offset}`, start_date: `${start}-01-01`, end_date: `${start + 2}-06-30` });
  }
  for (let c = 0; c < commitments; c++) {
    const id = `c${c + offset}`;
    rows.search.push({ commitment_id: id, doc_id: c + offset + 1 });
    rows.commitments.push({ id, ogp_id: `X${String(c + offset).padStart(5, '0')}`, title: `Commitment ${random.int(0, 999)}`, member_id: `m${random.int(0, members - 1)}`, plan_id: `p${offset + random.int(0, plans - 1)}`, implementation_status: random.pick(STATUSES) });
    if (random.chance(0.8)) {
      const rating: IndexRows['ratings'][number] = { commitment_id: id };
      for (const facet of IRM_FACETS) {
        if (random.chance(0.7)) rating[facet.field] = random.pick(facet.scale);
        else if (random.chance(0.5)) rating[`${facet.field}_missing`] = random.pick(['no_data', 'not_reviewed', 'not_applicable']);
      }
      for (const value of OGP_VALUES) if (random.chance(0.4)) rating[value.field] = 'yes';
      rows.ratings.push(rating);
    }
    for (const theme of THEMES) if (random.chance(0.08)) rows.tags.push({ commitment_id: id, tag: theme });
    for (const star of STAR_FACETS) {
      if (random.chance(0.5)) rows.stars.push({ commitment_id: id, formula: star.formula, report: star.report, starred: random.pick([0, 1, null]), missing: random.pick(['no_data', 'not_reviewed', null]) });
    }
  }
  return rows;
}

/** What a row holds in each facet, as the index's columns say. */
function valuesOf(index: FacetIndex, row: number, facet: FacetName): string[] {
  if ((MULTI_FACETS as readonly string[]).includes(facet)) return index.multi[facet as MultiFacet].valuesOf(row);
  const value = index.single[facet as SingleFacet].valueOf(row);
  return value === undefined ? [] : [value];
}

/** The definition: a facet's counts are over the rows passing every filter but its own. */
function referenceCounts(index: FacetIndex, filters: Partial<Record<FacetName, string[]>>, docs: Set<number> | null): Map<FacetName, Map<string, number>> {
  const selected = (facet: FacetName, row: number): boolean => {
    const wanted = filters[facet];
    if (!wanted || wanted.length === 0) return true;
    const memberCodes = (value: string) => [index.members.get(value)?.code, index.members.get(value)?.slug];
    return valuesOf(index, row, facet).some((value) => (facet === 'member' ? memberCodes(value).some((code) => code !== undefined && wanted.includes(code)) : wanted.includes(value)));
  };
  const result = new Map<FacetName, Map<string, number>>(INDEXED_FACETS.map((facet) => [facet, new Map()]));
  for (let row = 0; row < index.size; row++) {
    if (index.live[row] !== 1 || (docs && !docs.has(index.docs[row]!))) continue;
    const failed = INDEXED_FACETS.filter((facet) => !selected(facet, row));
    for (const facet of INDEXED_FACETS) {
      if (failed.length > 1 || (failed.length === 1 && failed[0] !== facet)) continue;
      const counts = result.get(facet)!;
      for (const value of valuesOf(index, row, facet)) counts.set(value, (counts.get(value) ?? 0) + 1);
    }
  }
  return result;
}

function randomFilters(random: Random, index: FacetIndex, facets: readonly FacetName[]): Partial<Record<FacetName, string[]>> {
  const filters: Partial<Record<FacetName, string[]>> = {};
  for (const facet of facets) {
    if (!random.chance(0.25)) continue;
    const values = facet === 'member' ? [...index.members.values()].map((m) => m.code) : (MULTI_FACETS as readonly string[]).includes(facet) ? index.multi[facet as MultiFacet].values : index.single[facet as SingleFacet].values;
    if (values.length === 0) continue;
    filters[facet] = Array.from({ length: random.int(1, 3) }, () => random.pick(values));
  }
  return filters;
}

function checkAgainstReference(random: Random, index: FacetIndex, rounds: number, facets: readonly FacetName[] = INDEXED_FACETS, fewestDocs = 0): void {
  // evaluate maps words' documents to rows with no other check: a mapped row must be live and hold that document.
  index.rowOfDoc.forEach((row, doc) => {
    if (row >= 0) assert.ok(index.live[row] === 1 && index.docs[row] === doc, `document ${doc} maps to row ${row}, which does not hold it`);
  });
  for (let round = 0; round < rounds; round++) {
    const filters = randomFilters(random, index, facets);
    const docs = random.chance(0.5) ? null : new Set(Array.from({ length: random.int(fewestDocs, index.size) }, () => random.int(1, index.size + 1)));
    const text: TextMatches | null = docs ? { docs: Int32Array.from([...docs].sort((a, b) => a - b)), scores: null } : null;
    // Made by hand: reading it from an address would bring in the search's words, and with them a database.
    const state: ExplorerState = { q: '', terms: [], filters, sort: 'title', page: 1, pageSize: 20, expanded: null };
    const found = evaluate(index, state, text);
    const expected = referenceCounts(index, filters, docs);
    for (const facet of FACET_NAMES) assert.deepEqual(Object.fromEntries(found.counts[facet]), Object.fromEntries(expected.get(facet)!), `round ${round}, ${facet}, filters ${JSON.stringify(filters)}`);
    const passingAll = [...Array(index.size).keys()].filter((row) => index.live[row] === 1 && (!docs || docs.has(index.docs[row]!)) && INDEXED_FACETS.every((facet) => {
      const wanted = filters[facet];
      if (!wanted) return true;
      const counted = expected.get(facet)!;
      return valuesOf(index, row, facet).some((value) => counted.has(value) && (facet === 'member' ? wanted.includes(index.members.get(value)!.code) : wanted.includes(value)));
    }));
    assert.equal(found.total, passingAll.length, `round ${round}: how many pass every filter`);
  }
}

describe('evaluating a state over the facet index', () => {
  it('counts every facet as the definition does, whatever the filters and words', () => {
    const random = new Random('evaluate');
    const index = FacetIndex.build(1, randomRows(random, 3000, 40, 30));
    assert.ok(index.packed.facets.length >= 10, 'most small facets are packed');
    assert.ok(index.multi.value.masks !== null && index.multi.theme.masks === null, 'the OGP values are read from bit masks, the policy areas not');
    checkAgainstReference(random, index, 40);
  });

  it('does when every filter is on a packed facet, over enough rows to filter and count them in one pass', () => {
    const random = new Random('evaluate-packed');
    const index = FacetIndex.build(1, randomRows(random, 4000, 40, 30));
    const packedFacets = index.packed.facets.map((place) => INDEXED_FACETS[place.facet]!);
    assert.ok(packedFacets.includes('region') && packedFacets.includes('status') && packedFacets.includes('member'));
    checkAgainstReference(random, index, 40, packedFacets, 3000);
  });

  it('still does after changes bring a facet more values than its packed bits hold', () => {
    const random = new Random('evaluate-growth');
    const index = FacetIndex.build(1, randomRows(random, 1500, 30, 4));
    const period = index.packed.placeOf(INDEXED_FACETS.indexOf('period'))!;
    const roomFor = period.mask;
    // New plans, each a new period, added change by change as the index store applies them.
    const added = randomRows(random, 600, 30, 70, 1500);
    const commitmentIds = added.commitments.map((c) => c.id);
    index.apply(2, added, { commitmentIds, memberIds: added.members.map((m) => m.id), planIds: added.plans.map((p) => p.id) });
    assert.ok(index.single.period.values.length > roomFor, 'the period facet outgrew its packed bits');
    checkAgainstReference(random, index, 25);
    // Existing commitments given other statuses, ratings, stars and members, within the values already known.
    const edited = randomRows(random, 400, 30, 4);
    const layout = JSON.stringify(index.packed.facets);
    index.apply(3, edited, { commitmentIds: edited.commitments.map((c) => c.id), memberIds: [], planIds: [] });
    assert.equal(JSON.stringify(index.packed.facets), layout, 'the same layout: only the changed rows were packed again');
    checkAgainstReference(random, index, 25);
    // Some commitments deleted: in the scope, missing from the rows.
    index.apply(4, { search: [], commitments: [], ratings: [], members: [], plans: [], tags: [], stars: [] }, { commitmentIds: commitmentIds.slice(0, 200), memberIds: [], planIds: [] });
    checkAgainstReference(random, index, 15);
  });
});
