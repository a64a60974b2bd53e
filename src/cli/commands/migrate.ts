import { createMigrator, migrateToLatest } from '../../db/database.ts';
import { CliError, describeDatabase, say } from '../support.ts';
import { withDatabase } from './database.ts';

export async function migrateCommand(options: { down?: boolean }): Promise<void> {
  await withDatabase(async ({ db }, config) => {
    const where = describeDatabase(config.databaseUrl);
    if (!options.down) {
      const applied = await migrateToLatest(db);
      if (applied.length === 0) say(`${where} is up to date; no migrations to apply.`);
      else say(`Applied ${applied.length} migration(s) to ${where}:\n${applied.map((name) => `  ${name}`).join('\n')}`);
      return;
    }
    const { error, results } = await createMigrator(db).migrateDown();
    const failed = (results ?? []).find((r) => r.status === 'Error');
    if (error || failed) {
      const reason = error instanceof Error ? error.message : String(error ?? 'unknown error');
      throw new CliError(`Rolling back ${failed?.migrationName ?? 'the last migration'} failed: ${reason}`);
    }
    const undone = (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
    if (undone.length === 0) say(`${where} has no migrations to roll back.`);
    else say(`Rolled back ${undone.length} migration(s) on ${where}:\n${undone.map((name) => `  ${name}`).join('\n')}`);
  });
}
