import type { DbOrTrx } from '../../db/database.ts';
import { recordAudit } from '../../platform/audit.ts';
import { conflict } from '../../platform/errors.ts';
import { newId, nowIso } from '../../platform/ids.ts';
import { hashPassword } from '../../platform/passwords.ts';
import { findUserByEmail, insertUser, type UserRow } from './accounts.repository.ts';

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
