import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { addDays, todayIso } from '../../src/modules/members/iso-dates.ts';
import { signIn, useBrowserSession } from '../support/browser.ts';
import { createActionPlan, createCommitment } from '../support/commitment-factories.ts';
import { createMember, createOrganisation, createUser } from '../support/factories.ts';

const SUPPORT_EMAIL = 'plans.support@example.org';
const SUPPORT_PASSWORD = 'support unit long passphrase';
const POC_EMAIL = 'plans.poc@example.org';
const POC_PASSWORD = 'point of contact passphrase';
const PARTICIPANT_EMAIL = 'plans.participant@example.org';
const PARTICIPANT_PASSWORD = 'participant long passphrase';
const PARTICIPANT_NAME = 'Amani Participant';

describe('members, action plans and self-assessments in a real browser', () => {
  const session = useBrowserSession();
  const { newPage, expectAccessible } = session;

  before(async () => {
    const { db } = session.served.app.ctx;
    const kenya = await createMember(db, { name: 'Republic of Kenya', ogpCode: 'KEN', region: 'Africa and the Middle East', joinedOn: '2011-09-20' });
    await createMember(db, { name: 'Kingdom of Spain', ogpCode: 'ESP', region: 'Europe' });
    // An earlier plan with commitments, so the member page has something to summarise.
    const earlier = await createActionPlan(db, { member_id: kenya.id, ogp_id: 'AP_KEN01', number: 1, title: 'First National Action Plan', status: 'completed' });
    await createCommitment(db, { plan_id: earlier.id, ogp_id: 'KE0001', number: '1', title: 'Open budget portal', implementation_status: 'complete', progress_percent: 100 });
    await createCommitment(db, { plan_id: earlier.id, ogp_id: 'KE0002', number: '2', title: 'Beneficial ownership register', implementation_status: 'limited', progress_percent: 40 });
    await createOrganisation(db, { name: 'Ministry of Information, Communications and Technology', orgType: 'government_agency', country: 'Kenya' });
    await createUser(db, { email: SUPPORT_EMAIL, displayName: 'Sana Support', password: SUPPORT_PASSWORD, roles: ['support_unit'] });
    await createUser(db, { email: POC_EMAIL, displayName: 'Pendo Contact', password: POC_PASSWORD, roles: [{ role: 'government_poc', memberId: kenya.id }] });
    await createUser(db, { email: PARTICIPANT_EMAIL, displayName: PARTICIPANT_NAME, password: PARTICIPANT_PASSWORD });
  });

  const errorSummary = (page: Page) => page.locator('.govuk-error-summary');
  const summaryValue = (page: Page, key: string) => page.locator('.govuk-summary-list__row').filter({ has: page.locator('dt', { hasText: key }) }).locator('dd');

  it('lets anyone filter the registry by region and read a member\'s page', async () => {
    const { page, cspErrors } = await newPage();
    await page.goto('/members');
    await page.getByLabel('Region', { exact: true }).selectOption({ label: 'Europe' });
    await page.getByRole('button', { name: 'Search' }).click();
    await page.waitForURL('**/members?*region=Europe*');
    await page.getByRole('heading', { name: '1 member' }).waitFor();
    assert.deepEqual(await page.locator('table.govuk-table tbody tr td:first-child').allInnerTexts(), ['Kingdom of Spain']);
    await expectAccessible(page, 'members filtered by region');

    await page.goto('/members/republic-of-kenya');
    assert.equal((await summaryValue(page, 'OGP code').innerText()).trim(), 'KEN');
    assert.equal((await summaryValue(page, 'Region').innerText()).trim(), 'Africa and the Middle East');
    await page.locator('#plans-table').getByRole('link', { name: 'First National Action Plan' }).waitFor();
    await page.getByText('Average progress: 70%').waitFor();
    await expectAccessible(page, 'member page with its plans and progress');
    assert.deepEqual(cspErrors, []);
  });

  it('lets the Support Unit change the status, add a plan and publish a self-assessment', async () => {
    const { page, cspErrors } = await newPage();
    await signIn(page, SUPPORT_EMAIL, SUPPORT_PASSWORD);

    // ---- Status ----
    await page.goto('/members/republic-of-kenya');
    await page.getByRole('button', { name: 'Change the status' }).click();
    await page.waitForURL('**/members/republic-of-kenya/status');
    await expectAccessible(page, 'status form');
    await page.getByRole('button', { name: 'Record the change' }).click();
    await errorSummary(page).waitFor();
    assert.deepEqual(await errorSummary(page).getByRole('link').evaluateAll((links) => links.map((a) => a.getAttribute('href'))), ['#status', '#reason']);
    await expectAccessible(page, 'status form with errors');
    await page.getByLabel('Under procedural review').check();
    await page.getByLabel('Date it took effect').fill(addDays(todayIso(), -3));
    await page.getByLabel('Reason').fill('Acted contrary to process for two consecutive action plan cycles.');
    await page.getByRole('button', { name: 'Record the change' }).click();
    await page.waitForURL('**/members/republic-of-kenya#status');
    await page.locator('#status-history').getByText('Acted contrary to process for two consecutive action plan cycles.').waitFor();
    assert.equal((await summaryValue(page, 'Status').innerText()).trim(), 'Under procedural review');
    await expectAccessible(page, 'member page after the status change');

    // ---- A new plan ----
    await page.getByRole('button', { name: 'Add an action plan' }).click();
    await page.waitForURL('**/members/republic-of-kenya/plans/new');
    assert.equal(await page.getByLabel('Plan number').inputValue(), '2');
    await expectAccessible(page, 'new plan form');
    await page.getByLabel('Title (optional)').fill('Second National Action Plan');
    await page.getByLabel('Start date (optional)').fill('2026-01-01');
    await page.getByLabel('End date (optional)').fill('2025-12-31');
    await page.getByRole('button', { name: 'Add action plan' }).click();
    await errorSummary(page).getByRole('link', { name: 'The end date must be after the start date' }).waitFor();
    assert.equal(await page.getByLabel('Title (optional)').inputValue(), 'Second National Action Plan');
    await expectAccessible(page, 'new plan form with an error');
    await page.getByLabel('End date (optional)').fill('2027-12-31');
    await page.getByLabel('Implementation').check();
    await page.getByRole('button', { name: 'Add action plan' }).click();
    await page.waitForURL('**/plans/AP_KEN02');
    await page.getByRole('heading', { name: 'Second National Action Plan', level: 1 }).waitFor();
    await expectAccessible(page, 'new plan page');

    // ---- Its mid-term self-assessment ----
    await page.getByRole('button', { name: 'Publish a self-assessment' }).click();
    await page.waitForURL('**/plans/AP_KEN02/self-assessments/new');
    assert.equal(await page.getByLabel('Last day for comments').inputValue(), addDays(todayIso(), 13));
    await expectAccessible(page, 'self-assessment form');
    await page.getByLabel('Mid-term self-assessment').check();
    await page.getByLabel('The self-assessment').fill('Five of eight commitments are on track.');
    await page.getByLabel('Link to the document (optional)').fill('https://example.org/ken-mid-term.pdf');
    await page.getByRole('button', { name: 'Publish', exact: true }).click();
    await page.waitForURL('**/plans/AP_KEN02#self-assessments');
    await page.getByRole('heading', { name: 'Mid-term self-assessment', level: 3 }).waitFor();
    await page.locator('.ogp-prose').getByText('Five of eight commitments are on track.').waitFor();
    await expectAccessible(page, 'plan page with its self-assessment');
    assert.deepEqual(cspErrors, []);
  });

  it('lets the member\'s point of contact choose the lead agency', async () => {
    const { page, cspErrors } = await newPage();
    await signIn(page, POC_EMAIL, POC_PASSWORD);
    await page.goto('/members/republic-of-kenya');
    await page.getByRole('button', { name: 'Choose the lead agency' }).click();
    await page.getByRole('searchbox', { name: 'Find an organisation' }).fill('communications');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.waitForURL('**/lead-agency?q=communications');
    await expectAccessible(page, 'lead agency search results');
    await page.getByLabel('Ministry of Information, Communications and Technology').check();
    await page.getByRole('button', { name: 'Make this the lead agency' }).click();
    await page.waitForURL('**/members/republic-of-kenya#lead-agency');
    await page.locator('#lead-agency + p').getByRole('link', { name: 'Ministry of Information, Communications and Technology' }).waitFor();
    await expectAccessible(page, 'member page with its lead agency');
    assert.deepEqual(cspErrors, []);
  });

  it('lets a participant comment on the self-assessment while comments are open', async () => {
    const { page, cspErrors } = await newPage();
    await page.goto('/plans/AP_KEN02');
    await page.getByRole('link', { name: 'Sign in to comment' }).waitFor();
    await signIn(page, PARTICIPANT_EMAIL, PARTICIPANT_PASSWORD);
    await page.goto('/plans/AP_KEN02');
    await page.getByRole('button', { name: 'Publish comment' }).click();
    await errorSummary(page).getByRole('link', { name: 'Enter your comment' }).waitFor();
    await expectAccessible(page, 'plan page with a comment error');
    await page.getByLabel('Your comment').fill('Please publish the procurement data behind commitment 3.');
    await page.getByRole('button', { name: 'Publish comment' }).click();
    await page.waitForURL('**/plans/AP_KEN02#comments-mid_term');
    await page.getByRole('heading', { name: '1 comment' }).waitFor();
    const comments = page.locator('.ogp-comments');
    await comments.getByText(PARTICIPANT_NAME).waitFor();
    await comments.getByText('Please publish the procurement data behind commitment 3.').waitFor();
    await expectAccessible(page, 'plan page with a comment');
    assert.deepEqual(cspErrors, []);
  });
});
