import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** One message as it arrived: envelope recipients plus the decoded subject and plain-text body. */
export interface ReceivedMail {
  /** The first envelope recipient, lower-cased. */
  to: string;
  recipients: string[];
  from: string;
  subject: string;
  text: string;
}

export interface WaitOptions {
  timeoutMs?: number;
}

export interface TestSmtpServer {
  /** Where the app should send mail: pass it as SMTP_URL. */
  url: string;
  /** Every message received so far, in arrival order. */
  readonly messages: readonly ReceivedMail[];
  /**
   * The earliest message to `to` that no earlier call has returned, waiting for it if it has not
   * arrived yet. Each message is handed out once, so a test can wait for the next one in a flow.
   */
  waitForMessage(to: string, options?: WaitOptions): Promise<ReceivedMail>;
  close(): Promise<void>;
}

interface Waiter {
  to: string;
  resolve(mail: ReceivedMail): void;
}

const DEFAULT_TIMEOUT_MS = 5000;

/**
 * A real SMTP server on a free local port, so tests exercise nodemailer end to end. It offers
 * neither TLS nor required authentication: nodemailer then sends in plain text without trying
 * STARTTLS, which is what a local relay would do.
 */
export async function startSmtpServer(): Promise<TestSmtpServer> {
  const messages: ReceivedMail[] = [];
  const handedOut = new Set<ReceivedMail>();
  const waiters: Waiter[] = [];

  const take = (to: string): ReceivedMail | undefined => {
    const mail = messages.find((m) => !handedOut.has(m) && m.recipients.includes(to));
    if (mail) handedOut.add(mail);
    return mail;
  };

  const deliverToWaiters = (): void => {
    for (const waiter of [...waiters]) {
      const mail = take(waiter.to);
      if (!mail) continue;
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve(mail);
    }
  };

  const server = new SMTPServer({
    secure: false,
    disabledCommands: ['STARTTLS'],
    authOptional: true,
    logger: false,
    // Clients disconnect after QUIT; this only bounds close() if one is left hanging.
    closeTimeout: 1000,
    onData(stream, session, callback) {
      simpleParser(stream).then(
        (parsed) => {
          const recipients = session.envelope.rcptTo.map((r) => r.address.toLowerCase());
          const mailFrom = session.envelope.mailFrom;
          messages.push({
            to: recipients[0] ?? '',
            recipients,
            from: mailFrom ? mailFrom.address : '',
            subject: parsed.subject ?? '',
            text: parsed.text ?? '',
          });
          deliverToWaiters();
          callback();
        },
        (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
      );
    },
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.server.address() as AddressInfo;

  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    waitForMessage(to, { timeoutMs = DEFAULT_TIMEOUT_MS } = {}) {
      const address = to.toLowerCase();
      const ready = take(address);
      if (ready) return Promise.resolve(ready);
      return new Promise<ReceivedMail>((resolve, reject) => {
        const waiter: Waiter = {
          to: address,
          resolve: (mail) => {
            clearTimeout(timer);
            resolve(mail);
          },
        };
        const timer = setTimeout(() => {
          waiters.splice(waiters.indexOf(waiter), 1);
          const seen = messages.map((m) => m.to).join(', ') || 'none';
          reject(new Error(`No mail to ${address} within ${timeoutMs} ms (received for: ${seen})`));
        }, timeoutMs);
        waiters.push(waiter);
      });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
