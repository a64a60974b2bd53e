import type { DbOrTrx } from '../../db/database.ts';
import type { MailOutboxTable, MailStatus } from '../../db/schema.ts';

export type OutboxMessage = MailOutboxTable;
export type OutboxListItem = Pick<MailOutboxTable, 'id' | 'created_at' | 'to_address' | 'subject' | 'status' | 'attempts' | 'sent_at'>;

function filtered(db: DbOrTrx, status: MailStatus | undefined) {
  const query = db.selectFrom('mail_outbox');
  return status ? query.where('status', '=', status) : query;
}

/** One page of messages, newest first; bodies stay out of the list. */
export function listOutbox(db: DbOrTrx, filter: { status?: MailStatus; limit: number; offset: number }): Promise<OutboxListItem[]> {
  return filtered(db, filter.status)
    .select(['id', 'created_at', 'to_address', 'subject', 'status', 'attempts', 'sent_at'])
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(filter.limit)
    .offset(filter.offset)
    .execute();
}

export async function countOutbox(db: DbOrTrx, filter: { status?: MailStatus }): Promise<number> {
  const row = await filtered(db, filter.status).select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow();
  return Number(row.count);
}

export function findOutboxMessage(db: DbOrTrx, id: string): Promise<OutboxMessage | undefined> {
  return db.selectFrom('mail_outbox').selectAll().where('id', '=', id).executeTakeFirst();
}
