import { migrations } from '../../db/migrations/index.ts';
import { loadConfig } from '../../platform/config.ts';
import { backupDatabase, restoreDatabase } from '../backup.ts';
import { cliIo } from '../io.ts';
import { describeDatabase, say } from '../support.ts';

export async function backupCommand(file: string, options: { force?: boolean }): Promise<void> {
  const config = loadConfig(cliIo().env);
  const result = await backupDatabase(config.databaseUrl, file, { force: options.force ?? false });
  say(`Backed up ${describeDatabase(config.databaseUrl)} to ${result.file} (${result.bytes} bytes).`);
}

export async function restoreCommand(file: string): Promise<void> {
  const config = loadConfig(cliIo().env);
  const result = await restoreDatabase(config.databaseUrl, file);
  say(`Restored ${describeDatabase(config.databaseUrl)} from ${result.file}.`);
  const pending = result.migrations.length > 0 ? Object.keys(migrations).filter((name) => !result.migrations.includes(name)) : [];
  if (pending.length > 0) say(`The backup predates ${pending.length} migration(s); the server applies them when it starts, or run \`ogp migrate\`.`);
}
