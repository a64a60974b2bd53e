import type { FastifyRequest } from 'fastify';
import { type Action, authorize } from '../../platform/policies.ts';

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
