import type { Db } from '../../src/db/database.ts';
import type { MissingCode } from '../../src/db/irm-fields.ts';
import type { UserRow } from '../../src/modules/accounts/accounts.repository.ts';
import type { Role } from '../../src/platform/roles.ts';
import { createUser } from './factories.ts';

// Rows the commitment page shows that commitment-factories.ts does not make: institutions, stars and
// themes; and the cast of people whose access to a commitment's forms the tests check.

export async function addInstitution(db: Db, commitmentId: string, organisationId: string, role: 'lead' | 'supporting', position = 0): Promise<void> {
  await db.insertInto('commitment_institutions').values({ commitment_id: commitmentId, organisation_id: organisationId, role, position }).execute();
}

export async function addStar(
  db: Db,
  commitmentId: string,
  star: { formula: '2015' | 'current'; report: 'progress' | 'end_of_term'; starred: 0 | 1 | null; missing?: MissingCode },
): Promise<void> {
  await db
    .insertInto('commitment_stars')
    .values({ commitment_id: commitmentId, formula: star.formula, report: star.report, starred: star.starred, missing: star.missing ?? null })
    .execute();
}

export async function addTag(db: Db, commitmentId: string, vocabulary: 'theme' | 'policy_area', tag: string): Promise<void> {
  await db.insertInto('commitment_tags').values({ commitment_id: commitmentId, vocabulary, tag }).execute();
}

/** Everyone whose access to a member's commitment differs, signed-out aside. */
export interface Cast {
  ownContact: UserRow;
  otherContact: UserRow;
  support: UserRow;
  participant: UserRow;
  organisationMember: UserRow;
  researcher: UserRow;
}

export async function createCast(db: Db, memberId: string, otherMemberId: string, organisationId: string): Promise<Cast> {
  const user = (displayName: string, roles: Array<Role | { role: Role; memberId?: string; organisationId?: string }>) => createUser(db, { displayName, roles });
  return {
    ownContact: await user('Olu Contact', [{ role: 'government_poc', memberId }]),
    otherContact: await user('Otto Elsewhere', [{ role: 'government_poc', memberId: otherMemberId }]),
    support: await user('Sam Support', ['support_unit']),
    participant: await user('Pat Participant', []),
    organisationMember: await user('Orla Organisation', [{ role: 'organisation_member', organisationId }]),
    researcher: await user('Ria Researcher', ['irm_researcher']),
  };
}
