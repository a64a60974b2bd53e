import { initI18n, isLanguage, type Language, type Translate } from '../../platform/i18n.ts';
import type { OutgoingMail } from '../../platform/mail.ts';
import type { UserRow } from './accounts.repository.ts';

export type AccountMailKind = 'verify' | 'alreadyRegistered' | 'pendingAccount' | 'reset' | 'passwordChanged';

/** The links a message may offer; each template interpolates the ones it needs. */
export interface MailLinks {
  link?: string;
  signInLink?: string;
  resetLink?: string;
}

/**
 * Mail goes out in the language the person chose on their account, falling back to the one they
 * were using when they asked for it: a reset link requested in Spanish arrives in Spanish.
 */
export function recipientLanguage(user: Pick<UserRow, 'preferred_language'> | null, fallback: Language): Language {
  return user && isLanguage(user.preferred_language) ? user.preferred_language : fallback;
}

async function translatorFor(language: Language): Promise<Translate> {
  return (await initI18n()).getFixedT(language);
}

/**
 * Builds one account message from the `accounts.email.<kind>` strings. Messages never quote the
 * account's name: whoever signs up chooses it, and it must not become a way to send our mail with
 * their words to someone else's address.
 */
export async function accountMail(kind: AccountMailKind, to: string, language: Language, links: MailLinks): Promise<OutgoingMail> {
  const t = await translatorFor(language);
  const params = { brand: t('common.brand'), ...links };
  return {
    to,
    subject: t(`accounts.email.${kind}.subject`, params),
    text: t(`accounts.email.${kind}.body`, params),
  };
}
