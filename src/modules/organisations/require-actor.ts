import type { FastifyRequest } from 'fastify';
import { unauthenticated } from '../../platform/errors.ts';
import { type Action, authorize, type Resource } from '../../platform/policies.ts';
import type { Actor } from '../../platform/roles.ts';

/** Authorises the action and hands back the signed-in person who is doing it, for the audit trail. */
export function requireActor(request: FastifyRequest, action: Action, resource: Resource = {}): Actor {
  authorize(request.actor, action, resource);
  // Every action that changes something refuses the signed-out; this keeps it so if a rule is loosened.
  if (!request.actor) throw unauthenticated();
  return request.actor;
}
