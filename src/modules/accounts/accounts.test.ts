import assert from 'node:assert/strict';
import net, { type AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { setCookieLine, TestClient } from '../../../test/support/client.ts';
import { createUser } from '../../../test/support/factories.ts';
import { csrfToken, decodeEntities } from '../../../test/support/html.ts';
import { linkPath, outboxFor } from '../../../test/support/mail.ts';
import { auditActions, countRows } from '../../../test/support/records.ts';
import { startSmtpServer, type TestSmtpServer } from '../../../test/support/smtp.ts';
import { createTestApp, type TestApp, useTestApp } from '../../../test/support/test-app.ts';
import { SESSION_COOKIE } from '../../platform/sessions.ts';
import { findUserByEmail } from './accounts.repository.ts';

const NEW_PASSWORD = 'a brand new passphrase';

function signUpFields(email: string, overrides: Record<string, string> = {}): Record<string, string> {
  return { email, displayName: 'Nadia Newcomer', password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD, ...overrides };
}

/** The token the confirmation page posts back, read from its hidden field as a browser would send it. */
const hiddenToken = (html: string): string | undefined => {
  const value = /<input type="hidden" name="token" value="([^"]*)">/.exec(html)?.[1];
  return value === undefined ? undefined : decodeEntities(value);
};

/** Opens an emailed confirmation link and presses the page's button, as the mailbox owner would. */
async function confirmEmail(client: TestClient, verifyPath: string) {
  const page = await client.get(verifyPath);
  assert.equal(page.status, 200, `the link opens the confirmation page: ${page.body}`);
  assert.match(page.body, /<form method="post" action="\/verify-email"/);
  const token = hiddenToken(page.body);
  assert.ok(token, 'the page carries the token');
  return client.post('/verify-email', { token, _csrf: csrfToken(page.body) ?? '' });
}

describe('sign-up with mail delivered over SMTP', () => {
  let smtp: TestSmtpServer;
  let t: TestApp;
  let baseUrl: string;

  before(async () => {
    smtp = await startSmtpServer();
    t = await createTestApp({ SMTP_URL: smtp.url });
    baseUrl = t.ctx.config.baseUrl;
  });
  after(async () => {
    await t.close();
    await smtp.close();
  });

  /**
   * The next message to `to`, once the background delivery run that sent it has finished: a run reads
   * the outbox when it starts, so mail written while it is still going waits for the next run.
   */
  async function nextMail(to: string) {
    const mail = await smtp.waitForMessage(to);
    await t.ctx.mailer.deliverQueued();
    return mail;
  }

  it('takes a person from sign-up through the emailed link to their account and back out', async () => {
    const client = new TestClient(t.app);
    const email = 'nadia@example.org';

    const signedUp = await client.submit('/sign-up', '/sign-up', signUpFields('  Nadia@Example.org '));
    assert.equal(signedUp.status, 303);
    assert.equal(signedUp.location, '/sign-up/check-email');
    const checkPage = await client.get(signedUp.location);
    assert.match(checkPage.body, /<h1 class="govuk-heading-l">Check your email<\/h1>/);

    const user = await findUserByEmail(t.ctx.db, email);
    assert.ok(user, 'the address is stored normalised');
    assert.equal(user.email_verified_at, null);

    const mail = await nextMail(email);
    assert.match(mail.subject, /Confirm your email address/);
    assert.match(mail.text, /select "Confirm your email address"/, 'the mail says a button must be pressed');
    const [outboxRow] = await outboxFor(t.ctx.db, email);
    assert.equal(outboxRow?.status, 'sent', 'delivery is recorded in the outbox');
    const verifyPath = linkPath(mail.text, baseUrl, '/verify-email?token=');

    const early = await client.submit('/sign-in', '/sign-in', { email, password: NEW_PASSWORD });
    assert.equal(early.status, 400, 'an unconfirmed account cannot sign in yet');

    const verified = await confirmEmail(client, verifyPath);
    assert.equal(verified.status, 303);
    assert.equal(verified.location, '/verify-email/confirmed');
    const confirmedPage = await client.get(verified.location);
    assert.equal(confirmedPage.status, 200);
    assert.match(confirmedPage.body, /Your email address is confirmed/);
    assert.match(confirmedPage.body, /href="\/sign-in"/);
    assert.ok((await findUserByEmail(t.ctx.db, email))?.email_verified_at);
    const reopened = await client.get(verifyPath);
    assert.equal(reopened.status, 400, 'a confirmation link works once');
    assert.match(reopened.body, /This confirmation link cannot be used/);
    const token = decodeURIComponent(verifyPath.split('token=')[1] ?? '');
    const reposted = await client.submit('/verify-email/resend', '/verify-email', { token });
    assert.equal(reposted.status, 400, 'pressing the button again confirms nothing more');

    const signedIn = await client.submit('/sign-in', '/sign-in', { email: 'NADIA@example.org', password: NEW_PASSWORD });
    assert.equal(signedIn.status, 303);
    assert.equal(signedIn.location, '/account');
    const cookie = setCookieLine(signedIn.headers['set-cookie'], SESSION_COOKIE);
    assert.ok(cookie);
    assert.match(cookie, /HttpOnly/);
    assert.match(cookie, /SameSite=Lax/);
    assert.match(cookie, /Path=\//);
    assert.match(cookie, /Max-Age=1209600/);
    assert.doesNotMatch(cookie, /Secure/, 'only production sends the cookie over HTTPS alone');

    const account = await client.get('/account');
    assert.equal(account.status, 200);
    assert.match(account.body, /Nadia Newcomer/);
    assert.match(account.body, /nadia@example\.org/);
    assert.match(account.body, /<li>Participant<\/li>/);
    assert.equal(await countRows(t.ctx.db, 'sessions'), 1);

    const signedOut = await client.submit('/account', '/sign-out', {});
    assert.equal(signedOut.status, 303);
    assert.equal(signedOut.location, '/');
    assert.equal(await countRows(t.ctx.db, 'sessions'), 0, 'signing out ends the session on the server');
    const afterwards = await client.get('/account');
    assert.equal(afterwards.status, 302);
    assert.equal(afterwards.location, '/sign-in?next=%2Faccount');

    assert.deepEqual(await auditActions(t.ctx.db, user.id), ['account.created', 'account.email_verified', 'account.signed_in', 'account.signed_out']);
  });

  it('answers a sign-up for a confirmed address exactly like a new one, and tells the owner by email', async () => {
    const owner = await createUser(t.ctx.db, { email: 'owner@example.org', displayName: 'Olu Owner' });
    const usersBefore = await countRows(t.ctx.db, 'users');
    const client = new TestClient(t.app);

    const response = await client.submit('/sign-up', '/sign-up', signUpFields('owner@example.org', { displayName: 'Impostor' }));
    assert.equal(response.status, 303);
    assert.equal(response.location, '/sign-up/check-email');
    assert.equal(await countRows(t.ctx.db, 'users'), usersBefore);

    const mail = await nextMail(owner.email);
    assert.match(mail.subject, /Someone tried to create/);
    assert.match(mail.text, new RegExp(`${baseUrl}/sign-in`));
    assert.match(mail.text, new RegExp(`${baseUrl}/password-reset`));
    assert.doesNotMatch(mail.text, /Impostor/, 'the sign-up form cannot put words into our mail');

    const unchanged = await findUserByEmail(t.ctx.db, owner.email);
    assert.equal(unchanged?.display_name, 'Olu Owner');
    assert.equal(unchanged?.password_hash, owner.password_hash);
    assert.ok((await auditActions(t.ctx.db, owner.id)).includes('account.sign_up_repeated'));
  });

  it('offers the mailbox owner a password, not a confirmation, for an unconfirmed account someone else started', async () => {
    const squatter = new TestClient(t.app);
    const email = 'target@example.org';
    await squatter.submit('/sign-up', '/sign-up', signUpFields(email, { password: 'squatters password', confirmPassword: 'squatters password' }));
    await nextMail(email);

    const owner = new TestClient(t.app);
    const again = await owner.submit('/sign-up', '/sign-up', signUpFields(email));
    assert.equal(again.location, '/sign-up/check-email');
    const mail = await nextMail(email);
    assert.match(mail.subject, /Finish creating/);
    const resetPath = linkPath(mail.text, baseUrl, '/password-reset/');

    const chosen = await owner.submit(resetPath, resetPath, { password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD });
    assert.equal(chosen.status, 303);
    assert.equal(chosen.location, '/password-reset/complete');
    assert.ok((await findUserByEmail(t.ctx.db, email))?.email_verified_at, 'setting a password through the mailbox confirms it');

    const squatterTry = await squatter.submit('/sign-in', '/sign-in', { email, password: 'squatters password' });
    assert.equal(squatterTry.status, 400);
    const ownerTry = await owner.submit('/sign-in', '/sign-in', { email, password: NEW_PASSWORD });
    assert.equal(ownerTry.status, 303);
  });

  it('sends a new confirmation link on request, and answers the same for addresses it will not mail', async () => {
    const pending = await createUser(t.ctx.db, { email: 'pending@example.org', verified: false });
    const confirmed = await createUser(t.ctx.db, { email: 'confirmed@example.org' });
    const client = new TestClient(t.app);

    const pages = [];
    for (const email of [pending.email, confirmed.email, 'nobody@example.org']) {
      const response = await client.submit('/verify-email/resend', '/verify-email/resend', { email });
      assert.equal(response.status, 303);
      assert.equal(response.location, '/verify-email/resend/sent');
      pages.push((await client.get('/verify-email/resend/sent')).body);
    }
    assert.equal(new Set(pages).size, 1, 'every address gets the same page');

    const mail = await nextMail(pending.email);
    const verified = await confirmEmail(client, linkPath(mail.text, baseUrl, '/verify-email?token='));
    assert.equal(verified.status, 303);
    assert.deepEqual(await outboxFor(t.ctx.db, confirmed.email), []);
    assert.deepEqual(await outboxFor(t.ctx.db, 'nobody@example.org'), []);
    assert.deepEqual(await auditActions(t.ctx.db, pending.id), ['account.created', 'account.verification_resent', 'account.email_verified']);
  });

  it('explains an unusable confirmation link with status 400 and offers a new one', async () => {
    const client = new TestClient(t.app);
    for (const url of ['/verify-email?token=not-a-real-token', '/verify-email']) {
      const response = await client.get(url);
      assert.equal(response.status, 400);
      assert.match(response.body, /This confirmation link cannot be used/);
      assert.match(response.body, /href="\/verify-email\/resend"/);
    }
  });

  it('confirms nothing when the link is only opened, however often, as mail scanners and link previews do', async () => {
    const email = 'scanned@example.org';
    await new TestClient(t.app).submit('/sign-up', '/sign-up', signUpFields(email));
    const mail = await nextMail(email);
    const verifyPath = linkPath(mail.text, baseUrl, '/verify-email?token=');
    const user = await findUserByEmail(t.ctx.db, email);
    assert.ok(user);

    for (let fetch = 0; fetch < 3; fetch++) {
      const scanner = new TestClient(t.app);
      const page = await scanner.get(verifyPath);
      assert.equal(page.status, 200);
      assert.match(page.body, /<h1 class="govuk-heading-l">Confirm your email address<\/h1>/);
      assert.match(page.body, /Only confirm if you created this account yourself/);
      assert.match(page.body, /<button[^>]*>\s*Confirm your email address\s*<\/button>/);
      assert.equal(page.headers['cache-control'], 'no-store');
    }
    assert.equal((await findUserByEmail(t.ctx.db, email))?.email_verified_at, null, 'a GET does not verify the account');
    const [token] = await t.ctx.db.selectFrom('email_tokens').select('used_at').where('user_id', '=', user.id).execute();
    assert.equal(token?.used_at, null, 'a GET does not use up the link');
    assert.deepEqual(await auditActions(t.ctx.db, user.id), ['account.created']);
    const signIn = await new TestClient(t.app).submit('/sign-in', '/sign-in', { email, password: NEW_PASSWORD });
    assert.equal(signIn.status, 400, 'the account still cannot sign in');

    const owner = new TestClient(t.app);
    const confirmed = await confirmEmail(owner, verifyPath);
    assert.equal(confirmed.status, 303);
    assert.ok((await findUserByEmail(t.ctx.db, email))?.email_verified_at, 'pressing the button does');
    assert.deepEqual(await auditActions(t.ctx.db, user.id), ['account.created', 'account.email_verified']);
  });

  it('confirms only through a form with its CSRF token, and refuses a token it does not know', async () => {
    const email = 'forged@example.org';
    await new TestClient(t.app).submit('/sign-up', '/sign-up', signUpFields(email));
    const mail = await nextMail(email);
    const verifyPath = linkPath(mail.text, baseUrl, '/verify-email?token=');
    const client = new TestClient(t.app);
    const page = await client.get(verifyPath);
    const token = hiddenToken(page.body) ?? '';

    const withoutCsrf = await client.post('/verify-email', { token });
    assert.equal(withoutCsrf.status, 403, 'another site cannot press the button for the visitor');
    const stranger = await new TestClient(t.app).post('/verify-email', { token, _csrf: csrfToken(page.body) ?? '' });
    assert.equal(stranger.status, 403);
    for (const fields of [{ token: 'not-a-real-token' }, {}] as Array<Record<string, string>>) {
      const refused = await client.submit(verifyPath, '/verify-email', fields);
      assert.equal(refused.status, 400);
      assert.match(refused.body, /This confirmation link cannot be used/);
    }
    assert.equal((await findUserByEmail(t.ctx.db, email))?.email_verified_at, null);
    assert.equal((await confirmEmail(client, verifyPath)).status, 303, 'the link still works after the refusals');
  });

  it('refuses an expired confirmation link', async () => {
    const client = new TestClient(t.app);
    const email = 'late@example.org';
    await client.submit('/sign-up', '/sign-up', signUpFields(email));
    const mail = await nextMail(email);
    await t.ctx.db.updateTable('email_tokens').set({ expires_at: new Date(Date.now() - 1000).toISOString() }).where('purpose', '=', 'verify_email').execute();
    const verifyPath = linkPath(mail.text, baseUrl, '/verify-email?token=');
    const response = await client.get(verifyPath);
    assert.equal(response.status, 400);
    assert.match(response.body, /This confirmation link cannot be used/);
    const token = decodeURIComponent(verifyPath.split('token=')[1] ?? '');
    const pressed = await client.submit('/verify-email/resend', '/verify-email', { token });
    assert.equal(pressed.status, 400, 'a page opened before the link expired cannot confirm after');
    assert.equal((await findUserByEmail(t.ctx.db, email))?.email_verified_at, null);
  });
});

describe('sign-up with a mail server that accepts connections but never answers', () => {
  let server: net.Server;
  const sockets = new Set<net.Socket>();
  let connected: Promise<void>;
  let t: TestApp;

  before(async () => {
    let onConnection = (): void => {};
    connected = new Promise((resolve) => (onConnection = resolve));
    server = net.createServer((socket) => {
      sockets.add(socket);
      onConnection();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    t = await createTestApp({ SMTP_URL: `smtp://127.0.0.1:${(server.address() as AddressInfo).port}` });
  });
  after(async () => {
    await t.close();
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => server.close(resolve));
  });

  it('answers the visitor while delivery waits, and keeps the message in the outbox for a later run', async () => {
    const email = 'patient@example.org';
    const response = await new TestClient(t.app).submit('/sign-up', '/sign-up', signUpFields(email));
    assert.equal(response.status, 303);
    assert.equal(response.location, '/sign-up/check-email');
    await connected;
    const [pending] = await outboxFor(t.ctx.db, email);
    assert.equal(pending?.status, 'sending', 'the response came back while the mail server was still silent');

    // Joins the run still waiting on the server, then lets it fail by hanging up.
    const run = t.ctx.mailer.deliverQueued();
    for (const socket of sockets) socket.destroy();
    await run;
    const [failed] = await outboxFor(t.ctx.db, email);
    assert.equal(failed?.status, 'failed');
    assert.ok(failed?.last_error);
  });
});

describe('sign-up without SMTP', () => {
  const t = useTestApp();

  it('keeps the confirmation email in the outbox, where its link still works', async () => {
    const client = new TestClient(t.app);
    const email = 'outbox@example.org';
    const response = await client.submit('/sign-up', '/sign-up', signUpFields(email));
    assert.equal(response.status, 303);

    const [mail, ...rest] = await outboxFor(t.ctx.db, email);
    assert.ok(mail);
    assert.equal(rest.length, 0);
    assert.equal(mail.status, 'stored');
    assert.equal(mail.attempts, 0);
    assert.match(mail.subject, /Confirm your email address/);

    const [token] = await t.ctx.db.selectFrom('email_tokens').selectAll().execute();
    assert.ok(token);
    assert.equal(token.purpose, 'verify_email');
    const lifetime = Date.parse(token.expires_at) - Date.parse(token.created_at);
    assert.ok(Math.abs(lifetime - 24 * 60 * 60 * 1000) < 5000, 'confirmation links last 24 hours');
    const linkToken = decodeURIComponent(linkPath(mail.text_body, t.ctx.config.baseUrl, '/verify-email?token=').split('token=')[1] ?? '');
    assert.notEqual(token.id, linkToken, 'only a hash of the token is stored');

    const verified = await confirmEmail(client, linkPath(mail.text_body, t.ctx.config.baseUrl, '/verify-email?token='));
    assert.equal(verified.status, 303);
  });

  it('survives the same sign-up submitted twice at once', async () => {
    const email = 'double-click@example.org';
    const client = new TestClient(t.app);
    const page = await client.get('/sign-up');
    const token = csrfToken(page.body) ?? '';
    const responses = await Promise.all([1, 2].map(() => client.post('/sign-up', { ...signUpFields(email), _csrf: token })));
    assert.deepEqual(
      responses.map((r) => [r.status, r.location]),
      [
        [303, '/sign-up/check-email'],
        [303, '/sign-up/check-email'],
      ],
    );
    const accounts = await t.ctx.db.selectFrom('users').select('id').where('email', '=', email).execute();
    assert.equal(accounts.length, 1);
  });

  it('writes mail in the language the person was using', async () => {
    const client = new TestClient(t.app);
    const email = 'hablante@example.org';
    await client.submit('/sign-up?lang=es', '/sign-up', signUpFields(email));
    const [mail] = await outboxFor(t.ctx.db, email);
    assert.match(mail?.subject ?? '', /Confirme su dirección de correo/);
  });
});
