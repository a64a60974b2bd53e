import type { Database } from '../db/schema.ts';
import { buildCommitment } from './commitments.ts';
import { assignIdPrefixes, buildMembers, type GeneratedMember, type Taken } from './members.ts';
import { buildPlans, type GeneratedPlan } from './plans.ts';
import { apportion, Random } from './random.ts';
import { sizesForScale } from './sizes.ts';

/** Parents before children, so every foreign key points at a row already written. */
export const TABLE_ORDER = [
  'members',
  'organisations',
  'member_lead_agencies',
  'member_status_history',
  'audit_events',
  'action_plans',
  'commitments',
  'commitment_tags',
  'commitment_institutions',
  'irm_assessments',
  'commitment_stars',
  'milestones',
  'progress_updates',
] as const satisfies ReadonlyArray<keyof Database>;
export type LoadedTable = (typeof TABLE_ORDER)[number];

/** Rows of one table as one flat list of values, column after column, row after row: what a multi-row INSERT binds. */
export interface TableRows {
  table: LoadedTable;
  columns: string[];
  values: unknown[];
  rows: number;
}

/** A batch of rows to write in TABLE_ORDER, and how many commitments have been produced so far. */
export interface Batch {
  tables: TableRows[];
  commitmentsDone: number;
}

export interface ProduceOptions {
  scale: number;
  seed: string;
  taken: Taken;
}

const BATCH_ROWS = 40_000;

class Collector {
  private readonly tables = new Map<LoadedTable, TableRows>();
  pending = 0;

  add<T extends LoadedTable>(table: T, ...rows: Array<Database[T]>): void {
    if (rows.length === 0) return;
    let entry = this.tables.get(table);
    if (!entry) this.tables.set(table, (entry = { table, columns: Object.keys(rows[0]!), values: [], rows: 0 }));
    for (const row of rows) {
      const record = row as unknown as Record<string, unknown>;
      for (const column of entry.columns) entry.values.push(record[column]);
    }
    entry.rows += rows.length;
    this.pending += rows.length;
  }

  take(commitmentsDone: number): Batch {
    const tables = TABLE_ORDER.flatMap((t) => this.tables.get(t) ?? []);
    this.tables.clear();
    this.pending = 0;
    return { tables, commitmentsDone };
  }
}

function addMember(out: Collector, random: Random, member: GeneratedMember): void {
  const m = member.row;
  out.add('members', m);
  out.add('organisations', ...member.organisations.map((o) => o.row));
  out.add('member_lead_agencies', { member_id: m.id, organisation_id: member.leadAgencyId });
  for (const change of member.statusHistory) {
    out.add('member_status_history', {
      id: random.uuid(),
      member_id: m.id,
      status: change.status,
      effective_on: change.effectiveOn,
      reason: change.reason,
      recorded_by: null,
      recorded_at: `${change.effectiveOn}T09:00:00.000Z`,
    });
  }
  // The same public "created" events the member and organisation services record, so their history pages read true.
  out.add('audit_events', {
    id: random.uuid(),
    occurred_at: m.created_at,
    actor_id: null,
    action: 'member.created',
    entity_type: 'member',
    entity_id: m.id,
    summary: `Member created: ${m.name}`,
    before_json: null,
    after_json: JSON.stringify({ name: m.name, member_type: m.member_type, country_code: m.country_code, joined_year: m.joined_year }),
    is_public: 1,
  });
  for (const { row: o } of member.organisations) {
    out.add('audit_events', {
      id: random.uuid(),
      occurred_at: o.created_at,
      actor_id: null,
      action: 'organisation.created',
      entity_type: 'organisation',
      entity_id: o.id,
      summary: `Organisation created: ${o.name}`,
      before_json: null,
      after_json: JSON.stringify({ name: o.name, org_type: o.org_type, country: o.country, website: o.website, description: o.description }),
      is_public: 1,
    });
  }
}

/**
 * Every row of a run, in batches, from one seeded random stream: the same options always give the same rows
 * in the same order. Members, then each member's plans, commitments and everything under them.
 */
export function* produceRows(options: ProduceOptions): Generator<Batch> {
  const sizes = sizesForScale(options.scale);
  const random = new Random(`ogp-generate:${options.seed}`);
  const members = buildMembers(random, sizes, options.taken);
  const plans = buildPlans(random, members, sizes);
  const placements = plans.flatMap((plan) => Array.from({ length: plan.commitments }, () => plan));
  const milestoneCounts = apportion(sizes.milestones, placements.map(() => 0.5 + random.float()), 1);
  // Plans not yet begun have no progress to report; the rest report in proportion to how long they have run.
  const updateCounts = apportion(sizes.progressUpdates, placements.map((plan) => plan.elapsed * (0.5 + random.float())));
  const plansByMember = new Map<GeneratedMember, GeneratedPlan[]>();
  for (const plan of plans) plansByMember.set(plan.member, [...(plansByMember.get(plan.member) ?? []), plan]);
  const commitmentsOf = (member: GeneratedMember): number => (plansByMember.get(member) ?? []).reduce((sum, plan) => sum + plan.commitments, 0);
  assignIdPrefixes(members, commitmentsOf, new Map(options.taken.idNumbers));

  const out = new Collector();
  let c = 0;
  for (const member of members) {
    addMember(out, random, member);
    let sequence = 0;
    let previous: string[] = [];
    for (const plan of plansByMember.get(member) ?? []) {
      out.add('action_plans', plan.row);
      const current: string[] = [];
      for (let number = 1; number <= plan.commitments; number += 1) {
        sequence += 1;
        const rows = buildCommitment(random, { plan, number, sequence, milestones: milestoneCounts[c]!, progressUpdates: updateCounts[c]!, previous });
        c += 1;
        current.push(rows.commitment.id);
        out.add('commitments', rows.commitment);
        out.add('commitment_tags', ...rows.tags);
        out.add('commitment_institutions', ...rows.institutions);
        out.add('irm_assessments', rows.irm);
        out.add('commitment_stars', ...rows.stars);
        out.add('milestones', ...rows.milestones);
        out.add('progress_updates', ...rows.progress);
        if (out.pending >= BATCH_ROWS) yield out.take(c);
      }
      previous = current;
    }
  }
  yield out.take(c);
}
