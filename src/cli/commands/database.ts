import { type DatabaseHandle, openDatabase } from '../../db/database.ts';
import { type Config, loadConfig } from '../../platform/config.ts';
import { cliIo } from '../io.ts';

/** Loads the configuration, opens the database, and always closes it again. */
export async function withDatabase<T>(run: (handle: DatabaseHandle, config: Config) => Promise<T>): Promise<T> {
  const config = loadConfig(cliIo().env);
  const handle = openDatabase(config.databaseUrl);
  try {
    return await run(handle, config);
  } finally {
    // An open pool or file handle would keep the process alive after the command has finished.
    await handle.close();
  }
}
