import type { DbOrTrx } from '../../db/database.ts';
import { IRM_FIELDS } from '../../db/irm-fields.ts';
import { notFound } from '../../platform/errors.ts';
import type { CommitmentDetailType } from './api.commitments.schemas.ts';

// One commitment with everything the API publishes about it. Reading only; nothing private
// (progress updates are the government's public statements, published without their authors).

const flag = (value: number | null): boolean | null => (value === null ? null : value === 1);

/** Evidence links are stored as a JSON array; anything else stored there is not a list of links. */
function links(json: string): string[] {
  try {
    const parsed: unknown = JSON.parse(json);
    return Array.isArray(parsed) ? parsed.filter((v): v is string => typeof v === 'string') : [];
  } catch {
    return [];
  }
}

export async function getCommitmentDetail(db: DbOrTrx, ogpId: string, commitmentUrl: (ogpId: string) => string): Promise<CommitmentDetailType> {
  const c = await db
    .selectFrom('commitments as c')
    .innerJoin('members as m', 'm.id', 'c.member_id')
    .innerJoin('action_plans as p', 'p.id', 'c.plan_id')
    .leftJoin('commitments as earlier', 'earlier.id', 'c.carried_forward_from_id')
    .selectAll('c')
    .select([
      'm.ogp_code as member_code',
      'm.slug as member_slug',
      'm.name as member_name',
      'm.region as member_region',
      'm.member_type as member_type',
      'm.cohort as member_cohort',
      'm.status as member_status',
      'p.ogp_id as plan_ogp_id',
      'p.number as plan_number',
      'p.title as plan_title',
      'p.start_date as plan_start',
      'p.end_date as plan_end',
      'p.due_date as plan_due',
      'p.submitted_on as plan_submitted',
      'p.status as plan_status',
      'earlier.ogp_id as earlier_ogp_id',
    ])
    .where('c.ogp_id', '=', ogpId)
    .executeTakeFirst();
  if (!c) throw notFound();

  const [institutions, tags, irm, stars, milestones, updates] = await Promise.all([
    db
      .selectFrom('commitment_institutions as ci')
      .innerJoin('organisations as o', 'o.id', 'ci.organisation_id')
      .select(['ci.role', 'o.name', 'o.slug', 'o.org_type'])
      .where('ci.commitment_id', '=', c.id)
      // Lead first, then supporting, each in the order the plan lists them.
      .orderBy('ci.role')
      .orderBy('ci.position')
      .orderBy('o.name')
      .execute(),
    db.selectFrom('commitment_tags').select(['vocabulary', 'tag']).where('commitment_id', '=', c.id).orderBy('vocabulary').orderBy('tag').execute(),
    db.selectFrom('irm_assessments').selectAll().where('commitment_id', '=', c.id).executeTakeFirst(),
    db.selectFrom('commitment_stars').selectAll().where('commitment_id', '=', c.id).orderBy('formula').orderBy('report').execute(),
    db.selectFrom('milestones').selectAll().where('commitment_id', '=', c.id).orderBy('position').orderBy('id').execute(),
    db
      .selectFrom('progress_updates as u')
      .leftJoin('milestones as ms', 'ms.id', 'u.milestone_id')
      .select(['u.reported_on', 'u.status', 'u.percent_complete', 'u.narrative', 'u.evidence_links', 'u.source', 'ms.position as milestone_position', 'u.created_at', 'u.id'])
      .where('u.commitment_id', '=', c.id)
      .orderBy('u.reported_on')
      .orderBy('u.created_at')
      .orderBy('u.id')
      .execute(),
  ]);

  return {
    ogpId: c.ogp_id,
    number: c.number,
    title: c.title,
    shortTitle: c.short_title,
    fullText: c.full_text,
    problem: c.problem,
    statusQuo: c.status_quo,
    objective: c.objective,
    ambition: c.ambition,
    theme: c.theme,
    startDate: c.start_date,
    endDate: c.end_date,
    implementationStatus: c.implementation_status,
    progressPercent: c.progress_percent,
    source: c.source,
    sourceUrl: c.source_url,
    carriedForwardFrom: c.earlier_ogp_id,
    statedValues: {
      accessToInformation: flag(c.stated_access_to_information),
      civicParticipation: flag(c.stated_civic_participation),
      publicAccountability: flag(c.stated_public_accountability),
      technologyInnovation: flag(c.stated_technology_innovation),
    },
    member: {
      code: c.member_code,
      slug: c.member_slug,
      name: c.member_name,
      region: c.member_region,
      type: c.member_type,
      cohort: c.member_cohort,
      status: c.member_status,
    },
    plan: {
      ogpId: c.plan_ogp_id,
      number: c.plan_number,
      title: c.plan_title,
      startDate: c.plan_start,
      endDate: c.plan_end,
      dueDate: c.plan_due,
      submittedOn: c.plan_submitted,
      status: c.plan_status,
    },
    institutions: institutions.map((i) => ({ role: i.role, name: i.name, slug: i.slug, type: i.org_type })),
    tags,
    irm: irm
      ? {
          progressReportYear: irm.progress_report_year,
          endOfTermReportYear: irm.end_of_term_report_year,
          ratings: Object.fromEntries(IRM_FIELDS.map((field) => [field, { value: irm[field], missing: irm[`${field}_missing`] }])),
        }
      : null,
    stars: stars.map((s) => ({ formula: s.formula, report: s.report, starred: flag(s.starred), missing: s.missing })),
    milestones: milestones.map((m) => ({
      position: m.position,
      ogpId: m.ogp_id,
      title: m.title,
      description: m.description,
      startDate: m.start_date,
      dueDate: m.due_date,
      status: m.status,
      percentComplete: m.percent_complete,
      weight: Number(m.weight),
      evidenceLinks: links(m.evidence_links),
    })),
    progressUpdates: updates.map((u) => ({
      reportedOn: u.reported_on,
      milestone: u.milestone_position,
      status: u.status,
      percentComplete: u.percent_complete,
      narrative: u.narrative,
      evidenceLinks: links(u.evidence_links),
      source: u.source,
    })),
    url: commitmentUrl(c.ogp_id),
    updatedAt: c.updated_at,
  };
}
