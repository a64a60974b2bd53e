import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type CapturedPage, type CeilingServer, startCeiling } from '../scripts/bench/ceiling.ts';

const page = (path: string, body: string, status = 200): CapturedPage => ({
  path,
  status,
  headers: { 'content-type': 'text/html; charset=utf-8', 'x-page': path },
  body: Buffer.from(body),
});

describe('bench ceiling server', () => {
  let ceiling: CeilingServer;
  before(async () => {
    ceiling = await startCeiling([page('/commitments/A', 'first page, é'), page('/commitments/B?lang=fr', 'second, heavier page'), page('/missing', 'gone', 404)]);
  });
  after(() => ceiling.stop());

  it('answers each address with the response captured for it, byte for byte', async () => {
    for (const [path, body, status] of [
      ['/commitments/A', 'first page, é', 200],
      ['/commitments/B?lang=fr', 'second, heavier page', 200],
      ['/missing', 'gone', 404],
    ] as const) {
      const response = await fetch(`${ceiling.baseUrl}${path}`);
      assert.equal(response.status, status);
      assert.equal(response.headers.get('x-page'), path);
      assert.equal(response.headers.get('content-length'), String(Buffer.byteLength(body)));
      assert.equal(await response.text(), body);
    }
  });

  it('answers an address it was not given with the first response', async () => {
    const response = await fetch(`${ceiling.baseUrl}/elsewhere`);
    assert.equal(response.status, 200);
    assert.equal(await response.text(), 'first page, é');
  });
});
