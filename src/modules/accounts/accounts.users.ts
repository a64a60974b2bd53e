import type { DbOrTrx } from '../../db/database.ts';
import { recordAudit } from '../../platform/audit.ts';
import { conflict, notFound } from '../../platform/errors.ts';
import { newId, nowIso } from '../../platform/ids.ts';
import { hashPassword } from '../../platform/passwords.ts';
import { destroyUserSessions } from '../../platform/sessions.ts';
import { consumeEmailTokens, findUserByEmail, findUserById, insertUser, updateUser, type UserRow } from './accounts.repository.ts';

export const normaliseEmail = (email: string): string => email.trim().toLowerCase();

// Deliberately loose: one @, something either side, a dot in the domain. The emailed link is the real test.
export const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export interface NewAccount {
  email: string;
  displayName: string;
  password: string;
  /** Accounts made by administrators, the CLI or the seed skip email verification. */
  verified: boolean;
}

/** Creates an account inside the caller's transaction, with its audit event. */
export async function createAccount(trx: DbOrTrx, actorId: string | null, input: NewAccount): Promise<UserRow> {
  const email = normaliseEmail(input.email);
  if (await findUserByEmail(trx, email)) throw conflict({ email: { key: 'accounts.errors.emailTaken' } });
  const now = nowIso();
  const user: UserRow = {
    id: newId(),
    email,
    display_name: input.displayName.trim(),
    password_hash: await hashPassword(input.password),
    email_verified_at: input.verified ? now : null,
    preferred_language: null,
    created_at: now,
    updated_at: now,
  };
  await insertUser(trx, user);
  await recordAudit(trx, {
    actorId: actorId ?? user.id,
    action: 'account.created',
    entityType: 'user',
    entityId: user.id,
    summary: `Account created for ${email}`,
    after: { email, display_name: user.display_name, verified: input.verified },
  });
  return user;
}

/**
 * An operator takes an existing account over (`ogp create-admin --reset-password`), inside the caller's
 * transaction: the password becomes the one they give, the address counts as confirmed, every session
 * ends and every emailed link stops working, so nothing the previous password holder set up survives.
 * The password arrives hashed: hashing is slow and must not hold the transaction open.
 */
/**
 * Sets a new password and, since only the address's owner can have chosen it, marks the address
 * confirmed; every outstanding link and session of the account stops working. Audited as given.
 */
export async function setPasswordAndConfirm(
  trx: DbOrTrx,
  user: UserRow,
  passwordHash: string,
  audit: { actorId: string | null; action: string; summary: string },
): Promise<UserRow> {
  const verifiedAt = user.email_verified_at ?? nowIso();
  await updateUser(trx, user.id, { password_hash: passwordHash, email_verified_at: verifiedAt });
  await consumeEmailTokens(trx, user.id, 'verify_email');
  await consumeEmailTokens(trx, user.id, 'reset_password');
  await destroyUserSessions(trx, user.id);
  await recordAudit(trx, {
    ...audit,
    entityType: 'user',
    entityId: user.id,
    before: { email_verified_at: user.email_verified_at },
    after: { email_verified_at: verifiedAt },
  });
  return { ...user, password_hash: passwordHash, email_verified_at: verifiedAt };
}

export async function takeOverAccount(trx: DbOrTrx, userId: string, passwordHash: string): Promise<UserRow> {
  const user = await findUserById(trx, userId);
  if (!user) throw notFound();
  return setPasswordAndConfirm(trx, user, passwordHash, {
    actorId: null,
    action: 'account.password_set_by_operator',
    summary: 'Password set and email address marked confirmed from the command line (create-admin --reset-password); all sessions ended',
  });
}
