import { Command, CommanderError, Option } from 'commander';
import { ConfigError, DEFAULT_DATABASE_URL } from '../platform/config.ts';
import { AppError } from '../platform/errors.ts';
import { DEFAULT_COMMITMENTS_CSV } from '../seed/data-files.ts';
import { SeedDataError } from '../seed/errors.ts';
import { type CliIo, cliIo, failRun, processIo, runWithIo } from './io.ts';
import { ADMIN_PASSWORD_ENV, CliError } from './support.ts';

const ENVIRONMENT_HELP = `
Configuration comes from environment variables:
  DATABASE_URL    sqlite:PATH or postgres://user:password@host:port/name (default ${DEFAULT_DATABASE_URL})
  PORT            port the web server listens on (default 3000)
  HOST            interface the web server listens on (default 0.0.0.0)
  BASE_URL        public address used in links and emails (default http://localhost:PORT)
  SESSION_SECRET  at least 32 characters; required in production
  SMTP_URL        smtp:// or smtps:// server for outgoing mail (default: keep mail in the outbox)
  TRUST_PROXY     how many reverse proxies stand in front of the platform (default 0)
  LOG_LEVEL       fatal, error, warn, info, debug, trace or silent (default info)
  NODE_ENV        development, production or test (default development)`;

/** Turns an error into what the operator reads: our own refusals as plain sentences, anything else in full. */
async function report(error: unknown): Promise<void> {
  const printError = (text: string) => cliIo().stderr.write(`${text}\n`);
  if (error instanceof ConfigError) {
    printError(error.message);
  } else if (error instanceof CliError || error instanceof SeedDataError) {
    printError(`Error: ${error.message}`);
  } else if (error instanceof AppError) {
    const { initI18n } = await import('../platform/i18n.ts');
    const t = (await initI18n()).getFixedT('en');
    const fields = Object.entries(error.fields).map(([field, message]) => `\n  - ${field}: ${t(message.key, message.params ?? {})}`);
    printError(`Error: ${t(error.messageKey)}${fields.join('')}`);
  } else {
    printError(error instanceof Error ? (error.stack ?? error.message) : String(error));
  }
}

function action<A extends unknown[]>(run: (...args: A) => Promise<void>): (...args: A) => Promise<void> {
  return async (...args: A) => {
    try {
      await run(...args);
    } catch (error) {
      await report(error);
      failRun();
    }
  };
}

/**
 * The `ogp` command line. `configure` runs before any command is added, so settings such as
 * exitOverride and configureOutput reach every subcommand (commander copies them on creation).
 * Each command's code is imported only when that command runs, so `ogp --help` and `ogp migrate`
 * do not wait for the whole web application to load.
 */
export function buildProgram(configure: (program: Command) => void = () => {}): Command {
  const program = new Command('ogp');
  // Help and usage errors go where the run's output goes.
  program.configureOutput({ writeOut: (text) => cliIo().stdout.write(text), writeErr: (text) => cliIo().stderr.write(text) });
  configure(program);
  program
    .description('Run and administer the OGP Platform: web server, database migrations, demo data, administrators and backups.')
    .showHelpAfterError('(run with --help for usage)')
    .addHelpText('after', ENVIRONMENT_HELP);

  program
    .command('serve')
    .description(
      'Start the web server. Pending database migrations are applied first, and an empty database is seeded as `ogp seed` would. ' +
        'Stop it with Ctrl+C or SIGTERM.',
    )
    .option(
      '--workers <n>',
      'processes serving requests on the one port (node:cluster; default 1). Above 1 needs PostgreSQL; the background jobs run once, in the primary process',
    )
    .action(action(async (options: { workers?: string }) => (await import('./commands/serve.ts')).serveCommand(options)));

  program
    .command('migrate')
    .description('Bring the database schema up to date, printing the migrations applied.')
    .option('--down', 'roll back the most recent migration instead (this drops its tables and their data)')
    .action(action(async (options: { down?: boolean }) => (await import('./commands/migrate.ts')).migrateCommand(options)));

  program
    .command('seed')
    .description(
      'Fill an empty database with real OGP members (from the commitments data), real organisations, the commitments ' +
        "themselves (OGP's sheet and the US action plan tracker, as `ogp import` reads them) and, " +
        'unless NODE_ENV=production, one demo account per role. Does nothing if the database already has members.',
    )
    .option('--csv <file>', 'OGP commitments CSV to take the members and commitments from', DEFAULT_COMMITMENTS_CSV)
    .action(action(async (options: { csv?: string }) => (await import('./commands/seed.ts')).seedCommand(options)));

  program
    .command('generate')
    .description(
      'Fill the database with realistic synthetic OGP data at N times OGP\'s size (×1: 225 members, 600 action plans, 6,000 commitments, ' +
        '30,000 milestones, 100,000 progress updates), the same data for the same seed. For benchmarks and trials, never production. ' +
        'Refuses a database that already has action plans or commitments unless --append is given with a new seed.',
    )
    .requiredOption('--scale <n>', 'multiple of OGP\'s size, e.g. 1, 10, 100 or 0.01')
    .option('--seed <seed>', 'any text; the same seed gives the same data', 'ogp')
    .option('--append', 'add to a database that already has plans and commitments (the seed must not have been used on it)')
    .action(
      action(async (options: { scale: string; seed: string; append?: boolean }) => (await import('./commands/generate.ts')).generateCommand(options)),
    );

  program
    .command('create-admin')
    .description(
      `Create a verified administrator account with the support_unit role, or grant that role to an existing account. ` +
        `The password comes from ${ADMIN_PASSWORD_ENV}, or is asked for (without echo) when run in a terminal. ` +
        `An existing account whose email address is unconfirmed is refused unless --reset-password is given.`,
    )
    .requiredOption('--email <email>', 'email address the administrator signs in with')
    .option('--name <name>', 'display name (default: the part of the email before the @)')
    .option(
      '--reset-password',
      `for an existing account: set its password from ${ADMIN_PASSWORD_ENV} (or the prompt), mark its email address confirmed ` +
        'and sign it out everywhere, in the same transaction as the grant. Needed when the account never confirmed its address.',
    )
    .action(
      action(async (options: { email: string; name?: string; resetPassword?: boolean }) =>
        (await import('./commands/create-admin.ts')).createAdminCommand(options),
      ),
    );

  program
    .command('backup')
    .description(
      'Write a consistent copy of the database to FILE. SQLite uses its online backup API and is safe while the server runs; ' +
        'PostgreSQL uses pg_dump (custom format), which must be installed.',
    )
    .argument('<file>', 'where to write the backup')
    .option('-f, --force', 'replace FILE if it already exists')
    .action(action(async (file: string, options: { force?: boolean }) => (await import('./commands/backup-restore.ts')).backupCommand(file, options)));

  program
    .command('restore')
    .description(
      'Replace the whole database with a backup made by `ogp backup`. Stop the server first (on SQLite the restore refuses ' +
        'while the database is open elsewhere), and back up the current database if you may want it back. SQLite backups are ' +
        'checked (integrity and schema) before anything is replaced; PostgreSQL uses pg_restore in one transaction.',
    )
    .argument('<file>', 'the backup to restore')
    .action(action(async (file: string) => (await import('./commands/backup-restore.ts')).restoreCommand(file)));

  const stratml = program
    .command('stratml')
    .description('Import and export strategic plans in StratML: ISO 17469-1 Part 1 (StrategicPlan) and Part 2 (PerformancePlanOrReport).');
  stratml
    .command('import')
    .description(
      'Read a StratML Part 1 or Part 2 file and store it as a new plan, in one transaction. Prints what was read and what was left out; ' +
        'the last line printed is the new plan\'s id. A file that is not well-formed XML is refused with its line and column, and nothing is stored.',
    )
    .argument('<file>', 'the StratML XML file')
    .action(action(async (file: string) => (await import('./commands/stratml.ts')).stratmlImportCommand(file)));
  stratml
    .command('export')
    .description('Write a stored plan to stdout as StratML XML that validates against the official schemas.')
    .argument('<plan>', 'the plan\'s id, or "default" for the platform\'s own plan')
    .addOption(new Option('--part <part>', 'StratML Part 1 or Part 2 (default: the part the plan was imported as)').choices(['1', '2']))
    .option('--report', 'the platform\'s own plan as a Part 2 Performance_Report with the live actuals of its performance indicators, per calendar year of the plan')
    .action(
      action(async (plan: string, options: { part?: '1' | '2'; report?: boolean }) => (await import('./commands/stratml.ts')).stratmlExportCommand(plan, options)),
    );

  const importCommand = program.command('import').description("Bring OGP's commitment data into the platform.");
  importCommand
    .command('commitments')
    .description(
      "Import OGP's commitment data sheet (CSV, its 171 columns). Every row is checked first; if any is refused, nothing is imported " +
        'and each refused row is listed with its row and line number (exit status 1). Members, action plans and organisations the sheet ' +
        'names are created when missing; commitments already stored are updated by their identifier. One file is one transaction.',
    )
    .argument('<file>', 'the CSV file')
    .action(action(async (file: string) => (await import('./commands/import-export.ts')).importCommitmentsCommand(file)));
  importCommand
    .command('us-tracker')
    .description(
      "Import the US fifth national action plan tracker (open.usa.gov's _commitments and _subcommitments Markdown files): commitments under " +
        'plan AP_USA05, sub-commitments as milestones, progress texts as progress updates. Importing again updates what changed.',
    )
    .argument('<dir>', "the tracker's folder")
    .action(action(async (dir: string) => (await import('./commands/import-export.ts')).importUsTrackerCommand(dir)));

  program
    .command('export')
    .description('Write data out of the platform.')
    .command('commitments')
    .description("Write every commitment as OGP's commitment data sheet (CSV, the same columns in the same order), streamed page by page.")
    .option('--out <file>', 'write to FILE instead of stdout (it must not exist yet)')
    .action(action(async (options: { out?: string }) => (await import('./commands/import-export.ts')).exportCommitmentsCommand(options)));

  for (const command of program.commands) {
    command.addHelpText('after', '\nThe database comes from DATABASE_URL (sqlite:PATH or postgres://…); `ogp --help` lists every setting.');
  }
  return program;
}

/**
 * Runs `ogp` with `args` (what follows the command's name) and gives back its exit status instead of
 * exiting: the executable passes its own process, tests pass captured streams and an environment.
 */
export async function runCli(args: string[], io: CliIo = processIo()): Promise<number> {
  const program = buildProgram((p) => p.exitOverride());
  return runWithIo(io, async () => {
    try {
      await program.parseAsync(args, { from: 'user' });
      return undefined;
    } catch (error) {
      // Help, and a command used wrongly, after commander has printed what it had to say.
      if (error instanceof CommanderError) return error.exitCode;
      throw error;
    }
  });
}
