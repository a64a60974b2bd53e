import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createUser } from '../../test/support/factories.ts';
import { useTestApp } from '../../test/support/test-app.ts';
import { purgeExpired } from './housekeeping.ts';

const DAY = 24 * 60 * 60 * 1000;

describe('housekeeping', () => {
  const t = useTestApp();

  it('purges expired sessions, long-spent email links and finished rate-limit windows, and nothing else', async () => {
    const { db } = t.ctx;
    const user = await createUser(db);
    const now = new Date('2030-06-15T12:00:00.000Z');
    const at = (offsetMs: number) => new Date(now.getTime() + offsetMs).toISOString();
    const session = (id: string, expiresAt: string) => ({ id, user_id: user.id, created_at: at(-DAY), last_seen_at: at(-DAY), expires_at: expiresAt });
    await db.insertInto('sessions').values([session('expired', at(-1000)), session('live', at(DAY))]).execute();
    const token = (id: string, expiresAt: string, usedAt: string | null) => ({ id, user_id: user.id, purpose: 'reset_password' as const, created_at: at(-30 * DAY), expires_at: expiresAt, used_at: usedAt });
    await db
      .insertInto('email_tokens')
      .values([
        token('expired-long-ago', at(-8 * DAY), null),
        token('used-long-ago', at(DAY), at(-8 * DAY)),
        token('expired-yesterday', at(-DAY), null),
        token('usable', at(DAY), null),
      ])
      .execute();
    await db
      .insertInto('rate_limits')
      .values([
        { key: 'finished', hits: 3, reset_at: now.getTime() - 1 },
        { key: 'running', hits: 3, reset_at: now.getTime() + 60_000 },
      ])
      .execute();

    const mail = (id: string, createdAt: string, status: 'stored' | 'queued' | 'sent') => ({
      id, created_at: createdAt, to_address: 'a@example.org', subject: 's', text_body: 't', html_body: null, status, attempts: 0, last_error: null, sent_at: null, claimed_at: null,
    });
    await db
      .insertInto('mail_outbox')
      .values([mail('old-sent', at(-31 * DAY), 'sent'), mail('old-queued', at(-31 * DAY), 'queued'), mail('recent-sent', at(-DAY), 'sent')])
      .execute();

    assert.deepEqual(await purgeExpired(db, now), { sessions: 1, emailTokens: 2, rateLimits: 1, mail: 1 });
    const kept = (await db.selectFrom('mail_outbox').select('id').execute()).map((r) => r.id).sort();
    assert.deepEqual(kept, ['old-queued', 'recent-sent'], 'mail not yet delivered is never purged');
    assert.deepEqual((await db.selectFrom('sessions').select('id').where('user_id', '=', user.id).execute()).map((r) => r.id), ['live']);
    const tokens = (await db.selectFrom('email_tokens').select('id').where('user_id', '=', user.id).execute()).map((r) => r.id).sort();
    assert.deepEqual(tokens, ['expired-yesterday', 'usable']);
    assert.deepEqual((await db.selectFrom('rate_limits').select('key').execute()).map((r) => r.key), ['running']);
    assert.deepEqual(await purgeExpired(db, now), { sessions: 0, emailTokens: 0, rateLimits: 0, mail: 0 }, 'a second run finds nothing');
  });
});
