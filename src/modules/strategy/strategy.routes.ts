import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sendError } from '../../platform/error-handler.ts';
import { notFound, validationError } from '../../platform/errors.ts';
import { requireAction, requireActor } from '../../platform/guards.ts';
import { PAGE_SIZE, paginationParams, parsePageNumber } from '../../platform/pagination.ts';
import { authorize, can } from '../../platform/policies.ts';
import { describeHistory } from '../audit/audit.history.ts';
import type { StoredPlan } from './plan-store.ts';
import { strategyEditRoutes } from './strategy.edit-routes.ts';
import {
  findGoalIn,
  findObjectiveIn,
  IMPORT_PATH,
  indicatorCount,
  numbered,
  objectiveAncestors,
  objectiveChildren,
  objectiveTree,
  paths,
  periodRows,
  planPath,
  PLANS_PATH,
  STRATEGY_PATH,
} from './strategy.presenters.ts';
import { ExportQuery, GoalParams, ImportBody, ObjectiveParams, PlanListQuery, PlanParams } from './strategy.schemas.ts';
import {
  exportPlan,
  getDefaultPlan,
  getPlan,
  importPlan,
  makeDefaultPlan,
  planHistory,
  searchPlans,
  STRATML_UPLOAD_MAX_BYTES,
} from './strategy.service.ts';

const VIEWS = 'modules/strategy/views';
const LIST_VIEW = `${VIEWS}/plans.njk`;
const PLAN_VIEW = `${VIEWS}/plan.njk`;
const GOAL_VIEW = `${VIEWS}/goal.njk`;
const OBJECTIVE_VIEW = `${VIEWS}/objective.njk`;
const IMPORT_VIEW = `${VIEWS}/import.njk`;
const REPORT_VIEW = `${VIEWS}/import-report.njk`;

const UPLOAD_MAX_MB = STRATML_UPLOAD_MAX_BYTES / (1024 * 1024);

/** An upload cut off for its size (or a second file) is named on the form's file field, like any other problem with the file. */
async function uploadErrorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
  const problem =
    error.code === 'FST_REQ_FILE_TOO_LARGE'
      ? { key: 'strategy.import.errors.tooLarge', params: { max: UPLOAD_MAX_MB } }
      : error.code === 'FST_FILES_LIMIT'
        ? { key: 'strategy.import.errors.oneFile' }
        : null;
  if (!problem) throw error;
  // What multipart had read so far is not a form to show again.
  request.body = {};
  return sendError(request, reply, validationError({ file: problem }));
}

export async function strategyRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = app.ctx;

  /** What every view of a plan shows: the plan, its goals with their objectives nested, and its history. */
  async function planContext(request: FastifyRequest, plan: StoredPlan): Promise<Record<string, unknown>> {
    return {
      plan,
      doc: plan.document,
      paths,
      objectiveTotal: plan.goals.reduce((sum, goal) => sum + goal.objectives.length, 0),
      indicatorTotal: indicatorCount(plan),
      goals: plan.goals.map((goal) => ({ goal, tree: objectiveTree(goal) })),
      history: describeHistory(request.t, request.lang, await planHistory(db, plan.id)),
      canEdit: can(request.actor, 'strategy.edit'),
      canImport: can(request.actor, 'strategy.import'),
    };
  }

  r.get(STRATEGY_PATH, { schema: { querystring: PlanListQuery } }, async (request, reply) => {
    authorize(request.actor, 'strategy.view');
    const plan = await getDefaultPlan(db);
    if (plan) return reply.view(PLAN_VIEW, { ...(await planContext(request, plan)), atStrategyHome: true });
    return reply.view(LIST_VIEW, await listContext(request, 1));
  });

  async function listContext(request: FastifyRequest, page: number): Promise<Record<string, unknown>> {
    const result = await searchPlans(db, { page, perPage: PAGE_SIZE });
    return {
      plans: result.items,
      total: result.total,
      pagination: paginationParams(request.t, PLANS_PATH, {}, result),
      canImport: can(request.actor, 'strategy.import'),
      paths,
    };
  }

  r.get(PLANS_PATH, { schema: { querystring: PlanListQuery } }, async (request, reply) => {
    authorize(request.actor, 'strategy.view');
    return reply.view(LIST_VIEW, await listContext(request, parsePageNumber(request.query.page)));
  });

  const importContext = () => ({ maxMb: UPLOAD_MAX_MB });

  r.get(IMPORT_PATH, async (request, reply) => {
    authorize(request.actor, 'strategy.import');
    return reply.view(IMPORT_VIEW, { ...importContext(), values: {} });
  });

  r.post(
    IMPORT_PATH,
    {
      // Refused before the file is read: a stranger's upload is never parsed, and never answered with the form.
      onRequest: requireAction('strategy.import'),
      schema: { body: ImportBody },
      errorHandler: uploadErrorHandler,
      config: { form: { view: IMPORT_VIEW, context: importContext }, multipartOptions: { limits: { fileSize: STRATML_UPLOAD_MAX_BYTES, files: 1 } } },
    },
    async (request, reply) => {
      const actor = requireActor(request, 'strategy.import');
      const file = request.body.file;
      if (!Buffer.isBuffer(file) || file.length === 0) throw validationError({ file: { key: 'strategy.import.errors.fileRequired' } });
      const outcome = await importPlan(app.ctx, actor.id, file, { source: request.uploadedFileNames.file ?? '' });
      return reply.redirect(`${planPath(outcome.planId)}/import-report`, 303);
    },
  );

  r.get(`${PLANS_PATH}/:planId/import-report`, { schema: { params: PlanParams } }, async (request, reply) => {
    authorize(request.actor, 'strategy.import');
    const plan = await getPlan(db, request.params.planId);
    const counts = Object.entries(plan.importReport.counts).map(([element, count]) => ({ element, count }));
    return reply.view(REPORT_VIEW, { plan, counts, report: plan.importReport, paths });
  });

  r.get(`${PLANS_PATH}/:planId`, { schema: { params: PlanParams } }, async (request, reply) => {
    authorize(request.actor, 'strategy.view');
    const plan = await getPlan(db, request.params.planId);
    return reply.view(PLAN_VIEW, await planContext(request, plan));
  });

  r.get(`${PLANS_PATH}/:planId.xml`, { schema: { params: PlanParams, querystring: ExportQuery } }, async (request, reply) => {
    authorize(request.actor, 'strategy.view');
    const part = request.query.part === '1' ? 1 : request.query.part === '2' ? 2 : undefined;
    const { xml, part: written } = await exportPlan(db, request.params.planId, part);
    const filename = `strategic-plan-${request.params.planId}-part${written}.xml`;
    return reply.type('application/xml; charset=utf-8').header('content-disposition', `attachment; filename="${filename}"`).send(xml);
  });

  r.post(`${PLANS_PATH}/:planId/make-default`, { onRequest: requireAction('strategy.edit'), schema: { params: PlanParams } }, async (request, reply) => {
    const actor = requireActor(request, 'strategy.edit');
    await makeDefaultPlan(app.ctx, actor, request.params.planId);
    return reply.redirect(planPath(request.params.planId), 303);
  });

  r.get(`${PLANS_PATH}/:planId/goals/:goalId`, { schema: { params: GoalParams } }, async (request, reply) => {
    authorize(request.actor, 'strategy.view');
    const plan = await getPlan(db, request.params.planId);
    const goal = findGoalIn(plan, request.params.goalId);
    if (!goal) throw notFound();
    return reply.view(GOAL_VIEW, { plan, goal, tree: objectiveTree(goal), paths, canEdit: can(request.actor, 'strategy.edit') });
  });

  r.get(`${PLANS_PATH}/:planId/objectives/:objectiveId`, { schema: { params: ObjectiveParams } }, async (request, reply) => {
    authorize(request.actor, 'strategy.view');
    const plan = await getPlan(db, request.params.planId);
    const found = findObjectiveIn(plan, request.params.objectiveId);
    if (!found) throw notFound();
    const { goal, objective } = found;
    return reply.view(OBJECTIVE_VIEW, {
      plan,
      goal,
      objective,
      ancestors: objectiveAncestors(goal, objective),
      children: objectiveChildren(goal, objective),
      indicators: objective.performanceIndicators.map((indicator) => ({
        indicator,
        label: numbered(indicator.sequenceIndicator, indicator.measurementDimension),
        // A relationship that names nothing (templates leave empty ones) has nothing to show.
        relationships: indicator.relationships.filter((r) => r.name !== '' || r.referentIdentifiers.length > 0),
        periods: periodRows(indicator, request.lang),
      })),
      paths,
      canEdit: can(request.actor, 'strategy.edit'),
    });
  });

  await strategyEditRoutes(app);
}
