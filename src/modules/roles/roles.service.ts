import type { Db, DbOrTrx } from '../../db/database.ts';
import { recordAudit } from '../../platform/audit.ts';
import { conflict, FieldErrorCollector, notFound, validationError } from '../../platform/errors.ts';
import { newId, nowIso } from '../../platform/ids.ts';
import { isRole, ROLE_SCOPE, ROLES, type Role } from '../../platform/roles.ts';
import {
  countGrantsOfRole,
  deleteGrant,
  findGrant,
  findGrantByKey,
  findGrantee,
  insertGrant,
  lockGrantsOfRole,
  type RoleGrantRow,
} from './roles.repository.ts';

/** Every role an administrator can grant; being a participant comes with every verified account. */
export const GRANTABLE_ROLES: readonly Role[] = ROLES.filter((role) => role !== 'participant');

export interface GrantInput {
  userId: string;
  role: string;
  memberId?: string | null;
  organisationId?: string | null;
}

async function exists(trx: DbOrTrx, table: 'members' | 'organisations', id: string): Promise<boolean> {
  return (await trx.selectFrom(table).select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
}

/**
 * A scoped grant changes a public record: an organisation's people or a member's points of contact. Its public
 * event goes on that record, in the same transaction, naming the person by display name (never by email).
 */
async function recordScopedChange(trx: DbOrTrx, actorId: string | null, grant: RoleGrantRow, personName: string, change: 'added' | 'removed'): Promise<void> {
  const values = (person: object) => (change === 'added' ? { after: person } : { before: person });
  if (grant.organisation_id !== null) {
    await recordAudit(trx, {
      actorId,
      action: `organisation.member_${change}`,
      entityType: 'organisation',
      entityId: grant.organisation_id,
      summary: `${personName} ${change} as a member`,
      ...values({ member: personName }),
      isPublic: true,
    });
  } else if (grant.member_id !== null) {
    await recordAudit(trx, {
      actorId,
      action: `member.contact_${change}`,
      entityType: 'member',
      entityId: grant.member_id,
      summary: `${personName} ${change} as a government point of contact`,
      ...values({ contact: personName }),
      isPublic: true,
    });
  }
}

/**
 * Checks the role, its scope and the account, then grants it inside the caller's transaction, audited on the
 * account and, for a scoped role, publicly on the organisation or member. Only an account whose email address
 * is confirmed can be given a role: anyone can sign up with someone else's address, and must not inherit what
 * was meant for its owner.
 */
export async function grantRoleInTransaction(trx: DbOrTrx, actorId: string | null, input: GrantInput): Promise<RoleGrantRow> {
  const errors = new FieldErrorCollector();
  const role = input.role;
  if (!isRole(role) || role === 'participant') errors.add('role', 'roles.errors.roleInvalid');
  errors.throwIfAny();
  const scope = ROLE_SCOPE[role as Role];
  const memberId = scope === 'member' ? (input.memberId ?? '') : null;
  const organisationId = scope === 'organisation' ? (input.organisationId ?? '') : null;
  const grantee = await findGrantee(trx, input.userId);
  if (!grantee) throw notFound();
  if (grantee.email_verified_at === null) errors.add('role', 'roles.errors.accountUnverified');
  if (scope === 'member' && (!memberId || !(await exists(trx, 'members', memberId)))) errors.add('memberId', 'roles.errors.memberRequired');
  if (scope === 'organisation' && (!organisationId || !(await exists(trx, 'organisations', organisationId)))) {
    errors.add('organisationId', 'roles.errors.organisationRequired');
  }
  errors.throwIfAny();
  const scopeKey = memberId ?? organisationId ?? '';
  if (await findGrantByKey(trx, input.userId, role, scopeKey)) throw conflict({ role: { key: 'roles.errors.alreadyGranted' } });
  const grant: RoleGrantRow = {
    id: newId(),
    user_id: input.userId,
    role,
    member_id: memberId,
    organisation_id: organisationId,
    scope_key: scopeKey,
    granted_by: actorId,
    granted_at: nowIso(),
  };
  await insertGrant(trx, grant);
  await recordAudit(trx, {
    actorId,
    action: 'role.granted',
    entityType: 'user',
    entityId: input.userId,
    summary: `Granted ${role}`,
    after: { role, member_id: memberId, organisation_id: organisationId },
  });
  await recordScopedChange(trx, actorId, grant, grantee.display_name, 'added');
  return grant;
}

export function grantRole(db: Db, actorId: string | null, input: GrantInput): Promise<RoleGrantRow> {
  return db.transaction().execute((trx) => grantRoleInTransaction(trx, actorId, input));
}

export interface RevokeOptions {
  /** When set, a grant held by anyone else is treated as missing, so a URL cannot pair one person with another's grant. */
  userId?: string;
}

/**
 * Revokes one grant inside the caller's transaction, audited with what it was on the account and, for a scoped
 * role, publicly on the organisation or member.
 */
export async function revokeRoleInTransaction(trx: DbOrTrx, actorId: string | null, grantId: string, options: RevokeOptions = {}): Promise<RoleGrantRow> {
  const found = await findGrant(trx, grantId);
  const isMissing = (grant: RoleGrantRow | undefined): grant is undefined => !grant || (options.userId !== undefined && grant.user_id !== options.userId);
  if (isMissing(found)) throw notFound();
  let grant = found;
  // Removing the last administrator would leave nobody able to grant the role again. Two administrators revoking
  // each other at once must not both see the other's grant still there: the lock makes the second revoke wait for
  // the first to commit, and the grant and the count are read only after it, so (under READ COMMITTED, each statement
  // seeing what was committed before it began) they see what the first did.
  if (grant.role === 'support_unit') {
    await lockGrantsOfRole(trx, 'support_unit');
    const current = await findGrant(trx, grantId);
    if (isMissing(current)) throw notFound();
    grant = current;
    if ((await countGrantsOfRole(trx, 'support_unit')) <= 1) throw validationError({ role: { key: 'roles.errors.lastSupportUnit' } });
  }
  await deleteGrant(trx, grantId);
  await recordAudit(trx, {
    actorId,
    action: 'role.revoked',
    entityType: 'user',
    entityId: grant.user_id,
    summary: `Revoked ${grant.role}`,
    before: { role: grant.role, member_id: grant.member_id, organisation_id: grant.organisation_id },
  });
  const grantee = await findGrantee(trx, grant.user_id);
  await recordScopedChange(trx, actorId, grant, grantee?.display_name ?? '', 'removed');
  return grant;
}

export function revokeRole(db: Db, actorId: string | null, grantId: string, options: RevokeOptions = {}): Promise<RoleGrantRow> {
  return db.transaction().execute((trx) => revokeRoleInTransaction(trx, actorId, grantId, options));
}
