import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../platform/errors.ts';
import { requireAction, requireActor } from '../../platform/guards.ts';
import { authorize, can } from '../../platform/policies.ts';
import { describeHistory } from '../audit/audit.history.ts';
import { listPublicHistory } from '../audit/audit.repository.ts';
import { todayIso } from '../members/iso-dates.ts';
import { manualIndicator, NOTE_MAX, recordActual, removeActual } from './indicators.actuals.service.ts';
import { COMPUTED_MAX_AGE_MS } from './indicators.computed-cache.ts';
import { dashboardContentHtml } from './indicators.dashboard-content.ts';
import { indicatorsCsv, indicatorsJson, performanceReportXml } from './indicators.export.ts';
import { MAX_YEARS, type PeriodQuery as AskedPeriods } from './indicators.periods.ts';
import { dashboardView, indicatorPath, indicatorView, INDICATORS_PATH, periodLabel, periodQueryString } from './indicators.presenters.ts';
import { listActualsOf, findActualForPeriod } from './indicators.repository.ts';
import { ActualBody, ActualFormQuery, ActualParams, EmptyBody, IdentifierParams, IndicatorPageQuery, PeriodQuery } from './indicators.schemas.ts';
import { indicatorReport, indicatorsReport } from './indicators.service.ts';
import { numberFormat } from '../../platform/intl-formats.ts';

const VIEWS = 'modules/indicators/views';
const DASHBOARD_VIEW = `${VIEWS}/dashboard.njk`;
const INDICATOR_VIEW = `${VIEWS}/indicator.njk`;
const ACTUAL_FORM_VIEW = `${VIEWS}/actual-form.njk`;

const numberText = (lang: string, value: number): string => numberFormat(lang, 2).format(value);

const queryOf = (request: FastifyRequest): AskedPeriods => (request.query ?? {}) as AskedPeriods;

/**
 * A download asked for with impossible dates: the same words as the page's error summary, as JSON for the
 * JSON download and as plain text for the others, since neither is a page to show a form on.
 */
function refuseDownload(request: FastifyRequest, reply: FastifyReply, error: unknown, json: boolean): FastifyReply {
  if (!(error instanceof AppError) || error.code !== 'VALIDATION_FAILED') throw error;
  const fields = Object.fromEntries(Object.entries(error.fields).map(([field, m]) => [field, request.t(m.key, m.params ?? {})]));
  if (json) return reply.status(400).send({ error: { code: error.code, message: request.t(error.messageKey), fields } });
  return reply.status(400).type('text/plain; charset=utf-8').send(`${Object.entries(fields).map(([field, text]) => `${field}: ${text}`).join('\n')}\n`);
}

export async function indicatorsRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = app.ctx;

  /**
   * The dashboard for the asked periods, as the rendered content; with `fallback`, the whole context for the
   * default periods instead (the asked ones were refused, and the page shows the mistakes with them).
   */
  async function dashboardContext(request: FastifyRequest, fallback = false): Promise<Record<string, unknown>> {
    const asked = queryOf(request);
    const report = await indicatorsReport(db, fallback ? {} : asked);
    const mayRecord = can(request.actor, 'indicator.actuals.record');
    const query = periodQueryString(report.choice);
    const context = (): Record<string, unknown> => ({
      t: request.t,
      lang: request.lang,
      report,
      view: dashboardView(request.t, request.lang, report, mayRecord),
      periods: report.choice.periods.map((p) => periodLabel(p, request.lang)),
      // The form shows what was typed, even when it was refused.
      asked: fallback ? asked : { from: report.choice.custom ? report.choice.from : '', to: report.choice.custom ? report.choice.to : '', by: report.choice.custom ? report.choice.by : '' },
      maxYears: MAX_YEARS,
      downloads: {
        csv: `${INDICATORS_PATH}.csv${query}`,
        json: `${INDICATORS_PATH}.json${query}`,
        report: `${INDICATORS_PATH}/report.xml${query}`,
      },
      freshnessSeconds: COMPUTED_MAX_AGE_MS / 1000,
    });
    if (fallback) return context();
    return { contentHtml: await dashboardContentHtml(app, report, { lang: request.lang, mayRecord }, context) };
  }

  r.get(
    INDICATORS_PATH,
    { schema: { querystring: PeriodQuery }, config: { form: { view: DASHBOARD_VIEW, context: (request) => dashboardContext(request, true) } } },
    async (request, reply) => {
      authorize(request.actor, 'strategy.view');
      return reply.view(DASHBOARD_VIEW, { ...(await dashboardContext(request)), values: {} });
    },
  );

  r.get(`${INDICATORS_PATH}.csv`, { schema: { querystring: PeriodQuery } }, async (request, reply) => {
    authorize(request.actor, 'strategy.view');
    try {
      const report = await indicatorsReport(db, request.query);
      return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="indicators-${todayIso()}.csv"`).send(indicatorsCsv(report));
    } catch (error) {
      return refuseDownload(request, reply, error, false);
    }
  });

  r.get(`${INDICATORS_PATH}.json`, { schema: { querystring: PeriodQuery } }, async (request, reply) => {
    authorize(request.actor, 'strategy.view');
    try {
      const report = await indicatorsReport(db, request.query);
      return reply.header('content-disposition', `inline; filename="indicators-${todayIso()}.json"`).send(indicatorsJson(report));
    } catch (error) {
      return refuseDownload(request, reply, error, true);
    }
  });

  r.get(`${INDICATORS_PATH}/report.xml`, { schema: { querystring: PeriodQuery } }, async (request, reply) => {
    authorize(request.actor, 'strategy.view');
    let xml: string;
    try {
      const report = await indicatorsReport(db, request.query);
      if (!report.plan) return reply.status(404).type('text/plain; charset=utf-8').send(`${request.t('indicators.noPlan')}\n`);
      xml = performanceReportXml(report.plan, report);
    } catch (error) {
      return refuseDownload(request, reply, error, false);
    }
    return reply
      .type('application/xml; charset=utf-8')
      .header('content-disposition', `attachment; filename="performance-report-${todayIso()}.xml"`)
      .send(xml);
  });

  const identifierOf = (request: FastifyRequest): string => (request.params as { identifier: string }).identifier;

  r.get(`${INDICATORS_PATH}/:identifier`, { schema: { params: IdentifierParams, querystring: IndicatorPageQuery } }, async (request, reply) => {
    authorize(request.actor, 'strategy.view');
    const { from, to, by } = request.query;
    const { report, indicator } = await indicatorReport(db, request.params.identifier, { from, to, by });
    const mayRecord = can(request.actor, 'indicator.actuals.record');
    const [recorded, history] = await Promise.all([
      indicator.source === 'manual' ? listActualsOf(db, indicator.identifier) : Promise.resolve([]),
      listPublicHistory(db, 'indicator', indicator.identifier),
    ]);
    return reply.view(INDICATOR_VIEW, {
      report,
      entry: indicatorView(request.t, request.lang, indicator, { mayRecord, chartId: 'indicator-chart', query: periodQueryString(report.choice) }),
      recorded: recorded.map((row) => ({ row, value: numberText(request.lang, row.value), period: periodLabel({ start: row.start_date, end: row.end_date }, request.lang) })),
      history: describeHistory(request.t, request.lang, history),
      mayRecord,
      done: request.query.done === 'recorded' || request.query.done === 'removed' ? request.query.done : null,
      dashboardHref: `${INDICATORS_PATH}${periodQueryString(report.choice)}`,
      goalLabel: [indicator.goal.sequenceIndicator, indicator.goal.name].filter((p) => p !== '').join(' '),
      objectiveLabel: [indicator.objective.sequenceIndicator, indicator.objective.name].filter((p) => p !== '').join(' '),
    });
  });

  /** What the record form shows besides the fields: the indicator and the period it opened on. */
  async function actualFormContext(request: FastifyRequest): Promise<Record<string, unknown>> {
    const identifier = identifierOf(request);
    const indicator = await manualIndicator(db, identifier);
    return {
      indicator,
      label: [indicator.sequenceIndicator, indicator.measurementDimension].filter((p) => p !== '').join(' '),
      action: `${indicatorPath(identifier)}/actuals`,
      cancelHref: indicatorPath(identifier),
      noteMax: NOTE_MAX,
    };
  }

  r.get(`${INDICATORS_PATH}/:identifier/actuals/new`, { schema: { params: IdentifierParams, querystring: ActualFormQuery } }, async (request, reply) => {
    authorize(request.actor, 'indicator.actuals.record');
    const context = await actualFormContext(request);
    const start = request.query.start ?? '';
    const end = request.query.end ?? '';
    const existing = start && end ? await findActualForPeriod(db, request.params.identifier, { start, end }) : undefined;
    const values = existing
      ? { startDate: start, endDate: end, value: String(existing.value), note: existing.note, sourceUrl: existing.source_url ?? '' }
      : { startDate: start, endDate: end };
    return reply.view(ACTUAL_FORM_VIEW, {
      ...context,
      values,
      existing: existing ? { value: numberText(request.lang, existing.value), period: periodLabel({ start, end }, request.lang) } : null,
    });
  });

  r.post(
    `${INDICATORS_PATH}/:identifier/actuals`,
    {
      // Refused before the body is read: a stranger never sees the form again.
      onRequest: requireAction('indicator.actuals.record'),
      schema: { params: IdentifierParams, body: ActualBody },
      config: { form: { view: ACTUAL_FORM_VIEW, context: actualFormContext } },
    },
    async (request, reply) => {
      const actor = requireActor(request, 'indicator.actuals.record');
      const { startDate, endDate, value, note, sourceUrl } = request.body;
      await recordActual(app.ctx, actor, request.params.identifier, { startDate, endDate, value, note, sourceUrl });
      return reply.redirect(`${indicatorPath(request.params.identifier)}?done=recorded#recorded-actuals`, 303);
    },
  );

  r.post(
    `${INDICATORS_PATH}/:identifier/actuals/:actualId/remove`,
    { onRequest: requireAction('indicator.actuals.record'), schema: { params: ActualParams, body: EmptyBody } },
    async (request, reply) => {
      const actor = requireActor(request, 'indicator.actuals.record');
      await removeActual(app.ctx, actor, request.params.identifier, request.params.actualId);
      return reply.redirect(`${indicatorPath(request.params.identifier)}?done=removed#recorded-actuals`, 303);
    },
  );
}
