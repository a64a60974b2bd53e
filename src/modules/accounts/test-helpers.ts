// Shared by this module's tests: reading what the app stored and mailed, without reaching into its code.
import assert from 'node:assert/strict';
import type { Db } from '../../db/database.ts';
import type { MailOutboxTable } from '../../db/schema.ts';

export function countRows(db: Db, table: 'users' | 'sessions' | 'email_tokens' | 'mail_outbox' | 'audit_events'): Promise<number> {
  return db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .executeTakeFirstOrThrow()
    .then((row) => Number(row.count));
}

/** The actions audited about one account, oldest first. */
export async function auditActions(db: Db, userId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('audit_events')
    .select(['action', 'occurred_at'])
    .where('entity_type', '=', 'user')
    .where('entity_id', '=', userId)
    .orderBy('occurred_at')
    .execute();
  return rows.map((r) => r.action);
}

export function outboxFor(db: Db, address: string): Promise<MailOutboxTable[]> {
  return db.selectFrom('mail_outbox').selectAll().where('to_address', '=', address).orderBy('created_at').execute();
}

/** The site-relative path of the first link in a message that starts with `prefix` after the base URL. */
export function linkPath(text: string, baseUrl: string, prefix: string): string {
  const start = text.indexOf(`${baseUrl}${prefix}`);
  assert.ok(start >= 0, `no ${prefix} link in:\n${text}`);
  return (/^\S+/.exec(text.slice(start + baseUrl.length)) ?? [''])[0];
}

export const sessionCookie = (setCookie: string | string[] | number | undefined, name: string): string | undefined =>
  (Array.isArray(setCookie) ? setCookie : [String(setCookie ?? '')]).find((line) => line.startsWith(`${name}=`));
