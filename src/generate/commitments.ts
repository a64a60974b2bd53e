import type { IrmField } from '../db/irm-fields.ts';
import type {
  CommitmentInstitutionsTable,
  CommitmentStarsTable,
  CommitmentTagsTable,
  CommitmentsTable,
  IrmAssessmentsTable,
  MilestonesTable,
  ProgressUpdatesTable,
} from '../db/schema.ts';
import type { ImplementationStatus } from '../modules/commitments/commitment-status.ts';
import { computeStars } from '../modules/commitment-data/stars.ts';
import { assessCommitment, isMissing, toRatings } from './irm.ts';
import type { GeneratedOrganisation } from './members.ts';
import { LOCAL_EQUIVALENT } from './phrases/bodies.ts';
import { CROSS_CUTTING_AREAS, THEMES, type Theme } from './phrases/themes.ts';
import { AS_OF, type GeneratedPlan } from './plans.ts';
import { type Random, weights } from './random.ts';
import { commitmentText, milestoneTitles, progressNarrative } from './text.ts';

/** Every row one commitment brings with it. */
export interface CommitmentRows {
  commitment: CommitmentsTable;
  tags: CommitmentTagsTable[];
  institutions: CommitmentInstitutionsTable[];
  irm: IrmAssessmentsTable;
  stars: CommitmentStarsTable[];
  milestones: MilestonesTable[];
  progress: ProgressUpdatesTable[];
}

export interface CommitmentPlacement {
  plan: GeneratedPlan;
  /** 1-based position within the plan. */
  number: number;
  /** This member's running commitment count (from 1), for the OGP id. */
  sequence: number;
  milestones: number;
  progressUpdates: number;
  /** Commitments of the member's previous plan, which this one may carry forward. */
  previous: readonly string[];
}

// Participation, access to information, open data and fiscal openness fill most plans; the rest are rarer.
const COMMON_THEMES: Readonly<Record<string, number>> = {
  'Public Participation': 12,
  'Access to Information': 10,
  'Open Data': 9,
  'Fiscal Openness': 7,
  'Open Parliament': 7,
  'Open Contracting': 6,
  'Public Integrity': 6,
};
const THEME_WEIGHTS = weights(Object.fromEntries(THEMES.map((t, i) => [String(i), COMMON_THEMES[t.name] ?? 4])));

const DAY = 86_400_000;
// The same few thousand dates recur across millions of rows; each is formatted once.
const days = new Map<number, string>();
function isoDay(ms: number): string {
  const day = Math.floor(ms / DAY);
  let text = days.get(day);
  if (text === undefined) days.set(day, (text = new Date(day * DAY).toISOString().slice(0, 10)));
  return text;
}
const NO_LINKS = '[]';

/** A government's own statement of relevance: unstated (null) now and then, else stated with the theme's likelihood. */
const stated = (random: Random, likelihood: number): number | null => (random.chance(0.15) ? null : random.chance(likelihood) ? 1 : 0);

export function statusForPercent(percent: number): ImplementationStatus {
  if (percent <= 0) return 'not_started';
  if (percent < 50) return 'limited';
  if (percent < 100) return 'substantial';
  return 'complete';
}

/** Where the commitment stands on AS_OF: the IRM's latest completion rating when there is one, else how far its plan has run. */
function finalProgress(random: Random, completion: string, elapsed: number): { status: ImplementationStatus; percent: number } {
  switch (completion) {
    case 'withdrawn':
      return { status: 'withdrawn', percent: random.int(0, 30) };
    case 'not_started':
      return { status: 'not_started', percent: 0 };
    case 'limited':
    case 'unclear':
      return { status: 'limited', percent: random.int(10, 45) };
    case 'substantial':
      return { status: 'substantial', percent: random.int(50, 95) };
    case 'complete':
      return { status: 'complete', percent: 100 };
    default: {
      if (elapsed <= 0) return { status: 'not_started', percent: 0 };
      const percent = Math.min(100, Math.max(0, Math.round(elapsed * 100 * (0.4 + random.float() * 0.7))));
      return { status: statusForPercent(percent), percent };
    }
  }
}

function pickTheme(random: Random): Theme {
  return THEMES[Number(random.weighted(THEME_WEIGHTS))]!;
}

function tagsFor(random: Random, theme: Theme): string[] {
  const tags = new Set<string>(theme.policyAreas);
  for (const area of theme.related) if (random.chance(0.35)) tags.add(area);
  for (const area of CROSS_CUTTING_AREAS) if (random.chance(0.08)) tags.add(area);
  return [...tags];
}

function institutionsFor(random: Random, theme: Theme, organisations: readonly GeneratedOrganisation[], national: boolean): { lead: GeneratedOrganisation; supporting: GeneratedOrganisation[] } {
  const government = organisations.filter((o) => o.government);
  const preferred = new Set(national ? theme.leads : theme.leads.map((l) => LOCAL_EQUIVALENT[l] ?? l));
  const lead = government.find((o) => preferred.has(o.kind)) ?? random.pick(government);
  const supporting = random.sample(
    organisations.filter((o) => o !== lead),
    random.int(0, 3),
  );
  return { lead, supporting };
}

const evidenceLink = (memberSlug: string, ogpId: string, n: number): string => `https://evidence.example.org/${memberSlug}/${ogpId.toLowerCase()}/${n}`;

function irmRow(commitmentId: string, result: ReturnType<typeof assessCommitment>, updatedAt: string): IrmAssessmentsTable {
  const row: Record<string, string | number | null> = {
    commitment_id: commitmentId,
    progress_report_year: result.progressReportYear,
    end_of_term_report_year: result.endOfTermReportYear,
    updated_at: updatedAt,
  };
  for (const [field, value] of Object.entries(result.assessment) as Array<[IrmField, string]>) {
    row[field] = isMissing(value) ? null : value;
    row[`${field}_missing`] = isMissing(value) ? value : null;
  }
  return row as unknown as IrmAssessmentsTable;
}

/** One commitment and everything under it, consistent with each other: statuses, percents and dates agree. */
export function buildCommitment(random: Random, place: CommitmentPlacement): CommitmentRows {
  const { plan } = place;
  const member = plan.member;
  const theme = pickTheme(random);
  const spanish = member.spanish && random.chance(0.75);
  const { lead, supporting } = institutionsFor(random, theme, member.organisations, member.national);
  const text = commitmentText(random, {
    theme,
    spanish,
    memberName: member.row.name,
    place: member.place,
    lead: lead.row.name,
    supporting: supporting.map((o) => o.row.name),
    startYear: plan.timing.startYear,
    endYear: plan.timing.endYear,
  });
  const id = random.uuid();
  const ogpId = `${member.idPrefix}${String(member.firstIdNumber + place.sequence - 1).padStart(4, '0')}`;
  const irm = assessCommitment(random, plan.timing);
  const completion = [irm.assessment.completion_end_of_term, irm.assessment.completion_progress].find((v) => !isMissing(v)) ?? '';
  const final = finalProgress(random, completion, plan.elapsed);
  const startDate = plan.row.start_date!;
  const endDate = plan.row.end_date!;
  const createdAt = plan.row.created_at;

  const titles = milestoneTitles(random, spanish, text.subject, place.milestones);
  const startMs = Date.parse(startDate);
  const spanMs = Date.parse(endDate) - startMs;
  const doneUnits = (final.percent / 100) * place.milestones;
  const milestones: MilestonesTable[] = titles.map((title, i) => {
    const percent = i < Math.floor(doneUnits) ? 100 : i === Math.floor(doneUnits) ? Math.round((doneUnits - i) * 100) : 0;
    const due = isoDay(startMs + (spanMs * (i + 1)) / place.milestones);
    const links = percent === 100 && random.chance(0.6) ? Array.from({ length: random.int(1, 2) }, (_, n) => evidenceLink(member.row.slug, ogpId, i * 10 + n + 1)) : [];
    return {
      id: random.uuid(),
      commitment_id: id,
      position: i + 1,
      ogp_id: `${ogpId}.${i + 1}`,
      title,
      description: '',
      start_date: isoDay(startMs + (spanMs * i) / place.milestones),
      due_date: due,
      status: final.status === 'withdrawn' && percent < 100 ? 'withdrawn' : statusForPercent(percent),
      percent_complete: percent,
      weight: 1,
      evidence_links: links.length > 0 ? JSON.stringify(links) : NO_LINKS,
      created_at: createdAt,
      updated_at: percent === 100 && due < AS_OF ? `${due}T12:00:00.000Z` : createdAt,
    };
  });

  // Updates spread from a month after the start to the end of the plan or AS_OF, percent climbing to the final figure.
  const firstMs = startMs + 30 * DAY;
  const lastMs = Math.max(firstMs, Math.min(Date.parse(endDate), Date.parse(AS_OF)));
  const progress: ProgressUpdatesTable[] = [];
  let percent = 0;
  for (let i = 0; i < place.progressUpdates; i += 1) {
    const share = (i + 1) / place.progressUpdates;
    const reportedOn = isoDay(firstMs + (lastMs - firstMs) * (place.progressUpdates === 1 ? 1 : i / (place.progressUpdates - 1)));
    percent = i === place.progressUpdates - 1 ? final.percent : Math.max(percent, Math.round(final.percent * share * (0.8 + random.float() * 0.2)));
    const status = i === place.progressUpdates - 1 && final.status === 'withdrawn' ? 'withdrawn' : statusForPercent(percent);
    const milestone = milestones.length > 0 && random.chance(0.7) ? milestones[Math.min(milestones.length - 1, Math.floor((percent / 100) * milestones.length))]! : null;
    progress.push({
      id: random.uuid(),
      commitment_id: id,
      milestone_id: milestone?.id ?? null,
      author_id: null,
      status,
      percent_complete: percent,
      narrative: progressNarrative(random, spanish, status, lead.row.name, reportedOn),
      evidence_links: random.chance(0.3) ? JSON.stringify([evidenceLink(member.row.slug, ogpId, 100 + i)]) : NO_LINKS,
      reported_on: reportedOn,
      source: 'import',
      created_at: `${reportedOn}T10:00:00.000Z`,
    });
  }

  const [ati, cp, pa, tech] = theme.values;
  const commitment: CommitmentsTable = {
    id,
    ogp_id: ogpId,
    plan_id: plan.row.id,
    member_id: member.row.id,
    number: String(place.number),
    title: text.title,
    short_title: text.shortTitle,
    full_text: text.fullText(titles),
    problem: text.problem,
    status_quo: text.statusQuo,
    objective: text.objective,
    ambition: text.ambition,
    theme: theme.name,
    start_date: startDate,
    end_date: endDate,
    carried_forward_from_id: place.previous.length > 0 && random.chance(0.08) ? random.pick(place.previous) : null,
    stated_access_to_information: stated(random, ati),
    stated_civic_participation: stated(random, cp),
    stated_public_accountability: stated(random, pa),
    stated_technology_innovation: stated(random, tech),
    implementation_status: final.status,
    progress_percent: progress.length > 0 ? final.percent : null,
    source: 'platform',
    source_url: null,
    sheet_row_json: null,
    created_at: createdAt,
    updated_at: progress.at(-1)?.created_at ?? createdAt,
  };
  return {
    commitment,
    tags: tagsFor(random, theme).map((tag) => ({ commitment_id: id, vocabulary: 'policy_area', tag })),
    institutions: [
      { commitment_id: id, organisation_id: lead.row.id, role: 'lead', position: 0 },
      ...supporting.map((o, i) => ({ commitment_id: id, organisation_id: o.row.id, role: 'supporting', position: i + 1 })),
    ],
    irm: irmRow(id, irm, plan.row.updated_at),
    stars: computeStars(toRatings(irm.assessment)).map((star) => ({ commitment_id: id, formula: star.formula, report: star.report, starred: star.starred, missing: star.missing })),
    milestones,
    progress,
  };
}
