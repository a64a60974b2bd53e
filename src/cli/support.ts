// Small pieces every command shares. Kept free of heavy imports: `ogp --help` loads this file.
import { cliIo } from './io.ts';

/** A refusal the operator can act on; printed as a sentence, without a stack trace. */
export class CliError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CliError';
  }
}

export const ADMIN_PASSWORD_ENV = 'OGP_ADMIN_PASSWORD';

/** One line on the run's standard output. */
export const say = (line: string): void => {
  cliIo().stdout.write(`${line}\n`);
};

/** Names the database in messages without revealing a PostgreSQL password. */
export function describeDatabase(databaseUrl: string): string {
  if (databaseUrl.startsWith('sqlite:')) return databaseUrl;
  try {
    const url = new URL(databaseUrl);
    if (url.password !== '') url.password = '***';
    return url.toString();
  } catch {
    return 'the configured PostgreSQL database';
  }
}
