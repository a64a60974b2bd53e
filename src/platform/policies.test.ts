// test-scope: no-database
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AppError } from './errors.ts';
import { type Action, ACTIONS, authorize, can, type Resource } from './policies.ts';
import { type Actor, ROLES, type Role } from './roles.ts';

const ORG_A = 'organisation-a';
const ORG_B = 'organisation-b';
const MEMBER_M = 'member-m';
const MEMBER_N = 'member-n';

function actorWith(role: Role | null): Actor {
  const grants =
    role === null || role === 'participant'
      ? []
      : [
          {
            id: `grant-${role}`,
            role,
            memberId: role === 'government_poc' ? MEMBER_M : null,
            organisationId: role === 'organisation_member' ? ORG_A : null,
          },
        ];
  return { id: `user-${role ?? 'none'}`, email: `${role ?? 'none'}@example.org`, displayName: role ?? 'none', grants };
}

type Who = 'public' | Role;
const WHO: Who[] = ['public', ...ROLES];
const actorFor = (who: Who): Actor | null => (who === 'public' ? null : actorWith(who === 'participant' ? null : who));

const EVERYONE: Who[] = ['public', 'participant', 'organisation_member', 'government_poc', 'irm_researcher', 'irm_staff', 'support_unit', 'steering_committee'];
const SIGNED_IN: Who[] = EVERYONE.filter((who) => who !== 'public');

// Who may do each action on a record in their own scope (organisation A, member M); everyone else may not.
// Written out by hand: if policies.ts changes, this table must be changed on purpose too.
const EXPECTED: Record<Action, Who[]> = {
  'organisation.view': EVERYONE,
  'organisation.create': ['support_unit'],
  'organisation.update': ['organisation_member', 'support_unit'],
  'organisation.members.manage': ['support_unit'],
  'member.view': EVERYONE,
  'member.create': ['support_unit'],
  'member.update': ['government_poc', 'support_unit'],
  'history.view': EVERYONE,
  'plan.manage': ['government_poc', 'support_unit'],
  'commitment.view': EVERYONE,
  'commitment.manage': ['government_poc', 'support_unit'],
  'commitment.progress.update': ['government_poc'],
  'self_assessment.comment': SIGNED_IN,
  'member.status.change': ['support_unit'],
  'commitments.import': ['support_unit'],
  'commitments.export': ['support_unit'],
  'strategy.view': EVERYONE,
  'strategy.import': ['support_unit'],
  'strategy.edit': ['support_unit'],
  'indicator.actuals.record': ['support_unit'],
  'account.view': SIGNED_IN,
  'users.view': ['support_unit'],
  'roles.manage': ['support_unit'],
  'audit.read': ['support_unit'],
  'outbox.read': ['support_unit'],
};
const OWN_SCOPE: Resource = { organisationId: ORG_A, memberId: MEMBER_M };

describe('policy matrix', () => {
  it('covers every action and every role', () => {
    assert.deepEqual([...ACTIONS].sort(), Object.keys(EXPECTED).sort(), 'a new action needs its row in EXPECTED');
    assert.deepEqual([...EVERYONE].sort(), [...WHO].sort(), 'a new role needs its place in EXPECTED');
  });

  for (const action of ACTIONS) {
    it(`${action}: answers as the table says for every role`, () => {
      for (const who of EVERYONE) {
        const expected = EXPECTED[action].includes(who);
        assert.equal(can(actorFor(who), action, OWN_SCOPE), expected, `${who} ${expected ? 'may' : 'may not'} ${action}`);
      }
    });
  }

  it('lets an organisation member update their own organisation only', () => {
    const member = actorWith('organisation_member');
    assert.equal(can(member, 'organisation.update', { organisationId: ORG_A }), true);
    assert.equal(can(member, 'organisation.update', { organisationId: ORG_B }), false);
    assert.equal(can(member, 'organisation.update', {}), false);
    // Belonging to an organisation gives no say over who else belongs to it.
    assert.equal(can(member, 'organisation.members.manage', { organisationId: ORG_A }), false);
    assert.equal(can(member, 'member.update', { memberId: MEMBER_M }), false);
  });

  it('lets a government point of contact update their own member only', () => {
    const poc = actorWith('government_poc');
    assert.equal(can(poc, 'member.update', { memberId: MEMBER_M }), true);
    assert.equal(can(poc, 'member.update', { memberId: MEMBER_N }), false);
    assert.equal(can(poc, 'member.update', {}), false);
    assert.equal(can(poc, 'member.create', { memberId: MEMBER_M }), false);
    assert.equal(can(poc, 'organisation.update', { organisationId: ORG_A }), false);
  });

  it('lets the support unit update any organisation or member, scoped or not', () => {
    const support = actorWith('support_unit');
    for (const resource of [{}, { organisationId: ORG_B }, { memberId: MEMBER_N }]) {
      assert.equal(can(support, 'organisation.update', resource), true);
      assert.equal(can(support, 'member.update', resource), true);
    }
  });

  it('combines grants: someone with two scoped grants may act within each, and nowhere else', () => {
    const both: Actor = {
      ...actorWith(null),
      grants: [
        { id: 'g1', role: 'organisation_member', memberId: null, organisationId: ORG_B },
        { id: 'g2', role: 'government_poc', memberId: MEMBER_N, organisationId: null },
      ],
    };
    assert.equal(can(both, 'organisation.update', { organisationId: ORG_B }), true);
    assert.equal(can(both, 'organisation.update', { organisationId: ORG_A }), false);
    assert.equal(can(both, 'member.update', { memberId: MEMBER_N }), true);
    assert.equal(can(both, 'member.update', { memberId: MEMBER_M }), false);
  });

  it('does not confuse a member id with an organisation id', () => {
    const member = actorWith('organisation_member');
    assert.equal(can(member, 'organisation.update', { memberId: ORG_A }), false);
    const poc = actorWith('government_poc');
    assert.equal(can(poc, 'member.update', { organisationId: MEMBER_M }), false);
  });
});

describe('authorize', () => {
  const refusalCode = (fn: () => void): string | null => {
    try {
      fn();
      return null;
    } catch (error) {
      assert.ok(error instanceof AppError, 'authorize throws only AppError');
      return error.code;
    }
  };

  it('says UNAUTHENTICATED to the signed-out and FORBIDDEN to the signed-in for every refused action', () => {
    for (const action of ACTIONS) {
      for (const who of EVERYONE) {
        const code = refusalCode(() => authorize(actorFor(who), action, OWN_SCOPE));
        const expected = EXPECTED[action].includes(who) ? null : who === 'public' ? 'UNAUTHENTICATED' : 'FORBIDDEN';
        assert.equal(code, expected, `${who} / ${action}`);
      }
    }
  });

  it('refuses a scoped action outside the scope with FORBIDDEN', () => {
    assert.equal(refusalCode(() => authorize(actorWith('organisation_member'), 'organisation.update', { organisationId: ORG_B })), 'FORBIDDEN');
    assert.equal(refusalCode(() => authorize(actorWith('government_poc'), 'member.update', { memberId: MEMBER_N })), 'FORBIDDEN');
    assert.equal(refusalCode(() => authorize(null, 'member.update', { memberId: MEMBER_M })), 'UNAUTHENTICATED');
  });

  it('answers 401 and 403 statuses', () => {
    assert.throws(() => authorize(null, 'users.view'), (e: unknown) => e instanceof AppError && e.status === 401);
    assert.throws(() => authorize(actorWith('irm_staff'), 'users.view'), (e: unknown) => e instanceof AppError && e.status === 403);
    assert.doesNotThrow(() => authorize(actorWith('support_unit'), 'users.view'));
  });
});
