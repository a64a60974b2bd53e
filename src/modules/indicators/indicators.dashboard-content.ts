// Laying out fifteen indicators, each with its chart and table, costs more than everything else a dashboard
// request does. The content is the same for everyone reading the same report in the same language with the
// same right to record actuals, so it is rendered once per report: a report is replaced whenever its data
// changes (indicators.report-cache.ts), which drops what was rendered from it.
import type { FastifyInstance } from 'fastify';
import type { IndicatorsReport } from './indicators.service.ts';

export const DASHBOARD_CONTENT_VIEW = 'modules/indicators/views/dashboard-content.njk';

export interface ContentVariant {
  lang: string;
  mayRecord: boolean;
}

const rendered = new WeakMap<IndicatorsReport, Map<string, Promise<string>>>();

/** The dashboard's content as HTML; `context` is asked for only when it has to be rendered. */
export function dashboardContentHtml(app: FastifyInstance, report: IndicatorsReport, variant: ContentVariant, context: () => Record<string, unknown>): Promise<string> {
  let variants = rendered.get(report);
  if (!variants) {
    variants = new Map();
    rendered.set(report, variants);
  }
  const key = `${variant.lang}|${variant.mayRecord ? 'record' : 'read'}`;
  const kept = variants.get(key);
  if (kept) return kept;
  const html = app.view(DASHBOARD_CONTENT_VIEW, context());
  variants.set(key, html);
  html.catch(() => {
    if (variants.get(key) === html) variants.delete(key);
  });
  return html;
}
