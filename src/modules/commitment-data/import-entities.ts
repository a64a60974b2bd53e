import type { Trx } from '../../db/database.ts';
import type { OrganisationsTable } from '../../db/schema.ts';
import { recordAudit } from '../../platform/audit.ts';
import { newId, nowIso } from '../../platform/ids.ts';
import type { PlanStatus } from '../commitments/commitment-status.ts';
import { countryName } from '../members/country-codes.ts';
import { checkMemberCode } from '../members/member-codes.ts';
import { createMemberInTransaction } from '../members/members.service.ts';
import { validateOrganisation } from '../organisations/organisations.service.ts';
import { chooseSlug } from '../organisations/slugs.ts';
import { insertPlan } from '../plans/plans.repository.ts';
import { fillMemberCodes, insertAuditEvents, insertOrganisations, type KnownOrganisation } from './commitment-data.repository.ts';
import type { KnownRecords } from './import-check.ts';
import { guessOrganisationType, institutionKey } from './institutions.ts';
import type { SheetMember, SheetPlan } from './sheet-row.ts';

// The members, action plans and organisations a sheet names: found among those stored, or created,
// each creation and each filled-in member code audited in the import's transaction.

export interface ResolvedMember {
  id: string;
  /** The country's English name, for telling apart organisations of the same name in different countries. */
  country: string;
}

/** A member as the sheet names it: found by code or name (its missing code and region filled in), or created. */
export async function resolveMember(trx: Trx, actorId: string | null, known: KnownRecords, sheet: SheetMember): Promise<{ member: ResolvedMember; created: boolean; updated: boolean }> {
  const check = checkMemberCode(sheet.code, sheet.memberType);
  const countryCode = check.ok ? check.countryCode : null;
  const country = countryCode ? countryName(countryCode, 'en') : sheet.name;
  const stored = known.member(sheet);
  if (stored) {
    const fill = {
      ogp_code: stored.ogp_code ?? (sheet.codeIsRegistered && !known.membersByCode.has(sheet.code) ? sheet.code : null),
      region: stored.region ?? sheet.region,
    };
    const updated = fill.ogp_code !== stored.ogp_code || fill.region !== stored.region;
    if (updated) {
      await fillMemberCodes(trx, stored.id, fill);
      const before = { ogp_code: stored.ogp_code, region: stored.region };
      const changed = (Object.keys(fill) as Array<keyof typeof fill>).filter((k) => fill[k] !== before[k]);
      await recordAudit(trx, {
        actorId,
        action: 'member.updated',
        entityType: 'member',
        entityId: stored.id,
        summary: `Member updated from OGP's commitment data: ${changed.join(', ')}`,
        before: Object.fromEntries(changed.map((k) => [k, before[k]])),
        after: Object.fromEntries(changed.map((k) => [k, fill[k]])),
        isPublic: true,
      });
      Object.assign(stored, fill);
      if (fill.ogp_code) known.membersByCode.set(fill.ogp_code, stored);
    }
    return { member: { id: stored.id, country: stored.country_code ? countryName(stored.country_code, 'en') : country }, created: false, updated };
  }
  const row = await createMemberInTransaction(trx, actorId, {
    name: sheet.name,
    memberType: sheet.memberType,
    countryCode,
    ogpCode: sheet.codeIsRegistered ? sheet.code : null,
    region: sheet.region,
  });
  const created = { id: row.id, name: row.name, member_type: row.member_type, ogp_code: row.ogp_code, region: row.region, country_code: row.country_code };
  if (row.ogp_code) known.membersByCode.set(row.ogp_code, created);
  known.membersByName.set(institutionKey(row.name), created);
  return { member: { id: row.id, country }, created: true, updated: false };
}

/** A plan's stage from its years: not begun, running, or over. The sheet gives years only. */
export function planStatusFromYears(plan: Pick<SheetPlan, 'submittedYear' | 'endYear'>, today: Date = new Date()): PlanStatus {
  const year = today.getUTCFullYear();
  if (plan.endYear < year) return 'completed';
  return plan.submittedYear > year ? 'submitted' : 'implementation';
}

/** A plan the sheet names: the stored one, or a new one spanning the years the sheet gives. */
export async function resolvePlan(trx: Trx, actorId: string | null, known: KnownRecords, memberId: string, sheet: SheetPlan): Promise<{ id: string; created: boolean }> {
  const stored = known.plansByOgpId.get(sheet.ogpId);
  if (stored) return { id: stored.id, created: false };
  const now = nowIso();
  // The sheet gives the years only, so the plan spans them whole.
  const fields = {
    ogp_id: sheet.ogpId,
    number: sheet.number,
    title: '',
    start_date: `${sheet.submittedYear}-01-01`,
    end_date: `${sheet.endYear}-12-31`,
    due_date: null,
    submitted_on: null,
    status: planStatusFromYears(sheet),
  };
  const plan = { id: newId(), member_id: memberId, ...fields, created_at: now, updated_at: now };
  await insertPlan(trx, plan);
  const { status, ...rest } = fields;
  await recordAudit(trx, {
    actorId,
    action: 'plan.created',
    entityType: 'plan',
    entityId: plan.id,
    summary: `Action plan created from OGP's commitment data: ${plan.ogp_id}`,
    after: { ...rest, plan_status: status },
    isPublic: true,
  });
  const entry = { id: plan.id, ogp_id: plan.ogp_id, member_id: memberId, number: plan.number };
  known.plansByOgpId.set(plan.ogp_id, entry);
  known.plansByMemberNumber.set(`${memberId}|${plan.number}`, entry);
  return { id: plan.id, created: true };
}

const countryKey = (country: string | null): string => (country ?? '').trim().toLowerCase();

/**
 * Organisations by name within a country: "Ministry of Justice" of Albania is not Georgia's. One stored
 * without a country is taken for any country, so the registry's own entries are found by name alone.
 */
export class OrganisationDirectory {
  private readonly byNameAndCountry = new Map<string, string>();
  private readonly byNameOnly = new Map<string, string>();
  private readonly slugs = new Set<string>();
  created = 0;

  constructor(organisations: readonly KnownOrganisation[]) {
    for (const o of organisations) {
      this.remember(o.id, o.name, o.country);
      this.slugs.add(o.slug);
    }
  }

  private remember(id: string, name: string, country: string | null): void {
    const key = institutionKey(name);
    this.byNameAndCountry.set(`${key}|${countryKey(country)}`, id);
    if (!country && !this.byNameOnly.has(key)) this.byNameOnly.set(key, id);
  }

  find(name: string, country: string): string | undefined {
    const key = institutionKey(name);
    return this.byNameAndCountry.get(`${key}|${countryKey(country)}`) ?? this.byNameOnly.get(key);
  }

  /** The ids for these names, creating (in one batch, each audited) the organisations not yet known. */
  async ensure(trx: Trx, actorId: string | null, wanted: ReadonlyArray<{ name: string; country: string }>): Promise<void> {
    const now = nowIso();
    const rows: OrganisationsTable[] = [];
    for (const { name, country } of wanted) {
      if (this.find(name, country)) continue;
      const fields = validateOrganisation({ name, orgType: guessOrganisationType(name), country });
      const slug = chooseSlug(fields.name, 'organisation', this.slugs);
      this.slugs.add(slug);
      const row: OrganisationsTable = { id: newId(), slug, ...fields, created_at: now, updated_at: now };
      rows.push(row);
      this.remember(row.id, row.name, row.country);
    }
    if (rows.length === 0) return;
    await insertOrganisations(trx, rows);
    // The organisations' history is public from its first event, as the registry's own creations are.
    await insertAuditEvents(
      trx,
      rows.map((row) => ({
        id: newId(),
        occurred_at: now,
        actor_id: actorId,
        action: 'organisation.created',
        entity_type: 'organisation',
        entity_id: row.id,
        summary: `Organisation created from OGP's commitment data: ${row.name}`,
        before_json: null,
        after_json: JSON.stringify({ name: row.name, org_type: row.org_type, country: row.country, website: row.website, description: row.description }),
        is_public: 1,
      })),
    );
    this.created += rows.length;
  }

  /** Ids of names already ensured. */
  ids(names: readonly string[], country: string): string[] {
    return names.map((name) => this.find(name, country)).filter((id): id is string => id !== undefined);
  }
}
