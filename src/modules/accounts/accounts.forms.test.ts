import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setCookieLine, TestClient } from '../../../test/support/client.ts';
import { createUser, DEFAULT_PASSWORD } from '../../../test/support/factories.ts';
import { csrfToken } from '../../../test/support/html.ts';
import { countRows } from '../../../test/support/records.ts';
import { useTestApp } from '../../../test/support/test-app.ts';
import { LANGUAGE_COOKIE } from '../../platform/web.ts';
import { SESSION_COOKIE } from '../../platform/sessions.ts';
import { safeNextPath } from './accounts.routes.ts';

const errorLinks = (body: string): string[] => [...body.matchAll(/<a href="(#[^"]+)">/g)].map((m) => m[1] ?? '');
const inputValue = (body: string, id: string): string | undefined => new RegExp(`id="${id}" name="${id}" type="[a-z]+" (?:spellcheck="false" )?value="([^"]*)"`).exec(body)?.[1];

describe('the sign-up form', () => {
  const t = useTestApp();

  it('re-renders bad input with 400 and an error summary, keeping everything but the passwords, and creates nothing', async () => {
    const client = new TestClient(t.app);
    const response = await client.submit('/sign-up', '/sign-up', {
      email: 'not-an-address',
      displayName: 'Kept Name',
      password: 'short',
      confirmPassword: 'different',
    });
    assert.equal(response.status, 400);
    assert.deepEqual(errorLinks(response.body), ['#email', '#password', '#confirmPassword']);
    assert.match(response.body, /<title>Error: Create an account/);
    assert.match(response.body, /Enter an email address in the correct format/);
    assert.match(response.body, /Password must be at least 10 characters/);
    assert.equal(inputValue(response.body, 'email'), 'not-an-address');
    assert.equal(inputValue(response.body, 'displayName'), 'Kept Name');
    assert.doesNotMatch(response.body, /value="short"|value="different"/);
    assert.equal(await countRows(t.ctx.db, 'users'), 0);
    assert.equal(await countRows(t.ctx.db, 'mail_outbox'), 0);
    assert.equal(await countRows(t.ctx.db, 'audit_events'), 0);
  });

  it('names every missing field and a mismatched confirmation', async () => {
    const client = new TestClient(t.app);
    const empty = await client.submit('/sign-up', '/sign-up', {});
    assert.equal(empty.status, 400);
    assert.deepEqual(errorLinks(empty.body), ['#email', '#displayName', '#password', '#confirmPassword']);

    const mismatch = await client.submit('/sign-up', '/sign-up', {
      email: 'ok@example.org',
      displayName: 'x'.repeat(101),
      password: 'long enough password',
      confirmPassword: 'another long password',
    });
    assert.equal(mismatch.status, 400);
    assert.deepEqual(errorLinks(mismatch.body), ['#displayName', '#confirmPassword']);
    assert.match(mismatch.body, /Name must be 100 characters or fewer/);
    assert.match(mismatch.body, /The passwords do not match/);
    assert.equal(await countRows(t.ctx.db, 'users'), 0);
  });

  it('refuses a missing or wrong CSRF token with 403 and changes nothing', async () => {
    const client = new TestClient(t.app);
    const fields = { email: 'csrf@example.org', displayName: 'Cee', password: 'long enough password', confirmPassword: 'long enough password' };
    await client.get('/sign-up');
    const missing = await client.post('/sign-up', fields);
    assert.equal(missing.status, 403);
    assert.match(missing.body, /This form has expired/);
    const wrong = await client.post('/sign-up', { ...fields, _csrf: 'forged-token' });
    assert.equal(wrong.status, 403);
    const stranger = new TestClient(t.app);
    const page = await client.get('/sign-up');
    const token = csrfToken(page.body) ?? '';
    const borrowed = await stranger.post('/sign-up', { ...fields, _csrf: token });
    assert.equal(borrowed.status, 403, "a token is worthless without its browser's cookie");
    assert.equal(await countRows(t.ctx.db, 'users'), 0);
    assert.equal(await countRows(t.ctx.db, 'mail_outbox'), 0);
  });
});

describe('signing in', () => {
  const t = useTestApp();

  it('gives one message on the email field for a wrong password or an unknown address, keeping the address', async () => {
    const user = await createUser(t.ctx.db, { email: 'known@example.org' });
    for (const email of [user.email, 'unknown@example.org']) {
      const client = new TestClient(t.app);
      const response = await client.submit('/sign-in', '/sign-in', { email, password: 'wrong password here' });
      assert.equal(response.status, 400);
      assert.deepEqual(errorLinks(response.body), ['#email']);
      assert.match(response.body, /Enter a correct email address and password/);
      assert.equal(inputValue(response.body, 'email'), email);
      assert.doesNotMatch(response.body, /wrong password here/);
      assert.equal(setCookieLine(response.headers['set-cookie'], SESSION_COOKIE), undefined);
    }
    assert.equal(await countRows(t.ctx.db, 'sessions'), 0);
  });

  it('refuses an unconfirmed account with the right password, and links to a new confirmation email', async () => {
    const user = await createUser(t.ctx.db, { email: 'unconfirmed@example.org', verified: false });
    const client = new TestClient(t.app);
    const response = await client.submit('/sign-in', '/sign-in', { email: user.email, password: DEFAULT_PASSWORD });
    assert.equal(response.status, 400);
    assert.match(response.body, /You need to confirm your email address before you can sign in/);
    assert.match(response.body, /href="\/verify-email\/resend"/);
    assert.deepEqual(errorLinks(response.body), ['#email']);
    assert.equal(await countRows(t.ctx.db, 'sessions'), 0);
  });

  it('returns to the page that asked for sign-in, but only on this site', async () => {
    const user = await createUser(t.ctx.db);
    const cases: Array<[string, string]> = [
      ['/account?saved=language', '/account?saved=language'],
      ['//evil.example', '/account'],
      ['https://evil.example', '/account'],
      ['/\\evil.example', '/account'],
    ];
    for (const [next, expected] of cases) {
      const client = new TestClient(t.app);
      const response = await client.submit(`/sign-in?next=${encodeURIComponent(next)}`, '/sign-in', { email: user.email, password: DEFAULT_PASSWORD, next });
      assert.equal(response.status, 303, next);
      assert.equal(response.location, expected, next);
    }
    const form = await new TestClient(t.app).get(`/sign-in?next=${encodeURIComponent('//evil.example')}`);
    assert.match(form.body, /<input type="hidden" name="next" value="\/account">/, 'the form does not carry a foreign destination');
    const kept = await new TestClient(t.app).get('/sign-in?next=%2Forganisations');
    assert.match(kept.body, /<input type="hidden" name="next" value="\/organisations">/);
  });

});

// A second app: every sign-in attempt counts towards the per-address limit of ten.
describe('signing in, continued', () => {
  const t = useTestApp();

  it('ends the session it replaces and restores the saved language', async () => {
    const user = await createUser(t.ctx.db);
    await t.ctx.db.updateTable('users').set({ preferred_language: 'fr' }).where('id', '=', user.id).execute();
    const client = new TestClient(t.app);
    const first = await client.submit('/sign-in', '/sign-in', { email: user.email, password: DEFAULT_PASSWORD });
    assert.match(setCookieLine(first.headers['set-cookie'], LANGUAGE_COOKIE) ?? '', new RegExp(`^${LANGUAGE_COOKIE}=fr;`));
    // Signed in, the sign-in page redirects; the account page's sign-out form supplies the token.
    const second = await client.submit('/account', '/sign-in', { email: user.email, password: DEFAULT_PASSWORD });
    assert.equal(second.status, 303);
    const sessions = await t.ctx.db.selectFrom('sessions').select('id').where('user_id', '=', user.id).execute();
    assert.equal(sessions.length, 1);
    const account = await client.get('/account');
    assert.match(account.body, /<html lang="fr"/);
  });

  it('sends a signed-in visitor from the sign-in and sign-up pages to their account', async () => {
    const user = await createUser(t.ctx.db);
    const client = new TestClient(t.app);
    await client.submit('/sign-in', '/sign-in', { email: user.email, password: DEFAULT_PASSWORD });
    assert.equal((await client.get('/sign-in')).location, '/account');
    assert.equal((await client.get('/sign-up')).location, '/account');
  });

  it('is translated into Spanish and French', async () => {
    const spanish = await new TestClient(t.app).get('/sign-in?lang=es');
    assert.match(spanish.body, /<h1 class="govuk-heading-l">Iniciar sesión<\/h1>/);
    assert.match(spanish.body, /<html lang="es"/);
    const french = await new TestClient(t.app).get('/sign-in?lang=fr');
    assert.match(french.body, /<h1 class="govuk-heading-l">Se connecter<\/h1>/);
    assert.match(french.body, /Mot de passe oublié/);
  });

  it('translates form errors too', async () => {
    const client = new TestClient(t.app);
    const response = await client.submit('/sign-in?lang=es', '/sign-in', { email: '', password: '' });
    assert.equal(response.status, 400);
    assert.match(response.body, /Introduzca su dirección de correo electrónico/);
    assert.match(response.body, /Introduzca su contraseña/);
  });
});

describe('signing out', () => {
  const t = useTestApp();

  it('needs the CSRF token, so another site cannot sign a person out', async () => {
    const user = await createUser(t.ctx.db);
    const client = new TestClient(t.app);
    await client.submit('/sign-in', '/sign-in', { email: user.email, password: DEFAULT_PASSWORD });
    const forged = await client.post('/sign-out', {});
    assert.equal(forged.status, 403);
    assert.equal(await countRows(t.ctx.db, 'sessions'), 1);
  });

  it('simply returns home when nobody is signed in', async () => {
    const client = new TestClient(t.app);
    const response = await client.submit('/sign-in', '/sign-out', {});
    assert.equal(response.status, 303);
    assert.equal(response.location, '/');
  });
});

describe('safeNextPath', () => {
  it('keeps paths on this site and replaces everything else with the account page', () => {
    assert.equal(safeNextPath('/members/kenya?tab=plans#top'), '/members/kenya?tab=plans#top');
    for (const bad of ['//evil.example', 'https://evil.example', '/\\evil.example', 'evil.example', '', '/\tevil', '/\r\nSet-Cookie: x', undefined, 42]) {
      assert.equal(safeNextPath(bad), '/account', String(bad));
    }
  });
});
