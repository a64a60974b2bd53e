import type { FastifyInstance } from 'fastify';
import { accountsRoutes } from './accounts/accounts.routes.ts';
import { adminRoutes } from './admin/admin.routes.ts';
import { apiRoutes, developersRoutes } from './api/api.routes.ts';
import { explorerRoutes } from './explorer/explorer.routes.ts';
import { auditRoutes } from './audit/audit.routes.ts';
import { commitmentDataRoutes } from './commitment-data/commitment-data.routes.ts';
import { commitmentsRoutes } from './commitments/commitments.routes.ts';
import { healthRoutes } from './health/health.routes.ts';
import { homeRoutes } from './home/home.routes.ts';
import { membersRoutes } from './members/members.routes.ts';
import { organisationsRoutes } from './organisations/organisations.routes.ts';
import { outboxRoutes } from './outbox/outbox.routes.ts';
import { plansApiRoutes } from './plans/plans.api.ts';
import { plansRoutes } from './plans/plans.routes.ts';
import { rolesRoutes } from './roles/roles.routes.ts';
import { strategyRoutes } from './strategy/strategy.routes.ts';
import { indicatorsRoutes } from './indicators/indicators.routes.ts';

export async function registerModules(app: FastifyInstance): Promise<void> {
  await app.register(healthRoutes);
  await app.register(homeRoutes);
  await app.register(accountsRoutes);
  await app.register(organisationsRoutes);
  await app.register(membersRoutes);
  await app.register(plansRoutes);
  await app.register(commitmentsRoutes);
  await app.register(commitmentDataRoutes);
  await app.register(adminRoutes);
  await app.register(rolesRoutes);
  await app.register(auditRoutes);
  await app.register(outboxRoutes);
  await app.register(strategyRoutes);
  await app.register(indicatorsRoutes);
  await app.register(explorerRoutes);
  await app.register(apiRoutes, { prefix: '/api' });
  await app.register(plansApiRoutes, { prefix: '/api' });
  await app.register(developersRoutes);
}
