import type { DbOrTrx } from '../../db/database.ts';
import type { CommitmentsTable } from '../../db/schema.ts';
import type { Translate } from '../../platform/i18n.ts';
import { POLICY_AREA_COLUMNS } from '../commitment-data/sheet-columns.ts';
import { listOrganisations } from '../organisations/organisations.repository.ts';
import { STATED_VALUE_NAMES, STATED_VALUES } from './commitment-fields.ts';
import { findOrganisationsByIds, type OrganisationChoice } from './commitment-form.repository.ts';

// What the commitment form shows besides the typed text: the boxes for policy areas and OGP values, and
// the two institution pickers. Without JavaScript an organisation is found by a search button that posts
// the whole form back: the form returns with everything kept and the matches offered as boxes to tick.

/** How many organisations one search offers; more means the search should be more precise. */
export const INSTITUTION_CHOICES = 20;
export const QUERY_MAX = 200;
export const INSTITUTION_ROLES = ['lead', 'supporting'] as const;
export type InstitutionRole = (typeof INSTITUTION_ROLES)[number];

/** What is ticked and searched for, from the posted form or the stored commitment. */
export interface FormSelection {
  policyAreas: string[];
  statedValues: string[];
  lead: string[];
  supporting: string[];
  leadQuery: string;
  supportingQuery: string;
}

type Posted = Partial<Record<keyof FormSelection, unknown>>;

const list = (value: unknown): string[] => (Array.isArray(value) ? value : typeof value === 'string' ? [value] : []).filter((v): v is string => typeof v === 'string');
const text = (value: unknown): string => (typeof value === 'string' ? value.trim().slice(0, QUERY_MAX) : '');

export function postedSelection(body: unknown): FormSelection {
  const posted = (body && typeof body === 'object' ? body : {}) as Posted;
  return {
    policyAreas: list(posted.policyAreas),
    statedValues: list(posted.statedValues),
    lead: list(posted.lead),
    supporting: list(posted.supporting),
    leadQuery: text(posted.leadQuery),
    supportingQuery: text(posted.supportingQuery),
  };
}

/** The stated values that are ticked for a stored commitment: those stated relevant. */
export const statedTicks = (commitment: Pick<CommitmentsTable, (typeof STATED_VALUES)[keyof typeof STATED_VALUES]>): string[] =>
  STATED_VALUE_NAMES.filter((name) => commitment[STATED_VALUES[name]] === 1);

interface CheckboxItem {
  value: string;
  text: string;
  hint?: { text: string };
  checked: boolean;
}

/** The picker's words, each key written out so the translation tests can find it. */
function pickerTexts(t: Translate, role: InstitutionRole) {
  return role === 'lead'
    ? {
        heading: t('commitments.commitmentForm.leadHeading'),
        lead: t('commitments.commitmentForm.leadLead'),
        searchLabel: t('commitments.commitmentForm.leadSearchLabel'),
        legend: t('commitments.commitmentForm.leadLegend'),
      }
    : {
        heading: t('commitments.commitmentForm.supportingHeading'),
        lead: t('commitments.commitmentForm.supportingLead'),
        searchLabel: t('commitments.commitmentForm.supportingSearchLabel'),
        legend: t('commitments.commitmentForm.supportingLegend'),
      };
}

export interface InstitutionPicker {
  role: InstitutionRole;
  texts: ReturnType<typeof pickerTexts>;
  q: string;
  searched: boolean;
  /** How many organisations the search found that are not chosen already. */
  found: number;
  /** More organisations match than are offered. */
  more: boolean;
  items: CheckboxItem[];
}

const organisationItem = (t: Translate, o: OrganisationChoice, checked: boolean): CheckboxItem => ({
  value: o.id,
  text: o.name,
  hint: { text: t(`organisations.types.${o.org_type}`, { defaultValue: o.org_type }) },
  checked,
});

/** The chosen organisations, ticked, in their order; then any the search found, not yet ticked. */
async function institutionPicker(db: DbOrTrx, t: Translate, role: InstitutionRole, chosen: readonly string[], q: string): Promise<InstitutionPicker> {
  const known = new Map((await findOrganisationsByIds(db, chosen)).map((o) => [o.id, o]));
  const items = chosen.flatMap((id) => {
    const organisation = known.get(id);
    return organisation ? [organisationItem(t, organisation, true)] : [];
  });
  const texts = pickerTexts(t, role);
  if (q === '') return { role, texts, q, searched: false, found: 0, more: false, items };
  const found = await listOrganisations(db, { q }, { page: 1, perPage: INSTITUTION_CHOICES });
  const fresh = found.items.filter((o) => !known.has(o.id));
  return { role, texts, q, searched: true, found: fresh.length, more: found.total > found.items.length, items: [...items, ...fresh.map((o) => organisationItem(t, o, false))] };
}

export async function selectionView(db: DbOrTrx, t: Translate, selection: FormSelection) {
  const areas = new Set(selection.policyAreas);
  const stated = new Set(selection.statedValues);
  return {
    policyAreaItems: POLICY_AREA_COLUMNS.map((area) => ({ value: area, text: area, checked: areas.has(area) })),
    statedItems: STATED_VALUE_NAMES.map((name) => ({ value: name, text: t(`commitments.values.${STATED_VALUES[name]}`), checked: stated.has(name) })),
    pickers: [await institutionPicker(db, t, 'lead', selection.lead, selection.leadQuery), await institutionPicker(db, t, 'supporting', selection.supporting, selection.supportingQuery)],
  };
}
