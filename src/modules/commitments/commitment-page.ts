import type { Translate } from '../../platform/i18n.ts';
import { type CommitmentDetails, commitmentPath } from './commitments.service.ts';
import { formatDate, isoDay } from './dates.ts';
import { storedEvidenceLinks } from './evidence-links.ts';
import { describeIrmAssessment } from './irm-assessment.ts';
import { progressChart } from './progress-chart.ts';
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
    basisText,
  };
}

function milestoneItems(t: Translate, lang: string, details: CommitmentDetails) {
  const path = commitmentPath(details.commitment.ogp_id);
  const shares = milestoneShares(details.milestones.map((m) => ({ status: m.status, percentComplete: m.percent_complete, weight: m.weight })));
  return details.milestones.map((m, index) => ({
    id: m.id,
    number: m.position,
    title: m.title,
    description: m.description,
    start: formatDate(m.start_date, lang),
    due: formatDate(m.due_date, lang),
    status: m.status,
    statusLabel: statusName(t, m.status),
    statusColour: statusColour(m.status),
    percent: m.percent_complete,
    weight: m.weight,
    sharePercent: Math.round((shares[index] ?? 0) * 1000) / 10,
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
    percent: u.percent_complete,
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
    lead: institutions.filter((i) => i.role === 'lead'),
    supporting: institutions.filter((i) => i.role !== 'lead'),
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
    timeline: timelineItems(t, lang, details),
    chart: progressChart(t, lang, details.updates),
    carriedForwardFrom: details.carriedForwardFrom
      ? { ...details.carriedForwardFrom, href: commitmentPath(details.carriedForwardFrom.ogp_id) }
      : null,
    carriedForwardInto: details.carriedForwardInto.map((c) => ({ ...c, href: commitmentPath(c.ogp_id) })),
    similar: details.similar.map((c) => ({ ...c, href: commitmentPath(c.ogpId), memberHref: `/members/${encodeURIComponent(c.memberSlug)}` })),
  };
}
