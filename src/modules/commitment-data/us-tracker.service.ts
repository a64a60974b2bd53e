import path from 'node:path';
import type { Trx } from '../../db/database.ts';
import type { MilestonesTable, ProgressUpdatesTable } from '../../db/schema.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { AppContext } from '../../platform/context.ts';
import { newId, nowIso } from '../../platform/ids.ts';
import { refreshCommitmentProgress } from '../commitments/rollup.service.ts';
import { listKnownMembers, listKnownOrganisations, listKnownPlans } from './commitment-data.repository.ts';
import { KnownRecords } from './import-check.ts';
import { OrganisationDirectory, resolveMember, resolvePlan } from './import-entities.ts';
import { readUsTracker, type TrackerCommitment, TrackerDataError, type TrackerMilestone, US_MEMBER, US_PLAN, US_PROGRESS_DATE } from './us-tracker.ts';
import {
  insertMilestoneRow,
  insertTrackedCommitment,
  listImportedUpdates,
  listMilestonesOf,
  listTrackedCommitments,
  listTrackedLinks,
  replaceImportedUpdate,
  replaceTrackedLinks,
  type TrackedCommitment,
  updateMilestoneRow,
  updateTrackedCommitment,
} from './us-tracker.repository.ts';

// The US fifth national action plan from its tracker: commitments under plan AP_USA05 of the United
// States, sub-commitments as milestones, their progress texts as imported progress updates. Importing
// again updates what changed and leaves the rest (and anything people added on the platform) alone.

export const SOURCE_TRACKER = 'us_tracker';
const MILESTONE_TITLE_MAX = 500;

export interface Counts {
  created: number;
  updated: number;
  unchanged: number;
}

export interface TrackerReport {
  commitments: Counts;
  milestones: Counts;
  progressUpdates: number;
  memberCreated: boolean;
  planCreated: boolean;
  organisationsCreated: number;
}

const counts = (): Counts => ({ created: 0, updated: 0, unchanged: 0 });

/** A milestone title within the platform's limit; the whole text then goes in the description. */
function titleOf(text: string): { title: string; shortened: boolean } {
  if ([...text].length <= MILESTONE_TITLE_MAX) return { title: text, shortened: false };
  const cut = text.slice(0, MILESTONE_TITLE_MAX - 1);
  return { title: `${cut.slice(0, Math.max(cut.lastIndexOf(' '), MILESTONE_TITLE_MAX / 2)).trimEnd()}…`, shortened: true };
}

function milestoneValues(m: TrackerMilestone): Pick<MilestonesTable, 'position' | 'ogp_id' | 'title' | 'description' | 'status' | 'percent_complete' | 'evidence_links'> {
  const { title, shortened } = titleOf(m.text);
  // The tracker names the responsible agency per sub-commitment; the milestone has no field of its own for it.
  const agency = `Lead agency: ${m.agencies.join(' / ')}`;
  return {
    position: m.position,
    ogp_id: m.ogpId,
    title,
    description: shortened ? `${m.text}\n\n${agency}` : agency,
    status: m.status,
    percent_complete: m.percent,
    evidence_links: JSON.stringify(m.links),
  };
}

const sameValues = (stored: Record<string, unknown>, wanted: Record<string, unknown>): boolean => Object.entries(wanted).every(([k, v]) => stored[k] === v);

interface Context {
  trx: Trx;
  report: TrackerReport;
  memberId: string;
  planId: string;
  organisations: OrganisationDirectory;
  stored: Map<string, TrackedCommitment>;
  milestones: Map<string, MilestonesTable>;
  updates: Map<string, ProgressUpdatesTable>;
  links: Awaited<ReturnType<typeof listTrackedLinks>>;
}

async function writeMilestone(ctx: Context, commitmentId: string, m: TrackerMilestone, now: string): Promise<void> {
  const values = milestoneValues(m);
  const stored = ctx.milestones.get(m.ogpId);
  let milestoneId: string;
  if (!stored) {
    milestoneId = newId();
    await insertMilestoneRow(ctx.trx, { id: milestoneId, commitment_id: commitmentId, ...values, start_date: null, due_date: null, weight: 1, created_at: now, updated_at: now });
    ctx.report.milestones.created += 1;
  } else {
    milestoneId = stored.id;
    if (sameValues(stored as unknown as Record<string, unknown>, values)) ctx.report.milestones.unchanged += 1;
    else {
      await updateMilestoneRow(ctx.trx, stored.id, { ...values, updated_at: now });
      ctx.report.milestones.updated += 1;
    }
  }
  const wanted = m.narrative !== '' || m.links.length > 0;
  const update = ctx.updates.get(milestoneId);
  const same =
    update && wanted && update.narrative === m.narrative && update.status === m.status && update.percent_complete === m.percent && update.evidence_links === JSON.stringify(m.links) && update.reported_on === US_PROGRESS_DATE;
  if (same || (!update && !wanted)) return;
  await replaceImportedUpdate(
    ctx.trx,
    milestoneId,
    wanted
      ? {
          id: newId(),
          commitment_id: commitmentId,
          milestone_id: milestoneId,
          author_id: null,
          status: m.status,
          percent_complete: m.percent,
          narrative: m.narrative,
          evidence_links: JSON.stringify(m.links),
          reported_on: US_PROGRESS_DATE,
          source: 'import',
          created_at: now,
        }
      : null,
  );
  if (wanted) ctx.report.progressUpdates += 1;
}

async function writeCommitment(ctx: Context, c: TrackerCommitment, number: number): Promise<void> {
  const now = nowIso();
  const values = { plan_id: ctx.planId, member_id: ctx.memberId, number: String(number), title: c.title, full_text: c.text, theme: c.theme, source: SOURCE_TRACKER, source_url: c.url };
  const leadIds = ctx.organisations.ids([...new Set(c.milestones.flatMap((m) => m.agencies))], US_MEMBER.name);
  let stored = ctx.stored.get(c.ogpId);
  if (!stored) {
    const row = {
      id: newId(),
      ogp_id: c.ogpId,
      ...values,
      short_title: '',
      problem: '',
      status_quo: '',
      objective: '',
      ambition: '',
      start_date: null,
      end_date: null,
      carried_forward_from_id: null,
      stated_access_to_information: null,
      stated_civic_participation: null,
      stated_public_accountability: null,
      stated_technology_innovation: null,
      implementation_status: 'not_started',
      progress_percent: null,
      sheet_row_json: null,
      created_at: now,
      updated_at: now,
    };
    await insertTrackedCommitment(ctx.trx, row);
    await replaceTrackedLinks(ctx.trx, row.id, c.theme, leadIds);
    stored = row;
    ctx.report.commitments.created += 1;
  } else {
    const linksSame = (ctx.links.themes.get(stored.id) ?? []).join('|') === (c.theme ? c.theme : '') && (ctx.links.leads.get(stored.id) ?? []).join('|') === leadIds.join('|');
    if (sameValues(stored as unknown as Record<string, unknown>, values) && linksSame) ctx.report.commitments.unchanged += 1;
    else {
      await updateTrackedCommitment(ctx.trx, stored.id, { ...values, updated_at: now });
      await replaceTrackedLinks(ctx.trx, stored.id, c.theme, leadIds);
      ctx.report.commitments.updated += 1;
    }
  }
  for (const m of c.milestones) await writeMilestone(ctx, stored.id, m, now);
  // Status and percentage follow from the milestones and any update people made, by the platform's own rules.
  await refreshCommitmentProgress(ctx.trx, stored);
}

/** Imports the tracker's commitments inside the caller's transaction. */
export async function importUsTrackerInTransaction(trx: Trx, commitments: readonly TrackerCommitment[], options: { actorId: string | null; source: string }): Promise<TrackerReport> {
  const report: TrackerReport = { commitments: counts(), milestones: counts(), progressUpdates: 0, memberCreated: false, planCreated: false, organisationsCreated: 0 };
  const known = new KnownRecords(await listKnownMembers(trx), await listKnownPlans(trx));
  const sheetMember = { ...US_MEMBER, kind: 'National', memberType: 'national' as const, codeIsRegistered: true };
  const stored = known.member(sheetMember);
  if (stored?.ogp_code && stored.ogp_code !== US_MEMBER.code) throw new TrackerDataError(`The member ${stored.name} has the code ${stored.ogp_code}, not ${US_MEMBER.code}.`);
  const member = await resolveMember(trx, options.actorId, known, sheetMember);
  report.memberCreated = member.created;
  const existingPlan = known.plansByOgpId.get(US_PLAN.ogpId);
  if (existingPlan && existingPlan.member_id !== member.member.id) throw new TrackerDataError(`The plan ${US_PLAN.ogpId} belongs to another member.`);
  const numberTaken = known.plansByMemberNumber.get(`${member.member.id}|${US_PLAN.number}`);
  if (!existingPlan && numberTaken) throw new TrackerDataError(`${US_MEMBER.name} already has a plan number ${US_PLAN.number} (${numberTaken.ogp_id}).`);
  const plan = await resolvePlan(trx, options.actorId, known, member.member.id, { ...US_PLAN });
  report.planCreated = plan.created;

  const organisations = new OrganisationDirectory(await listKnownOrganisations(trx));
  await organisations.ensure(
    trx,
    options.actorId,
    [...new Set(commitments.flatMap((c) => c.milestones.flatMap((m) => m.agencies)))].map((name) => ({ name, country: US_MEMBER.name })),
  );
  report.organisationsCreated = organisations.created;

  const storedCommitments = await listTrackedCommitments(trx, commitments.map((c) => c.ogpId));
  const ids = storedCommitments.map((c) => c.id);
  const milestones = await listMilestonesOf(trx, ids);
  const updates = await listImportedUpdates(trx, ids);
  const ctx: Context = {
    trx,
    report,
    memberId: member.member.id,
    planId: plan.id,
    organisations,
    stored: new Map(storedCommitments.map((c) => [c.ogp_id, c])),
    milestones: new Map(milestones.filter((m) => m.ogp_id).map((m) => [m.ogp_id!, m])),
    updates: new Map(updates.filter((u) => u.milestone_id).map((u) => [u.milestone_id!, u])),
    links: await listTrackedLinks(trx, ids),
  };
  for (const [index, commitment] of commitments.entries()) await writeCommitment(ctx, commitment, index + 1);
  await recordAudit(trx, {
    actorId: options.actorId,
    action: 'us_tracker.imported',
    entityType: 'us_tracker',
    entityId: newId(),
    summary: `US national action plan tracker imported from ${options.source}`,
    after: {
      source: options.source,
      commitments_created: report.commitments.created,
      commitments_updated: report.commitments.updated,
      commitments_unchanged: report.commitments.unchanged,
      milestones_created: report.milestones.created,
      milestones_updated: report.milestones.updated,
      progress_updates: report.progressUpdates,
      organisations_created: report.organisationsCreated,
    },
  });
  return report;
}

/** Reads the tracker folder, then imports it in one transaction. */
export function importUsTracker(ctx: Pick<AppContext, 'db'>, dir: string, actorId: string | null): Promise<TrackerReport> {
  const commitments = readUsTracker(dir);
  return ctx.db.transaction().execute((trx) => importUsTrackerInTransaction(trx, commitments, { actorId, source: path.basename(path.resolve(dir)) }));
}
