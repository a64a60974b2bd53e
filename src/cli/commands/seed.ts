import { createContext } from '../../app.ts';
import { migrateToLatest } from '../../db/database.ts';
import { loadConfig } from '../../platform/config.ts';
import { seedDemoData } from '../../seed/seed.ts';
import { cliIo } from '../io.ts';
import { describeDatabase, say } from '../support.ts';

export async function seedCommand(options: { csv?: string }): Promise<void> {
  const config = loadConfig(cliIo().env);
  const ctx = createContext(config);
  try {
    await migrateToLatest(ctx.db);
    const includeDemoAccounts = config.nodeEnv !== 'production';
    const result = await seedDemoData(ctx, { includeDemoAccounts, csvPath: options.csv, commitments: true });
    const where = describeDatabase(config.databaseUrl);
    if (!result.seeded) {
      say(`${where} already has members; nothing was seeded.`);
      return;
    }
    say(`Seeded ${where}: ${result.members} members, ${result.organisations} organisations, ${result.demoAccounts.length} demo accounts.`);
    if (result.commitments) say(`Imported ${result.commitments.sheet} commitments from OGP's commitment data and ${result.commitments.usTracker} from the US action plan tracker.`);
    if (result.demoAccounts.length > 0) {
      say('Demo accounts (for trying the platform out; never created in production):');
      for (const account of result.demoAccounts) {
        const scope = account.scope ? ` for ${account.scope}` : '';
        say(`  ${account.email.padEnd(32)} ${account.password}  ${account.role}${scope}`);
      }
    } else if (!includeDemoAccounts) {
      say('No demo accounts in production. Create an administrator with `ogp create-admin --email …`.');
    }
  } finally {
    ctx.mailer.close();
    await ctx.database.close();
  }
}
