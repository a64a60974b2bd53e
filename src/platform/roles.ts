export const ROLES = [
  'participant',
  'organisation_member',
  'government_poc',
  'irm_researcher',
  'irm_staff',
  'support_unit',
  'steering_committee',
] as const;
export type Role = (typeof ROLES)[number];

export const isRole = (value: unknown): value is Role => typeof value === 'string' && (ROLES as readonly string[]).includes(value);

/** Which scope a grant of the role must name: an OGP member, an organisation, or none. */
export const ROLE_SCOPE: Record<Role, 'member' | 'organisation' | null> = {
  participant: null,
  organisation_member: 'organisation',
  government_poc: 'member',
  irm_researcher: null,
  irm_staff: null,
  support_unit: null,
  steering_committee: null,
};

export interface RoleGrant {
  id: string;
  role: Role;
  memberId: string | null;
  organisationId: string | null;
}

/** The signed-in person as policies see them. Every verified account is a participant. */
export interface Actor {
  id: string;
  email: string;
  displayName: string;
  grants: RoleGrant[];
}

export function hasRole(actor: Actor | null, role: Role): boolean {
  if (!actor) return false;
  if (role === 'participant') return true;
  return actor.grants.some((g) => g.role === role);
}
