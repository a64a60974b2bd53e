import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { setCookieLine, TestClient } from '../../test/support/client.ts';
import { csrfToken } from '../../test/support/html.ts';
import { createTestApp, type TestApp } from '../../test/support/test-app.ts';

describe('web platform', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp({}, (app) => {
      app.get('/__boom', async () => {
        throw new Error('secret internal detail: password=hunter2 at /srv/app.ts:42');
      });
      app.get('/__duplicate', async () => {
        const row = { id: 'same', email: 'dup@example.org', display_name: 'D', password_hash: 'x', email_verified_at: null, preferred_language: null, created_at: '', updated_at: '' };
        await app.ctx.db.insertInto('users').values(row).execute();
        await app.ctx.db.insertInto('users').values(row).execute();
      });
      app.get('/api/__boom', async () => {
        throw new Error('secret internal detail');
      });
    });
  });
  after(() => t.close());

  it('sends a strict Content-Security-Policy and security headers', async () => {
    const response = await t.app.inject({ url: '/' });
    const csp = String(response.headers['content-security-policy']);
    assert.match(csp, /default-src 'self'/);
    assert.match(csp, /script-src 'self'(;|$)/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
    assert.match(csp, /frame-ancestors 'none'/);
    assert.equal(response.headers['x-content-type-options'], 'nosniff');
  });

  it('sends the same security headers with every response, refusals and errors too', async () => {
    const securityHeaders = (headers: Record<string, unknown>) =>
      Object.fromEntries(['content-security-policy', 'x-frame-options', 'referrer-policy', 'cross-origin-opener-policy'].map((name) => [name, headers[name]]));
    const page = securityHeaders((await t.app.inject({ url: '/' })).headers);
    assert.equal(page['referrer-policy'], 'same-origin');
    for (const url of ['/no/such/page', '/__boom', '/api/no-such-endpoint', '/assets/app.js']) {
      assert.deepEqual(securityHeaders((await t.app.inject({ url })).headers), page, url);
    }
  });

  it('sends pages without the templates\' indentation', async () => {
    const body = (await t.app.inject({ url: '/' })).body;
    assert.doesNotMatch(body, /\n[ \t]+</);
  });

  it('pages carry no inline script', async () => {
    const body = (await t.app.inject({ url: '/' })).body;
    for (const tag of body.match(/<script\b[^>]*>/g) ?? []) assert.match(tag, /\ssrc="/);
  });

  it('shows a plain 404 page', async () => {
    const response = await t.app.inject({ url: '/no/such/page' });
    assert.equal(response.statusCode, 404);
    assert.match(response.body, /Page not found/);
  });

  it('answers unknown errors with a 500 page that reveals nothing', async () => {
    const response = await t.app.inject({ url: '/__boom' });
    assert.equal(response.statusCode, 500);
    assert.match(response.body, /Sorry, there is a problem with the service/);
    assert.doesNotMatch(response.body, /secret|hunter2|srv|stack|Error:/);
  });

  it('turns a unique-index race into a 409 conflict, not a 500', async () => {
    const response = await t.app.inject({ url: '/__duplicate' });
    assert.equal(response.statusCode, 409);
    assert.match(response.body, /conflicts with existing information/);
  });

  it('answers API errors in the JSON error shape', async () => {
    const missing = await t.app.inject({ url: '/api/no-such-endpoint' });
    assert.equal(missing.statusCode, 404);
    assert.deepEqual(missing.json(), { error: { code: 'NOT_FOUND', message: 'Page not found', fields: {} } });
    const boom = await t.app.inject({ url: '/api/__boom' });
    assert.equal(boom.statusCode, 500);
    assert.equal(boom.json().error.code, 'INTERNAL');
    assert.doesNotMatch(boom.body, /secret/);
  });

  it('refuses a state-changing form without a valid CSRF token', async () => {
    const client = new TestClient(t.app);
    await client.get('/');
    const response = await client.post('/sign-out', { _csrf: 'forged' });
    assert.equal(response.status, 403);
    assert.match(response.body, /This form has expired/);
  });

  it('sets a CSRF cookie only for a page with a form, and keeps one secret for all of a browser\'s forms', async () => {
    const home = await t.app.inject({ url: '/' });
    assert.equal(setCookieLine(home.headers['set-cookie'], '_csrf'), undefined);
    assert.doesNotMatch(home.body, /name="_csrf"/);
    const client = new TestClient(t.app);
    const signIn = await client.get('/sign-in');
    assert.ok(setCookieLine(signIn.headers['set-cookie'], '_csrf'), 'the first form page sets the secret');
    const signUp = await client.get('/sign-up');
    assert.equal(setCookieLine(signUp.headers['set-cookie'], '_csrf'), undefined, 'later form pages reuse it');
    for (const page of [signIn, signUp]) {
      const answer = await client.post('/sign-in', { _csrf: csrfToken(page.body) ?? '', email: 'nobody@example.org', password: 'wrong' });
      assert.equal(answer.status, 400, 'the token of either page is accepted and the form checked');
    }
  });

  it('marks the section being read in the navigation, whichever page and language came before', async () => {
    const current = async (url: string) => {
      const body = (await t.app.inject({ url })).body;
      return [...body.matchAll(/href="([^"]+)" aria-current="true">\s*(?:<strong[^>]*>)?\s*([^<]+?)\s*</g)].map((m) => `${m[1]} ${m[2]}`);
    };
    assert.deepEqual(await current('/members'), ['/members Members']);
    assert.deepEqual(await current('/organisations'), ['/organisations Organisations']);
    assert.deepEqual(await current('/members?lang=es'), ['/members Miembros']);
    assert.deepEqual(await current('/members'), ['/members Members']);
  });

  it('switches language from the link and remembers it in a cookie', async () => {
    const client = new TestClient(t.app);
    const spanish = await client.get('/?lang=es');
    assert.match(spanish.body, /<html lang="es"/);
    assert.match(spanish.body, /Saltar al contenido principal/);
    const next = await client.get('/');
    assert.match(next.body, /<html lang="es"/);
    const french = await client.get('/', { 'accept-language': 'fr' });
    assert.match(french.body, /<html lang="es"/, 'the saved choice beats the browser header');
    const fresh = await new TestClient(t.app).get('/', { 'accept-language': 'fr-FR,fr;q=0.9' });
    assert.match(fresh.body, /<html lang="fr"/);
  });

  it('reports health and readiness', async () => {
    assert.deepEqual((await t.app.inject({ url: '/healthz' })).json(), { status: 'ok' });
    assert.deepEqual((await t.app.inject({ url: '/readyz' })).json(), { status: 'ready' });
  });
});
