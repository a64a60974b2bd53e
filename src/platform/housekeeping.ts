import type { DbOrTrx } from '../db/database.ts';

export interface HousekeepingResult {
  sessions: number;
  emailTokens: number;
  rateLimits: number;
  mail: number;
}

// Used or expired links are kept a week after they stop working, so a confused "my link failed" can be looked into.
const SPENT_TOKEN_RETENTION_MS = 7 * 24 * 60 * 60 * 1000;
// Finished mail is kept a month for delivery questions; its links expired long before.
const MAIL_RETENTION_MS = 30 * 24 * 60 * 60 * 1000;

/** Deletes what can no longer be used: expired sessions, spent email links, finished rate-limit windows and old mail. */
export async function purgeExpired(db: DbOrTrx, now: Date = new Date()): Promise<HousekeepingResult> {
  const nowText = now.toISOString();
  const tokenCutoff = new Date(now.getTime() - SPENT_TOKEN_RETENTION_MS).toISOString();
  const sessions = await db.deleteFrom('sessions').where('expires_at', '<=', nowText).executeTakeFirst();
  const emailTokens = await db
    .deleteFrom('email_tokens')
    .where((eb) => eb.or([eb('expires_at', '<=', tokenCutoff), eb('used_at', '<=', tokenCutoff)]))
    .executeTakeFirst();
  const rateLimits = await db.deleteFrom('rate_limits').where('reset_at', '<=', now.getTime()).executeTakeFirst();
  const mail = await db
    .deleteFrom('mail_outbox')
    .where('created_at', '<=', new Date(now.getTime() - MAIL_RETENTION_MS).toISOString())
    .where('status', 'in', ['stored', 'sent', 'failed'])
    .executeTakeFirst();
  return {
    sessions: Number(sessions.numDeletedRows),
    emailTokens: Number(emailTokens.numDeletedRows),
    rateLimits: Number(rateLimits.numDeletedRows),
    mail: Number(mail.numDeletedRows),
  };
}

