import type { DbOrTrx } from '../../db/database.ts';
import type { EmailTokenPurpose, UsersTable } from '../../db/schema.ts';
import { nowIso } from '../../platform/ids.ts';

export type UserRow = UsersTable;

export function findUserByEmail(db: DbOrTrx, email: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
}

export function findUserById(db: DbOrTrx, id: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertUser(db: DbOrTrx, user: UserRow): Promise<void> {
  await db.insertInto('users').values(user).execute();
}

export async function updateUser(db: DbOrTrx, id: string, changes: Partial<Omit<UserRow, 'id' | 'created_at'>>): Promise<void> {
  await db.updateTable('users').set({ ...changes, updated_at: nowIso() }).where('id', '=', id).execute();
}

export async function insertEmailToken(
  db: DbOrTrx,
  token: { id: string; user_id: string; purpose: EmailTokenPurpose; created_at: string; expires_at: string },
): Promise<void> {
  await db.insertInto('email_tokens').values({ ...token, used_at: null }).execute();
}

/** An unused, unexpired token of the given purpose, by the hash of its value. */
export function findUsableEmailToken(db: DbOrTrx, id: string, purpose: EmailTokenPurpose) {
  return db
    .selectFrom('email_tokens')
    .selectAll()
    .where('id', '=', id)
    .where('purpose', '=', purpose)
    .where('used_at', 'is', null)
    .where('expires_at', '>', nowIso())
    .executeTakeFirst();
}

/** Marks every outstanding token of this purpose used, so an older link stops working too. */
export async function consumeEmailTokens(db: DbOrTrx, userId: string, purpose: EmailTokenPurpose): Promise<void> {
  await db.updateTable('email_tokens').set({ used_at: nowIso() }).where('user_id', '=', userId).where('purpose', '=', purpose).where('used_at', 'is', null).execute();
}

/**
 * Uses one token in a single statement, so of two requests racing with the same link only one
 * gets the user id back. Null when the token is unknown, used, expired or for another purpose.
 */
export async function claimEmailToken(db: DbOrTrx, id: string, purpose: EmailTokenPurpose): Promise<string | null> {
  const now = nowIso();
  const row = await db
    .updateTable('email_tokens')
    .set({ used_at: now })
    .where('id', '=', id)
    .where('purpose', '=', purpose)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .returning('user_id')
    .executeTakeFirst();
  return row?.user_id ?? null;
}
