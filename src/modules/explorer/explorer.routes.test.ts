import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import { TestClient } from '../../../test/support/client.ts';
import { createCommitment } from '../../../test/support/commitment-factories.ts';
import { createExplorerFixture, type ExplorerFixture } from '../../../test/support/explorer-factories.ts';
import { dataValues, decodeEntities } from '../../../test/support/html.ts';
import { useTestApp } from '../../../test/support/test-app.ts';
import { LANGUAGES } from '../../platform/i18n.ts';
import { CSV_COLUMNS } from './explorer.download.ts';

/** The checkboxes a page has ticked, as facet=value pairs. */
const ticked = (html: string): string[] =>
  [...html.matchAll(/<input class="govuk-checkboxes__input" id="[^"]+" name="([^"]+)" type="checkbox" value="([^"]+)" checked>/g)].map((m) => `${m[1]}=${decodeEntities(m[2] ?? '')}`);

/** A checkbox of the value, labelled with the text. */
const checkbox = (value: string, label: string): RegExp =>
  new RegExp(`value="${value}">\\s*<label class="govuk-label govuk-checkboxes__label" for="[^"]+">\\s*${label.replace(/[()]/g, '\\$&')}\\s*</label>`);

/** The result count heading. */
const heading = (html: string): string => /<h2 class="govuk-heading-m" id="results">([^<]+)<\/h2>/.exec(html)?.[1] ?? '';

describe('the /commitments page and its downloads', () => {
  const t = useTestApp();
  let fixture: ExplorerFixture;
  const get = (url: string) => new TestClient(t.app).get(url);

  before(async () => {
    fixture = await createExplorerFixture(t.ctx.db);
    // Enough Kenyan commitments for two pages of 25 when filtered to Kenya.
    for (let n = 10; n < 40; n++) {
      await createCommitment(t.ctx.db, { plan_id: fixture.kenyaPlan.id, ogp_id: `KE00${n}`, number: String(n), title: `Kenyan commitment ${n}`, policyAreas: ['Health'] });
    }
  });

  it('lists every commitment with its facets, each result linking to its page', async () => {
    const page = await get('/commitments');
    assert.equal(page.status, 200);
    assert.match(page.body, /<h1 class="govuk-heading-xl">Commitments<\/h1>/);
    assert.equal(heading(page.body), '37 commitments');
    const shown = dataValues(page.body, 'data-ogp-id');
    assert.equal(shown.length, 25);
    assert.equal(shown[0], 'AL0010');
    assert.match(page.body, /<a class="govuk-link" href="\/commitments\/AL0010">Participación ciudadana en la justicia<\/a>/);
    assert.match(page.body, /<a class="govuk-link" href="\/members\/albania">Albania<\/a>/);
    assert.match(page.body, checkbox('Europe', 'Europe (3)'));
    assert.match(page.body, checkbox('ND', 'No data (1)'));
    assert.match(page.body, checkbox('NR', 'Not reviewed (1)'));
    assert.match(page.body, /Plan 2020–2022/);
    // The page is active in the main navigation.
    assert.match(page.body, /<a class="govuk-service-navigation__link" href="\/commitments" aria-current="true">/);
  });

  it('keeps the whole state in the address: words, facets, sort and page', async () => {
    const url = '/commitments?q=kenyan&member=KEN&theme=Health&sort=title&page=2';
    const page = await get(url);
    assert.equal(page.status, 200);
    assert.equal(heading(page.body), '30 commitments');
    assert.deepEqual(dataValues(page.body, 'data-ogp-id'), ['KE0035', 'KE0036', 'KE0037', 'KE0038', 'KE0039']);
    assert.match(page.body, /<input\s+class="govuk-input" id="q" name="q" type="search" spellcheck="false" value="kenyan"/);
    assert.deepEqual(ticked(page.body).sort(), ['member=KEN', 'theme=Health']);
    assert.match(page.body, /<option value="title" selected>Title \(A to Z\)<\/option>/);
    // Every link to another page keeps every filter.
    const previous = /<a class="govuk-link govuk-pagination__link" href="([^"]+)" rel="prev">/.exec(page.body)?.[1];
    assert.equal(decodeEntities(previous ?? ''), '/commitments?q=kenyan&member=KEN&theme=Health&sort=title');
    // Removing one filter keeps the others.
    assert.ok(page.body.includes(`href="${'/commitments?q=kenyan&amp;member=KEN&amp;sort=title'}"`), 'a link removes the theme filter alone');
    // Downloads take the same query, without the page.
    assert.ok(page.body.includes('href="/commitments.csv?q=kenyan&amp;member=KEN&amp;theme=Health&amp;sort=title"'));
    assert.ok(page.body.includes('href="/commitments.json?q=kenyan&amp;member=KEN&amp;theme=Health&amp;sort=title"'));
  });

  it('orders by relevance by default when searching, and says so in the form', async () => {
    const page = await get('/commitments?q=procurement');
    assert.deepEqual(dataValues(page.body, 'data-ogp-id'), ['AL0001', 'KE0001']);
    // The default order is sent as an empty value, so the next search is ordered by relevance too.
    assert.match(page.body, /<option value="" selected>Best match<\/option>/);
    const plain = await get('/commitments');
    assert.doesNotMatch(plain.body, /Best match/);
    assert.match(plain.body, /<option value="" selected>Newest plan first<\/option>/);
    const submitted = await get('/commitments?q=procurement&sort=');
    assert.deepEqual(dataValues(submitted.body, 'data-ogp-id'), ['AL0001', 'KE0001']);
  });

  it('keeps a ticked value that no longer matches anything, so it can be unticked', async () => {
    const page = await get('/commitments?region=Europe&status=withdrawn');
    assert.equal(heading(page.body), '0 commitments');
    assert.deepEqual(ticked(page.body).sort(), ['region=Europe', 'status=withdrawn']);
    assert.match(page.body, /No commitments match/);
  });

  it('never fails on odd input in the address', async () => {
    for (const query of ['q=%22', 'q=AND', 'q=-', 'q=*', 'q=(', 'q=%27%3B%20DROP%20TABLE%20commitments', 'q=NEAR(a%20b)', 'page=abc', 'page=-1', 'page=99999999', 'sort=bogus', 'region=Mars', 'potentialImpact=%22', `q=${'x'.repeat(5000)}`, 'q=a&q=b', 'page=1&page=2']) {
      const page = await get(`/commitments?${query}`);
      assert.equal(page.status, 200, query);
    }
    const quote = await get('/commitments?q=%22');
    assert.equal(heading(quote.body), '37 commitments', 'a search with no words is no search');
  });

  it('downloads the result set as CSV: a header, then exactly the matching rows in the page\'s order', async () => {
    const response = await t.app.inject({ url: '/commitments.csv?theme=Open%20Data&sort=title' });
    assert.equal(response.statusCode, 200);
    assert.match(String(response.headers['content-type']), /^text\/csv/);
    assert.match(String(response.headers['content-disposition']), /attachment; filename="commitments.csv"/);
    const rows = parse(response.body, { columns: true }) as Array<Record<string, string>>;
    const header = parse(response.body, { to_line: 1 }) as string[][];
    assert.deepEqual(header[0], CSV_COLUMNS);
    assert.deepEqual(
      rows.map((r) => r.ogp_id),
      ['AL0002', 'KE0001', 'AL0001'],
    );
    const al0001 = rows.find((r) => r.ogp_id === 'AL0001')!;
    assert.equal(al0001.member, 'Albania');
    assert.equal(al0001.member_code, 'ALB');
    assert.equal(al0001.region, 'Europe');
    assert.equal(al0001.policy_areas, 'Open Data');
    assert.equal(al0001.potential_impact, 'transformative');
    assert.equal(al0001.starred_2015_progress, '1');
    assert.match(al0001.url ?? '', /\/commitments\/AL0001$/);
    const everything = parse((await t.app.inject({ url: '/commitments.csv' })).body, { columns: true }) as unknown[];
    assert.equal(everything.length, 37);
  });

  it('writes missing ratings in the CSV as the sheet does: ND, NR and NA', async () => {
    const rows = parse((await t.app.inject({ url: '/commitments.csv?member=ALB&member=KEN' })).body, { columns: true }) as Array<Record<string, string>>;
    assert.equal(rows.find((r) => r.ogp_id === 'AL0010')?.potential_impact, 'ND');
    assert.equal(rows.find((r) => r.ogp_id === 'AL0010')?.starred_2015_progress, 'NR');
    assert.equal(rows.find((r) => r.ogp_id === 'KE0002')?.potential_impact, 'NR');
    // No IRM assessment at all: nothing is claimed.
    assert.equal(rows.find((r) => r.ogp_id === 'KE0003')?.potential_impact, '');
  });

  it('downloads the result set as JSON', async () => {
    const response = await t.app.inject({ url: '/commitments.json?q=open&memberType=national' });
    assert.equal(response.statusCode, 200);
    assert.match(String(response.headers['content-type']), /^application\/json/);
    const items = response.json() as Array<{ ogpId: string; member: { code: string }; irm: Record<string, { value: string | null; missing: string | null }> | null }>;
    assert.deepEqual(items.map((i) => i.ogpId).sort(), ['AL0001', 'KE0001']);
    assert.equal(items.find((i) => i.ogpId === 'KE0001')?.member.code, 'KEN');
    assert.deepEqual(items.find((i) => i.ogpId === 'AL0001')?.irm?.potential_impact, { value: 'transformative', missing: null });
    assert.deepEqual((await t.app.inject({ url: '/commitments.json?q=nothingmatchesthis' })).json(), []);
  });

  it('is in the reader\'s language', async () => {
    const titles = { en: 'Commitments', es: 'Compromisos', fr: 'Engagements' } as const;
    for (const lang of LANGUAGES) {
      const page = await get(`/commitments?lang=${lang}&potentialImpact=ND`);
      assert.match(page.body, new RegExp(`<html lang="${lang}"`));
      assert.match(page.body, new RegExp(`<h1 class="govuk-heading-xl">${titles[lang]}</h1>`));
    }
    const french = await get('/commitments?lang=fr');
    assert.match(french.body, checkbox('ND', 'Pas de données (1)'));
    assert.match(french.body, /37 engagements/);
  });
});
