import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import pino from 'pino';
import { createUser, signedInClient } from '../../test/support/factories.ts';
import { startSmtpServer, type TestSmtpServer } from '../../test/support/smtp.ts';
import { createTestApp, type TestApp } from '../../test/support/test-app.ts';
import { Mailer } from './mail.ts';

describe('mail delivery over SMTP', () => {
  let smtp: TestSmtpServer;
  let t: TestApp;
  before(async () => {
    smtp = await startSmtpServer();
    t = await createTestApp({ SMTP_URL: smtp.url });
  });
  after(async () => {
    await t.close();
    await smtp.close();
  });

  it('sends each queued message exactly once when several processes deliver at the same time', async () => {
    const { db } = t.ctx;
    const recipients = Array.from({ length: 6 }, (_, i) => `once-${i}@example.org`);
    for (const to of recipients) await t.ctx.mailer.enqueue(db, { to, subject: 'Once only', text: 'Hello' });
    // Separate Mailer instances stand in for separate app processes sharing one database.
    const others = [new Mailer(db, smtp.url, pino({ level: 'silent' })), new Mailer(db, smtp.url, pino({ level: 'silent' }))];
    await Promise.all([t.ctx.mailer.deliverQueued(), ...others.map((m) => m.deliverQueued())]);
    others.forEach((m) => m.close());
    for (const to of recipients) assert.equal(smtp.messages.filter((m) => m.recipients.includes(to)).length, 1, to);
    const statuses = await db.selectFrom('mail_outbox').select(['status', 'attempts']).where('to_address', 'in', recipients).execute();
    assert.ok(statuses.every((s) => s.status === 'sent' && s.attempts === 1));
  });

  it('retries a message whose delivering process died mid-send', async () => {
    const { db } = t.ctx;
    const id = await t.ctx.mailer.enqueue(db, { to: 'abandoned@example.org', subject: 'Again', text: 'Hello' });
    const longAgo = new Date(Date.now() - 60 * 60 * 1000).toISOString();
    await db.updateTable('mail_outbox').set({ status: 'sending', attempts: 1, claimed_at: longAgo }).where('id', '=', id).execute();
    await t.ctx.mailer.deliverQueued();
    await smtp.waitForMessage('abandoned@example.org');
    const row = await db.selectFrom('mail_outbox').select(['status', 'attempts']).where('id', '=', id).executeTakeFirstOrThrow();
    assert.deepEqual(row, { status: 'sent', attempts: 2 });
  });

  it('does not show administrators the text of mail that goes to its recipient', async () => {
    const id = await t.ctx.mailer.enqueue(t.ctx.db, { to: 'private@example.org', subject: 'Your reset link', text: 'https://example.org/password-reset/SECRET' });
    const admin = await signedInClient(t.app, await createUser(t.ctx.db, { roles: ['support_unit'] }));
    const page = await admin.get(`/admin/outbox/${id}`);
    assert.equal(page.status, 200);
    assert.match(page.body, /Your reset link/);
    assert.doesNotMatch(page.body, /SECRET/);
    assert.match(page.body, /The text is not shown/);
  });
});
