import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { useBrowserSession } from '../support/browser.ts';
import { createUser } from '../support/factories.ts';

const OLD_PASSWORD = 'the original long passphrase';
const NEW_PASSWORD = 'a brand new long passphrase';

describe('password reset journey in a real browser', () => {
  // A real SMTP server: the reset link is read from the message as it was sent.
  const session = useBrowserSession({ smtp: true });
  // Plain functions, safe to take apart; `served` and `smtp` stay getters, as they exist only once the before hook has run.
  const { newPage, expectAccessible } = session;

  // Unlike the shared signIn, this starts on whatever sign-in page is open and does not wait: the old password is refused.
  async function signIn(page: Page, email: string, password: string): Promise<void> {
    await page.getByLabel('Email address').fill(email);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
  }

  it('requests a link by email, chooses a new password and signs in with it, with zero axe violations', async () => {
    const email = 'reset-me@example.org';
    await createUser(session.served.app.ctx.db, { email, displayName: 'Reset Person', password: OLD_PASSWORD });
    const { context, page, cspErrors } = await newPage();
    try {
      await page.goto('/sign-in');
      await expectAccessible(page, 'sign-in');
      await page.getByRole('link', { name: 'Forgotten your password?' }).click();
      await page.waitForURL('**/password-reset');
      await page.getByRole('heading', { name: 'Reset your password' }).waitFor();
      await expectAccessible(page, 'password reset request');

      await page.getByLabel('Email address').fill(email);
      await page.getByRole('button', { name: 'Send link' }).click();
      await page.waitForURL('**/password-reset/sent');
      await page.getByRole('heading', { name: 'Check your email' }).waitFor();
      await expectAccessible(page, 'check your email (reset)');

      const mail = await session.smtp.waitForMessage(email, { timeoutMs: 10_000 });
      assert.match(mail.subject, /Reset your .* password/);
      const link = /https?:\/\/\S+\/password-reset\/[\w%-]+/.exec(mail.text)?.[0];
      assert.ok(link, `reset link in: ${mail.text}`);
      await page.goto(link);
      await page.getByRole('heading', { name: 'Choose a new password' }).waitFor();
      await expectAccessible(page, 'choose a new password');

      // Passwords that do not match are refused, with the summary linking to the confirmation field.
      await page.getByLabel('New password').fill(NEW_PASSWORD);
      await page.getByLabel('Confirm password').fill('something else entirely');
      await page.getByRole('button', { name: 'Save new password' }).click();
      const summary = page.locator('.govuk-error-summary');
      await summary.waitFor();
      assert.match(await page.title(), /^Error: /);
      const summaryLink = summary.getByRole('link', { name: 'The passwords do not match' });
      assert.equal(await summaryLink.getAttribute('href'), '#confirmPassword');
      // Passwords are never sent back into the page.
      assert.equal(await page.getByLabel('New password').inputValue(), '');
      await expectAccessible(page, 'choose a new password with errors');
      await summaryLink.click();
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'confirmPassword');
      await expectAccessible(page, 'choose a new password after following the error link');

      await page.getByLabel('New password').fill(NEW_PASSWORD);
      await page.getByLabel('Confirm password').fill(NEW_PASSWORD);
      await page.getByRole('button', { name: 'Save new password' }).click();
      await page.waitForURL('**/password-reset/complete');
      await page.getByRole('heading', { name: 'Your password has been changed' }).waitFor();
      await expectAccessible(page, 'password changed');

      const notice = await session.smtp.waitForMessage(email, { timeoutMs: 10_000 });
      assert.match(notice.subject, /password has been changed/);

      // The link works once.
      await page.goto(link);
      await page.getByRole('heading', { name: 'This password reset link cannot be used' }).waitFor();
      await expectAccessible(page, 'used reset link');

      await page.goto('/password-reset/complete');
      await page.getByRole('main').getByRole('link', { name: 'Sign in' }).click();
      await page.waitForURL('**/sign-in**');

      // The old password no longer opens the account.
      await signIn(page, email, OLD_PASSWORD);
      const refusal = page.locator('.govuk-error-summary');
      await refusal.waitFor();
      await refusal.getByRole('link', { name: 'Enter a correct email address and password' }).waitFor();
      assert.equal(new URL(page.url()).pathname, '/sign-in');
      await expectAccessible(page, 'sign-in refused with the old password');

      await signIn(page, email, NEW_PASSWORD);
      await page.waitForURL('**/account');
      await page.getByRole('heading', { name: 'Your account' }).waitFor();
      await expectAccessible(page, 'account after signing in with the new password');
      assert.deepEqual(cspErrors, []);
    } finally {
      await context.close();
    }
  });

  it('answers a request for an unknown address the same way, and sends nothing', async () => {
    const { context, page } = await newPage();
    try {
      const before = session.smtp.messages.length;
      await page.goto('/password-reset');
      await page.getByLabel('Email address').fill('nobody-here@example.org');
      await page.getByRole('button', { name: 'Send link' }).click();
      await page.waitForURL('**/password-reset/sent');
      await page.getByRole('heading', { name: 'Check your email' }).waitFor();

      // An invalid address is a form error, not a silent success.
      await page.getByRole('link', { name: 'Request another link' }).click();
      await page.waitForURL('**/password-reset');
      await page.getByLabel('Email address').fill('not-an-email');
      await page.getByRole('button', { name: 'Send link' }).click();
      const summary = page.locator('.govuk-error-summary');
      await summary.waitFor();
      assert.equal(await summary.locator('a[href="#email"]').count(), 1);
      assert.equal(await page.getByLabel('Email address').inputValue(), 'not-an-email');
      await expectAccessible(page, 'password reset request with errors');

      // Give a stray delivery the chance to arrive before counting.
      await new Promise((resolve) => setTimeout(resolve, 300));
      assert.equal(session.smtp.messages.length, before);
    } finally {
      await context.close();
    }
  });
});
