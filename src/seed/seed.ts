import type { DbOrTrx, Trx } from '../db/database.ts';
import { findUserByEmail } from '../modules/accounts/accounts.repository.ts';
import { createAccount, normaliseEmail } from '../modules/accounts/accounts.users.ts';
import type { MemberType } from '../modules/members/member-types.ts';
import { createMemberInTransaction } from '../modules/members/members.service.ts';
import { createOrganisationInTransaction } from '../modules/organisations/organisations.service.ts';
import { grantRoleInTransaction } from '../modules/roles/roles.service.ts';
import { DEFAULT_PLAN_FILE } from '../modules/strategy/default-plan/default-plan.ts';
import { ensureDefaultPlan } from '../modules/strategy/strategy.service.ts';
import type { AppContext } from '../platform/context.ts';
import { ROLE_SCOPE } from '../platform/roles.ts';
import { type CommitmentSeedResult, readCommitmentSeed, seedCommitments } from './commitments.ts';
import { type CsvMember, readMembersFromCommitmentsCsv } from './commitments-csv.ts';
import { DEMO_ACCOUNTS, DEMO_ORGANISATION, DEMO_POC_MEMBER, type DemoAccount, LOCAL_MEMBERS, type LocalMemberSeed, ORGANISATIONS } from './demo-data.ts';
import { SeedDataError } from './errors.ts';

export { DEFAULT_COMMITMENTS_CSV } from './data-files.ts';
export { SeedDataError } from './errors.ts';
export { DEMO_ACCOUNTS, DEMO_PASSWORD, type DemoAccount } from './demo-data.ts';

export interface SeedOptions {
  /** Sign-in accounts for every role, sharing DEMO_PASSWORD. Refused in production. */
  includeDemoAccounts: boolean;
  /** The OGP commitments CSV the members come from; defaults to DEFAULT_COMMITMENTS_CSV. */
  csvPath?: string;
  /** Also import the commitments: that CSV in full, and the US action plan tracker (src/seed/commitments.ts). */
  commitments?: boolean;
}

export interface SeedResult {
  /** False when the database already had members, so nothing was written. */
  seeded: boolean;
  members: number;
  organisations: number;
  /** The demo accounts created, with the member or organisation each scoped role was granted for. */
  demoAccounts: DemoAccount[];
  /** The commitments imported, when asked for. */
  commitments?: CommitmentSeedResult;
}

export interface MemberSeed {
  name: string;
  memberType: MemberType;
  countryCode: string | null;
  joinedYear: number | null;
}

const NOTHING_SEEDED: SeedResult = { seeded: false, members: 0, organisations: 0, demoAccounts: [] };

// Any member means someone has already seeded or entered real data; seeding on top would mix the two.
async function hasMembers(db: DbOrTrx): Promise<boolean> {
  return (await db.selectFrom('members').select('id').limit(1).executeTakeFirst()) !== undefined;
}

/**
 * The members to create: every national and local member in the data, plus the subnational
 * pioneers it does not mention. The curated list adds what the data lacks (joining year, a country
 * for codes it does not resolve) for the local members the two share.
 */
export function planMembers(fromCsv: readonly CsvMember[], localMembers: readonly LocalMemberSeed[] = LOCAL_MEMBERS): MemberSeed[] {
  const curated = new Map(localMembers.map((m) => [m.name, m]));
  const planned = new Map<string, MemberSeed>();
  for (const member of fromCsv) {
    const known = member.memberType === 'local' ? curated.get(member.name) : undefined;
    planned.set(member.name, {
      name: member.name,
      memberType: member.memberType,
      countryCode: member.countryCode ?? known?.countryCode ?? null,
      joinedYear: known?.joinedYear ?? null,
    });
  }
  for (const member of localMembers) {
    if (!planned.has(member.name)) planned.set(member.name, { name: member.name, memberType: 'local', countryCode: member.countryCode, joinedYear: member.joinedYear });
  }
  const order = (m: MemberSeed): string => `${m.memberType === 'national' ? 0 : 1}${m.name}`;
  return [...planned.values()].sort((a, b) => order(a).localeCompare(order(b), 'en'));
}

interface Created {
  id: string;
  name: string;
}

async function createDemoAccounts(trx: Trx, nationals: readonly Created[], organisations: ReadonlyArray<Created & { orgType: string }>): Promise<DemoAccount[]> {
  const pocMember = nationals.find((m) => m.name === DEMO_POC_MEMBER) ?? nationals[0];
  const organisation = organisations.find((o) => o.name === DEMO_ORGANISATION) ?? organisations.find((o) => o.orgType === 'civil_society');
  const created: DemoAccount[] = [];
  for (const account of DEMO_ACCOUNTS) {
    // Never hand a demo role to an account whose password someone else chose.
    if (await findUserByEmail(trx, normaliseEmail(account.email))) {
      throw new SeedDataError(`An account ${account.email} already exists; the demo accounts can only be created in a fresh database.`);
    }
    const user = await createAccount(trx, null, { email: account.email, displayName: account.displayName, password: account.password, verified: true });
    const scope = ROLE_SCOPE[account.role];
    if (scope === 'member') {
      if (!pocMember) throw new SeedDataError('The seed data has no national member for the demo government point of contact.');
      await grantRoleInTransaction(trx, null, { userId: user.id, role: account.role, memberId: pocMember.id });
      created.push({ ...account, scope: pocMember.name });
    } else if (scope === 'organisation') {
      if (!organisation) throw new SeedDataError('The seed data has no civil-society organisation for the demo organisation member.');
      await grantRoleInTransaction(trx, null, { userId: user.id, role: account.role, organisationId: organisation.id });
      created.push({ ...account, scope: organisation.name });
    } else {
      // Every verified account is a participant already; there is no grant to make for it.
      if (account.role !== 'participant') await grantRoleInTransaction(trx, null, { userId: user.id, role: account.role });
      created.push({ ...account });
    }
  }
  return created;
}

/**
 * Fills an empty database with real OGP members (from the commitments data), real organisations
 * and, outside production, one demo account per role. Everything goes through the services, so
 * each record has its audit event, and in one transaction, so a failure leaves nothing behind.
 * A database that already has members is left alone.
 */
export async function seedDemoData(ctx: AppContext, options: SeedOptions): Promise<SeedResult> {
  if (options.includeDemoAccounts && ctx.config.nodeEnv === 'production') {
    throw new SeedDataError('Demo accounts share a published password and are never created in production.');
  }
  if (await hasMembers(ctx.db)) return NOTHING_SEEDED;
  // The file is read before the transaction opens, so no database lock is held during file I/O.
  const members = planMembers(readMembersFromCommitmentsCsv(options.csvPath));
  const commitmentData = options.commitments ? readCommitmentSeed({ sheet: options.csvPath }) : null;
  return ctx.db.transaction().execute(async (trx) => {
    // Another process may have seeded between the check above and this transaction.
    if (await hasMembers(trx)) return NOTHING_SEEDED;
    const nationals: Created[] = [];
    for (const member of members) {
      const row = await createMemberInTransaction(trx, null, member);
      if (member.memberType === 'national') nationals.push({ id: row.id, name: member.name });
    }
    const organisations: Array<Created & { orgType: string }> = [];
    for (const organisation of ORGANISATIONS) {
      const row = await createOrganisationInTransaction(trx, null, organisation);
      organisations.push({ id: row.id, name: organisation.name, orgType: organisation.orgType });
    }
    const demoAccounts = options.includeDemoAccounts ? await createDemoAccounts(trx, nationals, organisations) : [];
    const commitments = commitmentData ? await seedCommitments(trx, commitmentData) : undefined;
    return { seeded: true, members: members.length, organisations: organisations.length, demoAccounts, ...(commitments ? { commitments } : {}) };
  });
}

/**
 * For the server's first start: seeds an empty database, OGP's real commitments included (demo accounts too, unless in production)
 * and returns what it created, so the caller can show the demo credentials. Does nothing once
 * the database has members.
 */
export async function ensureSeeded(ctx: AppContext, options: { csvPath?: string } = {}): Promise<SeedResult> {
  // The platform's own strategy ships with the code, so it is loaded even where the demo data cannot be.
  await ensureDefaultPlan(ctx, DEFAULT_PLAN_FILE);
  try {
    return await seedDemoData(ctx, { includeDemoAccounts: ctx.config.nodeEnv !== 'production', csvPath: options.csvPath, commitments: true });
  } catch (error) {
    // Several instances starting together race to seed; the losers fail on a unique slug. That is fine
    // as long as someone's seed committed.
    if (!(error instanceof SeedDataError) && (await hasMembers(ctx.db))) return NOTHING_SEEDED;
    throw error;
  }
}
