import type { FastifyRequest } from 'fastify';
import { unauthenticated } from './errors.ts';
import { type Action, authorize, type Resource } from './policies.ts';
import type { Actor } from './roles.ts';

/**
 * An onRequest hook that refuses the request before its query or body is validated. Form routes
 * re-render their page on a validation failure, and that page holds private details, so a refused
 * person must never reach validation. It runs before the CSRF check too, so anonymous posts get 401.
 */
export const requireAction =
  (action: Action) =>
  async (request: FastifyRequest): Promise<void> => {
    authorize(request.actor, action);
  };

/** Authorises the action and hands back the signed-in person who is doing it, for the audit trail. */
export function requireActor(request: FastifyRequest, action: Action, resource: Resource = {}): Actor {
  authorize(request.actor, action, resource);
  // Every action that changes something refuses the signed-out; this keeps it so if a rule is loosened.
  if (!request.actor) throw unauthenticated();
  return request.actor;
}
