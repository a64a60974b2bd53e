import type { Db } from '../../db/database.ts';
import type { MailStatus } from '../../db/schema.ts';
import { notFound } from '../../platform/errors.ts';
import { pageOffset } from '../../platform/pagination.ts';
import { countOutbox, findOutboxMessage, listOutbox, type OutboxListItem, type OutboxMessage } from './outbox.repository.ts';

export const OUTBOX_PER_PAGE = 25;
export const MAIL_STATUSES: readonly MailStatus[] = ['stored', 'queued', 'sending', 'sent', 'failed'];

export const isMailStatus = (value: unknown): value is MailStatus => typeof value === 'string' && (MAIL_STATUSES as readonly string[]).includes(value);

export interface OutboxListing {
  messages: OutboxListItem[];
  total: number;
  page: number;
  perPage: number;
}

export async function listOutboxPage(db: Db, options: { status?: MailStatus; page: number }): Promise<OutboxListing> {
  const request = { page: options.page, perPage: OUTBOX_PER_PAGE };
  const [messages, total] = await Promise.all([
    listOutbox(db, { status: options.status, limit: request.perPage, offset: pageOffset(request) }),
    countOutbox(db, { status: options.status }),
  ]);
  return { messages, total, ...request };
}

/**
 * One message. Its text is shown only while it is kept in the outbox (no SMTP server): mail that goes,
 * or went, to its recipient can hold their sign-in or reset link, which administrators must not read.
 */
export async function getOutboxMessage(db: Db, id: string): Promise<OutboxMessage & { bodyWithheld: boolean }> {
  const message = await findOutboxMessage(db, id);
  if (!message) throw notFound();
  if (message.status === 'stored') return { ...message, bodyWithheld: false };
  return { ...message, text_body: '', bodyWithheld: true };
}
