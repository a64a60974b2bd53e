import { randomBytes } from 'node:crypto';
import type { App } from '../../src/app.ts';
import type { Db } from '../../src/db/database.ts';
import { createAccount } from '../../src/modules/accounts/accounts.users.ts';
import type { UserRow } from '../../src/modules/accounts/accounts.repository.ts';
import { createMemberInTransaction, type MemberInput, type MemberRow } from '../../src/modules/members/members.service.ts';
import {
  createOrganisationInTransaction,
  type OrganisationInput,
  type OrganisationRow,
} from '../../src/modules/organisations/organisations.service.ts';
import { grantRole } from '../../src/modules/roles/roles.service.ts';
import type { Role } from '../../src/platform/roles.ts';
import { createSession, SESSION_COOKIE } from '../../src/platform/sessions.ts';
import { TestClient } from './client.ts';

export const DEFAULT_PASSWORD = 'correct horse battery staple';
const unique = (): string => randomBytes(4).toString('hex');

export interface UserOptions {
  email?: string;
  displayName?: string;
  password?: string;
  verified?: boolean;
  roles?: Array<Role | { role: Role; memberId?: string; organisationId?: string }>;
}

/** A real account, made through the same code the platform uses, with any role grants. */
export async function createUser(db: Db, options: UserOptions = {}): Promise<UserRow> {
  const user = await db.transaction().execute((trx) =>
    createAccount(trx, null, {
      email: options.email ?? `user-${unique()}@example.org`,
      displayName: options.displayName ?? `Test User ${unique()}`,
      password: options.password ?? DEFAULT_PASSWORD,
      verified: options.verified ?? true,
    }),
  );
  for (const entry of options.roles ?? []) {
    const grant = typeof entry === 'string' ? { role: entry } : entry;
    if (grant.role === 'participant') continue;
    await grantRole(db, null, { userId: user.id, ...grant });
  }
  return user;
}

/** A client already signed in as the user, through a real session row. */
export async function signedInClient(app: App, user: { id: string }): Promise<TestClient> {
  const client = new TestClient(app);
  const token = await createSession(app.ctx.db, user.id);
  client.setCookie(SESSION_COOKIE, token);
  return client;
}

/**
 * A member made by the real service, slug and public audit event included; national unless told.
 * `actorId` is whose name the history shows; null is the platform.
 */
export function createMember(db: Db, input: Pick<MemberInput, 'name'> & Partial<MemberInput>, actorId: string | null = null): Promise<MemberRow> {
  return db.transaction().execute((trx) => createMemberInTransaction(trx, actorId, { memberType: 'national', ...input }));
}

/** An organisation made by the real service, like createMember; civil society unless told. */
export function createOrganisation(
  db: Db,
  input: Pick<OrganisationInput, 'name'> & Partial<OrganisationInput>,
  actorId: string | null = null,
): Promise<OrganisationRow> {
  return db.transaction().execute((trx) => createOrganisationInTransaction(trx, actorId, { orgType: 'civil_society', ...input }));
}
