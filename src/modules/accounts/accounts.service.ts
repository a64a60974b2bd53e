import type { Trx } from '../../db/database.ts';
import type { EmailTokenPurpose } from '../../db/schema.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError, FieldErrorCollector, notFound, validationError } from '../../platform/errors.ts';
import { isLanguage, type Language } from '../../platform/i18n.ts';
import { hashToken, isoIn, newToken, nowIso } from '../../platform/ids.ts';
import { dummyPasswordHash, hashPassword, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, verifyPassword } from '../../platform/passwords.ts';
import { type Actor, isRole, type Role } from '../../platform/roles.ts';
import { createSession, destroySession } from '../../platform/sessions.ts';
import { listGrantsForUser } from '../roles/roles.repository.ts';
import { accountMail, recipientLanguage } from './accounts.mail.ts';
import {
  claimEmailToken,
  consumeEmailTokens,
  findUsableEmailToken,
  findUserByEmail,
  findUserById,
  insertEmailToken,
  updateUser,
  type UserRow,
} from './accounts.repository.ts';
import { createAccount, EMAIL_PATTERN, normaliseEmail, setPasswordAndConfirm } from './accounts.users.ts';

export const VERIFY_EMAIL_TTL_MS = 24 * 60 * 60 * 1000;
export const RESET_PASSWORD_TTL_MS = 60 * 60 * 1000;
export const EMAIL_MAX_LENGTH = 254;
export const DISPLAY_NAME_MAX_LENGTH = 100;

// ---------------------------------------------------------------------------------------------
// Field rules, shared by every form that takes the same kind of value.

function checkEmail(errors: FieldErrorCollector, value: string | undefined): string {
  const email = normaliseEmail(value ?? '');
  if (email === '') errors.add('email', 'accounts.errors.emailRequired');
  else if (email.length > EMAIL_MAX_LENGTH) errors.add('email', 'accounts.errors.emailTooLong', { max: EMAIL_MAX_LENGTH });
  else if (!EMAIL_PATTERN.test(email)) errors.add('email', 'accounts.errors.emailInvalid');
  return email;
}

function checkDisplayName(errors: FieldErrorCollector, value: string | undefined): string {
  const name = (value ?? '').trim();
  if (name === '') errors.add('displayName', 'accounts.errors.displayNameRequired');
  // Counted in characters a person sees, not UTF-16 units, so accented and non-Latin names are not penalised.
  else if ([...name].length > DISPLAY_NAME_MAX_LENGTH) errors.add('displayName', 'accounts.errors.displayNameTooLong', { max: DISPLAY_NAME_MAX_LENGTH });
  return name;
}

function checkNewPassword(errors: FieldErrorCollector, password: string | undefined, confirmation: string | undefined): string {
  const value = password ?? '';
  if (value === '') errors.add('password', 'accounts.errors.passwordRequired');
  else if (value.length < PASSWORD_MIN_LENGTH) errors.add('password', 'accounts.errors.passwordTooShort', { min: PASSWORD_MIN_LENGTH });
  else if (value.length > PASSWORD_MAX_LENGTH) errors.add('password', 'accounts.errors.passwordTooLong', { max: PASSWORD_MAX_LENGTH });
  if (!confirmation) errors.add('confirmPassword', 'accounts.errors.confirmPasswordRequired');
  else if (value !== '' && confirmation !== value) errors.add('confirmPassword', 'accounts.errors.passwordsDoNotMatch');
  return value;
}

// ---------------------------------------------------------------------------------------------
// Emailed links.

/** Stores only the hash of a fresh token and hands back the token itself, for the emailed link. */
async function issueEmailToken(trx: Trx, userId: string, purpose: EmailTokenPurpose, ttlMs: number): Promise<string> {
  const token = newToken();
  await insertEmailToken(trx, { id: hashToken(token), user_id: userId, purpose, created_at: nowIso(), expires_at: isoIn(ttlMs) });
  return token;
}

const verifyLink = (ctx: AppContext, token: string): string => `${ctx.config.baseUrl}/verify-email?token=${encodeURIComponent(token)}`;
const resetLink = (ctx: AppContext, token: string): string => `${ctx.config.baseUrl}/password-reset/${encodeURIComponent(token)}`;

async function enqueueVerification(ctx: AppContext, trx: Trx, user: UserRow, language: Language): Promise<void> {
  const token = await issueEmailToken(trx, user.id, 'verify_email', VERIFY_EMAIL_TTL_MS);
  await ctx.mailer.enqueue(trx, await accountMail('verify', user.email, language, { link: verifyLink(ctx, token) }));
}

/**
 * Sends without making the visitor wait, after every request that mails. Awaiting delivery would hold
 * the request for the SMTP timeouts whenever the mail server is slow or unreachable, and where mail goes
 * out only when an account exists, response times would reveal which addresses have accounts.
 * Failed messages stay in the outbox for the next run; only a failure to read the outbox lands here.
 */
function deliverInBackground(ctx: AppContext): void {
  ctx.mailer.deliverQueued().catch((error: unknown) => ctx.logger.error({ err: error }, 'mail delivery run failed'));
}

// ---------------------------------------------------------------------------------------------
// Sign-up and email verification.

export interface SignUpInput {
  email?: string;
  displayName?: string;
  password?: string;
  confirmPassword?: string;
}

function isEmailTaken(error: unknown): error is AppError {
  return error instanceof AppError && error.code === 'CONFLICT' && 'email' in error.fields;
}

// Two submissions of the same new address can both pass the existence check before either commits;
// the loser trips the unique index and is retried once, when it sees the winner's account.
function isUniqueViolation(error: unknown): boolean {
  const code = error && typeof error === 'object' && 'code' in error ? String(error.code) : '';
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}

/**
 * Someone signed up with an address that already has an account. They see the same page as a new
 * sign-up, so the form cannot be used to find out who is registered; the mailbox owner learns of it.
 * An unconfirmed account gets a password-setting link rather than a confirmation link: confirming
 * would activate whatever password the first sign-up chose, which may not be the mailbox owner's.
 */
async function handleRepeatedSignUp(ctx: AppContext, trx: Trx, existing: UserRow, language: Language): Promise<void> {
  const lang = recipientLanguage(existing, language);
  if (existing.email_verified_at) {
    const mail = await accountMail('alreadyRegistered', existing.email, lang, {
      signInLink: `${ctx.config.baseUrl}/sign-in`,
      resetLink: `${ctx.config.baseUrl}/password-reset`,
    });
    await ctx.mailer.enqueue(trx, mail);
  } else {
    const token = await issueEmailToken(trx, existing.id, 'reset_password', RESET_PASSWORD_TTL_MS);
    await ctx.mailer.enqueue(trx, await accountMail('pendingAccount', existing.email, lang, { link: resetLink(ctx, token) }));
  }
  await recordAudit(trx, {
    actorId: null,
    action: 'account.sign_up_repeated',
    entityType: 'user',
    entityId: existing.id,
    summary: 'Sign-up attempted with an address that already has an account',
  });
}

/** Creates an unconfirmed account and emails its confirmation link; an existing address is told by email instead. */
export async function signUp(ctx: AppContext, input: SignUpInput, language: Language): Promise<void> {
  const errors = new FieldErrorCollector();
  const email = checkEmail(errors, input.email);
  const displayName = checkDisplayName(errors, input.displayName);
  const password = checkNewPassword(errors, input.password, input.confirmPassword);
  errors.throwIfAny();

  const attempt = () =>
    ctx.db.transaction().execute(async (trx) => {
      try {
        const user = await createAccount(trx, null, { email, displayName, password, verified: false });
        await enqueueVerification(ctx, trx, user, language);
      } catch (error) {
        if (!isEmailTaken(error)) throw error;
        const existing = await findUserByEmail(trx, email);
        if (!existing) throw validationError(error.fields);
        // createAccount refuses before hashing; hashing here too keeps both answers equally slow.
        await hashPassword(password);
        await handleRepeatedSignUp(ctx, trx, existing, language);
      }
    });
  try {
    await attempt();
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    await attempt();
  }
  deliverInBackground(ctx);
}

/**
 * Whether a confirmation link can still be used, so its page offers the button only when pressing it
 * would work. Reads only: opening the link (as mail scanners and link previews do) confirms nothing.
 */
export async function verificationTokenIsUsable(ctx: AppContext, token: string | undefined): Promise<boolean> {
  if (!token) return false;
  return (await findUsableEmailToken(ctx.db, hashToken(token), 'verify_email')) !== undefined;
}

/**
 * Confirms the address behind a verification link, when the person presses the button on the page the
 * link opens. False when the link is unknown, used or expired.
 */
export async function verifyEmail(ctx: AppContext, token: string | undefined): Promise<boolean> {
  if (!token) return false;
  return ctx.db.transaction().execute(async (trx) => {
    const userId = await claimEmailToken(trx, hashToken(token), 'verify_email');
    if (!userId) return false;
    const user = await findUserById(trx, userId);
    if (!user) return false;
    await consumeEmailTokens(trx, userId, 'verify_email');
    if (!user.email_verified_at) {
      const verifiedAt = nowIso();
      await updateUser(trx, userId, { email_verified_at: verifiedAt });
      await recordAudit(trx, {
        actorId: userId,
        action: 'account.email_verified',
        entityType: 'user',
        entityId: userId,
        summary: `Email address ${user.email} confirmed`,
        before: { email_verified_at: null },
        after: { email_verified_at: verifiedAt },
      });
    }
    return true;
  });
}

/** Sends a fresh confirmation link when an unconfirmed account has this address; says nothing either way. */
export async function resendVerification(ctx: AppContext, input: { email?: string }, language: Language): Promise<void> {
  const errors = new FieldErrorCollector();
  const email = checkEmail(errors, input.email);
  errors.throwIfAny();
  const user = await findUserByEmail(ctx.db, email);
  if (!user || user.email_verified_at) return;
  await ctx.db.transaction().execute(async (trx) => {
    await enqueueVerification(ctx, trx, user, recipientLanguage(user, language));
    await recordAudit(trx, { actorId: null, action: 'account.verification_resent', entityType: 'user', entityId: user.id, summary: 'Confirmation link sent again' });
  });
  deliverInBackground(ctx);
}

// ---------------------------------------------------------------------------------------------
// Signing in and out.

export interface SignInInput {
  email?: string;
  password?: string;
}

export type SignInResult = { outcome: 'signed_in'; token: string; user: UserRow } | { outcome: 'unverified' };

/**
 * Checks the credentials and starts a session. Unknown addresses are checked against a dummy hash
 * so they take as long as wrong passwords, and both get the same message.
 */
export async function signIn(ctx: AppContext, input: SignInInput, previousSessionId: string | null): Promise<SignInResult> {
  const errors = new FieldErrorCollector();
  const email = normaliseEmail(input.email ?? '');
  const password = input.password ?? '';
  if (email === '') errors.add('email', 'accounts.errors.emailRequired');
  if (password === '') errors.add('password', 'accounts.errors.signInPasswordRequired');
  errors.throwIfAny();

  const user = await findUserByEmail(ctx.db, email);
  const matches = await verifyPassword(user?.password_hash ?? (await dummyPasswordHash()), password);
  if (!user || !matches) throw validationError({ email: { key: 'accounts.errors.signInFailed' } });
  if (!user.email_verified_at) return { outcome: 'unverified' };

  const token = await ctx.db.transaction().execute(async (trx) => {
    // A new session per sign-in, and the browser's old one ended, so a planted session id is worthless.
    if (previousSessionId) await destroySession(trx, previousSessionId);
    const sessionToken = await createSession(trx, user.id);
    await recordAudit(trx, { actorId: user.id, action: 'account.signed_in', entityType: 'user', entityId: user.id, summary: 'Signed in' });
    return sessionToken;
  });
  return { outcome: 'signed_in', token, user };
}

export async function signOut(ctx: AppContext, actor: Actor | null, sessionId: string | null): Promise<void> {
  if (!actor || !sessionId) return;
  await ctx.db.transaction().execute(async (trx) => {
    await destroySession(trx, sessionId);
    await recordAudit(trx, { actorId: actor.id, action: 'account.signed_out', entityType: 'user', entityId: actor.id, summary: 'Signed out' });
  });
}

// ---------------------------------------------------------------------------------------------
// Password reset.

/** Emails a reset link when an account has this address; says nothing either way. */
export async function requestPasswordReset(ctx: AppContext, input: { email?: string }, language: Language): Promise<void> {
  const errors = new FieldErrorCollector();
  const email = checkEmail(errors, input.email);
  errors.throwIfAny();
  const user = await findUserByEmail(ctx.db, email);
  if (!user) return;
  await ctx.db.transaction().execute(async (trx) => {
    const token = await issueEmailToken(trx, user.id, 'reset_password', RESET_PASSWORD_TTL_MS);
    await ctx.mailer.enqueue(trx, await accountMail('reset', user.email, recipientLanguage(user, language), { link: resetLink(ctx, token) }));
    await recordAudit(trx, { actorId: null, action: 'account.password_reset_requested', entityType: 'user', entityId: user.id, summary: 'Password reset link sent' });
  });
  deliverInBackground(ctx);
}

/** Whether a reset link can still be used, so its page can say so before anyone types a password. */
export async function resetTokenIsUsable(ctx: AppContext, token: string): Promise<boolean> {
  return (await findUsableEmailToken(ctx.db, hashToken(token), 'reset_password')) !== undefined;
}

/**
 * Sets a new password through a reset link and signs the account out everywhere. Following the
 * link proves control of the mailbox, so an unconfirmed address counts as confirmed from then on.
 * False when the link is unknown, used or expired.
 */
export async function resetPassword(ctx: AppContext, token: string, input: { password?: string; confirmPassword?: string }, language: Language): Promise<boolean> {
  if (!(await resetTokenIsUsable(ctx, token))) return false;
  const errors = new FieldErrorCollector();
  const password = checkNewPassword(errors, input.password, input.confirmPassword);
  errors.throwIfAny();
  // Hashed before the transaction opens, so the slow part never holds a database lock.
  const passwordHash = await hashPassword(password);

  const done = await ctx.db.transaction().execute(async (trx) => {
    const userId = await claimEmailToken(trx, hashToken(token), 'reset_password');
    const user = userId ? await findUserById(trx, userId) : undefined;
    if (!user) return false;
    await setPasswordAndConfirm(trx, user, passwordHash, {
      actorId: user.id,
      action: 'account.password_reset',
      summary: 'Password reset by email link; all sessions ended',
    });
    const mail = await accountMail('passwordChanged', user.email, recipientLanguage(user, language), {
      resetLink: `${ctx.config.baseUrl}/password-reset`,
    });
    await ctx.mailer.enqueue(trx, mail);
    return true;
  });
  if (done) deliverInBackground(ctx);
  return done;
}

// ---------------------------------------------------------------------------------------------
// The account page.

export interface AccountRole {
  role: Role;
  scope: string | null;
}

export interface AccountOverview {
  user: UserRow;
  roles: AccountRole[];
}

/** The signed-in person's record and roles. Everyone signed in is a participant; other roles are granted. */
export async function accountOverview(ctx: AppContext, actor: Actor): Promise<AccountOverview> {
  const user = await findUserById(ctx.db, actor.id);
  if (!user) throw notFound();
  const grants = await listGrantsForUser(ctx.db, actor.id);
  const roles: AccountRole[] = [{ role: 'participant', scope: null }];
  for (const grant of grants) {
    if (isRole(grant.role) && grant.role !== 'participant') roles.push({ role: grant.role, scope: grant.member_name ?? grant.organisation_name ?? null });
  }
  return { user, roles };
}

export async function changeDisplayName(ctx: AppContext, actor: Actor, input: { displayName?: string }): Promise<void> {
  const errors = new FieldErrorCollector();
  const displayName = checkDisplayName(errors, input.displayName);
  errors.throwIfAny();
  await ctx.db.transaction().execute(async (trx) => {
    const user = await findUserById(trx, actor.id);
    if (!user) throw notFound();
    if (user.display_name === displayName) return;
    await updateUser(trx, user.id, { display_name: displayName });
    await recordAudit(trx, {
      actorId: actor.id,
      action: 'account.display_name_changed',
      entityType: 'user',
      entityId: user.id,
      summary: 'Display name changed',
      before: { display_name: user.display_name },
      after: { display_name: displayName },
    });
  });
}

/** Saves the language for pages and mail, and returns it for the language cookie. */
export async function changeLanguage(ctx: AppContext, actor: Actor, input: { language?: string }): Promise<Language> {
  const language = input.language;
  if (!isLanguage(language)) throw validationError({ language: { key: 'accounts.errors.languageInvalid' } });
  await ctx.db.transaction().execute(async (trx) => {
    const user = await findUserById(trx, actor.id);
    if (!user) throw notFound();
    if (user.preferred_language === language) return;
    await updateUser(trx, user.id, { preferred_language: language });
    await recordAudit(trx, {
      actorId: actor.id,
      action: 'account.language_changed',
      entityType: 'user',
      entityId: user.id,
      summary: `Preferred language set to ${language}`,
      before: { preferred_language: user.preferred_language },
      after: { preferred_language: language },
    });
  });
  return language;
}
