import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { signIn, useBrowserSession } from '../support/browser.ts';
import { createUser } from '../support/factories.ts';

const ADMIN_EMAIL = 'admin@example.org';
const ADMIN_PASSWORD = 'support unit long passphrase';
const PARTICIPANT_EMAIL = 'rosa.participant@example.org';
const PARTICIPANT_NAME = 'Rosa Participant';

describe('Support Unit administration journey in a real browser', () => {
  // No SMTP server: the platform keeps every message in its outbox instead of sending it.
  const session = useBrowserSession();
  // Plain functions, safe to take apart; `served` stays a getter, as it exists only once the before hook has run.
  const { newPage, expectAccessible } = session;
  let participantId: string;

  before(async () => {
    const { db } = session.served.app.ctx;
    await createUser(db, { email: ADMIN_EMAIL, displayName: 'Ada Admin', password: ADMIN_PASSWORD, roles: ['support_unit'] });
    participantId = (await createUser(db, { email: PARTICIPANT_EMAIL, displayName: PARTICIPANT_NAME })).id;
    // Someone else, so the search has something to leave out.
    await createUser(db, { email: 'someone.else@example.org', displayName: 'Someone Else' });
  });

  const signInAsAdmin = (page: Page): Promise<void> => signIn(page, ADMIN_EMAIL, ADMIN_PASSWORD);

  const banner = (page: Page) => page.locator('.govuk-notification-banner');
  const errorSummary = (page: Page) => page.locator('.govuk-error-summary');
  const grantRows = (page: Page) => page.locator('table[aria-labelledby="roles-heading"] tbody tr');

  it('sends a visitor who is not signed in to the sign-in page', async () => {
    const { context, page } = await newPage();
    try {
      await page.goto('/admin/users');
      await page.waitForURL('**/sign-in?next=%2Fadmin%2Fusers');
      await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    } finally {
      await context.close();
    }
  });

  it('finds a user, grants and revokes roles, reads the audit log and the outbox, with zero axe violations', async () => {
    const { context, page, cspErrors } = await newPage();
    try {
      await signInAsAdmin(page);
      await page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Administration' }).click();
      await page.waitForURL('**/admin');
      await page.getByRole('heading', { name: 'Administration', level: 1 }).waitFor();
      await expectAccessible(page, 'administration home');

      // ---- Users: search, open, grant ----
      await page.getByRole('link', { name: 'Users and roles' }).click();
      await page.waitForURL('**/admin/users');
      await page.getByRole('heading', { name: 'Users', level: 1 }).waitFor();
      await expectAccessible(page, 'users list');

      await page.getByLabel('Search by name or email address').fill(PARTICIPANT_EMAIL);
      await page.getByRole('button', { name: 'Search' }).click();
      await page.waitForURL('**/admin/users?q=*');
      await page.getByText('Accounts found: 1').waitFor();
      assert.equal(await page.getByRole('link', { name: 'Someone Else' }).count(), 0);
      assert.equal(await page.getByLabel('Search by name or email address').inputValue(), PARTICIPANT_EMAIL);
      await expectAccessible(page, 'users search results');

      await page.getByRole('link', { name: PARTICIPANT_NAME }).click();
      await page.waitForURL(`**/admin/users/${participantId}`);
      await page.getByRole('heading', { name: PARTICIPANT_NAME, level: 1 }).waitFor();
      await page.getByText('This account has no roles beyond participant.').waitFor();
      await expectAccessible(page, 'user page');

      await page.getByLabel('Role', { exact: true }).selectOption({ label: 'IRM researcher' });
      await page.getByRole('button', { name: 'Grant role' }).click();
      await page.waitForURL(`**/admin/users/${participantId}?done=granted`);
      await banner(page).getByText('The role has been granted.').waitFor();
      assert.deepEqual(await grantRows(page).locator('td:first-child').allInnerTexts(), ['IRM researcher']);
      await expectAccessible(page, 'user page after granting IRM researcher');

      // Granting the same role twice is an error beside the role, not a crash.
      await page.getByLabel('Role', { exact: true }).selectOption({ label: 'IRM researcher' });
      await page.getByRole('button', { name: 'Grant role' }).click();
      await errorSummary(page).getByRole('link', { name: 'This account already has that role' }).waitFor();
      await expectAccessible(page, 'user page after granting a role twice');

      // A government point of contact needs the OGP member they represent.
      await page.getByLabel('Role', { exact: true }).selectOption({ label: 'Government point of contact' });
      await page.getByRole('button', { name: 'Grant role' }).click();
      const memberError = errorSummary(page).getByRole('link', { name: 'Select the OGP member this government point of contact represents' });
      await memberError.waitFor();
      assert.equal(await memberError.getAttribute('href'), '#memberId');
      assert.match(await page.title(), /^Error: /);
      // The choice made is kept.
      assert.equal(await page.getByLabel('Role', { exact: true }).inputValue(), 'government_poc');
      await expectAccessible(page, 'user page with the member error');
      await memberError.click();
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'memberId');
      await expectAccessible(page, 'user page after following the member error link');

      // ---- A member, added through its own form ----
      await page.goto('/members');
      await page.getByRole('button', { name: 'Add a member' }).click();
      await page.waitForURL('**/members/new');
      await expectAccessible(page, 'add a member');
      await page.getByLabel('Name').fill('Republic of Kenya');
      await page.getByLabel('National').check();
      await page.getByLabel('Country code (optional)').fill('KE');
      await page.getByLabel('Year joined (optional)').fill('2011');
      await page.getByRole('button', { name: 'Add member' }).click();
      await page.waitForURL('**/members/republic-of-kenya');
      await page.getByRole('heading', { name: 'Republic of Kenya', level: 1 }).waitFor();
      await expectAccessible(page, 'new member profile');

      await page.goto(`/admin/users/${participantId}`);
      await page.getByLabel('Role', { exact: true }).selectOption({ label: 'Government point of contact' });
      await page.getByLabel('OGP member').selectOption({ label: 'Republic of Kenya' });
      await page.getByRole('button', { name: 'Grant role' }).click();
      await page.waitForURL(`**/admin/users/${participantId}?done=granted`);
      await banner(page).waitFor();
      const roles = await grantRows(page).evaluateAll((rows) => rows.map((row) => [...row.querySelectorAll('td')].slice(0, 2).map((td) => td.textContent?.trim())));
      assert.deepEqual(roles.sort(), [
        ['Government point of contact', 'Republic of Kenya'],
        ['IRM researcher', 'The whole platform'],
      ]);
      await expectAccessible(page, 'user page after granting government point of contact');

      // The member's profile now names its point of contact.
      await page.goto('/members/republic-of-kenya');
      await page.locator('#contacts + ul').getByText(PARTICIPANT_NAME).waitFor();

      // ---- Revoke ----
      await page.goto(`/admin/users/${participantId}`);
      await page.getByRole('button', { name: 'Revoke IRM researcher' }).click();
      await page.waitForURL(`**/admin/users/${participantId}?done=revoked`);
      await banner(page).getByText('The role has been revoked.').waitFor();
      assert.deepEqual(await grantRows(page).locator('td:first-child').allInnerTexts(), ['Government point of contact']);
      await expectAccessible(page, 'user page after revoking');

      // ---- Audit log ----
      await page.getByRole('link', { name: 'Administration' }).first().click();
      await page.waitForURL('**/admin');
      await page.getByRole('link', { name: 'Audit log' }).click();
      await page.waitForURL('**/admin/audit');
      await page.getByRole('heading', { name: 'Audit log', level: 1 }).waitFor();
      await expectAccessible(page, 'audit log');

      await page.getByLabel('Action').selectOption('role.granted');
      await page.getByRole('button', { name: 'Filter' }).click();
      await page.waitForURL('**/admin/audit?*action=role.granted*');
      // The factory's Support Unit grant (by the platform) and the two made here.
      await page.getByText('Changes found: 3').waitFor();
      const results = page.locator('table[aria-labelledby="results-heading"] tbody tr');
      const summaries = await results.locator('td:nth-child(5)').evaluateAll((cells) => cells.map((cell) => cell.childNodes[0]?.textContent?.trim()));
      assert.deepEqual(summaries.sort(), ['Role granted: Government point of contact', 'Role granted: IRM researcher', 'Role granted: Support Unit']);
      // The summary each was recorded with stays, as a second line.
      await results.filter({ hasText: 'Role granted: IRM researcher' }).getByText('Granted irm_researcher').waitFor();
      assert.equal(await results.filter({ hasText: 'Granted irm_researcher' }).getByRole('link', { name: 'Ada Admin' }).count(), 1);
      assert.equal(await page.getByRole('link', { name: 'Clear filters' }).count(), 1);
      await expectAccessible(page, 'audit log filtered by role.granted');
      await results.filter({ hasText: 'Granted government_poc' }).getByText('Show the values').click();
      await results.filter({ hasText: 'Granted government_poc' }).locator('pre').getByText('"role": "government_poc"').waitFor();
      await expectAccessible(page, 'audit log with an entry opened');

      // An impossible date is a form error, not an empty result.
      await page.getByLabel('From').fill('2026-02-30');
      await page.getByRole('button', { name: 'Filter' }).click();
      await errorSummary(page).locator('a[href="#from"]').waitFor();
      assert.equal(await page.getByLabel('From').inputValue(), '2026-02-30');
      await expectAccessible(page, 'audit log with a date error');

      // ---- Outbox: someone asks for a password reset in another browser ----
      const visitor = await newPage();
      try {
        await visitor.page.goto('/password-reset');
        await visitor.page.getByLabel('Email address').fill(PARTICIPANT_EMAIL);
        await visitor.page.getByRole('button', { name: 'Send link' }).click();
        await visitor.page.waitForURL('**/password-reset/sent');
      } finally {
        await visitor.context.close();
      }

      await page.goto('/admin');
      await page.getByRole('link', { name: 'Email outbox' }).click();
      await page.waitForURL('**/admin/outbox');
      await page.getByRole('heading', { name: 'Email outbox', level: 1 }).waitFor();
      await page.getByText('Email delivery is not set up (there is no SMTP_URL)').first().waitFor();
      const message = page.locator('tbody tr').filter({ hasText: PARTICIPANT_EMAIL });
      await message.getByText('Stored, not sent').waitFor();
      await expectAccessible(page, 'outbox');

      await page.getByLabel('Status').selectOption({ label: 'Stored, not sent' });
      await page.getByRole('button', { name: 'Filter' }).click();
      await page.waitForURL('**/admin/outbox?status=stored');
      await expectAccessible(page, 'outbox filtered by status');

      await message.getByRole('link', { name: 'Reset your OGP Platform password' }).click();
      await page.waitForURL('**/admin/outbox/*');
      await page.getByRole('heading', { name: 'Reset your OGP Platform password', level: 1 }).waitFor();
      const body = await page.locator('pre[aria-labelledby="body-heading"]').innerText();
      const link = /https?:\/\/\S+\/password-reset\/[\w%-]+/.exec(body)?.[0];
      assert.ok(link, `reset link in: ${body}`);
      await expectAccessible(page, 'outbox message');

      // The link read from the outbox is a working one.
      const reader = await newPage();
      try {
        await reader.page.goto(link);
        await reader.page.getByRole('heading', { name: 'Choose a new password' }).waitFor();
      } finally {
        await reader.context.close();
      }
      assert.deepEqual(cspErrors, []);
    } finally {
      await context.close();
    }
  });

  it('shows the administration pages in Spanish with zero axe violations', async () => {
    const { context, page } = await newPage();
    try {
      await signInAsAdmin(page);
      const pages: Array<[string, string]> = [
        ['/admin?lang=es', 'Administración'],
        [`/admin/users?q=${encodeURIComponent(PARTICIPANT_EMAIL)}`, 'Usuarios'],
        [`/admin/users/${participantId}`, PARTICIPANT_NAME],
        ['/admin/audit?action=role.granted', 'Registro de auditoría'],
        ['/admin/outbox', 'Bandeja de salida de correo'],
      ];
      for (const [path, heading] of pages) {
        await page.goto(path);
        await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
        assert.equal(await page.locator('html').getAttribute('lang'), 'es', `language of ${path}`);
        await expectAccessible(page, `${path} in Spanish`);
      }
      // The grant form's errors are translated too.
      await page.goto(`/admin/users/${participantId}`);
      await page.locator('#role').selectOption('government_poc');
      await page.locator('form[action$="/roles"] button[type="submit"]').click();
      await errorSummary(page).locator('a[href="#memberId"]').waitFor();
      assert.notEqual(await errorSummary(page).locator('a[href="#memberId"]').innerText(), 'Select the OGP member this government point of contact represents');
      await expectAccessible(page, 'user page with errors in Spanish');
    } finally {
      await context.close();
    }
  });
});
