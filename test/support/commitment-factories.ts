import { randomBytes } from 'node:crypto';
import type { Db } from '../../src/db/database.ts';
import type { IrmField, MissingCode } from '../../src/db/irm-fields.ts';
import type { ActionPlansTable, CommitmentsTable, MilestonesTable, ProgressUpdatesTable } from '../../src/db/schema.ts';
import { newId, nowIso } from '../../src/platform/ids.ts';
import { createMember } from './factories.ts';

// Rows written straight into the tables: the import and generator are tested on their own, and
// these let a page or a query be tested against exactly the data it needs.

const unique = (): string => randomBytes(3).toString('hex').toUpperCase();

export async function createActionPlan(db: Db, overrides: Partial<ActionPlansTable> = {}): Promise<ActionPlansTable> {
  const memberId = overrides.member_id ?? (await createMember(db, { name: `Member ${unique()}` })).id;
  const number = overrides.number ?? 1;
  const now = nowIso();
  const row: ActionPlansTable = {
    id: newId(),
    member_id: memberId,
    ogp_id: `AP_${unique()}0${number}`,
    number,
    title: '',
    start_date: '2020-09-01',
    end_date: '2022-08-31',
    due_date: '2020-08-31',
    submitted_on: '2020-08-30',
    status: 'implementation',
    created_at: now,
    updated_at: now,
    ...overrides,
  };
  await db.insertInto('action_plans').values(row).execute();
  return row;
}

export interface CommitmentOptions extends Partial<CommitmentsTable> {
  /** policy_area tags, e.g. ['Open Data']. */
  policyAreas?: string[];
  irm?: Partial<Record<IrmField, string | MissingCode>>;
}

const MISSING = new Set<string>(['no_data', 'not_reviewed', 'not_applicable']);

/** A commitment under the given plan (or a new plan of a new member), with optional tags and IRM ratings. */
export async function createCommitment(db: Db, options: CommitmentOptions = {}): Promise<CommitmentsTable> {
  const { policyAreas = [], irm, ...overrides } = options;
  const plan = overrides.plan_id
    ? await db.selectFrom('action_plans').selectAll().where('id', '=', overrides.plan_id).executeTakeFirstOrThrow()
    : await createActionPlan(db, overrides.member_id ? { member_id: overrides.member_id } : {});
  const now = nowIso();
  const row: CommitmentsTable = {
    id: newId(),
    ogp_id: `ZZ${unique()}`,
    plan_id: plan.id,
    member_id: plan.member_id,
    number: '1',
    title: `Commitment ${unique()}`,
    short_title: '',
    full_text: '',
    problem: '',
    status_quo: '',
    objective: '',
    ambition: '',
    theme: '',
    start_date: null,
    end_date: null,
    carried_forward_from_id: null,
    stated_access_to_information: null,
    stated_civic_participation: null,
    stated_public_accountability: null,
    stated_technology_innovation: null,
    implementation_status: 'not_started',
    progress_percent: null,
    source: 'platform',
    source_url: null,
    sheet_row_json: null,
    created_at: now,
    updated_at: now,
    ...overrides,
  };
  await db.insertInto('commitments').values(row).execute();
  if (policyAreas.length > 0) {
    await db
      .insertInto('commitment_tags')
      .values(policyAreas.map((tag) => ({ commitment_id: row.id, vocabulary: 'policy_area', tag })))
      .execute();
  }
  if (irm) {
    const columns: Record<string, string | null> = {};
    for (const [field, value] of Object.entries(irm)) {
      if (MISSING.has(value)) columns[`${field}_missing`] = value;
      else columns[field] = value;
    }
    await db
      .insertInto('irm_assessments')
      .values({ commitment_id: row.id, progress_report_year: null, end_of_term_report_year: null, updated_at: now, ...columns })
      .execute();
  }
  return row;
}

/** A milestone's row, not yet written: for tests that write rows their own way. */
export function milestoneRow(commitmentId: string, overrides: Partial<MilestonesTable> = {}): MilestonesTable {
  const now = nowIso();
  return {
    id: newId(),
    commitment_id: commitmentId,
    position: 1,
    ogp_id: null,
    title: `Milestone ${unique()}`,
    description: '',
    start_date: null,
    due_date: '2021-12-31',
    status: 'not_started',
    percent_complete: 0,
    weight: 1,
    evidence_links: '[]',
    created_at: now,
    updated_at: now,
    ...overrides,
  };
}

export async function createMilestone(db: Db, commitmentId: string, overrides: Partial<MilestonesTable> = {}): Promise<MilestonesTable> {
  const row = milestoneRow(commitmentId, overrides);
  await db.insertInto('milestones').values(row).execute();
  return row;
}

export async function createProgressUpdate(db: Db, commitmentId: string, overrides: Partial<ProgressUpdatesTable> = {}): Promise<ProgressUpdatesTable> {
  const row: ProgressUpdatesTable = {
    id: newId(),
    commitment_id: commitmentId,
    milestone_id: null,
    author_id: null,
    status: 'limited',
    percent_complete: 25,
    narrative: '',
    evidence_links: '[]',
    reported_on: '2021-06-30',
    source: 'import',
    created_at: nowIso(),
    ...overrides,
  };
  await db.insertInto('progress_updates').values(row).execute();
  return row;
}
