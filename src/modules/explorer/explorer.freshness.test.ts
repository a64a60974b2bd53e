import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { TestClient } from '../../../test/support/client.ts';
import { createCommitment } from '../../../test/support/commitment-factories.ts';
import { createExplorerFixture, type ExplorerFixture } from '../../../test/support/explorer-factories.ts';
import { createUser, signedInClient } from '../../../test/support/factories.ts';
import { decodeEntities } from '../../../test/support/html.ts';
import { useTestApp } from '../../../test/support/test-app.ts';
import { openDatabase } from '../../db/database.ts';
import { searchDataVersion } from '../../db/fulltext.ts';
import { heldFacetIndex, warmFacetIndex } from './explorer.index-store.ts';
import { ALL_VALUES_PAGE } from './explorer.facet-view.ts';
import { explore, exploreListing, type ResultItem } from './explorer.service.ts';
import { readState } from './explorer.state.ts';

// What the explorer keeps in memory (the facet index, brought up to date change by change, and the pages it
// rendered for visitors who are not signed in) never outlives the data, and long facets stay short.

/** The values of a facet's checkboxes on a page, in page order. */
const boxes = (html: string, facet: string): string[] =>
  [...html.matchAll(new RegExp(`name="${facet}" type="checkbox" value="([^"]+)"`, 'g'))].map((m) => decodeEntities(m[1] ?? ''));
const link = (html: string, pattern: RegExp): string => decodeEntities(pattern.exec(html)?.[1] ?? '');
const heading = (html: string): string => /<h2 class="govuk-heading-m" id="results">([^<]+)<\/h2>/.exec(html)?.[1] ?? '';

/** A result read from the database, cut down to what the explorer page lists. */
const asListed = (item: ResultItem) => ({
  ogp_id: item.ogp_id,
  title: item.title,
  member_name: item.member_name,
  member_slug: item.member_slug,
  period: item.plan_start && item.plan_end ? `${item.plan_start.slice(0, 4)}-${item.plan_end.slice(0, 4)}` : null,
  implementation_status: item.implementation_status,
  themes: item.themes,
});

describe('the explorer kept in memory', () => {
  const t = useTestApp();
  let fixture: ExplorerFixture;
  const get = async (url: string) => (await new TestClient(t.app).get(url)).body;

  before(async () => {
    fixture = await createExplorerFixture(t.ctx.db);
  });

  it('lists the ten most frequent values of a long facet and the ticked ones, with a link to all of them, a page at a time', async () => {
    // One commitment in 120 policy areas besides the fixture's own: far more than a short list.
    const areas = Array.from({ length: 120 }, (_, n) => `Area ${String(n).padStart(3, '0')}`);
    const broad = await createCommitment(t.ctx.db, { plan_id: fixture.kenyaPlan.id, ogp_id: 'KE0100', title: 'Everything at once', policyAreas: areas });
    try {
      const page = await get('/commitments?theme=Area+117');
      const shown = boxes(page, 'theme');
      assert.equal(shown.length, 11, 'ten values and the ticked one');
      assert.ok(shown.includes('Open Data') && shown.includes('Area 117'));
      const all = link(page, /<a class="govuk-link" href="([^"]+)" data-show-all="theme">Show all 123/);
      assert.equal(all, '/commitments?theme=Area+117&all=theme');

      const first = await get(all);
      // Most frequent first, so the ticked value is on the second page: it is kept on the first too, for the form.
      assert.equal(boxes(first, 'theme').length, ALL_VALUES_PAGE + 1);
      assert.match(first, /<input class="govuk-checkboxes__input" id="[^"]+" name="theme" type="checkbox" value="Area 117" checked>/);
      assert.match(first, /Options 1 to 100 of 123/);
      // The form keeps the full list open when filters are applied.
      assert.match(first, /<input type="hidden" name="all" value="theme">/);
      const next = link(first, /<a class="govuk-link" href="([^"]+)">Next options: Policy area<\/a>/);
      assert.equal(next, '/commitments?theme=Area+117&all=theme&allPage=2');
      const second = await get(next);
      const rest = boxes(second, 'theme');
      assert.equal(rest.length, 23);
      assert.ok(rest.includes('Area 117') && rest.includes('Area 119'));
      const fewer = link(second, /<a class="govuk-link" href="([^"]+)">Show only the most common/);
      assert.equal(fewer, '/commitments?theme=Area+117');
      // Short facets are never shortened.
      assert.doesNotMatch(page, /data-show-all="region"/);
    } finally {
      await t.ctx.db.deleteFrom('commitments').where('id', '=', broad.id).execute();
    }
  });

  it('sends a page kept for visitors who are not signed in only until the data changes', async () => {
    const url = '/commitments?q=kenyan+water';
    assert.equal(heading(await get(url)), '0 commitments');
    assert.equal(heading(await get(url)), '0 commitments');
    const added = await createCommitment(t.ctx.db, { plan_id: fixture.kenyaPlan.id, ogp_id: 'KE0101', title: 'Kenyan water data' });
    assert.equal(heading(await get(url)), '1 commitment');
    await t.ctx.db.updateTable('commitments').set({ title: 'Kenyan forests' }).where('id', '=', added.id).execute();
    assert.equal(heading(await get(url)), '0 commitments');
    await t.ctx.db.deleteFrom('commitments').where('id', '=', added.id).execute();
  });

  it('never shares a signed-in page, nor sends a kept page to someone signed in', async () => {
    const user = await createUser(t.ctx.db);
    const signedIn = await signedInClient(t.app, user);
    const url = '/commitments?q=open';
    const anonymous = await get(url);
    assert.doesNotMatch(anonymous, /action="\/sign-out"/);
    const own = (await signedIn.get(url)).body;
    assert.match(own, /action="\/sign-out"/);
    assert.doesNotMatch(await get(url), /action="\/sign-out"/);
  });

  it('brings its index up to date change by change, exactly as a fresh one would be', async () => {
    const { db } = t.ctx;
    const states: Array<Record<string, string>> = [{}, { status: 'complete' }, { sort: 'member' }, { sort: 'title' }, { region: 'Europe' }, { theme: 'Open Data' }, { period: '2012-2014' }, { q: 'open' }, { q: 'open data' }, { q: 'open contracting', sort: 'title' }];
    // Inside a transaction the index is built from scratch, and never kept.
    const fresh = (query: Record<string, string>) => db.transaction().execute((trx) => explore(trx, readState(query)));
    const same = async (step: string) => {
      for (const query of states) {
        const kept = await explore(db, readState(query));
        const built = await fresh(query);
        // Several words' matches are kept word by word and intersected; inside a transaction they are searched together.
        assert.deepEqual(kept.items.map((i) => [i.ogp_id, i.score]), built.items.map((i) => [i.ogp_id, i.score]), `${step}: ${JSON.stringify(query)} order`);
        assert.deepEqual({ total: kept.total, facets: kept.facets }, { total: built.total, facets: built.facets }, `${step}: ${JSON.stringify(query)} counts`);
        // The page's list comes from the index alone: it must say what the database says.
        const listed = await exploreListing(db, readState(query));
        assert.deepEqual(listed.items, built.items.map(asListed), `${step}: ${JSON.stringify(query)} listed from the index`);
      }
    };
    await same('before');
    await db.updateTable('commitments').set({ implementation_status: 'complete', title: 'Aaa first by title' }).where('id', '=', fixture.commitments.KE0003!.id).execute();
    await same('a status and a title');
    await db.updateTable('members').set({ name: 'Zambezi Albania', region: 'Americas' }).where('id', '=', fixture.albania.id).execute();
    await same('a member renamed and moved');
    await db.updateTable('action_plans').set({ start_date: '2030-01-01', end_date: '2032-12-31' }).where('id', '=', fixture.albaniaPlan.id).execute();
    await same('a plan moved');
    await db.deleteFrom('commitment_tags').where('commitment_id', '=', fixture.commitments.AL0001!.id).execute();
    const added = await createCommitment(db, { plan_id: fixture.buenosAiresPlan.id, ogp_id: 'BA0002', title: 'Open contracting', policyAreas: ['Open Data'] });
    await same('tags removed and a commitment added');
    await db.deleteFrom('commitments').where('id', '=', added.id).execute();
    await db.updateTable('commitments').set({ ogp_id: 'AA0001' }).where('id', '=', fixture.commitments.BA0001!.id).execute();
    await same('a commitment deleted and one renumbered');
  });

  it('sees a write made through another connection, as another process would', async () => {
    const other = openDatabase(t.ctx.config.databaseUrl);
    try {
      const state = readState({ q: 'lake' });
      assert.equal((await explore(other.db, state)).total, 0);
      await createCommitment(t.ctx.db, { plan_id: fixture.kenyaPlan.id, ogp_id: 'KE0102', title: 'Lake Victoria basin data' });
      assert.equal((await explore(other.db, state)).total, 1);
      await t.ctx.db.updateTable('commitments').set({ implementation_status: 'withdrawn' }).where('ogp_id', '=', 'KE0102').execute();
      const withdrawn = await explore(other.db, readState({ q: 'lake', status: 'withdrawn' }));
      assert.deepEqual(withdrawn.items.map((i) => i.ogp_id), ['KE0102']);
    } finally {
      await other.close();
    }
  });

  it('can be built before the first search, and that search then uses it', async () => {
    const other = openDatabase(t.ctx.config.databaseUrl);
    try {
      assert.equal(heldFacetIndex(other.db), undefined);
      await warmFacetIndex(other.db);
      const warmed = heldFacetIndex(other.db);
      assert.equal(warmed?.version, await searchDataVersion(other.db));
      assert.ok((await explore(other.db, readState({}))).total > 0);
      assert.equal(heldFacetIndex(other.db), warmed, 'the search neither rebuilt nor replaced it');
    } finally {
      await other.close();
    }
  });
});
