import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TestClient } from '../../../test/support/client.ts';
import { createUser, DEFAULT_PASSWORD, signedInClient } from '../../../test/support/factories.ts';
import { csrfToken } from '../../../test/support/html.ts';
import { linkPath, outboxFor } from '../../../test/support/mail.ts';
import { auditActions, countRows } from '../../../test/support/records.ts';
import { useTestApp } from '../../../test/support/test-app.ts';
import { verifyPassword } from '../../platform/passwords.ts';
import { findUserById } from './accounts.repository.ts';

const NEW_PASSWORD = 'a fresh and long passphrase';

// Mail stays in the outbox here (no SMTP_URL), which is where these tests read the links from.
describe('password reset', () => {
  const t = useTestApp();

  async function requestReset(client: TestClient, email: string): Promise<string> {
    const response = await client.submit('/password-reset', '/password-reset', { email });
    assert.equal(response.status, 303);
    assert.equal(response.location, '/password-reset/sent');
    return (await client.get(response.location)).body;
  }

  async function resetLinkFor(email: string): Promise<string> {
    const mails = await outboxFor(t.ctx.db, email);
    const mail = mails.filter((m) => /Reset your/.test(m.subject)).at(-1);
    assert.ok(mail, `no reset mail to ${email}`);
    return linkPath(mail.text_body, t.ctx.config.baseUrl, '/password-reset/');
  }

  it('gives the same answer whether or not the address has an account, and mails only the account', async () => {
    const user = await createUser(t.ctx.db, { email: 'forgetful@example.org' });
    const client = new TestClient(t.app);
    const known = await requestReset(client, 'Forgetful@Example.org');
    const unknown = await requestReset(client, 'stranger@example.org');
    assert.equal(known, unknown);
    assert.match(known, /If an account exists for that address/);
    assert.equal((await outboxFor(t.ctx.db, user.email)).length, 1);
    assert.equal((await outboxFor(t.ctx.db, 'stranger@example.org')).length, 0);

    const [token] = await t.ctx.db.selectFrom('email_tokens').selectAll().where('user_id', '=', user.id).execute();
    assert.equal(token?.purpose, 'reset_password');
    const lifetime = Date.parse(token?.expires_at ?? '') - Date.parse(token?.created_at ?? '');
    assert.ok(Math.abs(lifetime - 60 * 60 * 1000) < 5000, 'reset links last one hour');
  });

  it('checks the address like any form field', async () => {
    const response = await new TestClient(t.app).submit('/password-reset', '/password-reset', { email: 'no-at-sign' });
    assert.equal(response.status, 400);
    assert.match(response.body, /href="#email"/);
    assert.match(response.body, /value="no-at-sign"/);
  });

  it('sets a new password, signs the account out everywhere and audits it', async () => {
    const user = await createUser(t.ctx.db, { email: 'reset-me@example.org' });
    const elsewhere = await signedInClient(t.app, user);
    assert.equal((await elsewhere.get('/account')).status, 200);

    const client = new TestClient(t.app);
    await requestReset(client, user.email);
    const link = await resetLinkFor(user.email);
    const form = await client.get(link);
    assert.equal(form.status, 200);
    assert.match(form.body, /Choose a new password/);
    assert.match(form.body, new RegExp(`action="${link}"`));
    assert.match(form.body, /autocomplete="new-password"/);

    const mismatch = await client.submit(link, link, { password: NEW_PASSWORD, confirmPassword: 'something else entirely' });
    assert.equal(mismatch.status, 400);
    assert.match(mismatch.body, /href="#confirmPassword"/);
    assert.match(mismatch.body, new RegExp(`action="${link}"`), 'the re-rendered form still posts to the same link');
    assert.ok(await verifyPassword((await findUserById(t.ctx.db, user.id))?.password_hash ?? '', DEFAULT_PASSWORD), 'nothing changed yet');

    const done = await client.submit(link, link, { password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD });
    assert.equal(done.status, 303);
    assert.equal(done.location, '/password-reset/complete');
    const complete = await client.get('/password-reset/complete');
    assert.match(complete.body, /Your password has been changed/);
    assert.match(complete.body, /href="\/sign-in"/);

    const stored = await findUserById(t.ctx.db, user.id);
    assert.ok(await verifyPassword(stored?.password_hash ?? '', NEW_PASSWORD));
    assert.equal((await elsewhere.get('/account')).status, 302, 'the session opened before the reset is over');
    assert.equal(await t.ctx.db.selectFrom('sessions').select('id').where('user_id', '=', user.id).executeTakeFirst(), undefined);

    const reused = await client.get(link);
    assert.equal(reused.status, 400, 'a reset link works once');
    assert.match(reused.body, /href="\/password-reset"/);

    const mails = await outboxFor(t.ctx.db, user.email);
    assert.match(mails.at(-1)?.subject ?? '', /password has been changed/);
    assert.deepEqual(await auditActions(t.ctx.db, user.id), ['account.created', 'account.password_reset_requested', 'account.password_reset']);

    const signIn = await client.submit('/sign-in', '/sign-in', { email: user.email, password: NEW_PASSWORD });
    assert.equal(signIn.status, 303);
  });

  it('refuses an expired link with 400, before and after the form, and leaves the password alone', async () => {
    const user = await createUser(t.ctx.db, { email: 'expired@example.org' });
    const client = new TestClient(t.app);
    await requestReset(client, user.email);
    const link = await resetLinkFor(user.email);
    const page = await client.get(link);
    const token = csrfToken(page.body) ?? '';
    await t.ctx.db.updateTable('email_tokens').set({ expires_at: new Date(Date.now() - 1000).toISOString() }).where('user_id', '=', user.id).execute();

    const shown = await client.get(link);
    assert.equal(shown.status, 400);
    assert.match(shown.body, /This password reset link cannot be used/);
    const posted = await client.post(link, { password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD, _csrf: token });
    assert.equal(posted.status, 400);
    assert.match(posted.body, /This password reset link cannot be used/);
    assert.ok(await verifyPassword((await findUserById(t.ctx.db, user.id))?.password_hash ?? '', DEFAULT_PASSWORD));
  });

  it('refuses a made-up link', async () => {
    const before = await countRows(t.ctx.db, 'audit_events');
    const response = await new TestClient(t.app).get('/password-reset/made-up-token');
    assert.equal(response.status, 400);
    assert.match(response.body, /Request a new password reset link/);
    assert.equal(await countRows(t.ctx.db, 'audit_events'), before);
  });
});
