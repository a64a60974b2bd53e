import type { DbOrTrx } from '../../db/database.ts';
import type { ActionPlansTable, CommitmentsTable } from '../../db/schema.ts';
import { AppError, FieldErrorCollector, validationError } from '../../platform/errors.ts';
import { checkAgainstPlan, type CommitmentColumns, type CommitmentDraft, type CommitmentInput, readCommitmentForm } from './commitment-fields.ts';
import { findEarlierCandidate, findOrganisationsByIds, planNumberTaken } from './commitment-form.repository.ts';

// The commitment form's checks that need the database: the number free in the plan, the organisations in the
// registry, the earlier commitment carried forward. A value the commitment already had is not judged again,
// so correcting an imported commitment never trips over what OGP's data holds.

/** What a commitment links to besides its own columns: its policy areas, institutions and earlier commitment. */
export interface Links {
  policyAreas: string[];
  lead: Array<{ id: string; name: string }>;
  supporting: Array<{ id: string; name: string }>;
  carriedForward: { id: string; ogpId: string } | null;
}

async function checkNumber(trx: DbOrTrx, planId: string, number: string, current: CommitmentsTable | null, errors: FieldErrorCollector): Promise<void> {
  // A number the commitment already had stands: OGP's data has plans where two commitments share one.
  if (number === '' || errors.has('number') || (current && current.number.toLowerCase() === number.toLowerCase())) return;
  if (await planNumberTaken(trx, planId, number, current?.id ?? null)) errors.add('number', 'commitments.errors.numberTaken', { number });
}

async function checkOrganisations(trx: DbOrTrx, draft: CommitmentDraft, errors: FieldErrorCollector): Promise<Pick<Links, 'lead' | 'supporting'>> {
  const found = new Map((await findOrganisationsByIds(trx, [...draft.leadIds, ...draft.supportingIds])).map((o) => [o.id, o]));
  const pick = (field: 'lead' | 'supporting', ids: string[]) => {
    // Only organisations already in the registry can be chosen: an unknown one is never created on the way.
    if (ids.some((id) => !found.has(id))) errors.add(field, 'commitments.errors.organisationUnknown');
    return ids.flatMap((id) => {
      const organisation = found.get(id);
      return organisation ? [{ id, name: organisation.name }] : [];
    });
  };
  return { lead: pick('lead', draft.leadIds), supporting: pick('supporting', draft.supportingIds) };
}

/** The earlier commitment this one carries forward: the same member's, from a plan before this one. */
async function checkCarriedForward(
  trx: DbOrTrx,
  ogpId: string | null,
  plan: ActionPlansTable,
  current: CommitmentsTable | null,
  errors: FieldErrorCollector,
): Promise<Links['carriedForward']> {
  if (ogpId === null) return null;
  const earlier = await findEarlierCandidate(trx, { ogpId });
  if (!earlier) {
    errors.add('carriedForwardFrom', 'commitments.errors.carriedForwardUnknown', { id: ogpId });
    return null;
  }
  // A link the commitment already had stands, as an imported one may not meet today's rule.
  if (current && current.carried_forward_from_id === earlier.id) return { id: earlier.id, ogpId: earlier.ogp_id };
  if (earlier.member_id !== plan.member_id) errors.add('carriedForwardFrom', 'commitments.errors.carriedForwardOtherMember', { id: ogpId });
  else if (earlier.plan_number >= plan.number) errors.add('carriedForwardFrom', 'commitments.errors.carriedForwardNotEarlier', { id: ogpId });
  return { id: earlier.id, ogpId: earlier.ogp_id };
}

/** The form's fields from top to bottom: the error summary lists problems in the order the fields come. */
const FIELD_ORDER = [
  'title', 'shortTitle', 'number', 'theme', 'fullText', 'problem', 'statusQuo', 'objective', 'ambition',
  'statedValues', 'policyAreas', 'lead', 'supporting', 'startDate', 'endDate', 'carriedForwardFrom',
];

function throwInPageOrder(errors: FieldErrorCollector): void {
  try {
    errors.throwIfAny();
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    const rank = (field: string) => (FIELD_ORDER.includes(field) ? FIELD_ORDER.indexOf(field) : FIELD_ORDER.length);
    throw validationError(Object.fromEntries(Object.entries(error.fields).sort(([a], [b]) => rank(a) - rank(b))));
  }
}

/** Everything the form says, checked; every problem is thrown together so the form shows them all. */
export async function checkForm(
  trx: DbOrTrx,
  input: CommitmentInput,
  plan: ActionPlansTable,
  current: CommitmentsTable | null,
): Promise<{ columns: CommitmentColumns; links: Links }> {
  const errors = new FieldErrorCollector();
  const draft = readCommitmentForm(input, current, errors);
  checkAgainstPlan(draft.columns, plan, current ?? {}, errors);
  await checkNumber(trx, plan.id, draft.columns.number, current, errors);
  const institutions = await checkOrganisations(trx, draft, errors);
  const carriedForward = await checkCarriedForward(trx, draft.carriedForwardFrom, plan, current, errors);
  throwInPageOrder(errors);
  return { columns: draft.columns, links: { policyAreas: draft.policyAreas, ...institutions, carriedForward } satisfies Links };
}
