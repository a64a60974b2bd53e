import type { DbOrTrx } from '../db/database.ts';
import { hashToken, isoIn, newToken, nowIso } from './ids.ts';
import { type Actor, isRole, type RoleGrant } from './roles.ts';

export const SESSION_COOKIE = 'ogp_session';
export const SESSION_TTL_MS = 14 * 24 * 60 * 60 * 1000;
// Sliding expiry is refreshed at most this often, so reading a page rarely writes.
const TOUCH_INTERVAL_MS = 5 * 60 * 1000;

/** Starts a session; the cookie carries the token and the database only its hash. */
export async function createSession(trx: DbOrTrx, userId: string): Promise<string> {
  const token = newToken();
  const now = nowIso();
  await trx
    .insertInto('sessions')
    .values({ id: hashToken(token), user_id: userId, created_at: now, last_seen_at: now, expires_at: isoIn(SESSION_TTL_MS) })
    .execute();
  return token;
}

export async function destroySession(db: DbOrTrx, sessionId: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', sessionId).execute();
}

export async function destroyUserSessions(db: DbOrTrx, userId: string): Promise<void> {
  await db.deleteFrom('sessions').where('user_id', '=', userId).execute();
}

const toGrant = (row: { grant_id: string | null; role: string | null; member_id: string | null; organisation_id: string | null }): RoleGrant[] =>
  row.grant_id !== null && isRole(row.role) ? [{ id: row.grant_id, role: row.role, memberId: row.member_id, organisationId: row.organisation_id }] : [];

/**
 * Resolves a session cookie to its signed-in person, or null when it is unknown or expired. Every page asks,
 * so the session, the person and their grants come in one query: one row per grant, or one row without a grant.
 * Nothing is kept between requests: a sign-out or a changed role elsewhere counts from the very next request.
 */
export async function resolveSession(db: DbOrTrx, token: string): Promise<{ sessionId: string; actor: Actor } | null> {
  const sessionId = hashToken(token);
  const rows = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .leftJoin('role_grants', 'role_grants.user_id', 'users.id')
    .select([
      'sessions.expires_at',
      'sessions.last_seen_at',
      'users.id',
      'users.email',
      'users.display_name',
      'role_grants.id as grant_id',
      'role_grants.role',
      'role_grants.member_id',
      'role_grants.organisation_id',
    ])
    .where('sessions.id', '=', sessionId)
    .execute();
  const row = rows[0];
  if (!row) return null;
  const now = Date.now();
  if (Date.parse(row.expires_at) <= now) {
    await destroySession(db, sessionId);
    return null;
  }
  if (now - Date.parse(row.last_seen_at) > TOUCH_INTERVAL_MS) {
    await db.updateTable('sessions').set({ last_seen_at: nowIso(), expires_at: isoIn(SESSION_TTL_MS) }).where('id', '=', sessionId).execute();
  }
  return { sessionId, actor: { id: row.id, email: row.email, displayName: row.display_name, grants: rows.flatMap(toGrant) } };
}
