import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { useBrowserSession } from '../support/browser.ts';
import { createCommitment } from '../support/commitment-factories.ts';
import { createExplorerFixture } from '../support/explorer-factories.ts';

// Finding commitments in a real browser, with and without JavaScript: search, tick facets, sort,
// page through, download and open a result, with axe checking every state the page reaches.

describe('the commitments explorer in a real browser', () => {
  const session = useBrowserSession();
  const { newPage, expectAccessible } = session;

  before(async () => {
    const { db } = session.served.app.ctx;
    const fixture = await createExplorerFixture(db);
    // Enough open data commitments for a second page.
    for (let n = 10; n < 40; n++) {
      await createCommitment(db, { plan_id: fixture.kenyaPlan.id, ogp_id: `KE00${n}`, number: String(n), title: `Open data on county budgets ${n}`, policyAreas: ['Open Data'] });
    }
  });

  const results = (page: Page): Promise<string[]> => page.locator('[data-ogp-id]').evaluateAll((items) => items.map((item) => item.getAttribute('data-ogp-id') ?? ''));
  const resultsHeading = (page: Page) => page.locator('#results');

  /**
   * axe needs script to run, and a page with JavaScript turned off runs none, not even what is evaluated
   * into it. Without JavaScript, each state is checked in a second page whose own scripts are refused,
   * so it is the very page a visitor without JavaScript sees.
   */
  let scriptless: Page | undefined;
  async function checkAccessible(page: Page, where: string, javaScript: boolean): Promise<void> {
    if (javaScript) return expectAccessible(page, where);
    if (!scriptless) {
      ({ page: scriptless } = await newPage());
      await scriptless.route('**/*.js', (route) => route.abort());
    }
    await scriptless.goto(page.url());
    assert.equal(await scriptless.locator('body.js-enabled').count(), 0);
    await expectAccessible(scriptless, where);
  }

  async function journey(page: Page, javaScript: boolean): Promise<void> {
    const where = javaScript ? 'with JavaScript' : 'without JavaScript';
    const expectAccessible = (_page: Page, what: string) => checkAccessible(page, what, javaScript);
    await page.goto('/');
    await page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Commitments' }).click();
    await page.waitForURL((url) => url.pathname === '/commitments');
    await page.getByRole('heading', { name: 'Commitments', level: 1 }).waitFor();
    assert.equal(await resultsHeading(page).innerText(), '37 commitments');
    await expectAccessible(page, `explorer, ${where}`);

    // A search, ordered by relevance.
    await page.getByRole('searchbox', { name: 'Search commitments' }).fill('procurement');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.waitForURL('**/commitments?q=procurement*');
    assert.equal(await resultsHeading(page).innerText(), '2 commitments');
    assert.deepEqual(await results(page), ['AL0001', 'KE0001']);
    await expectAccessible(page, `explorer search results, ${where}`);

    // A facet: only Europe's, counted without losing the other regions.
    await page.getByRole('group', { name: 'Region' }).getByLabel('Europe (1)').check();
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.waitForURL('**/commitments?*region=Europe*');
    assert.deepEqual(await results(page), ['AL0001']);
    assert.ok(await page.getByRole('group', { name: 'Region' }).getByLabel('Africa and the Middle East (1)').isVisible());
    await expectAccessible(page, `explorer with a facet ticked, ${where}`);

    // Removing the filter and the words through their links.
    await page.getByRole('link', { name: 'Remove filter Region: Europe' }).click();
    await page.waitForURL((url) => url.search === '?q=procurement');
    await page.getByRole('link', { name: 'Clear filters' }).click();
    await page.waitForURL((url) => url.pathname === '/commitments' && url.search === '');

    // Two facets at once, sorted by title, then the second page.
    await page.getByRole('group', { name: 'Policy area' }).getByLabel('Open Data (33)').check();
    await page.getByRole('group', { name: 'Member' }).getByLabel('Kenya (33)').check();
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.waitForURL('**/commitments?*member=KEN*');
    assert.equal(await resultsHeading(page).innerText(), '31 commitments');
    await page.getByLabel('Sort by').selectOption({ label: 'Title (A to Z)' });
    await page.getByRole('button', { name: 'Sort', exact: true }).click();
    await page.waitForURL('**/commitments?*sort=title*');
    const firstPage = await results(page);
    assert.equal(firstPage.length, 25);
    assert.equal(firstPage[0], 'KE0001');
    await page.getByRole('navigation', { name: 'Pages of results' }).getByRole('link', { name: 'Next' }).click();
    await page.waitForURL('**/commitments?*page=2*');
    assert.deepEqual(await results(page), ['KE0034', 'KE0035', 'KE0036', 'KE0037', 'KE0038', 'KE0039']);
    assert.ok(page.url().includes('theme=Open+Data') && page.url().includes('member=KEN') && page.url().includes('sort=title'), page.url());
    await expectAccessible(page, `explorer second page, ${where}`);

    // The downloads take the same filters.
    const csv = await page.getByRole('link', { name: 'Download as CSV (for spreadsheets)' }).getAttribute('href');
    assert.equal(csv, '/commitments.csv?member=KEN&theme=Open+Data&sort=title');
    const response = await page.request.get(csv ?? '');
    assert.equal(response.status(), 200);
    assert.equal((await response.text()).trim().split('\n').length, 32, 'a header and 31 rows');
    assert.ok(await page.getByRole('link', { name: 'Download as JSON' }).isVisible());

    // A shared address shows the same thing.
    const shared = page.url();
    await page.goto(shared);
    assert.deepEqual(await results(page), ['KE0034', 'KE0035', 'KE0036', 'KE0037', 'KE0038', 'KE0039']);

    // Opening a result.
    await page.getByRole('link', { name: 'Open data on county budgets 39' }).click();
    await page.waitForURL('**/commitments/KE0039');
    await page.getByRole('heading', { name: 'Open data on county budgets 39', level: 1 }).waitFor();
  }

  it('finds, filters, sorts, pages, downloads and opens commitments with JavaScript', async () => {
    const { page, cspErrors } = await newPage();
    await journey(page, true);
    assert.deepEqual(cspErrors, []);
  });

  it('does all of it without JavaScript', async () => {
    const { page } = await newPage({ javaScriptEnabled: false });
    await page.goto('/commitments');
    assert.equal(await page.locator('body.js-enabled').count(), 0);
    await journey(page, false);
  });
});
