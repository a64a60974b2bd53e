import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { createCommitment } from '../../../test/support/commitment-factories.ts';
import { createExplorerFixture, type ExplorerFixture } from '../../../test/support/explorer-factories.ts';
import { useTestApp } from '../../../test/support/test-app.ts';
import { exportRecords } from './explorer.download.ts';
import type { FacetName } from './explorer.facets.ts';
import { explore, type FacetCounts } from './explorer.service.ts';
import { readState } from './explorer.state.ts';

// The explorer's answers on the fixture (see test/support/explorer-factories.ts for its table), on
// whichever database TEST_DB names.

/** A facet's counts as { value: count }, for comparing whole facets at once. */
const counts = (facets: FacetCounts, name: FacetName): Record<string, number> =>
  Object.fromEntries((facets[name]?.values ?? []).filter((v) => v.count > 0).map((v) => [v.value, v.count]));

describe('the commitments explorer', () => {
  const t = useTestApp();
  let fixture: ExplorerFixture;

  before(async () => {
    fixture = await createExplorerFixture(t.ctx.db);
  });

  const run = (query: Record<string, string | string[]>, pageSize?: number) => explore(t.ctx.db, readState(query, pageSize ? { pageSize } : {}));
  const ids = async (query: Record<string, string | string[]>, pageSize?: number) => (await run(query, pageSize)).items.map((i) => i.ogp_id);

  it('counts every facet over all commitments when nothing is selected', async () => {
    const result = await run({});
    assert.equal(result.total, 7);
    assert.deepEqual(counts(result.facets, 'member'), { ALB: 3, KEN: 3, ARBA: 1 });
    assert.deepEqual(counts(result.facets, 'region'), { Europe: 3, 'Africa and the Middle East': 3, Americas: 1 });
    assert.deepEqual(counts(result.facets, 'memberType'), { national: 6, local: 1 });
    assert.deepEqual(counts(result.facets, 'theme'), { 'Open Data': 3, 'Open Budget': 2, Justice: 2 });
    assert.deepEqual(counts(result.facets, 'status'), { complete: 2, limited: 2, not_started: 1, substantial: 1, withdrawn: 1 });
    assert.deepEqual(counts(result.facets, 'period'), { '2012-2014': 2, '2020-2022': 1, '2016-2018': 3, '2018-2020': 1 });
    assert.deepEqual(counts(result.facets, 'potentialForResults'), { modest: 1 });
    assert.deepEqual(counts(result.facets, 'completionProgress'), { complete: 1, limited: 1, substantial: 1 });
    assert.deepEqual(counts(result.facets, 'starred2015Progress'), { yes: 2, no: 1, NR: 1 });
    assert.deepEqual(counts(result.facets, 'starredCurrentProgress'), { yes: 1, no: 1 });
    assert.deepEqual(counts(result.facets, 'starredCurrentEndOfTerm'), {});
  });

  it('counts ND, NR and NA as their own buckets, never as values', async () => {
    const result = await run({});
    assert.deepEqual(counts(result.facets, 'potentialImpact'), { transformative: 1, moderate: 2, minor: 1, ND: 1, NR: 1 });
    // AL0010's relevance to access to information is ND: it is not counted as relevant.
    assert.deepEqual(counts(result.facets, 'value'), { access_to_information: 3, civic_participation: 1, public_accountability: 2 });
    assert.deepEqual(await ids({ potentialImpact: 'ND' }), ['AL0010']);
    assert.deepEqual((await ids({ potentialImpact: ['NR', 'minor'] })).sort(), ['BA0001', 'KE0002']);
    assert.deepEqual((await ids({ starred2015Progress: 'NR' })).sort(), ['AL0010']);
  });

  it('widens within a facet, narrows across facets, and counts each facet without its own filter', async () => {
    assert.equal((await run({ status: ['complete', 'limited'] })).total, 4);
    assert.deepEqual(await ids({ theme: 'Open Data', region: 'Africa and the Middle East' }), ['KE0001']);

    const europe = await run({ region: 'Europe' });
    assert.equal(europe.total, 3);
    // The region facet still offers the other regions, with what choosing them would add.
    assert.deepEqual(counts(europe.facets, 'region'), { Europe: 3, 'Africa and the Middle East': 3, Americas: 1 });
    assert.deepEqual(counts(europe.facets, 'member'), { ALB: 3 });
    assert.deepEqual(counts(europe.facets, 'potentialImpact'), { transformative: 1, moderate: 1, ND: 1 });
    assert.deepEqual(counts(europe.facets, 'theme'), { 'Open Data': 2, 'Open Budget': 1, Justice: 1 });
    assert.deepEqual(counts(europe.facets, 'starred2015Progress'), { yes: 1, no: 1, NR: 1 });

    const starred = await run({ starred2015Progress: 'yes', memberType: 'national' });
    assert.deepEqual(starred.items.map((i) => i.ogp_id).sort(), ['AL0001', 'KE0001']);
    assert.deepEqual(counts(starred.facets, 'starred2015Progress'), { yes: 2, no: 1, NR: 1 });
    assert.deepEqual(counts(starred.facets, 'memberType'), { national: 2 });
  });

  it('filters by member code, OGP value, plan period and status', async () => {
    assert.deepEqual((await ids({ member: 'KEN' })).sort(), ['KE0001', 'KE0002', 'KE0003']);
    assert.deepEqual((await ids({ member: 'buenos-aires' })).sort(), ['BA0001']);
    assert.deepEqual((await ids({ value: 'public_accountability' })).sort(), ['KE0001', 'KE0002']);
    assert.deepEqual((await ids({ period: ['2012-2014', '2018-2020'] })).sort(), ['AL0001', 'AL0002', 'BA0001']);
    assert.deepEqual(await ids({ status: 'withdrawn' }), ['KE0003']);
    assert.deepEqual(await ids({ status: 'no_such_status' }), []);
    assert.deepEqual(await ids({ value: 'no_such_value' }), []);
  });

  it('combines words with facets, and counts facets within the words\' matches', async () => {
    const result = await run({ q: 'open', memberType: 'national' });
    assert.deepEqual(result.items.map((i) => i.ogp_id).sort(), ['AL0001', 'KE0001']);
    assert.deepEqual(counts(result.facets, 'member'), { ALB: 1, KEN: 1 });
    assert.deepEqual(counts(result.facets, 'memberType'), { national: 2 });
    assert.ok(result.items.every((i) => typeof i.score === 'number'));
  });

  it('sorts by relevance, title, member and newest plan, with the identifier breaking ties', async () => {
    assert.deepEqual(await ids({ q: 'procurement' }), ['AL0001', 'KE0001']);
    assert.deepEqual(await ids({ sort: 'title' }), ['KE0002', 'KE0003', 'AL0002', 'KE0001', 'AL0001', 'AL0010', 'BA0001']);
    assert.deepEqual(await ids({ sort: 'member' }), ['AL0001', 'AL0002', 'AL0010', 'BA0001', 'KE0001', 'KE0002', 'KE0003']);
    assert.deepEqual(await ids({}), ['AL0010', 'BA0001', 'KE0001', 'KE0002', 'KE0003', 'AL0001', 'AL0002']);
    // Relevance without words is meaningless: the default order is used instead.
    assert.deepEqual(await ids({ sort: 'relevance' }), await ids({}));
  });

  it('pages through the results, and answers a page past the end with nothing', async () => {
    assert.deepEqual(await ids({ sort: 'member' }, 3), ['AL0001', 'AL0002', 'AL0010']);
    assert.deepEqual(await ids({ sort: 'member', page: '3' }, 3), ['KE0003']);
    const past = await run({ sort: 'member', page: '9' }, 3);
    assert.deepEqual(past.items, []);
    assert.equal(past.total, 7);
  });

  it('exports every match in the page order, in chunks that resume exactly where the last ended', async () => {
    for (const query of [{ sort: 'title' }, { sort: 'member' }, {}, { q: 'open' }, { q: 'portal' }, { theme: 'Open Data', sort: 'newest' }]) {
      const state = readState(query, { pageSize: 100 });
      const page = (await explore(t.ctx.db, state)).items.map((i) => i.ogp_id);
      for (const chunk of [1, 2, 3, 500]) {
        const exported: string[] = [];
        for await (const record of exportRecords(t.ctx.db, state, chunk)) exported.push(record.row.ogp_id);
        assert.deepEqual(exported, page, `${JSON.stringify(query)} in chunks of ${chunk}`);
      }
    }
  });

  it("lists each result's policy areas in name order, whatever order they were tagged in", async () => {
    const added = await createCommitment(t.ctx.db, { plan_id: fixture.kenyaPlan.id, ogp_id: 'KE0098', title: 'Courts open their budgets', policyAreas: ['Open Data', 'Justice', 'Anti-Corruption'] });
    const items = (await run({ member: 'KEN' }, 100)).items;
    assert.deepEqual(items.find((i) => i.ogp_id === 'KE0098')?.themes, ['Anti-Corruption', 'Justice', 'Open Data']);
    assert.deepEqual(items.find((i) => i.ogp_id === 'KE0003')?.themes, ['Open Budget']);
    await t.ctx.db.deleteFrom('commitments').where('id', '=', added.id).execute();
  });

  it('sees a change at once, though answers are cached', async () => {
    const before = await run({ theme: 'Open Data' });
    assert.equal(before.total, 3);
    assert.deepEqual(await run({ theme: 'Open Data' }), before);
    const added = await createCommitment(t.ctx.db, { plan_id: fixture.kenyaPlan.id, ogp_id: 'KE0009', title: 'Open data on water', policyAreas: ['Open Data'] });
    const after = await run({ theme: 'Open Data' });
    assert.equal(after.total, 4);
    assert.deepEqual(counts(after.facets, 'member'), { ALB: 2, KEN: 2 });
    await t.ctx.db.deleteFrom('commitments').where('id', '=', added.id).execute();
    assert.equal((await run({ theme: 'Open Data' })).total, 3);
  });

  it('answers inside a transaction with its own writes, and never keeps them for anyone else', async () => {
    const rolledBack = new Error('roll back');
    await assert.rejects(
      t.ctx.db.transaction().execute(async (trx) => {
        await createCommitment(trx, { plan_id: fixture.kenyaPlan.id, ogp_id: 'KE0099', title: 'Uncommitted open data', policyAreas: ['Open Data'] });
        assert.equal((await explore(trx, readState({ theme: 'Open Data' }))).total, 4);
        throw rolledBack;
      }),
      rolledBack,
    );
    assert.equal((await run({ theme: 'Open Data' })).total, 3);
  });
});
