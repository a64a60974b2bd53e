import type { Db } from '../../db/database.ts';
import { notFound } from '../../platform/errors.ts';
import { listGrantsForUser, listMemberOptions, listOrganisationOptions, type ScopeOption } from '../roles/roles.repository.ts';
import { GRANTABLE_ROLES } from '../roles/roles.service.ts';
import { countUsers, findUserSummary, type GrantSummary, listGrantSummaries, listUsers, type UserSummary } from './admin.repository.ts';
import { pageOffset } from '../../platform/pagination.ts';

export const USERS_PER_PAGE = 25;

export interface UserListing {
  users: Array<UserSummary & { grants: GrantSummary[] }>;
  total: number;
  page: number;
  perPage: number;
}

/** One page of accounts matching the search, each with the roles it holds. */
export async function listUsersPage(db: Db, options: { search?: string; page: number }): Promise<UserListing> {
  const search = options.search?.trim() || undefined;
  const request = { page: options.page, perPage: USERS_PER_PAGE };
  const [users, total] = await Promise.all([
    listUsers(db, { search, limit: request.perPage, offset: pageOffset(request) }),
    countUsers(db, { search }),
  ]);
  const grants = await listGrantSummaries(
    db,
    users.map((u) => u.id),
  );
  return {
    users: users.map((user) => ({ ...user, grants: grants.filter((g) => g.user_id === user.id) })),
    total,
    ...request,
  };
}

export interface UserPage {
  user: UserSummary;
  grants: Awaited<ReturnType<typeof listGrantsForUser>>;
  grantableRoles: readonly string[];
  memberOptions: ScopeOption[];
  organisationOptions: ScopeOption[];
}

/** Everything the account page shows: the person, their grants and the choices for a new grant. */
export async function loadUserPage(db: Db, userId: string): Promise<UserPage> {
  const user = await findUserSummary(db, userId);
  if (!user) throw notFound();
  const [grants, memberOptions, organisationOptions] = await Promise.all([
    listGrantsForUser(db, userId),
    listMemberOptions(db),
    listOrganisationOptions(db),
  ]);
  return { user, grants, grantableRoles: GRANTABLE_ROLES, memberOptions, organisationOptions };
}

/** Whether an account exists, for refusing a request about a missing one before anything else. */
export async function userExists(db: Db, userId: string): Promise<boolean> {
  return (await findUserSummary(db, userId)) !== undefined;
}
