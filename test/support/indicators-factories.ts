// Data for the indicators tests: the platform's own plan as on a first start, targets added to it, and
// civil society organisations named on the commitments of dated action plans.
import type { Db } from '../../src/db/database.ts';
import type { OrganisationRow } from '../../src/modules/organisations/organisations.service.ts';
import { DEFAULT_INDICATOR_IDENTIFIERS, DEFAULT_PLAN_FILE } from '../../src/modules/strategy/default-plan/default-plan.ts';
import { findDefaultPlanId, insertResult } from '../../src/modules/strategy/strategy.repository.ts';
import { ensureDefaultPlan } from '../../src/modules/strategy/strategy.service.ts';
import { createActionPlan, createCommitment } from './commitment-factories.ts';
import { createOrganisation } from './factories.ts';

/** The default plan, loaded from the file that ships with the code, as the first start does; its id. */
export async function loadDefaultPlan(db: Db): Promise<string> {
  await ensureDefaultPlan({ db }, DEFAULT_PLAN_FILE);
  const id = await findDefaultPlanId(db);
  if (!id) throw new Error('The default plan did not load');
  return id;
}

/** The stored id of a default-plan indicator, by the number the strategy gives it. */
export async function defaultIndicatorId(db: Db, sequence: string): Promise<string> {
  const identifier = DEFAULT_INDICATOR_IDENTIFIERS[sequence];
  if (!identifier) throw new Error(`No indicator ${sequence} in the default plan`);
  const row = await db.selectFrom('strategy_indicators').select('id').where('identifier', '=', identifier).executeTakeFirstOrThrow();
  return row.id;
}

export interface TargetInput {
  start: string;
  end: string;
  numberOfUnits?: number | null;
  descriptor?: { name: string; value: string };
}

/** A TargetResult added to a default-plan indicator, as the plan editor adds one. */
export async function addTarget(db: Db, sequence: string, target: TargetInput): Promise<void> {
  const planId = await loadDefaultPlan(db);
  const indicatorId = await defaultIndicatorId(db, sequence);
  await insertResult(db, planId, indicatorId, 'target', {
    start_date: target.start,
    end_date: target.end,
    number_of_units: target.numberOfUnits ?? null,
    descriptor_name: target.descriptor?.name ?? null,
    descriptor_value: target.descriptor?.value ?? null,
    description: '',
  });
}

/** An ActualResult typed into the plan itself, which the dashboard and the report must not take as live data. */
export async function addPlanActual(db: Db, sequence: string, start: string, end: string, numberOfUnits: number): Promise<void> {
  const planId = await loadDefaultPlan(db);
  const indicatorId = await defaultIndicatorId(db, sequence);
  await insertResult(db, planId, indicatorId, 'actual', {
    start_date: start,
    end_date: end,
    number_of_units: numberOfUnits,
    descriptor_name: null,
    descriptor_value: null,
    description: 'Typed into the plan',
  });
}

export interface EngagementInput {
  planStart: string | null;
  planEnd: string | null;
  /** Organisations named on the plan's commitments, with the role they are named in. */
  named: Array<{ organisation: OrganisationRow; role?: 'lead' | 'supporting' }>;
  /** How many commitments name each of them (default 1). */
  commitments?: number;
}

/** An action plan with these dates whose commitments name these organisations. */
export async function createEngagement(db: Db, input: EngagementInput): Promise<void> {
  const plan = await createActionPlan(db, { start_date: input.planStart, end_date: input.planEnd });
  for (let n = 0; n < (input.commitments ?? 1); n += 1) {
    const commitment = await createCommitment(db, { plan_id: plan.id, number: String(n + 1) });
    for (const [position, { organisation, role = 'supporting' }] of input.named.entries()) {
      await db.insertInto('commitment_institutions').values({ commitment_id: commitment.id, organisation_id: organisation.id, role, position }).execute();
    }
  }
}

export function createCivilSocietyOrganisation(db: Db, name: string): Promise<OrganisationRow> {
  return createOrganisation(db, { name, orgType: 'civil_society' });
}
