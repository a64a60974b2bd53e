import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createTestApp } from '../../test/support/test-app.ts';

async function clientIp(env: Record<string, string>, forwardedFor: string): Promise<string> {
  const t = await createTestApp(env, (app) => app.get('/__ip', async (request) => request.ip));
  try {
    return (await t.app.inject({ url: '/__ip', headers: { 'x-forwarded-for': forwardedFor }, remoteAddress: '10.0.0.2' })).body;
  } finally {
    await t.close();
  }
}

describe('client address', () => {
  it('ignores X-Forwarded-For by default, so a client cannot choose its own address', async () => {
    assert.equal(await clientIp({}, '203.0.113.9'), '10.0.0.2');
  });

  it('takes the address the trusted proxy saw when TRUST_PROXY=1', async () => {
    assert.equal(await clientIp({ TRUST_PROXY: '1' }, '198.51.100.7, 203.0.113.9'), '203.0.113.9');
  });
});
