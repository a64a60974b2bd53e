import type { Translate } from '../../platform/i18n.ts';
import { type ImportReport, refusedCount } from './commitment-data.service.ts';
import type { DisagreementReason } from './star-check.ts';

// An import's report in the reader's language, for the upload page and the command line alike.

/** How many refused rows and star cells a page lists; the rest are counted. */
export const LISTED_MAX = 200;

export interface PresentedReport {
  refused: boolean;
  summary: string;
  counts: Array<{ label: string; value: string }>;
  /** The file-level problem, when the file could not be read at all. */
  fileProblem: string | null;
  rejected: Array<{ row: number; line: number; ogpId: string; reason: string }>;
  moreRejected: number;
  stars: Array<{ row: number; ogpId: string; column: string; sheet: string; computed: string; reason: string }>;
  moreStars: number;
  /** Star disagreements by reason, most frequent first. */
  starReasons: Array<{ reason: DisagreementReason; text: string; count: number }>;
  warnings: string[];
}

const list = (t: Translate, names: readonly string[]): string => (names.length > 0 ? `${names.length}: ${names.join('; ')}` : t('commitmentData.report.none'));

export function presentReport(t: Translate, report: ImportReport, listed: number = LISTED_MAX): PresentedReport {
  const reasons = new Map<DisagreementReason, number>();
  for (const d of report.starDisagreements) reasons.set(d.reason, (reasons.get(d.reason) ?? 0) + 1);
  return {
    refused: refusedCount(report) > 0,
    summary: t('commitmentData.report.summary', {
      count: report.rows,
      file: report.fileName,
      created: report.created,
      updated: report.updated,
      unchanged: report.unchanged,
    }),
    counts: [
      { label: t('commitmentData.report.rows'), value: String(report.rows) },
      { label: t('commitmentData.report.created'), value: String(report.created) },
      { label: t('commitmentData.report.updated'), value: String(report.updated) },
      { label: t('commitmentData.report.unchanged'), value: String(report.unchanged) },
      { label: t('commitmentData.report.rejected'), value: String(report.rejected.length) },
      { label: t('commitmentData.report.membersCreated'), value: list(t, report.membersCreated) },
      { label: t('commitmentData.report.membersUpdated'), value: String(report.membersUpdated.length) },
      { label: t('commitmentData.report.plansCreated'), value: String(report.plansCreated.length) },
      { label: t('commitmentData.report.organisationsCreated'), value: String(report.organisationsCreated) },
    ],
    fileProblem: report.fileProblem ? t(report.fileProblem.key, report.fileProblem.params ?? {}) : null,
    rejected: report.rejected.slice(0, listed).map((r) => ({ row: r.row, line: r.line, ogpId: r.ogpId ?? '', reason: t(r.problem.key, r.problem.params ?? {}) })),
    moreRejected: Math.max(0, report.rejected.length - listed),
    stars: report.starDisagreements.slice(0, listed).map((d) => ({ ...d, reason: t(`commitmentData.reasons.${d.reason}`) })),
    moreStars: Math.max(0, report.starDisagreements.length - listed),
    starReasons: [...reasons]
      .sort((a, b) => b[1] - a[1])
      .map(([reason, count]) => ({ reason, count, text: t(`commitmentData.reasons.${reason}`) })),
    warnings: report.warnings.map((w) => t(w.key, w.params ?? {})),
  };
}
