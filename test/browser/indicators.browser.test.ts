import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { signIn, useBrowserSession } from '../support/browser.ts';
import { createUser } from '../support/factories.ts';
import { addTarget, createCivilSocietyOrganisation, createEngagement, loadDefaultPlan } from '../support/indicators-factories.ts';

const ADMIN_EMAIL = 'indicators.admin@example.org';
const ADMIN_PASSWORD = 'support unit indicators passphrase';

describe('the indicators dashboard in a real browser', () => {
  const session = useBrowserSession();
  const { newPage, expectAccessible } = session;

  before(async () => {
    const { db } = session.served.app.ctx;
    // As on a first start: the platform's own strategy, then some commitments data and targets to measure against.
    await loadDefaultPlan(db);
    const watch = await createCivilSocietyOrganisation(db, 'Budget Watch');
    const lab = await createCivilSocietyOrganisation(db, 'Civic Lab');
    await createEngagement(db, { planStart: '2015-09-01', planEnd: '2017-08-31', named: [{ organisation: watch }, { organisation: lab, role: 'lead' }] });
    await addTarget(db, '3.1.1', { start: '2016-01-01', end: '2016-12-31', numberOfUnits: 4 });
    await addTarget(db, '1.4.1', { start: '2016-01-01', end: '2016-12-31', numberOfUnits: 10 });
    await createUser(db, { email: ADMIN_EMAIL, displayName: 'Indicators Admin', password: ADMIN_PASSWORD, roles: ['support_unit'] });
  });

  it('shows all 15 indicators in honest states, charts beside tables, for any period, with zero axe violations', async () => {
    const { context, page, cspErrors } = await newPage();
    try {
      await page.goto('/');
      await page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Indicators' }).click();
      await page.waitForURL('**/indicators');
      await page.getByRole('heading', { name: 'Performance indicators', level: 1 }).waitFor();
      await page.getByText('15 indicators: 1 computed from the platform\'s data, 3 recorded by hand, 11 with no data source yet.').waitFor();
      assert.equal(await page.locator('section.ogp-indicator').count(), 15);
      assert.equal(await page.locator('[data-source="pending"]').getByText('No data source yet').count(), 11);
      assert.equal(await page.locator('[data-source="manual"]').count(), 3);
      // The computed indicator: a chart that is one named image, and its table with the same numbers.
      const computed = page.locator('section#ogp-indicator-3-1-1');
      await computed.getByRole('img', { name: /Targets and actuals of indicator 3\.1\.1/ }).waitFor();
      const row2016 = computed.getByRole('row', { name: /^2016 / });
      assert.equal(await row2016.locator('[data-actual]').innerText(), '2');
      assert.equal(await row2016.locator('[data-status]').innerText(), 'Behind');
      await expectAccessible(page, 'the indicators dashboard');

      await page.getByLabel('From', { exact: true }).fill('2015-07-01');
      await page.getByLabel('To', { exact: true }).fill('2017-06-30');
      await page.getByLabel('The whole range as one period').check();
      await page.getByRole('button', { name: 'Show these periods' }).click();
      await page.waitForURL('**/indicators?from=2015-07-01&to=2017-06-30&by=range');
      await page.getByText('Showing: 1 July 2015 – 30 June 2017.').waitFor();
      assert.equal(await computed.getByRole('row', { name: /^1 July 2015 – 30 June 2017 / }).locator('[data-actual]').innerText(), '2');
      assert.match((await page.getByRole('link', { name: 'Targets and actuals as CSV' }).getAttribute('href')) ?? '', /from=2015-07-01&to=2017-06-30&by=range$/);
      await expectAccessible(page, 'the dashboard for a chosen range');

      await page.getByLabel('From', { exact: true }).fill('2018-01-01');
      await page.getByLabel('To', { exact: true }).fill('2017-01-01');
      await page.getByRole('button', { name: 'Show these periods' }).click();
      const summary = page.locator('.govuk-error-summary');
      await summary.getByRole('link', { name: 'The last day must be the same as or after the first day' }).waitFor();
      assert.equal(await page.getByLabel('From', { exact: true }).inputValue(), '2018-01-01', 'what was typed is kept');
      await expectAccessible(page, 'the dashboard refusing a reversed range');
      await summary.getByRole('link', { name: 'The last day must be the same as or after the first day' }).click();
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'to', 'the summary link moves focus to the field');

      await page.getByRole('link', { name: 'Back to the plan\'s years' }).click();
      await page.getByText('Showing: 2015, 2016, 2017, 2018.').waitFor();
      await page.locator('section#ogp-indicator-1-3-1').getByRole('link', { name: /^Details and change history/ }).click();
      await page.getByRole('heading', { name: /^Number of countries that send high level government officials/, level: 1 }).waitFor();
      await expectAccessible(page, 'a pending indicator\'s page');
      assert.deepEqual(cspErrors, []);
    } finally {
      await context.close();
    }
  });

  it('lets the Support Unit record an actual by hand, with an error first, audited, with zero axe violations', async () => {
    const { context, page, cspErrors } = await newPage();
    try {
      await signIn(page, ADMIN_EMAIL, ADMIN_PASSWORD);
      await page.goto('/indicators');
      const manual = page.locator('section#ogp-indicator-1-4-1');
      await manual.getByRole('link', { name: 'Record the actual for 2016' }).click();
      await page.getByRole('heading', { name: 'Record an actual for indicator 1.4.1', level: 1 }).waitFor();
      assert.equal(await page.getByLabel('Start of the period').inputValue(), '2016-01-01');
      assert.equal(await page.getByLabel('End of the period').inputValue(), '2016-12-31');
      await expectAccessible(page, 'the record form');

      await page.getByLabel('Value').fill('about a dozen');
      await page.getByLabel('Source web address (optional)').fill('press archive');
      await page.getByRole('button', { name: 'Save the actual' }).click();
      const summary = page.locator('.govuk-error-summary');
      await summary.getByRole('link', { name: 'Enter a number, such as 1500 or 1,500' }).waitFor();
      await summary.getByRole('link', { name: 'Enter a web address starting with http:// or https://' }).waitFor();
      assert.equal(await page.getByLabel('Value').inputValue(), 'about a dozen', 'what was typed is kept');
      await expectAccessible(page, 'the record form with errors');

      await page.getByLabel('Value').fill('12');
      await page.getByLabel('Note (optional)').fill('Counted from the press cuttings service.');
      await page.getByLabel('Source web address (optional)').fill('https://example.org/press/2016');
      await page.getByRole('button', { name: 'Save the actual' }).click();
      await page.waitForURL('**/indicators/ogp-indicator-1-4-1?done=recorded#recorded-actuals');
      await page.getByText('The actual has been saved.').waitFor();
      const recorded = page.locator('#recorded-table');
      await recorded.getByRole('row', { name: /^2016 12 Counted from the press cuttings service\./ }).waitFor();
      await recorded.getByText('Indicators Admin').waitFor();
      await page.locator('#change-history + table').getByText('Actual recorded for 2016-01-01 to 2016-12-31: 12').waitFor();
      await expectAccessible(page, 'the indicator with its recorded actual');

      await page.goto('/indicators');
      const row2016 = manual.getByRole('row', { name: /^2016 / });
      assert.equal(await row2016.locator('[data-actual]').innerText(), '12');
      assert.equal(await row2016.locator('[data-status]').innerText(), 'Ahead');
      await expectAccessible(page, 'the dashboard with the recorded actual');
      assert.deepEqual(cspErrors, []);
    } finally {
      await context.close();
    }
  });
});
