import type { Db, DbOrTrx } from '../../db/database.ts';
import { recordAudit } from '../../platform/audit.ts';
import { conflict, FieldErrorCollector, notFound, validationError } from '../../platform/errors.ts';
import { newId, nowIso } from '../../platform/ids.ts';
import { isRole, ROLE_SCOPE, ROLES, type Role } from '../../platform/roles.ts';
import { deleteGrant, findGrant, findGrantByKey, insertGrant, type RoleGrantRow, countGrantsOfRole } from './roles.repository.ts';

/** Every role an administrator can grant; being a participant comes with every verified account. */
export const GRANTABLE_ROLES: readonly Role[] = ROLES.filter((role) => role !== 'participant');

export interface GrantInput {
  userId: string;
  role: string;
  memberId?: string | null;
  organisationId?: string | null;
}

async function exists(trx: DbOrTrx, table: 'users' | 'members' | 'organisations', id: string): Promise<boolean> {
  return (await trx.selectFrom(table).select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
}

/** Checks the role and its scope, then grants it inside the caller's transaction, audited. */
export async function grantRoleInTransaction(trx: DbOrTrx, actorId: string | null, input: GrantInput): Promise<RoleGrantRow> {
  const errors = new FieldErrorCollector();
  const role = input.role;
  if (!isRole(role) || role === 'participant') errors.add('role', 'roles.errors.roleInvalid');
  errors.throwIfAny();
  const scope = ROLE_SCOPE[role as Role];
  const memberId = scope === 'member' ? (input.memberId ?? '') : null;
  const organisationId = scope === 'organisation' ? (input.organisationId ?? '') : null;
  if (!(await exists(trx, 'users', input.userId))) throw notFound();
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
  return grant;
}

export function grantRole(db: Db, actorId: string | null, input: GrantInput): Promise<RoleGrantRow> {
  return db.transaction().execute((trx) => grantRoleInTransaction(trx, actorId, input));
}

export interface RevokeOptions {
  /** When set, a grant held by anyone else is treated as missing, so a URL cannot pair one person with another's grant. */
  userId?: string;
}

/** Revokes one grant inside the caller's transaction, audited with what it was. */
export async function revokeRoleInTransaction(trx: DbOrTrx, actorId: string | null, grantId: string, options: RevokeOptions = {}): Promise<RoleGrantRow> {
  const grant = await findGrant(trx, grantId);
  if (!grant || (options.userId !== undefined && grant.user_id !== options.userId)) throw notFound();
  // Removing the last administrator would leave nobody able to grant the role again.
  if (grant.role === 'support_unit' && (await countGrantsOfRole(trx, 'support_unit')) <= 1) {
    throw validationError({ role: { key: 'roles.errors.lastSupportUnit' } });
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
  return grant;
}

export function revokeRole(db: Db, actorId: string | null, grantId: string, options: RevokeOptions = {}): Promise<RoleGrantRow> {
  return db.transaction().execute((trx) => revokeRoleInTransaction(trx, actorId, grantId, options));
}
