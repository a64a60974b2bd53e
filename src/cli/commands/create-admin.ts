import { migrateToLatest } from '../../db/database.ts';
import { findUserByEmail } from '../../modules/accounts/accounts.repository.ts';
import { createAccount, EMAIL_PATTERN, normaliseEmail } from '../../modules/accounts/accounts.users.ts';
import { findGrantByKey } from '../../modules/roles/roles.repository.ts';
import { grantRoleInTransaction } from '../../modules/roles/roles.service.ts';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../../platform/passwords.ts';
import { promptHidden } from '../prompt.ts';
import { ADMIN_PASSWORD_ENV, CliError, say } from '../support.ts';
import { withDatabase } from './database.ts';

const ADMIN_ROLE = 'support_unit';

/** The password from OGP_ADMIN_PASSWORD, else typed twice on the terminal; never from a pipe or an argument. */
async function readAdminPassword(email: string): Promise<string> {
  const fromEnv = process.env[ADMIN_PASSWORD_ENV];
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
  if (!process.stdin.isTTY) {
    throw new CliError(`No password given. Set ${ADMIN_PASSWORD_ENV}, or run the command in a terminal to be asked for one.`);
  }
  const password = await promptHidden(`Password for ${email} (at least ${PASSWORD_MIN_LENGTH} characters): `);
  const repeated = await promptHidden('Type the password again: ');
  if (password !== repeated) throw new CliError('The two passwords differ; nothing was changed.');
  return password;
}

export async function createAdminCommand(options: { email: string; name?: string }): Promise<void> {
  const email = normaliseEmail(options.email);
  if (!EMAIL_PATTERN.test(email)) throw new CliError(`"${options.email}" is not an email address.`);
  const displayName = (options.name ?? '').trim() || email.slice(0, email.indexOf('@'));
  await withDatabase(async ({ db }) => {
    await migrateToLatest(db);
    const existing = await findUserByEmail(db, email);
    if (existing) {
      const granted = await db.transaction().execute(async (trx) => {
        if (await findGrantByKey(trx, existing.id, ADMIN_ROLE, '')) return false;
        await grantRoleInTransaction(trx, null, { userId: existing.id, role: ADMIN_ROLE });
        return true;
      });
      say(granted ? `Granted ${ADMIN_ROLE} to the existing account ${email}.` : `${email} already has the ${ADMIN_ROLE} role; nothing changed.`);
      say('The existing password was left unchanged.');
      if (!existing.email_verified_at) say(`Note: ${email} has not confirmed its email address yet.`);
      return;
    }
    const password = await readAdminPassword(email);
    if (password.length < PASSWORD_MIN_LENGTH) throw new CliError(`The password must be at least ${PASSWORD_MIN_LENGTH} characters long.`);
    if (password.length > PASSWORD_MAX_LENGTH) throw new CliError(`The password must be at most ${PASSWORD_MAX_LENGTH} characters long.`);
    await db.transaction().execute(async (trx) => {
      const user = await createAccount(trx, null, { email, displayName, password, verified: true });
      await grantRoleInTransaction(trx, null, { userId: user.id, role: ADMIN_ROLE });
    });
    say(`Created the verified account ${email} with the ${ADMIN_ROLE} role.`);
  });
}
