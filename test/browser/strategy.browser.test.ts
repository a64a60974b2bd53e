import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { DEFAULT_PLAN_FILE } from '../../src/modules/strategy/default-plan/default-plan.ts';
import { loadPlan } from '../../src/modules/strategy/plan-store.ts';
import { findDefaultPlanId } from '../../src/modules/strategy/strategy.repository.ts';
import { ensureDefaultPlan } from '../../src/modules/strategy/strategy.service.ts';
import { signIn, useBrowserSession } from '../support/browser.ts';
import { createUser } from '../support/factories.ts';
import { samplePath } from '../support/strategy-factories.ts';

const ADMIN_EMAIL = 'strategy.admin@example.org';
const ADMIN_PASSWORD = 'support unit strategy passphrase';
const PLAN_NAME = 'Open Government Partnership: Four Year Strategy 2015-2018';

describe('strategy pages in a real browser', () => {
  const session = useBrowserSession();
  const { newPage, expectAccessible } = session;
  let planId = '';

  before(async () => {
    const { db } = session.served.app.ctx;
    // As on a first start: the platform's own strategy, loaded from the file that ships with the code.
    await ensureDefaultPlan({ db }, DEFAULT_PLAN_FILE);
    planId = (await findDefaultPlanId(db)) ?? '';
    assert.ok(planId);
    await createUser(db, { email: ADMIN_EMAIL, displayName: 'Strategy Admin', password: ADMIN_PASSWORD, roles: ['support_unit'] });
  });

  it('shows the platform\'s strategy, its goals and objectives to anyone, printable, with zero axe violations', async () => {
    const { context, page, cspErrors } = await newPage();
    try {
      await page.goto('/');
      await page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Strategy' }).click();
      await page.waitForURL('**/strategy');
      await page.getByRole('heading', { name: PLAN_NAME, level: 1 }).waitFor();
      await page.getByText('4 goals, 24 objectives, 15 performance indicators').waitFor();
      await page.getByRole('heading', { name: 'Vision', level: 2 }).waitFor();
      await page.getByRole('heading', { name: 'Values', level: 2 }).waitFor();
      assert.equal(await page.locator('section.ogp-goal').count(), 4);
      // 1.5.1 is shown inside 1.5's entry, one level down.
      const nested = page.locator('.ogp-objective-tree > li:has(> a:text-matches("^1\\\\.5 ")) > .ogp-objective-tree > li > a');
      assert.deepEqual(
        (await nested.allInnerTexts()).map((text) => text.split(' ')[0]),
        ['1.5.1', '1.5.2', '1.5.3'],
      );
      await expectAccessible(page, 'the platform\'s strategy');

      // On paper the navigation and download links give way to the plan itself.
      await page.emulateMedia({ media: 'print' });
      assert.equal(await page.getByRole('navigation', { name: 'Menu' }).isVisible(), false);
      assert.equal(await page.getByRole('link', { name: 'StratML Part 1 (strategic plan)' }).isVisible(), false);
      assert.equal(await page.getByRole('heading', { name: PLAN_NAME, level: 1 }).isVisible(), true);
      await page.emulateMedia({ media: 'screen' });

      await page.getByRole('link', { name: /^1 Commitment$/ }).click();
      await page.waitForURL(`**/strategy/plans/${planId}/goals/*`);
      await page.getByRole('heading', { name: 'Commitment', level: 1 }).waitFor();
      await page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link', { name: PLAN_NAME }).waitFor();
      await expectAccessible(page, 'a goal page');

      await page.getByRole('link', { name: /^1\.3 Events & Achievements$/ }).click();
      await page.waitForURL(`**/strategy/plans/${planId}/objectives/*`);
      await page.getByRole('heading', { name: 'Events & Achievements', level: 1 }).waitFor();
      await page.getByText('Indicator 1.3.1').waitFor();
      await page.getByText('Indicator 1.3.2').waitFor();
      await expectAccessible(page, 'an objective page');

      await page.goto(`/strategy/plans/${planId}`);
      await page.getByRole('link', { name: /^1\.5\.1 / }).click();
      await page.waitForURL(`**/strategy/plans/${planId}/objectives/*`);
      // Breadcrumbs lead back through the goal and objective 1.5.
      const crumbs = page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link');
      assert.deepEqual((await crumbs.allInnerTexts()).slice(-2), ['1 Commitment', '1.5 New Actors & Innovations']);
      await expectAccessible(page, 'a nested objective page');
      assert.deepEqual(cspErrors, []);
    } finally {
      await context.close();
    }
  });

  it('lets the Support Unit correct an indicator\'s targets, with an error first, zero axe violations', async () => {
    const { context, page, cspErrors } = await newPage();
    try {
      await signIn(page, ADMIN_EMAIL, ADMIN_PASSWORD);
      await page.goto(`/strategy/plans/${planId}`);
      await page.getByRole('button', { name: 'Edit this plan' }).click();
      await page.getByRole('heading', { name: 'Edit the plan', level: 1 }).waitFor();
      await expectAccessible(page, 'the plan edit form');
      await page.getByLabel('Name', { exact: true }).fill('');
      await page.getByRole('button', { name: 'Save' }).click();
      await page.locator('.govuk-error-summary').getByRole('link', { name: 'Enter a name' }).waitFor();
      await expectAccessible(page, 'the plan edit form with an error');
      await page.locator('.govuk-error-summary').getByRole('link', { name: 'Enter a name' }).click();
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'name', 'the summary link moves focus to the field');
      await page.getByLabel('Name', { exact: true }).fill(`${PLAN_NAME} (revised)`);
      await page.getByRole('button', { name: 'Save' }).click();
      await page.getByRole('heading', { name: `${PLAN_NAME} (revised)`, level: 1 }).waitFor();
      await page.locator('#change-history + table').getByText('Strategic plan updated').waitFor();
      await expectAccessible(page, 'the plan page after an edit');

      const plan = await loadPlan(session.served.app.ctx.db, planId);
      const objective = plan!.goals[0]!.objectives.find((o) => o.sequenceIndicator === '1.3')!;
      await page.goto(`/strategy/plans/${planId}/objectives/${objective.id}`);
      await page.getByRole('link', { name: /^Edit this indicator, its targets and actuals 1\.3\.2 / }).click();
      await page.getByRole('heading', { name: /^Edit indicator 1\.3\.2 /, level: 1 }).waitFor();
      await page.getByText('No targets or actuals have been recorded.').waitFor();
      await expectAccessible(page, 'the indicator edit form');

      await page.getByRole('button', { name: 'Add a target' }).click();
      await page.getByRole('heading', { name: /^Add a target to 1\.3\.2 /, level: 1 }).waitFor();
      await page.getByLabel('Start date').fill('2016-01-01');
      await page.getByLabel('End date').fill('2015-12-31');
      await page.getByLabel('Number of units (optional)').fill('1,000');
      await page.getByRole('button', { name: 'Save' }).click();
      const summary = page.locator('.govuk-error-summary');
      await summary.getByRole('link', { name: 'The end date must be the same as or after the start date' }).waitFor();
      await summary.getByRole('link', { name: /^Enter a number such as 1500/ }).waitFor();
      assert.equal(await page.getByLabel('Start date').inputValue(), '2016-01-01', 'what was typed is kept');
      await expectAccessible(page, 'the target form with errors');

      await page.getByLabel('End date').fill('2016-12-31');
      await page.getByLabel('Number of units (optional)').fill('250');
      await page.getByRole('button', { name: 'Save' }).click();
      await page.waitForURL('**/edit#results');
      const row = page.locator('.ogp-results-table tbody tr', { has: page.getByRole('rowheader', { name: '2016-01-01 to 2016-12-31' }) });
      await row.getByText('250').waitFor();
      await expectAccessible(page, 'the indicator with its new target');
      assert.deepEqual(cspErrors, []);
    } finally {
      await context.close();
    }
  });

  it('imports an uploaded StratML file, and names the line of a broken one, with zero axe violations', async () => {
    const { context, page, cspErrors } = await newPage();
    try {
      await signIn(page, ADMIN_EMAIL, ADMIN_PASSWORD);
      await page.goto('/strategy/plans');
      await page.getByRole('button', { name: 'Import a StratML plan' }).click();
      await page.getByRole('heading', { name: 'Import a StratML plan', level: 1 }).waitFor();
      await expectAccessible(page, 'the import form');

      await page.getByLabel('StratML file').setInputFiles(samplePath('p1-nonstandard-ns-SampleSportsRecreationCenter-MALFORMED.xml'));
      await page.getByRole('button', { name: 'Import plan' }).click();
      await page.locator('.govuk-error-summary').getByRole('link', { name: /^The file is not well-formed XML: line 5, column 23\./ }).waitFor();
      await expectAccessible(page, 'the import form refusing a malformed file');

      await page.getByLabel('StratML file').setInputFiles(samplePath('p2-report-SMLC2011-prefixed.xml'));
      await page.getByRole('button', { name: 'Import plan' }).click();
      await page.waitForURL('**/import-report');
      await page.getByRole('heading', { name: 'Import report', level: 1 }).waitFor();
      assert.equal(await page.locator('td[data-count="PerformanceIndicator"]').innerText(), '11');
      await expectAccessible(page, 'the import report');

      await page.getByRole('button', { name: 'View the plan' }).click();
      await page.getByRole('heading', { name: '2011 Annual Report', level: 1 }).waitFor();
      await expectAccessible(page, 'the imported plan');
      const objectiveLink = page.locator('.ogp-objective-tree a').first();
      await objectiveLink.click();
      await page.locator('.ogp-results-table').first().waitFor();
      await expectAccessible(page, 'an imported objective with targets and actuals');

      await page.goto('/strategy/plans');
      await page.getByRole('heading', { name: '2 plans' }).waitFor();
      await expectAccessible(page, 'the list of plans');
      assert.deepEqual(cspErrors, []);
    } finally {
      await context.close();
    }
  });
});
