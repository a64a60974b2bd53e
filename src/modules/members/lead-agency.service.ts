import type { DbOrTrx } from '../../db/database.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { AppContext } from '../../platform/context.ts';
import { FieldErrorCollector, notFound } from '../../platform/errors.ts';
import type { Actor } from '../../platform/roles.ts';
import { findOrganisationById, listOrganisations, type OrganisationRow } from '../organisations/organisations.repository.ts';
import { findLeadAgency, type LeadAgency, replaceLeadAgency } from './member-status.repository.ts';
import { findMemberById } from './members.repository.ts';

/** How many organisations a lead-agency search offers to choose from; a longer list means a more precise search. */
export const LEAD_AGENCY_CHOICES = 20;

export function getLeadAgency(db: DbOrTrx, memberId: string): Promise<LeadAgency | undefined> {
  return findLeadAgency(db, memberId);
}

/** Organisations whose name holds the words typed, in name order, for choosing one as lead agency. */
export async function searchLeadAgencyChoices(db: DbOrTrx, q: string): Promise<{ items: OrganisationRow[]; total: number }> {
  if (q.trim() === '') return { items: [], total: 0 };
  const page = await listOrganisations(db, { q: q.trim() }, { page: 1, perPage: LEAD_AGENCY_CHOICES });
  return { items: page.items, total: page.total };
}

/**
 * Makes the organisation the member's lead agency, or, with null, leaves it without one. The audit
 * names the organisations, so the public history reads without looking anything up.
 */
export function setLeadAgency(ctx: AppContext, actor: Actor, memberId: string, organisationId: string | null): Promise<void> {
  return ctx.db.transaction().execute(async (trx) => {
    if (!(await findMemberById(trx, memberId))) throw notFound();
    const current = await findLeadAgency(trx, memberId);
    let chosen: OrganisationRow | undefined;
    if (organisationId !== null) {
      chosen = await findOrganisationById(trx, organisationId);
      const errors = new FieldErrorCollector();
      if (!chosen) errors.add('organisationId', 'members.errors.leadAgencyRequired');
      errors.throwIfAny();
    }
    if ((current?.id ?? null) === (chosen?.id ?? null)) return;
    await replaceLeadAgency(trx, memberId, chosen?.id ?? null);
    await recordAudit(trx, {
      actorId: actor.id,
      action: chosen ? 'member.lead_agency_set' : 'member.lead_agency_removed',
      entityType: 'member',
      entityId: memberId,
      summary: chosen ? `Lead agency: ${chosen.name}` : 'Lead agency removed',
      before: { lead_agency: current?.name ?? null },
      after: { lead_agency: chosen?.name ?? null },
      isPublic: true,
    });
  });
}
