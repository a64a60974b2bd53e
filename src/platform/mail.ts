import nodemailer, { type Transporter } from 'nodemailer';
import type { Logger } from 'pino';
import type { Db, DbOrTrx } from '../db/database.ts';
import { newId, nowIso } from './ids.ts';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html?: string;
}

const MAX_ATTEMPTS = 5;
const ABANDONED_CLAIM_MS = 10 * 60 * 1000;
export const MAIL_FROM = 'OGP Platform <no-reply@ogp-platform.local>';

/**
 * Transactional outbox: services add mail inside their transaction, and delivery happens after
 * commit, so a rolled-back change never sends mail. Without SMTP_URL the mail stays in the
 * outbox for administrators to read.
 */
export class Mailer {
  private readonly transport: Transporter | null;
  private delivering: Promise<void> | null = null;
  private rerun = false;

  constructor(
    private readonly db: Db,
    smtpUrl: string | null,
    private readonly logger: Logger,
    private readonly from: string = MAIL_FROM,
  ) {
    // Short timeouts: a request that waits for delivery must not hang for nodemailer's default two minutes.
    this.transport = smtpUrl ? nodemailer.createTransport({ url: smtpUrl, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 }) : null;
  }

  get delivers(): boolean {
    return this.transport !== null;
  }

  async enqueue(trx: DbOrTrx, mail: OutgoingMail): Promise<string> {
    const id = newId();
    await trx
      .insertInto('mail_outbox')
      .values({
        id,
        created_at: nowIso(),
        to_address: mail.to,
        subject: mail.subject,
        text_body: mail.text,
        html_body: mail.html ?? null,
        status: this.transport ? 'queued' : 'stored',
        attempts: 0,
        last_error: null,
        sent_at: null,
        claimed_at: null,
      })
      .execute();
    return id;
  }

  /** Sends every queued message; concurrent callers share one run. */
  deliverQueued(): Promise<void> {
    if (!this.transport) return Promise.resolve();
    if (this.delivering) {
      // Mail committed after the running pass began would wait for the retry job; one more pass picks it up.
      this.rerun = true;
      return this.delivering;
    }
    this.delivering = this.runUntilCaughtUp().finally(() => {
      this.delivering = null;
    });
    return this.delivering;
  }

  private async runUntilCaughtUp(): Promise<void> {
    let retryFailed = true;
    do {
      this.rerun = false;
      await this.runDelivery(retryFailed);
      // Extra passes are for newly queued mail; failures wait for the next scheduled retry, not a tight loop.
      retryFailed = false;
    } while (this.rerun);
  }

  private async runDelivery(retryFailed: boolean): Promise<void> {
    const transport = this.transport;
    if (!transport) return;
    await this.releaseAbandonedClaims();
    const pending = await this.db
      .selectFrom('mail_outbox')
      .selectAll()
      .where('status', 'in', retryFailed ? ['queued', 'failed'] : ['queued'])
      .where('attempts', '<', MAX_ATTEMPTS)
      .orderBy('created_at')
      .limit(100)
      .execute();
    for (const mail of pending) {
      if (!(await this.claim(mail.id, mail.attempts))) continue;
      try {
        await transport.sendMail({ from: this.from, to: mail.to_address, subject: mail.subject, text: mail.text_body, html: mail.html_body ?? undefined });
        await this.db.updateTable('mail_outbox').set({ status: 'sent', sent_at: nowIso(), last_error: null }).where('id', '=', mail.id).execute();
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        this.logger.warn({ mailId: mail.id, err: message }, 'mail delivery failed');
        await this.db.updateTable('mail_outbox').set({ status: 'failed', last_error: message.slice(0, 500) }).where('id', '=', mail.id).execute();
      }
    }
  }

  /**
   * Takes one message for this process. Several processes may deliver from the same outbox; only the
   * one whose conditional update changes the row sends it, so nobody gets the same email twice.
   */
  private async claim(id: string, attempts: number): Promise<boolean> {
    const result = await this.db
      .updateTable('mail_outbox')
      .set({ status: 'sending', attempts: attempts + 1, claimed_at: nowIso() })
      .where('id', '=', id)
      .where('status', 'in', ['queued', 'failed'])
      .where('attempts', '=', attempts)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  // A process that died mid-send leaves its claim behind; after a while the message is tried again.
  private async releaseAbandonedClaims(): Promise<void> {
    const cutoff = new Date(Date.now() - ABANDONED_CLAIM_MS).toISOString();
    await this.db
      .updateTable('mail_outbox')
      .set({ status: 'failed', last_error: 'delivery was interrupted' })
      .where('status', '=', 'sending')
      .where('claimed_at', '<', cutoff)
      .execute();
  }

  close(): void {
    this.transport?.close();
  }
}
