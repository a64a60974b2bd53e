import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { axeViolations, useBrowserSession } from '../support/browser.ts';

describe('sign-up journey in a real browser', () => {
  // A real SMTP server: the verification link is read from the message as it was sent.
  const session = useBrowserSession({ smtp: true });
  // Plain functions, safe to take apart; `smtp` stays a getter, as it exists only once the before hook has run.
  const { newPage, expectAccessible } = session;

  async function runJourney(page: Page, email: string, checkA11y: boolean): Promise<void> {
    const check = (where: string) => (checkA11y ? expectAccessible(page, where) : Promise.resolve());

    await page.goto('/');
    await check('home');
    await page.getByRole('link', { name: 'Create an account' }).first().click();
    await page.waitForURL('**/sign-up');
    await check('sign-up');

    // A failed submission keeps what was typed and links each error to its field.
    await page.getByLabel('Email address').fill('not-an-email');
    await page.getByLabel('Your name').fill('Ada Lovelace');
    await page.getByRole('button', { name: 'Create account' }).click();
    const summary = page.locator('.govuk-error-summary');
    await summary.waitFor();
    assert.equal(await page.getByLabel('Your name').inputValue(), 'Ada Lovelace');
    assert.ok((await summary.locator('a[href="#email"]').count()) === 1);
    await check('sign-up with errors');

    await page.getByLabel('Email address').fill(email);
    await page.getByLabel('Password', { exact: true }).fill('a long enough passphrase');
    await page.getByLabel('Confirm password').fill('a long enough passphrase');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('heading', { name: 'Check your email' }).waitFor();
    await check('check your email');

    const mail = await session.smtp.waitForMessage(email, { timeoutMs: 10_000 });
    const link = /https?:\/\/\S+\/verify-email\?token=[\w-]+/.exec(mail.text)?.[0];
    assert.ok(link, `verification link in: ${mail.text}`);
    // Opening the link only asks; pressing the button confirms (link scanners open links too).
    await page.goto(link);
    await page.getByRole('heading', { name: 'Confirm your email address' }).waitFor();
    await check('confirm your email address');
    await page.getByRole('button', { name: 'Confirm your email address' }).click();
    await page.waitForURL('**/verify-email/confirmed');
    await page.getByRole('heading', { name: 'Your email address is confirmed' }).waitFor();
    await check('email verified');
    await page.getByRole('main').getByRole('link', { name: 'Sign in' }).click();
    await page.waitForURL('**/sign-in**');
    await check('sign-in');

    await page.getByLabel('Email address').fill(email);
    await page.getByLabel('Password').fill('a long enough passphrase');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL('**/account');
    await page.getByRole('heading', { name: 'Your account' }).waitFor();
    await check('account');

    await page.getByRole('link', { name: 'Español' }).click();
    await page.getByRole('heading', { name: 'Su cuenta' }).waitFor();
    assert.equal(await page.locator('html').getAttribute('lang'), 'es');
    await check('account in Spanish');

    await page.getByRole('button', { name: 'Cerrar sesión' }).click();
    await page.waitForURL((url) => url.pathname === '/');
    await page.getByRole('link', { name: 'Iniciar sesión' }).first().waitFor();
    assert.equal(await page.locator('html').getAttribute('lang'), 'es');
    await check('home after sign-out');

    // Signed out means signed out: the account page now asks for sign-in.
    await page.goto('/account');
    await page.waitForURL('**/sign-in**');
  }

  it('has an accessibility check that does find violations', async () => {
    const { context, page } = await newPage();
    try {
      await page.setContent('<html><body><img src="x.png"><a href="/"></a></body></html>');
      const ids = (await axeViolations(page)).map((v) => v.id);
      assert.ok(ids.includes('image-alt') && ids.includes('link-name'), `axe found ${ids.join(', ')}`);
    } finally {
      await context.close();
    }
  });

  it('signs up, confirms by email, signs in, changes language and signs out with zero axe violations', async () => {
    const { context, page, cspErrors } = await newPage();
    try {
      await runJourney(page, 'ada@example.org', true);
      assert.deepEqual(cspErrors, []);
    } finally {
      await context.close();
    }
  });

  it('completes the same journey with JavaScript turned off', async () => {
    const { context, page } = await newPage({ javaScriptEnabled: false });
    try {
      await runJourney(page, 'grace@example.org', false);
    } finally {
      await context.close();
    }
  });
});
