import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { TestClient } from '../../../test/support/client.ts';
import { createUser, signedInClient } from '../../../test/support/factories.ts';
import { dataValues, decodeEntities } from '../../../test/support/html.ts';
import { useTestApp } from '../../../test/support/test-app.ts';
import { OUTBOX_PER_PAGE } from './outbox.service.ts';

const messageIds = (body: string): string[] => dataValues(body, 'data-message-id');

describe('the email outbox pages', () => {
  const t = useTestApp();
  let client: TestClient;

  before(async () => {
    client = await signedInClient(t.app, await createUser(t.ctx.db, { roles: ['support_unit'] }));
  });

  it('lists a message the platform stored, and shows its full text', async () => {
    const text = 'Hello <Ana>,\n\nConfirm your email address:\nhttp://localhost:3000/verify-email?token=abc&x=1\n';
    const id = await t.ctx.db.transaction().execute((trx) => t.ctx.mailer.enqueue(trx, { to: 'ana@example.org', subject: 'Confirm your email address', text }));

    const list = await client.get('/admin/outbox');
    assert.equal(list.status, 200);
    assert.ok(messageIds(list.body).includes(id));
    assert.match(list.body, /ana@example.org/);
    assert.match(list.body, new RegExp(`<a class="govuk-link" href="/admin/outbox/${id}">Confirm your email address</a>`));
    assert.match(list.body, /Stored, not sent/);
    assert.match(list.body, /Email delivery is not set up/);

    const message = await client.get(`/admin/outbox/${id}`);
    assert.equal(message.status, 200);
    const body = /<pre[^>]*>([\s\S]*?)<\/pre>/.exec(message.body)?.[1];
    assert.equal(decodeEntities(body ?? ''), text, 'the body is shown exactly, escaped');
    assert.doesNotMatch(message.body, /<Ana>/);
  });

  it('filters by status and pages through the messages', async () => {
    await t.ctx.db.transaction().execute(async (trx) => {
      for (let i = 0; i < OUTBOX_PER_PAGE + 2; i++) await t.ctx.mailer.enqueue(trx, { to: `bulk${i}@example.org`, subject: `Bulk ${i}`, text: 'x' });
    });
    const failedId = await t.ctx.mailer.enqueue(t.ctx.db, { to: 'bounce@example.org', subject: 'Bounced', text: 'x' });
    await t.ctx.db.updateTable('mail_outbox').set({ status: 'failed', attempts: 1, last_error: 'Mailbox unavailable' }).where('id', '=', failedId).execute();

    const failed = await client.get('/admin/outbox?status=failed');
    assert.deepEqual(messageIds(failed.body), [failedId]);
    assert.match(failed.body, /<option value="failed" selected>/);
    assert.match((await client.get(`/admin/outbox/${failedId}`)).body, /Mailbox unavailable/);

    const stored = await client.get('/admin/outbox?status=stored');
    assert.equal(messageIds(stored.body).length, OUTBOX_PER_PAGE);
    assert.match(stored.body, /href="\/admin\/outbox\?status=stored&amp;page=2"/);
    const second = await client.get('/admin/outbox?status=stored&page=2');
    assert.equal(messageIds(second.body).length, 3);
    assert.ok(!messageIds(stored.body).includes(failedId));

    const everything = await client.get('/admin/outbox?status=nonsense');
    assert.equal(everything.status, 200, 'an unknown status shows every message');
    assert.match(everything.body, /Messages found: 29/);
  });

  it('answers 404 for a message that does not exist', async () => {
    assert.equal((await client.get('/admin/outbox/00000000-0000-4000-8000-000000000000')).status, 404);
  });

  it('speaks Spanish and French', async () => {
    assert.match((await client.get('/admin/outbox?lang=es')).body, /Bandeja de salida de correo/);
    assert.match((await client.get('/admin/outbox?lang=fr')).body, /Boîte d’envoi des courriels/);
  });
});
