import type { Db } from '../../src/db/database.ts';
import type { UserRow } from '../../src/modules/accounts/accounts.repository.ts';
import { type Cast, createCast } from './commitment-page-factories.ts';
import { createUser } from './factories.ts';

// Everyone whose access to adding and editing commitments differs: the commitment pages' cast, and the
// roles with no say over commitments that the page tests do not need.

export interface FullCast extends Cast {
  irmStaff: UserRow;
  steeringCommittee: UserRow;
}

export async function createFullCast(db: Db, memberId: string, otherMemberId: string, organisationId: string): Promise<FullCast> {
  return {
    ...(await createCast(db, memberId, otherMemberId, organisationId)),
    irmStaff: await createUser(db, { displayName: 'Ines IRM Staff', roles: ['irm_staff'] }),
    steeringCommittee: await createUser(db, { displayName: 'Sol Steering', roles: ['steering_committee'] }),
  };
}

/** The people refused the commitment forms, named for the test messages. */
export const refusedPeople = (cast: FullCast): Array<readonly [string, UserRow]> => [
  ['a point of contact of another member', cast.otherContact],
  ['a participant', cast.participant],
  ['an organisation member', cast.organisationMember],
  ['an IRM researcher', cast.researcher],
  ['IRM staff', cast.irmStaff],
  ['a Steering Committee member', cast.steeringCommittee],
];
