import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { signIn, useBrowserSession } from '../support/browser.ts';
import { createUser } from '../support/factories.ts';

const ADMIN_EMAIL = 'no-js.admin@example.org';
const ADMIN_PASSWORD = 'support unit long passphrase';
const PARTICIPANT_EMAIL = 'no-js.participant@example.org';
const PARTICIPANT_NAME = 'Plain Form Person';

describe('forms that work with JavaScript turned off', () => {
  const session = useBrowserSession();
  // One signed-in page, carried from test to test (the second test's organisation is used by the third).
  // The session closes its context with the browser, so no after hook is needed here.
  let page: Page;
  let participantId: string;

  before(async () => {
    const { db } = session.served.app.ctx;
    await createUser(db, { email: ADMIN_EMAIL, displayName: 'No Script Admin', password: ADMIN_PASSWORD, roles: ['support_unit'] });
    participantId = (await createUser(db, { email: PARTICIPANT_EMAIL, displayName: PARTICIPANT_NAME })).id;
    ({ page } = await session.newPage({ javaScriptEnabled: false }));
    await signIn(page, ADMIN_EMAIL, ADMIN_PASSWORD);
  });

  const errorSummary = () => page.locator('.govuk-error-summary');

  it('really has JavaScript turned off', async () => {
    await page.goto('/organisations/new');
    // govuk-frontend's script would mark the body; without JavaScript it never runs.
    assert.equal(await page.locator('body.js-enabled').count(), 0);
  });

  it('creates an organisation through the plain form, errors included', async () => {
    await page.goto('/organisations/new');
    await page.getByRole('heading', { name: 'Add an organisation', level: 1 }).waitFor();
    await page.getByLabel('Website (optional)').fill('www.example.org');
    await page.getByRole('button', { name: 'Add organisation' }).click();
    await errorSummary().waitFor();
    assert.deepEqual(await errorSummary().getByRole('link').evaluateAll((links) => links.map((a) => a.getAttribute('href'))), ['#name', '#orgType', '#website']);
    assert.equal(await page.getByLabel('Website (optional)').inputValue(), 'www.example.org');
    // The summary's links are plain in-page links, so they work without script too.
    await errorSummary().getByRole('link', { name: "Enter the organisation's name" }).click();
    await page.waitForURL('**#name');

    await page.getByLabel('Name').fill('Plain Forms Alliance');
    await page.getByLabel('Type', { exact: true }).selectOption({ label: 'Media' });
    await page.getByLabel('Website (optional)').fill('https://www.example.org');
    await page.getByRole('button', { name: 'Add organisation' }).click();
    await page.waitForURL('**/organisations/plain-forms-alliance');
    await page.getByRole('heading', { name: 'Plain Forms Alliance', level: 1 }).waitFor();
    await page.locator('#change-history + table').getByText('Organisation created: Plain Forms Alliance').waitFor();
  });

  it('grants and revokes roles through the plain form, errors included', async () => {
    await page.goto(`/admin/users/${participantId}`);
    await page.getByRole('heading', { name: PARTICIPANT_NAME, level: 1 }).waitFor();

    // No role chosen.
    await page.getByRole('button', { name: 'Grant role' }).click();
    await errorSummary().getByRole('link', { name: 'Select a role' }).waitFor();

    // An organisation member needs an organisation; the choice made is kept.
    await page.getByLabel('Role', { exact: true }).selectOption({ label: 'Organisation member' });
    await page.getByRole('button', { name: 'Grant role' }).click();
    const organisationError = errorSummary().getByRole('link', { name: 'Select the organisation this person is a member of' });
    await organisationError.waitFor();
    assert.equal(await organisationError.getAttribute('href'), '#organisationId');
    assert.equal(await page.getByLabel('Role', { exact: true }).inputValue(), 'organisation_member');

    await page.getByLabel('Organisation', { exact: true }).selectOption({ label: 'Plain Forms Alliance' });
    await page.getByRole('button', { name: 'Grant role' }).click();
    await page.waitForURL(`**/admin/users/${participantId}?done=granted`);
    await page.locator('.govuk-notification-banner').getByText('The role has been granted.').waitFor();
    const row = page.locator('table[aria-labelledby="roles-heading"] tbody tr');
    assert.deepEqual(await row.locator('td:nth-child(-n+2)').allInnerTexts(), ['Organisation member', 'Plain Forms Alliance']);

    await page.getByLabel('Role', { exact: true }).selectOption({ label: 'Steering Committee' });
    await page.getByRole('button', { name: 'Grant role' }).click();
    await page.waitForURL(`**/admin/users/${participantId}?done=granted`);
    assert.equal(await row.count(), 2);

    await page.getByRole('button', { name: 'Revoke Steering Committee' }).click();
    await page.waitForURL(`**/admin/users/${participantId}?done=revoked`);
    await page.locator('.govuk-notification-banner').getByText('The role has been revoked.').waitFor();
    assert.deepEqual(await row.locator('td:first-child').allInnerTexts(), ['Organisation member']);

    // The organisation's profile now lists the person.
    await page.goto('/organisations/plain-forms-alliance');
    await page.locator('#people + ul').getByText(PARTICIPANT_NAME).waitFor();
  });
});
