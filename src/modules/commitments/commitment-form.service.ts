import type { DbOrTrx } from '../../db/database.ts';
import type { CommitmentsTable } from '../../db/schema.ts';
import { recordAudit } from '../../platform/audit.ts';
import { changedFields } from '../../platform/changes.ts';
import type { AppContext } from '../../platform/context.ts';
import { notFound, validationError } from '../../platform/errors.ts';
import { newId, nowIso } from '../../platform/ids.ts';
import type { Actor } from '../../platform/roles.ts';
import { POLICY_AREA_COLUMNS } from '../commitment-data/sheet-columns.ts';
import { findMemberById, type MemberRow } from '../members/members.repository.ts';
import { isUniqueViolation } from '../organisations/slugs.ts';
import { checkForm, type Links } from './commitment-checks.ts';
import { type CommitmentColumns, type CommitmentInput, STATED_VALUES } from './commitment-fields.ts';
import {
  findEarlierCandidate,
  idsWithPrefix,
  insertCommitment,
  institutionsOf,
  lockPlan,
  memberCommitmentIds,
  replaceInstitutions,
  replaceTags,
  tagsOf,
  updateCommitment,
} from './commitment-form.repository.ts';
import { choosePrefix, commitmentIdFor, nextIdNumber } from './commitment-ids.ts';
import { findPlanById } from '../plans/plans.repository.ts';
import { findCommitmentById } from './commitments.repository.ts';

// Adding a commitment to a plan and editing one, by the Support Unit or the member's points of contact.
// Each save is one transaction: the row, its policy areas and theme, its institutions and the public audit
// event, which lists only what changed, so an unchanged save leaves no trace.

const POLICY_AREA = 'policy_area';
const THEME = 'theme';
const POLICY_AREAS: ReadonlySet<string> = new Set(POLICY_AREA_COLUMNS);
/** Two saves racing for the same new id: the loser starts again and takes the next one. */
const ID_ATTEMPTS = 5;

/**
 * The id a member's next commitment would get now (another save may take it first); null when the member has no
 * prefix (no country and no commitments) or, in theory, when its prefix's four digits are all used.
 */
export async function previewCommitmentId(db: DbOrTrx, member: MemberRow): Promise<string | null> {
  const prefix = choosePrefix(await memberCommitmentIds(db, member.id), member.country_code);
  if (!prefix) return null;
  const number = nextIdNumber(prefix, await idsWithPrefix(db, prefix));
  return number === null ? null : commitmentIdFor(prefix, number);
}

const names = (list: Links['lead']): string => list.map((o) => o.name).join('; ');
const ids = (list: Links['lead']): string => list.map((o) => o.id).join('\n');

/** A commitment's fields as its change history shows them: values as words, lists as text, links by OGP id. */
function historyValues(columns: Partial<CommitmentColumns>, links: Partial<Links>): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(columns)) {
    const stated = (Object.values(STATED_VALUES) as string[]).includes(key);
    values[key] = stated && value !== null ? value === 1 : value;
  }
  if (links.policyAreas) values.policy_areas = links.policyAreas.join('; ');
  if (links.lead) values.lead_institutions = names(links.lead);
  if (links.supporting) values.supporting_institutions = names(links.supporting);
  if (links.carriedForward !== undefined) values.carried_forward_from = links.carriedForward?.ogpId ?? null;
  return values;
}

/** Leaves out what a new commitment left empty, so its first history entry lists only what it says. */
const filled = (values: Record<string, unknown>): Record<string, unknown> => Object.fromEntries(Object.entries(values).filter(([, v]) => v !== null && v !== ''));

async function writeInstitutions(trx: DbOrTrx, commitmentId: string, links: Pick<Links, 'lead' | 'supporting'>): Promise<void> {
  await replaceInstitutions(trx, commitmentId, [
    ...links.lead.map((o) => ({ organisationId: o.id, role: 'lead' as const })),
    ...links.supporting.map((o) => ({ organisationId: o.id, role: 'supporting' as const })),
  ]);
}

/** Runs the whole save again when another took the OGP id it chose at the same moment. */
async function retryOnIdRace<T>(run: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await run();
    } catch (error) {
      if (attempt >= ID_ATTEMPTS || !isUniqueViolation(error)) throw error;
    }
  }
}

/** Adds a commitment to the plan, with the next free OGP id for its member's prefix. */
export function createCommitment(ctx: AppContext, actor: Actor, planId: string, input: CommitmentInput): Promise<CommitmentsTable> {
  return retryOnIdRace(() =>
    ctx.db.transaction().execute(async (trx) => {
      const plan = await lockPlan(trx, planId);
      const member = plan && (await findMemberById(trx, plan.member_id));
      if (!plan || !member) throw notFound();
      const { columns, links } = await checkForm(trx, input, plan, null);
      const ogpId = await previewCommitmentId(trx, member);
      if (!ogpId) throw validationError({ ogpId: { key: 'commitments.errors.noIdPrefix' } });
      const now = nowIso();
      const row: CommitmentsTable = {
        id: newId(),
        ogp_id: ogpId,
        plan_id: plan.id,
        member_id: member.id,
        ...columns,
        carried_forward_from_id: links.carriedForward?.id ?? null,
        implementation_status: 'not_started',
        progress_percent: null,
        source: 'platform',
        source_url: null,
        sheet_row_json: null,
        created_at: now,
        updated_at: now,
      };
      await insertCommitment(trx, row);
      await replaceTags(trx, row.id, POLICY_AREA, links.policyAreas);
      // The theme is also a tag, as the import records it, so both kinds of commitment read the same.
      await replaceTags(trx, row.id, THEME, columns.theme === '' ? [] : [columns.theme]);
      await writeInstitutions(trx, row.id, links);
      await recordAudit(trx, {
        actorId: actor.id,
        action: 'commitment.created',
        entityType: 'commitment',
        entityId: row.id,
        isPublic: true,
        summary: `Commitment ${ogpId} added to ${plan.ogp_id}: ${columns.title}`,
        after: filled({ ogp_id: ogpId, ...historyValues(columns, links) }),
      });
      return row;
    }),
  );
}

/** The commitment's links as stored, in the same shape the form is checked into. */
async function storedLinks(trx: DbOrTrx, current: CommitmentsTable): Promise<Links & { otherTags: string[] }> {
  const tags = await tagsOf(trx, current.id, POLICY_AREA);
  const institutions = await institutionsOf(trx, current.id);
  const earlier = current.carried_forward_from_id ? await findEarlierCandidate(trx, { id: current.carried_forward_from_id }) : undefined;
  const org = (i: { organisation_id: string; name: string }) => ({ id: i.organisation_id, name: i.name });
  return {
    policyAreas: POLICY_AREA_COLUMNS.filter((area) => tags.includes(area)),
    // Tags outside the taxonomy cannot be shown as boxes, so an edit keeps them as they are.
    otherTags: tags.filter((tag) => !POLICY_AREAS.has(tag)),
    lead: institutions.filter((i) => i.role === 'lead').map(org),
    supporting: institutions.filter((i) => i.role === 'supporting').map(org),
    carriedForward: earlier ? { id: earlier.id, ogpId: earlier.ogp_id } : null,
  };
}

/** The links that differ, each whole (a list of institutions is one value), before and after. */
function changedLinks(before: Links, after: Links): { before: Partial<Links>; after: Partial<Links> } {
  const changed: { before: Partial<Links>; after: Partial<Links> } = { before: {}, after: {} };
  if (before.policyAreas.join('\n') !== after.policyAreas.join('\n')) {
    changed.before.policyAreas = before.policyAreas;
    changed.after.policyAreas = after.policyAreas;
  }
  for (const role of ['lead', 'supporting'] as const) {
    if (ids(before[role]) === ids(after[role])) continue;
    changed.before[role] = before[role];
    changed.after[role] = after[role];
  }
  if ((before.carriedForward?.id ?? null) !== (after.carriedForward?.id ?? null)) {
    changed.before.carriedForward = before.carriedForward;
    changed.after.carriedForward = after.carriedForward;
  }
  return changed;
}

/** The edit as it would apply to the commitment as it now stands: its plan, the checked form and what would change. */
async function lookAtEdit(trx: DbOrTrx, commitmentId: string, input: CommitmentInput) {
  const current = await findCommitmentById(trx, commitmentId);
  const plan = current && (await findPlanById(trx, current.plan_id));
  if (!current || !plan) throw notFound();
  const { columns, links } = await checkForm(trx, input, plan, current);
  const stored = await storedLinks(trx, current);
  const columnChanges = changedFields<CommitmentColumns>(current, columns);
  const linkChanges = changedLinks(stored, links);
  const changed = columnChanges !== null || Object.keys(linkChanges.after).length > 0;
  return { current, plan, columns, links, stored, columnChanges, linkChanges, changed };
}

/** Saves an edit of the commitment's text, dates, values, areas, institutions and link; returns it as saved. */
export function editCommitment(ctx: AppContext, actor: Actor, commitmentId: string, input: CommitmentInput): Promise<CommitmentsTable> {
  return ctx.db.transaction().execute(async (trx) => {
    // An unchanged save takes no lock and writes nothing at all.
    const first = await lookAtEdit(trx, commitmentId, input);
    if (!first.changed) return first.current;
    // Under the plan's lock, look again: another save may have changed the commitment or taken its new number.
    await lockPlan(trx, first.plan.id);
    const { current, columns, links, stored, columnChanges, linkChanges, changed } = await lookAtEdit(trx, commitmentId, input);
    if (!changed) return current;

    const now = nowIso();
    await updateCommitment(trx, current.id, { ...columns, carried_forward_from_id: links.carriedForward?.id ?? null, updated_at: now });
    if (linkChanges.after.policyAreas) await replaceTags(trx, current.id, POLICY_AREA, [...links.policyAreas, ...stored.otherTags]);
    if (columnChanges?.after.theme !== undefined) {
      const themes = (await tagsOf(trx, current.id, THEME)).filter((tag) => tag !== current.theme);
      await replaceTags(trx, current.id, THEME, columns.theme === '' || themes.includes(columns.theme) ? themes : [columns.theme, ...themes]);
    }
    if (linkChanges.after.lead || linkChanges.after.supporting) await writeInstitutions(trx, current.id, links);
    const before = historyValues(columnChanges?.before ?? {}, linkChanges.before);
    const after = historyValues(columnChanges?.after ?? {}, linkChanges.after);
    await recordAudit(trx, {
      actorId: actor.id,
      action: 'commitment.updated',
      entityType: 'commitment',
      entityId: current.id,
      isPublic: true,
      summary: `Commitment ${current.ogp_id} updated: ${Object.keys(after).join(', ')}`,
      before,
      after,
    });
    return { ...current, ...columns, carried_forward_from_id: links.carriedForward?.id ?? null, updated_at: now };
  });
}

/** What the edit form starts from: the commitment's links as stored, as the form names them. */
export async function storedSelection(db: DbOrTrx, commitment: CommitmentsTable): Promise<{ policyAreas: string[]; lead: string[]; supporting: string[]; carriedForwardFrom: string }> {
  const links = await storedLinks(db, commitment);
  return {
    policyAreas: links.policyAreas,
    lead: links.lead.map((o) => o.id),
    supporting: links.supporting.map((o) => o.id),
    carriedForwardFrom: links.carriedForward?.ogpId ?? '',
  };
}
