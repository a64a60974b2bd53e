import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { signIn, useBrowserSession } from '../support/browser.ts';
import { createActionPlan, createCommitment } from '../support/commitment-factories.ts';
import { createMember, createOrganisation, createUser } from '../support/factories.ts';

const CONTACT_EMAIL = 'besa.contact@example.org';
const CONTACT_PASSWORD = 'point of contact passphrase';
const PLAN_URL = '/plans/AP_BRW02';

describe('a point of contact adds and edits a commitment in a real browser', () => {
  const session = useBrowserSession();
  const { newPage, expectAccessible } = session;

  before(async () => {
    const { db } = session.served.app.ctx;
    const member = await createMember(db, { name: 'Republic of Browseria', memberType: 'national', countryCode: 'BW' });
    const plan = await createActionPlan(db, { member_id: member.id, number: 2, ogp_id: 'AP_BRW02', start_date: '2021-01-01', end_date: '2022-12-31' });
    await createCommitment(db, { plan_id: plan.id, ogp_id: 'BW0012', number: '1', title: 'Open the national budget' });
    await createOrganisation(db, { name: 'Ministry of Finance', orgType: 'government_agency' });
    await createOrganisation(db, { name: 'Ministry of Justice', orgType: 'government_agency' });
    await createOrganisation(db, { name: 'Budget Watch Browseria' });
    await createUser(db, { email: CONTACT_EMAIL, displayName: 'Besa Contact', password: CONTACT_PASSWORD, roles: [{ role: 'government_poc', memberId: member.id }] });
  });

  const section = (page: Page, role: 'lead' | 'supporting') => page.locator(`#${role}-institutions`);
  const summaryLinks = (page: Page) => page.locator('.govuk-error-summary').getByRole('link').evaluateAll((links) => links.map((l) => l.getAttribute('href')));

  it('adds a commitment (a mistake first), edits it, and finds it on the plan page and in the explorer', async () => {
    const { context, page, cspErrors } = await newPage();
    try {
      await signIn(page, CONTACT_EMAIL, CONTACT_PASSWORD);
      await page.goto(PLAN_URL);
      await expectAccessible(page, 'plan page as its point of contact');
      await page.getByRole('button', { name: 'Add a commitment' }).click();
      await page.waitForURL(`**${PLAN_URL}/commitments/new`);
      await page.getByRole('heading', { name: 'Add a commitment', level: 1 }).waitFor();
      await page.getByText('such as BW0013').waitFor();
      assert.equal(await page.getByLabel('Commitment number').inputValue(), '2');
      await expectAccessible(page, 'new commitment form');

      // A mistake: no title, and an end before the start.
      await page.getByLabel('Short title (optional)').fill('Open procurement');
      await page.getByLabel('Start date (optional)').fill('2021-06-01');
      await page.getByLabel('End date (optional)').fill('2021-05-01');
      await page.getByRole('button', { name: 'Add commitment' }).click();
      await page.locator('.govuk-error-summary').waitFor();
      assert.match(await page.title(), /^Error: Add a commitment/);
      assert.deepEqual(await summaryLinks(page), ['#title', '#endDate']);
      assert.equal(await page.getByLabel('Short title (optional)').inputValue(), 'Open procurement');
      await expectAccessible(page, 'new commitment form with errors');
      await page.locator('.govuk-error-summary').getByRole('link', { name: 'Enter the commitment’s title' }).click();
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'title');
      await expectAccessible(page, 'new commitment form after following an error link');

      await page.getByLabel('Title', { exact: true }).fill('Publish every public contract as quokkadata');
      await page.getByLabel('End date (optional)').fill('2022-06-30');
      await page.getByRole('group', { name: /Which OGP values/ }).getByLabel('Access to information').check();
      await page.getByRole('group', { name: 'Policy areas (optional)' }).getByLabel('Open Contracting', { exact: true }).check();

      // The lead institution: searched for, then ticked; the search keeps everything typed so far.
      await section(page, 'lead').getByLabel('Find a lead institution by name').fill('ministry');
      await section(page, 'lead').getByRole('button', { name: 'Find organisations' }).click();
      await page.waitForURL(`**${PLAN_URL}/commitments/new#lead-institutions`);
      await section(page, 'lead').getByText('Organisations whose name contains “ministry” are listed below').waitFor();
      assert.equal(await page.getByLabel('Title', { exact: true }).inputValue(), 'Publish every public contract as quokkadata');
      assert.equal(await page.getByRole('group', { name: 'Policy areas (optional)' }).getByLabel('Open Contracting', { exact: true }).isChecked(), true);
      await expectAccessible(page, 'new commitment form with organisations found');
      await section(page, 'lead').getByLabel('Ministry of Finance').check();
      await page.getByRole('button', { name: 'Add commitment' }).click();

      await page.waitForURL('**/commitments/BW0013?done=created');
      await page.getByText('The commitment has been added to the action plan.').waitFor();
      await page.getByRole('heading', { name: 'Publish every public contract as quokkadata', level: 1 }).waitFor();
      await page.locator('dl').getByRole('link', { name: 'Ministry of Finance' }).waitFor();
      await page.locator('#change-history + table').getByText('Commitment added: BW0013').waitFor();
      await expectAccessible(page, 'new commitment’s page');

      await page.getByRole('button', { name: 'Edit this commitment' }).click();
      await page.waitForURL('**/commitments/BW0013/edit');
      await page.getByRole('heading', { name: 'Edit commitment BW0013', level: 1 }).waitFor();
      assert.equal(await section(page, 'lead').getByLabel('Ministry of Finance').isChecked(), true);
      await expectAccessible(page, 'edit commitment form');
      await page.getByLabel('Title', { exact: true }).fill('Publish every public contract as open quokkadata');
      await section(page, 'supporting').getByLabel('Find a supporting institution by name').fill('watch');
      await section(page, 'supporting').getByRole('button', { name: 'Find organisations' }).click();
      await page.waitForURL('**/commitments/BW0013/edit#supporting-institutions');
      await section(page, 'supporting').getByLabel('Budget Watch Browseria').check();
      await expectAccessible(page, 'edit commitment form with an organisation ticked');
      await page.getByRole('button', { name: 'Save' }).click();

      await page.waitForURL('**/commitments/BW0013?done=updated');
      await page.getByText('The commitment has been saved.').waitFor();
      await page.locator('dl').getByRole('link', { name: 'Budget Watch Browseria' }).waitFor();
      await page.locator('#change-history + table').getByText('Commitment updated').waitFor();
      await expectAccessible(page, 'commitment page after the edit');

      await page.goto(PLAN_URL);
      await page.locator('[data-commitment="BW0013"]').getByRole('link', { name: 'Open procurement' }).waitFor();
      await expectAccessible(page, 'plan page with the new commitment');
      await page.goto('/commitments?q=quokkadata');
      await page.locator('[data-ogp-id="BW0013"]').getByRole('link', { name: 'Publish every public contract as open quokkadata' }).waitFor();
      assert.equal(await page.locator('[data-ogp-id]').count(), 1);
      await expectAccessible(page, 'explorer search finding the new commitment');
      assert.deepEqual(cspErrors, []);
    } finally {
      await context.close();
    }
  });

  it('works without JavaScript: the organisation search posts the form back and the pick is saved', async () => {
    const { context, page, cspErrors } = await newPage({ javaScriptEnabled: false });
    try {
      await signIn(page, CONTACT_EMAIL, CONTACT_PASSWORD);
      await page.goto('/commitments/BW0012/edit');
      await section(page, 'lead').getByLabel('Find a lead institution by name').fill('justice');
      // Enter in the search box runs the search, as the form's first button does.
      await section(page, 'lead').getByLabel('Find a lead institution by name').press('Enter');
      await page.waitForURL('**/commitments/BW0012/edit#lead-institutions');
      await section(page, 'lead').getByLabel('Ministry of Justice').check();
      await page.getByRole('button', { name: 'Save' }).click();
      await page.waitForURL('**/commitments/BW0012?done=updated');
      await page.locator('dl').getByRole('link', { name: 'Ministry of Justice' }).waitFor();
      assert.deepEqual(cspErrors, []);
    } finally {
      await context.close();
    }
  });
});
