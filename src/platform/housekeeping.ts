import type { DbOrTrx } from '../db/database.ts';

export interface HousekeepingResult {
  sessions: number;
  emailTokens: number;
  rateLimits: number;
}

// Used or expired links are kept a week after they stop working, so a confused "my link failed" can be looked into.
const SPENT_TOKEN_RETENTION_MS = 7 * 24 * 60 * 60 * 1000;

/** Deletes what can no longer be used: expired sessions, spent email links and finished rate-limit windows. */
export async function purgeExpired(db: DbOrTrx, now: Date = new Date()): Promise<HousekeepingResult> {
  const nowText = now.toISOString();
  const tokenCutoff = new Date(now.getTime() - SPENT_TOKEN_RETENTION_MS).toISOString();
  const sessions = await db.deleteFrom('sessions').where('expires_at', '<=', nowText).executeTakeFirst();
  const emailTokens = await db
    .deleteFrom('email_tokens')
    .where((eb) => eb.or([eb('expires_at', '<=', tokenCutoff), eb('used_at', '<=', tokenCutoff)]))
    .executeTakeFirst();
  const rateLimits = await db.deleteFrom('rate_limits').where('reset_at', '<=', now.getTime()).executeTakeFirst();
  return {
    sessions: Number(sessions.numDeletedRows),
    emailTokens: Number(emailTokens.numDeletedRows),
    rateLimits: Number(rateLimits.numDeletedRows),
  };
}

