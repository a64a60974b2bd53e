// Reading the mail the app wrote, from the outbox where every message is kept.
import assert from 'node:assert/strict';
import type { Db } from '../../src/db/database.ts';
import type { MailOutboxTable } from '../../src/db/schema.ts';

/** The messages to one address, oldest first. */
export function outboxFor(db: Db, address: string): Promise<MailOutboxTable[]> {
  return db.selectFrom('mail_outbox').selectAll().where('to_address', '=', address).orderBy('created_at').execute();
}

/** The site-relative path of the first link in a message that starts with `prefix` after the base URL. */
export function linkPath(text: string, baseUrl: string, prefix: string): string {
  const start = text.indexOf(`${baseUrl}${prefix}`);
  assert.ok(start >= 0, `no ${prefix} link in:\n${text}`);
  return (/^\S+/.exec(text.slice(start + baseUrl.length)) ?? [''])[0];
}
