import { migrateToLatest } from '../../db/database.ts';
import { findUserByEmail } from '../../modules/accounts/accounts.repository.ts';
import { createAccount, EMAIL_PATTERN, normaliseEmail, takeOverAccount } from '../../modules/accounts/accounts.users.ts';
import { findGrantByKey } from '../../modules/roles/roles.repository.ts';
import { grantRoleInTransaction } from '../../modules/roles/roles.service.ts';
import { hashPassword, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../../platform/passwords.ts';
import { cliIo } from '../io.ts';
import { promptHidden } from '../prompt.ts';
import { ADMIN_PASSWORD_ENV, CliError, say } from '../support.ts';
import { withDatabase } from './database.ts';

const ADMIN_ROLE = 'support_unit';

export interface CreateAdminOptions {
  email: string;
  name?: string;
  /** For an existing account: set its password, mark its address confirmed and end its sessions. */
  resetPassword?: boolean;
}

/** The password from OGP_ADMIN_PASSWORD, else typed twice on the terminal; never from a pipe or an argument. */
async function readAdminPassword(email: string): Promise<string> {
  const io = cliIo();
  const fromEnv = io.env[ADMIN_PASSWORD_ENV];
  let password: string;
  if (fromEnv !== undefined && fromEnv !== '') {
    password = fromEnv;
  } else {
    if (!io.interactive) {
      throw new CliError(`No password given. Set ${ADMIN_PASSWORD_ENV}, or run the command in a terminal to be asked for one.`);
    }
    password = await promptHidden(`Password for ${email} (at least ${PASSWORD_MIN_LENGTH} characters): `, process.stdin, io.stderr);
    const repeated = await promptHidden('Type the password again: ', process.stdin, io.stderr);
    if (password !== repeated) throw new CliError('The two passwords differ; nothing was changed.');
  }
  if (password.length < PASSWORD_MIN_LENGTH) throw new CliError(`The password must be at least ${PASSWORD_MIN_LENGTH} characters long.`);
  if (password.length > PASSWORD_MAX_LENGTH) throw new CliError(`The password must be at most ${PASSWORD_MAX_LENGTH} characters long.`);
  return password;
}

/**
 * An account whose address was never confirmed was made by whoever typed that address into the
 * sign-up form, and its password is theirs: granting it the role would hand administration to them.
 */
function unconfirmedAccountRefusal(email: string): CliError {
  return new CliError(
    `${email} has an account whose email address has not been confirmed, so its password was chosen by whoever signed up ` +
      `with that address, who may not be the person you mean. Nothing was changed.\n` +
      `To take the account over, run the command again with --reset-password: it sets the password from ${ADMIN_PASSWORD_ENV} ` +
      `(or asks for one), marks the address confirmed and signs the account out everywhere before granting ${ADMIN_ROLE}.`,
  );
}

export async function createAdminCommand(options: CreateAdminOptions): Promise<void> {
  const email = normaliseEmail(options.email);
  if (!EMAIL_PATTERN.test(email)) throw new CliError(`"${options.email}" is not an email address.`);
  const displayName = (options.name ?? '').trim() || email.slice(0, email.indexOf('@'));
  await withDatabase(async ({ db }) => {
    await migrateToLatest(db);
    const existing = await findUserByEmail(db, email);
    if (existing) {
      if (!existing.email_verified_at && !options.resetPassword) throw unconfirmedAccountRefusal(email);
      // Hashed before the transaction opens, so the slow part never holds a database lock.
      const passwordHash = options.resetPassword ? await hashPassword(await readAdminPassword(email)) : null;
      const granted = await db.transaction().execute(async (trx) => {
        // The password, the confirmation, the ended sessions and the grant land together or not at all.
        if (passwordHash) await takeOverAccount(trx, existing.id, passwordHash);
        if (await findGrantByKey(trx, existing.id, ADMIN_ROLE, '')) return false;
        await grantRoleInTransaction(trx, null, { userId: existing.id, role: ADMIN_ROLE });
        return true;
      });
      say(granted ? `Granted ${ADMIN_ROLE} to the existing account ${email}.` : `${email} already has the ${ADMIN_ROLE} role${passwordHash ? '' : '; nothing changed'}.`);
      if (passwordHash) {
        const confirmed = existing.email_verified_at ? '' : ', marked its email address confirmed';
        say(`Set a new password for ${email}${confirmed} and signed it out everywhere.`);
      } else {
        say('The existing password was left unchanged.');
      }
      return;
    }
    const password = await readAdminPassword(email);
    await db.transaction().execute(async (trx) => {
      const user = await createAccount(trx, null, { email, displayName, password, verified: true });
      await grantRoleInTransaction(trx, null, { userId: user.id, role: ADMIN_ROLE });
    });
    say(`Created the verified account ${email} with the ${ADMIN_ROLE} role.`);
  });
}
