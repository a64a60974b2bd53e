import { forbidden, unauthenticated } from './errors.ts';
import { type Actor, hasRole } from './roles.ts';

/** What a rule may look at besides the actor: the record the action touches. */
export interface Resource {
  organisationId?: string;
  memberId?: string;
  ownerId?: string;
}

type Rule = (actor: Actor | null, resource: Resource) => boolean;

const anyone: Rule = () => true;
const signedIn: Rule = (actor) => actor !== null;
const supportUnit: Rule = (actor) => hasRole(actor, 'support_unit');
const memberOfOrganisation: Rule = (actor, { organisationId }) =>
  !!actor && !!organisationId && actor.grants.some((g) => g.role === 'organisation_member' && g.organisationId === organisationId);
const pocOfMember: Rule = (actor, { memberId }) =>
  !!actor && !!memberId && actor.grants.some((g) => g.role === 'government_poc' && g.memberId === memberId);
const either = (...rules: Rule[]): Rule => (actor, resource) => rules.some((rule) => rule(actor, resource));

// The single table of who may do what. Handlers name an action; nothing else decides access.
const RULES = {
  'organisation.view': anyone,
  'organisation.create': supportUnit,
  'organisation.update': either(supportUnit, memberOfOrganisation),
  'organisation.members.manage': supportUnit,
  'member.view': anyone,
  'member.create': supportUnit,
  'member.update': either(supportUnit, pocOfMember),
  'history.view': anyone,
  // Action plans and commitments: points of contact look after their own member's; the Support Unit after all.
  'plan.manage': either(supportUnit, pocOfMember),
  'commitment.view': anyone,
  'commitment.manage': either(supportUnit, pocOfMember),
  // A progress update is the government's own statement, so only its points of contact make one.
  'commitment.progress.update': pocOfMember,
  'self_assessment.comment': signedIn,
  'member.status.change': supportUnit,
  'commitments.import': supportUnit,
  'commitments.export': supportUnit,
  // The strategy: plans in StratML and the live indicators.
  'strategy.view': anyone,
  'strategy.import': supportUnit,
  'strategy.edit': supportUnit,
  'indicator.actuals.record': supportUnit,
  'account.view': signedIn,
  'users.view': supportUnit,
  'roles.manage': supportUnit,
  'audit.read': supportUnit,
  'outbox.read': supportUnit,
} satisfies Record<string, Rule>;

export type Action = keyof typeof RULES;
export const ACTIONS = Object.keys(RULES) as Action[];

export function can(actor: Actor | null, action: Action, resource: Resource = {}): boolean {
  return RULES[action](actor, resource);
}

/** Throws 401 for the signed-out and 403 for the signed-in when the action is refused. */
export function authorize(actor: Actor | null, action: Action, resource: Resource = {}): void {
  if (can(actor, action, resource)) return;
  throw actor ? forbidden() : unauthenticated();
}
