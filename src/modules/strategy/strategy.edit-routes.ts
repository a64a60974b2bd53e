// The Support Unit's forms for a plan: its text, a goal, an objective, an indicator, and targets and actuals.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { notFound } from '../../platform/errors.ts';
import { requireAction, requireActor } from '../../platform/guards.ts';
import type { Translate } from '../../platform/i18n.ts';
import type { StoredPlan, StoredResult } from './plan-store.ts';
import { addResult, TEXT_MAX, removeResult, updateGoal, updateIndicator, updateObjective, updatePlan, updateResult } from './strategy.edit-service.ts';
import {
  findGoalIn,
  findIndicatorIn,
  findObjectiveIn,
  goalPath,
  indicatorEditPath,
  numbered,
  objectivePath,
  paths,
  periodRows,
  planPath,
} from './strategy.presenters.ts';
import { ElementFormBody, GoalParams, IndicatorFormBody, IndicatorParams, NewResultParams, ObjectiveParams, PlanFormBody, PlanParams, ResultFormBody, ResultParams } from './strategy.schemas.ts';
import { getPlan } from './strategy.service.ts';
import { INDICATOR_TYPES, VALUE_CHAIN_STAGES } from './stratml/model.ts';

const VIEWS = 'modules/strategy/views';
const PLAN_FORM = `${VIEWS}/plan-form.njk`;
const ELEMENT_FORM = `${VIEWS}/element-form.njk`;
const INDICATOR_FORM = `${VIEWS}/indicator-form.njk`;
const RESULT_FORM = `${VIEWS}/result-form.njk`;

type Params = Record<string, string>;
const paramsOf = (request: FastifyRequest): Params => request.params as Params;

/** The choices for a select, translated, headed by "not stated". */
function choiceItems(t: Translate, prefix: string, choices: readonly string[]): Array<{ value: string; text: string }> {
  return [{ value: '', text: t('strategy.form.notStated') }, ...choices.map((value) => ({ value, text: t(`${prefix}${value}`) }))];
}

const resultValues = (result: StoredResult): Record<string, string> => ({
  startDate: result.startDate,
  endDate: result.endDate,
  numberOfUnits: result.numberOfUnits === null ? '' : String(result.numberOfUnits),
  descriptorName: result.descriptor?.name ?? '',
  descriptorValue: result.descriptor?.value ?? '',
  description: result.description,
});

function findResultIn(plan: StoredPlan, resultId: string): { result: StoredResult; indicatorId: string } | undefined {
  for (const goal of plan.goals) {
    for (const objective of goal.objectives) {
      for (const indicator of objective.performanceIndicators) {
        for (const instance of indicator.measurementInstances) {
          const result = [...instance.targetResults, ...instance.actualResults].find((r) => r.id === resultId);
          if (result) return { result, indicatorId: indicator.id };
        }
      }
    }
  }
  return undefined;
}

export async function strategyEditRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = app.ctx;
  // Every route here refuses before its body is read, so a refused visitor never sees a re-rendered form.
  const mayEdit = requireAction('strategy.edit');
  const planOf = (request: FastifyRequest): Promise<StoredPlan> => getPlan(db, paramsOf(request).planId ?? '');

  async function planFormContext(request: FastifyRequest): Promise<Record<string, unknown>> {
    const plan = await planOf(request);
    return { plan, action: `${planPath(plan.id)}/edit`, cancelHref: planPath(plan.id), descriptionMax: TEXT_MAX };
  }

  r.get(`/strategy/plans/:planId/edit`, { onRequest: mayEdit, schema: { params: PlanParams } }, async (request, reply) => {
    const context = await planFormContext(request);
    const { document } = context.plan as StoredPlan;
    const values = { name: document.name, description: document.description, vision: document.vision?.description ?? '', mission: document.mission?.description ?? '' };
    return reply.view(PLAN_FORM, { ...context, values });
  });

  r.post(
    `/strategy/plans/:planId/edit`,
    { onRequest: mayEdit, schema: { params: PlanParams, body: PlanFormBody }, config: { form: { view: PLAN_FORM, context: planFormContext } } },
    async (request, reply) => {
      const actor = requireActor(request, 'strategy.edit');
      await updatePlan(app.ctx, actor, request.params.planId, request.body);
      return reply.redirect(planPath(request.params.planId), 303);
    },
  );

  async function goalFormContext(request: FastifyRequest): Promise<Record<string, unknown>> {
    const plan = await planOf(request);
    const goal = findGoalIn(plan, paramsOf(request).goalId ?? '');
    if (!goal) throw notFound();
    const href = goalPath(plan.id, goal.id);
    return { plan, kind: 'goal', element: goal, label: numbered(goal.sequenceIndicator, goal.name), action: `${href}/edit`, cancelHref: href };
  }

  r.get(`/strategy/plans/:planId/goals/:goalId/edit`, { onRequest: mayEdit, schema: { params: GoalParams } }, async (request, reply) => {
    const context = await goalFormContext(request);
    return reply.view(ELEMENT_FORM, { ...context, values: elementValues(context.element as ElementLike) });
  });

  r.post(
    `/strategy/plans/:planId/goals/:goalId/edit`,
    { onRequest: mayEdit, schema: { params: GoalParams, body: ElementFormBody }, config: { form: { view: ELEMENT_FORM, context: goalFormContext } } },
    async (request, reply) => {
      const actor = requireActor(request, 'strategy.edit');
      await updateGoal(app.ctx, actor, request.params.planId, request.params.goalId, request.body);
      return reply.redirect(goalPath(request.params.planId, request.params.goalId), 303);
    },
  );

  async function objectiveFormContext(request: FastifyRequest): Promise<Record<string, unknown>> {
    const plan = await planOf(request);
    const found = findObjectiveIn(plan, paramsOf(request).objectiveId ?? '');
    if (!found) throw notFound();
    const href = objectivePath(plan.id, found.objective.id);
    const label = numbered(found.objective.sequenceIndicator, found.objective.name);
    return { plan, kind: 'objective', element: found.objective, label, action: `${href}/edit`, cancelHref: href };
  }

  r.get(`/strategy/plans/:planId/objectives/:objectiveId/edit`, { onRequest: mayEdit, schema: { params: ObjectiveParams } }, async (request, reply) => {
    const context = await objectiveFormContext(request);
    return reply.view(ELEMENT_FORM, { ...context, values: elementValues(context.element as ElementLike) });
  });

  r.post(
    `/strategy/plans/:planId/objectives/:objectiveId/edit`,
    { onRequest: mayEdit, schema: { params: ObjectiveParams, body: ElementFormBody }, config: { form: { view: ELEMENT_FORM, context: objectiveFormContext } } },
    async (request, reply) => {
      const actor = requireActor(request, 'strategy.edit');
      await updateObjective(app.ctx, actor, request.params.planId, request.params.objectiveId, request.body);
      return reply.redirect(objectivePath(request.params.planId, request.params.objectiveId), 303);
    },
  );

  async function indicatorFormContext(request: FastifyRequest): Promise<Record<string, unknown>> {
    const plan = await planOf(request);
    const found = findIndicatorIn(plan, paramsOf(request).indicatorId ?? '');
    if (!found) throw notFound();
    const t = request.t;
    return {
      plan,
      objective: found.objective,
      indicator: found.indicator,
      label: numbered(found.indicator.sequenceIndicator, found.indicator.measurementDimension),
      periods: periodRows(found.indicator, request.lang),
      typeItems: choiceItems(t, 'strategy.indicatorTypes.', INDICATOR_TYPES),
      stageItems: choiceItems(t, 'strategy.stages.', VALUE_CHAIN_STAGES),
      action: indicatorEditPath(plan.id, found.indicator.id),
      cancelHref: objectivePath(plan.id, found.objective.id),
      paths,
    };
  }

  r.get(`/strategy/plans/:planId/indicators/:indicatorId/edit`, { onRequest: mayEdit, schema: { params: IndicatorParams } }, async (request, reply) => {
    const context = await indicatorFormContext(request);
    const { indicator } = findIndicatorIn(context.plan as StoredPlan, request.params.indicatorId) ?? {};
    if (!indicator) throw notFound();
    const values = {
      sequenceIndicator: indicator.sequenceIndicator,
      measurementDimension: indicator.measurementDimension,
      unitOfMeasurement: indicator.unitOfMeasurement,
      indicatorType: indicator.indicatorType ?? '',
      valueChainStage: indicator.valueChainStage ?? '',
    };
    return reply.view(INDICATOR_FORM, { ...context, values });
  });

  r.post(
    `/strategy/plans/:planId/indicators/:indicatorId/edit`,
    { onRequest: mayEdit, schema: { params: IndicatorParams, body: IndicatorFormBody }, config: { form: { view: INDICATOR_FORM, context: indicatorFormContext } } },
    async (request, reply) => {
      const actor = requireActor(request, 'strategy.edit');
      await updateIndicator(app.ctx, actor, request.params.planId, request.params.indicatorId, request.body);
      return reply.redirect(indicatorEditPath(request.params.planId, request.params.indicatorId), 303);
    },
  );

  async function newResultContext(request: FastifyRequest): Promise<Record<string, unknown>> {
    const plan = await planOf(request);
    const { indicatorId, kind } = paramsOf(request);
    const found = findIndicatorIn(plan, indicatorId ?? '');
    if (!found) throw notFound();
    return {
      plan,
      mode: 'create',
      kind: kind === 'targets' ? 'target' : 'actual',
      label: numbered(found.indicator.sequenceIndicator, found.indicator.measurementDimension),
      unit: found.indicator.unitOfMeasurement,
      action: paths.newResult(plan.id, found.indicator.id, kind === 'targets' ? 'targets' : 'actuals'),
      cancelHref: indicatorEditPath(plan.id, found.indicator.id),
    };
  }

  r.get(`/strategy/plans/:planId/indicators/:indicatorId/:kind/new`, { onRequest: mayEdit, schema: { params: NewResultParams } }, async (request, reply) => {
    return reply.view(RESULT_FORM, { ...(await newResultContext(request)), values: {} });
  });

  r.post(
    `/strategy/plans/:planId/indicators/:indicatorId/:kind/new`,
    { onRequest: mayEdit, schema: { params: NewResultParams, body: ResultFormBody }, config: { form: { view: RESULT_FORM, context: newResultContext } } },
    async (request, reply) => {
      const actor = requireActor(request, 'strategy.edit');
      const { planId, indicatorId, kind } = request.params;
      await addResult(app.ctx, actor, planId, indicatorId, kind === 'targets' ? 'target' : 'actual', request.body);
      return reply.redirect(`${indicatorEditPath(planId, indicatorId)}#results`, 303);
    },
  );

  async function resultContext(request: FastifyRequest): Promise<Record<string, unknown>> {
    const plan = await planOf(request);
    const found = findResultIn(plan, paramsOf(request).resultId ?? '');
    if (!found) throw notFound();
    const located = findIndicatorIn(plan, found.indicatorId);
    if (!located) throw notFound();
    return {
      plan,
      mode: 'edit',
      kind: found.result.kind,
      result: found.result,
      label: numbered(located.indicator.sequenceIndicator, located.indicator.measurementDimension),
      unit: located.indicator.unitOfMeasurement,
      action: `${paths.result(plan.id, found.result.id)}/edit`,
      removeAction: `${paths.result(plan.id, found.result.id)}/remove`,
      cancelHref: indicatorEditPath(plan.id, located.indicator.id),
    };
  }

  r.get(`/strategy/plans/:planId/results/:resultId/edit`, { onRequest: mayEdit, schema: { params: ResultParams } }, async (request, reply) => {
    const context = await resultContext(request);
    return reply.view(RESULT_FORM, { ...context, values: resultValues(context.result as StoredResult) });
  });

  r.post(
    `/strategy/plans/:planId/results/:resultId/edit`,
    { onRequest: mayEdit, schema: { params: ResultParams, body: ResultFormBody }, config: { form: { view: RESULT_FORM, context: resultContext } } },
    async (request, reply) => {
      const actor = requireActor(request, 'strategy.edit');
      const context = await resultContext(request);
      await updateResult(app.ctx, actor, request.params.planId, request.params.resultId, request.body);
      return reply.redirect(`${context.cancelHref as string}#results`, 303);
    },
  );

  r.post(`/strategy/plans/:planId/results/:resultId/remove`, { onRequest: mayEdit, schema: { params: ResultParams } }, async (request, reply) => {
    const actor = requireActor(request, 'strategy.edit');
    const removed = await removeResult(app.ctx, actor, request.params.planId, request.params.resultId);
    return reply.redirect(`${indicatorEditPath(request.params.planId, removed.indicator_id)}#results`, 303);
  });
}

interface ElementLike {
  sequenceIndicator: string;
  name: string;
  description: string;
  otherInformation: string;
}

const elementValues = (element: ElementLike): Record<string, string> => ({
  sequenceIndicator: element.sequenceIndicator,
  name: element.name,
  description: element.description,
  otherInformation: element.otherInformation,
});
