import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TestClient } from '../../../test/support/client.ts';
import { csrfToken } from '../../../test/support/html.ts';
import { countRows } from '../../../test/support/records.ts';
import { useTestApp } from '../../../test/support/test-app.ts';

describe('rate limits on the account forms', () => {
  const t = useTestApp();

  // Each form is tried with input it refuses, so the ten allowed attempts are quick and change nothing.
  const forms: Array<[string, Record<string, string>]> = [
    ['/sign-in', { email: 'someone@example.org', password: '' }],
    ['/sign-up', { email: 'not-an-address' }],
    ['/password-reset', { email: 'not-an-address' }],
    ['/verify-email/resend', { email: 'not-an-address' }],
  ];

  for (const [path, fields] of forms) {
    it(`allows ten attempts at ${path} and answers the eleventh with 429`, async () => {
      const client = new TestClient(t.app);
      const page = await client.get(path);
      const token = csrfToken(page.body) ?? '';
      for (let attempt = 1; attempt <= 10; attempt++) {
        assert.equal((await client.post(path, { ...fields, _csrf: token })).status, 400, `attempt ${attempt}`);
      }
      const limited = await client.post(path, { ...fields, _csrf: token });
      assert.equal(limited.status, 429);
      assert.match(limited.headers['content-type'] as string, /text\/html/);
      assert.match(limited.body, /Too many attempts/);
      assert.match(limited.body, /Wait a few minutes/);
      assert.equal((await client.get(path)).status, 200, 'reading the form is never limited');
    });
  }

  it('counts each form separately', async () => {
    assert.equal(await countRows(t.ctx.db, 'users'), 0);
    const rows = await t.ctx.db.selectFrom('rate_limits').select(['key', 'hits']).execute();
    assert.equal(rows.length, forms.length);
    assert.ok(rows.every((row) => row.hits === 11));
  });
});
