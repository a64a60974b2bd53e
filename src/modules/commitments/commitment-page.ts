import type { Translate } from '../../platform/i18n.ts';
import type { InstitutionLink } from './commitments.repository.ts';
import { type CommitmentDetails, commitmentPath } from './commitments.service.ts';
import { formatDate, isoDay } from './dates.ts';
import { storedEvidenceLinks } from './evidence-links.ts';
import { describeIrmAssessment } from './irm-assessment.ts';
import { CHART_HEIGHT, CHART_WIDTH, progressChart } from './progress-chart.ts';
import { milestoneShares } from './progress.ts';

// What the commitment's page shows, worked out from the stored records in the reader's language.
// The template only lays it out.

const TEXT_SECTIONS = ['full_text', 'problem', 'status_quo', 'objective', 'ambition'] as const;
const STATED_VALUES = [
  'stated_access_to_information',
  'stated_civic_participation',
  'stated_public_accountability',
  'stated_technology_innovation',
] as const;

const statusName = (t: Translate, status: string): string => t(`commitments.statuses.${status}`, { defaultValue: status });

// The colours follow the IRM's scale from grey (not started) to green (complete); the word always says it too.
const STATUS_COLOURS = new Map([
  ['not_started', 'grey'],
  ['limited', 'yellow'],
  ['substantial', 'blue'],
  ['complete', 'green'],
  ['withdrawn', 'red'],
]);
const statusColour = (status: string): string => STATUS_COLOURS.get(status) ?? 'grey';

const percentComplete = (t: Translate, percent: number): string => t('commitments.progress.percentComplete', { percent });

const sourceName = (t: Translate, source: string): string => t(`commitments.sources.${source}`, { defaultValue: source });

/** The stored status and percentage, and what they come from, in the roll-up's own terms (progress.ts). */
function progressHeadline(t: Translate, details: CommitmentDetails) {
  const { commitment, milestones, updates } = details;
  const counted = milestones.filter((m) => m.status !== 'withdrawn').length;
  let basisText: string;
  if (counted > 0) basisText = t('commitments.progress.fromMilestones', { count: counted });
  else if (updates.some((u) => u.milestone_id === null)) basisText = t('commitments.progress.fromUpdates');
  else if (commitment.source !== 'platform') basisText = t('commitments.progress.fromSource', { source: sourceName(t, commitment.source) });
  else basisText = t('commitments.progress.nothingYet');
  return {
    status: commitment.implementation_status,
    statusLabel: statusName(t, commitment.implementation_status),
    statusColour: statusColour(commitment.implementation_status),
    percent: commitment.progress_percent,
    percentLabel: commitment.progress_percent === null ? null : percentComplete(t, commitment.progress_percent),
    basisText,
  };
}

// The words every milestone card repeats, looked up once per language rather than once per card.
const MILESTONE_LABEL_KEYS = {
  description: 'commitments.milestones.description',
  start: 'commitments.milestones.start',
  due: 'commitments.milestones.due',
  status: 'commitments.milestones.status',
  share: 'commitments.milestones.share',
  evidence: 'commitments.milestones.evidence',
  noEvidence: 'common.none',
  report: 'commitments.milestones.report',
  edit: 'commitments.milestones.edit',
  remove: 'commitments.milestones.remove',
} as const;
type MilestoneLabels = Record<keyof typeof MILESTONE_LABEL_KEYS, string>;
const milestoneLabelsByLanguage = new WeakMap<Translate, MilestoneLabels>();

function milestoneLabels(t: Translate): MilestoneLabels {
  let labels = milestoneLabelsByLanguage.get(t);
  if (!labels) {
    labels = Object.fromEntries(Object.entries(MILESTONE_LABEL_KEYS).map(([name, key]) => [name, t(key)])) as MilestoneLabels;
    milestoneLabelsByLanguage.set(t, labels);
  }
  return labels;
}

function milestoneItems(t: Translate, lang: string, details: CommitmentDetails) {
  const path = commitmentPath(details.commitment.ogp_id);
  const notRecorded = t('commitments.page.notRecorded');
  const shares = milestoneShares(details.milestones.map((m) => ({ status: m.status, percentComplete: m.percent_complete, weight: m.weight })));
  return details.milestones.map((m, index) => ({
    id: m.id,
    number: m.position,
    name: t('commitments.milestones.name', { number: m.position }),
    title: m.title,
    description: m.description,
    start: formatDate(m.start_date, lang) || notRecorded,
    due: formatDate(m.due_date, lang) || notRecorded,
    status: m.status,
    statusLabel: statusName(t, m.status),
    statusColour: statusColour(m.status),
    percent: m.percent_complete,
    percentLabel: percentComplete(t, m.percent_complete),
    shareLabel:
      m.status === 'withdrawn'
        ? t('commitments.milestones.notCounted')
        : t('commitments.milestones.shareValue', { share: Math.round((shares[index] ?? 0) * 1000) / 10, weight: m.weight }),
    evidence: storedEvidenceLinks(m.evidence_links),
    editHref: `${path}/milestones/${encodeURIComponent(m.id)}/edit`,
    removeHref: `${path}/milestones/${encodeURIComponent(m.id)}/remove`,
    reportHref: `${path}/progress/new?milestone=${encodeURIComponent(m.id)}`,
  }));
}

function timelineItems(t: Translate, lang: string, details: CommitmentDetails) {
  const { commitment } = details;
  const source = sourceName(t, commitment.source);
  return details.updates.map((u) => ({
    id: u.id,
    date: isoDay(u.reported_on),
    dateLabel: formatDate(u.reported_on, lang),
    status: u.status,
    statusLabel: statusName(t, u.status),
    statusColour: statusColour(u.status),
    percentLabel: percentComplete(t, u.percent_complete),
    narrative: u.narrative,
    evidence: storedEvidenceLinks(u.evidence_links),
    subject: u.milestone_title === null ? null : t('commitments.timeline.aboutMilestone', { number: u.milestone_position, title: u.milestone_title }),
    // Platform updates are a point of contact's statement for their government; imported ones came from a published source.
    byline:
      u.source === 'platform'
        ? u.author_name
          ? t('commitments.timeline.byContact', { name: u.author_name, member: commitment.member_name })
          : t('commitments.timeline.byFormerContact', { member: commitment.member_name })
        : t('commitments.timeline.imported', { source }),
  }));
}

const institutionLink = (institution: InstitutionLink) => ({ name: institution.name, href: `/organisations/${encodeURIComponent(institution.slug)}` });

/** The chart's table, and the image beside it with the same words as its own title and description. */
function chartImage(lang: string, path: string, chart: ReturnType<typeof progressChart>) {
  if (!chart) return null;
  return {
    rows: chart.rows,
    src: `${path}/progress.svg?lang=${encodeURIComponent(lang)}&v=${chart.version}`,
    alt: `${chart.title}. ${chart.description}`,
    width: CHART_WIDTH,
    height: CHART_HEIGHT,
  };
}

/** Everything but what depends on who is reading, so one reader's page can be built from another's. */
export function commitmentPage(t: Translate, lang: string, details: CommitmentDetails) {
  const { commitment, institutions, tags } = details;
  const path = commitmentPath(commitment.ogp_id);
  const themes = [commitment.theme, ...tags.filter((tag) => tag.vocabulary === 'theme').map((tag) => tag.tag)].filter(
    (theme, index, all) => theme.trim() !== '' && all.indexOf(theme) === index,
  );
  return {
    commitment,
    path,
    memberHref: `/members/${encodeURIComponent(commitment.member_slug)}`,
    planHref: `/plans/${encodeURIComponent(commitment.plan_ogp_id)}`,
    start: formatDate(commitment.start_date, lang),
    end: formatDate(commitment.end_date, lang),
    themes,
    policyAreas: tags.filter((tag) => tag.vocabulary === 'policy_area').map((tag) => tag.tag),
    planName: t('commitments.page.planName', { number: commitment.plan_number }),
    lead: institutions.filter((i) => i.role === 'lead').map(institutionLink),
    supporting: institutions.filter((i) => i.role !== 'lead').map(institutionLink),
    texts: TEXT_SECTIONS.filter((field) => commitment[field].trim() !== '').map((field) => ({
      field,
      heading: t(`commitments.text.${field}`),
      text: commitment[field],
    })),
    statedValues: STATED_VALUES.map((field) => ({
      label: t(`commitments.values.${field}`),
      value: commitment[field] === null ? t('commitments.values.notStated') : t(commitment[field] === 1 ? 'common.yes' : 'common.no'),
    })),
    irmSections: describeIrmAssessment(t, details.irm, details.stars),
    progress: progressHeadline(t, details),
    milestones: milestoneItems(t, lang, details),
    milestoneLabels: milestoneLabels(t),
    timeline: timelineItems(t, lang, details),
    chart: chartImage(lang, path, progressChart(t, lang, details.updates)),
    carriedForwardFrom: details.carriedForwardFrom
      ? { ...details.carriedForwardFrom, href: commitmentPath(details.carriedForwardFrom.ogp_id) }
      : null,
    carriedForwardInto: details.carriedForwardInto.map((c) => ({ ...c, href: commitmentPath(c.ogp_id) })),
    similar: details.similar.map((c) => ({ ...c, href: commitmentPath(c.ogpId), memberHref: `/members/${encodeURIComponent(c.memberSlug)}` })),
  };
}
