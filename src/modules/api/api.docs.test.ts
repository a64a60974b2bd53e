import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TestClient } from '../../../test/support/client.ts';
import { decodeEntities } from '../../../test/support/html.ts';
import { useTestApp } from '../../../test/support/test-app.ts';
import { fieldRows, operationsFromOpenApi, typeOf } from './api.docs.ts';

describe('the API reference page', () => {
  const t = useTestApp();

  it('describes types as a reader wants them', () => {
    assert.equal(typeOf({ type: 'string', nullable: true }), 'string | null');
    assert.equal(typeOf({ type: 'string', format: 'date-time' }), 'string (date-time)');
    assert.equal(typeOf({ type: 'array', items: { anyOf: [{ type: 'string', enum: ['a'] }, { type: 'string', enum: ['b'] }] } }), 'array of one of: a, b');
    assert.equal(typeOf({ type: 'object', additionalProperties: { type: 'string' } }), 'map of string');
    assert.deepEqual(
      fieldRows({ type: 'object', required: ['a'], properties: { a: { type: 'array', items: { type: 'object', properties: { b: { type: 'integer', description: 'B' } } } } } }),
      [
        { path: 'a', depth: 0, type: 'array of object', required: true, description: '' },
        { path: 'a[].b', depth: 1, type: 'integer', required: false, description: 'B' },
      ],
    );
  });

  it('lists every operation of the OpenAPI document with its parameters and response fields', async () => {
    const document = (await t.app.inject({ url: '/api/openapi.json' })).json();
    const operations = operationsFromOpenApi(document);
    const page = await new TestClient(t.app).get('/api/docs');
    assert.equal(page.status, 200);
    assert.match(String(page.headers['content-type']), /text\/html/);
    assert.match(page.body, /<h1 class="govuk-heading-xl">API reference<\/h1>/);
    const body = decodeEntities(page.body);
    for (const [path, item] of Object.entries(document.paths as Record<string, Record<string, unknown>>)) {
      for (const method of Object.keys(item)) assert.ok(body.includes(`<code>${method.toUpperCase()} ${path}</code>`), `${method} ${path}`);
    }
    const list = operations.find((o) => o.id === 'listCommitments')!;
    for (const parameter of list.parameters) assert.ok(body.includes(`<code>${parameter.name}</code>`), parameter.name);
    // Response fields, nested ones by their full path.
    for (const field of ['total', 'items[].member.code', 'facets.region.values[].count']) assert.ok(body.includes(`<code>${field}</code>`), field);
    assert.ok(body.includes('<code>data.irm.ratings.potential_impact.missing</code>'));
    assert.ok(body.includes('<code>error.code</code>'));
    assert.match(page.body, /href="\/api\/openapi.json"/);
    assert.match(page.body, /href="\/developers"/);
  });

  it('is in the reader\'s language, with the site\'s own page furniture', async () => {
    const page = await new TestClient(t.app).get('/api/docs?lang=fr');
    assert.match(page.body, /<html lang="fr"/);
    assert.match(page.body, /<h1 class="govuk-heading-xl">Référence de l&#39;API<\/h1>/);
    assert.match(page.body, /Aller au contenu principal/);
    assert.match(page.body, /Rechercher et filtrer les engagements/);
  });
});
