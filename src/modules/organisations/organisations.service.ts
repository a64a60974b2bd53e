import type { DbOrTrx } from '../../db/database.ts';
import { type AuditEntry, recordAudit } from '../../platform/audit.ts';
import { changedFields } from '../../platform/changes.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError, FieldErrorCollector, notFound, validationError } from '../../platform/errors.ts';
import { newId, nowIso } from '../../platform/ids.ts';
import type { Actor } from '../../platform/roles.ts';
import { findUserByEmail } from '../accounts/accounts.repository.ts';
import { normaliseEmail } from '../accounts/accounts.users.ts';
import { listPublicHistory } from '../audit/audit.repository.ts';
import { grantRoleInTransaction, revokeRoleInTransaction } from '../roles/roles.service.ts';
import { isOrganisationType } from './organisation-types.ts';
import {
  findOrganisationById,
  findOrganisationBySlug,
  findOrganisationPerson,
  findOrganisationSlugsLike,
  insertOrganisation,
  listOrganisationPeople,
  listOrganisations,
  type OrganisationFilter,
  type OrganisationPerson,
  type OrganisationRow,
  updateOrganisation as updateOrganisationRow,
} from './organisations.repository.ts';
import type { Page, PageRequest } from '../../platform/pagination.ts';
import { chooseSlug, retryOnSlugRace, slugBase } from './slugs.ts';

export type { OrganisationRow } from './organisations.repository.ts';

export const NAME_MAX = 200;
export const COUNTRY_MAX = 100;
export const WEBSITE_MAX = 2000;
export const DESCRIPTION_MAX = 5000;
export const SEARCH_MAX = 200;
const SLUG_FALLBACK = 'organisation';

export interface OrganisationInput {
  name: string;
  orgType: string;
  country?: string | null;
  website?: string | null;
  description?: string | null;
}

type OrganisationFields = Pick<OrganisationRow, 'name' | 'org_type' | 'country' | 'website' | 'description'>;

// Counts characters as people see them, so an accented name is not penalised for its UTF-16 length.
const length = (text: string): number => [...text].length;

function isWebAddress(text: string): boolean {
  try {
    const url = new URL(text);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}

/** Checks every field at once and returns the values as they will be stored. */
export function validateOrganisation(input: OrganisationInput): OrganisationFields {
  const errors = new FieldErrorCollector();
  const name = (input.name ?? '').trim();
  const country = (input.country ?? '').trim();
  const website = (input.website ?? '').trim();
  // Browsers send line breaks as CRLF; one form keeps lengths and stored text the same wherever it came from.
  const description = (input.description ?? '').replace(/\r\n?/g, '\n').trim();
  if (name === '') errors.add('name', 'organisations.errors.nameRequired');
  else if (length(name) > NAME_MAX) errors.add('name', 'organisations.errors.nameTooLong', { max: NAME_MAX });
  if (!isOrganisationType(input.orgType)) errors.add('orgType', 'organisations.errors.typeInvalid');
  if (length(country) > COUNTRY_MAX) errors.add('country', 'organisations.errors.countryTooLong', { max: COUNTRY_MAX });
  if (length(website) > WEBSITE_MAX) errors.add('website', 'organisations.errors.websiteTooLong', { max: WEBSITE_MAX });
  else if (website !== '' && !isWebAddress(website)) errors.add('website', 'organisations.errors.websiteInvalid');
  if (length(description) > DESCRIPTION_MAX) errors.add('description', 'organisations.errors.descriptionTooLong', { max: DESCRIPTION_MAX });
  errors.throwIfAny();
  return { name, org_type: input.orgType, country: country || null, website: website || null, description };
}

/** Records a change to an organisation. Its whole history is public, so no event can be left out of it. */
function recordOrganisationEvent(
  trx: DbOrTrx,
  actorId: string | null,
  organisationId: string,
  event: Pick<AuditEntry, 'action' | 'summary' | 'before' | 'after'>,
): Promise<void> {
  return recordAudit(trx, { actorId, entityType: 'organisation', entityId: organisationId, isPublic: true, ...event });
}

/** Creates an organisation inside the caller's transaction, with its public audit event. */
export async function createOrganisationInTransaction(trx: DbOrTrx, actorId: string | null, input: OrganisationInput): Promise<OrganisationRow> {
  const fields = validateOrganisation(input);
  const slug = chooseSlug(fields.name, SLUG_FALLBACK, await findOrganisationSlugsLike(trx, slugBase(fields.name, SLUG_FALLBACK)));
  const now = nowIso();
  const organisation: OrganisationRow = { id: newId(), slug, ...fields, created_at: now, updated_at: now };
  await insertOrganisation(trx, organisation);
  await recordOrganisationEvent(trx, actorId, organisation.id, {
    action: 'organisation.created',
    summary: `Organisation created: ${fields.name}`,
    after: fields,
  });
  return organisation;
}

export function createOrganisation(ctx: AppContext, actor: Actor, input: OrganisationInput): Promise<OrganisationRow> {
  return retryOnSlugRace(() => ctx.db.transaction().execute((trx) => createOrganisationInTransaction(trx, actor.id, input)));
}

/**
 * Saves an edit and records what changed. The slug stays as it was: it is the organisation's
 * public address, and links to it elsewhere must keep working after a rename.
 */
export function updateOrganisation(ctx: AppContext, actor: Actor, organisationId: string, input: OrganisationInput): Promise<OrganisationRow> {
  return ctx.db.transaction().execute(async (trx) => {
    const current = await findOrganisationById(trx, organisationId);
    if (!current) throw notFound();
    const fields = validateOrganisation(input);
    const changes = changedFields<OrganisationFields>(current, fields);
    // Saving an unchanged form is not a change, so it leaves no trace in the history.
    if (!changes) return current;
    await updateOrganisationRow(trx, organisationId, fields);
    await recordOrganisationEvent(trx, actor.id, organisationId, {
      action: 'organisation.updated',
      summary: `Organisation updated: ${Object.keys(changes.after).join(', ')}`,
      ...changes,
    });
    const updated = await findOrganisationById(trx, organisationId);
    if (!updated) throw notFound();
    return updated;
  });
}

export interface OrganisationSearch extends OrganisationFilter, PageRequest {}

/** One page of the registry for the list page and the API alike. */
export function searchOrganisations(db: DbOrTrx, search: OrganisationSearch): Promise<Page<OrganisationRow>> {
  const filter: OrganisationFilter = {
    q: search.q?.trim().slice(0, SEARCH_MAX) || undefined,
    orgType: search.orgType || undefined,
  };
  return listOrganisations(db, filter, search);
}

export async function getOrganisation(db: DbOrTrx, slug: string): Promise<OrganisationRow> {
  const organisation = await findOrganisationBySlug(db, slug);
  if (!organisation) throw notFound();
  return organisation;
}

export interface OrganisationProfile {
  organisation: OrganisationRow;
  people: OrganisationPerson[];
  history: Awaited<ReturnType<typeof listPublicHistory>>;
}

/** Everything the profile page shows. People come with emails; the page decides who may see them. */
export async function getOrganisationProfile(db: DbOrTrx, slug: string): Promise<OrganisationProfile> {
  const organisation = await getOrganisation(db, slug);
  const [people, history] = await Promise.all([
    listOrganisationPeople(db, organisation.id),
    listPublicHistory(db, 'organisation', organisation.id),
  ]);
  return { organisation, people, history };
}

/**
 * Gives someone, found by their email, the organisation_member role for this organisation. The roles service
 * records the public event on the organisation; a refusal about the account is shown on the email field.
 */
export function addOrganisationPerson(ctx: AppContext, actor: Actor, organisationId: string, email: string): Promise<OrganisationPerson> {
  return ctx.db.transaction().execute(async (trx) => {
    const organisation = await findOrganisationById(trx, organisationId);
    if (!organisation) throw notFound();
    const address = normaliseEmail(email ?? '');
    if (address === '') throw validationError({ email: { key: 'organisations.errors.emailRequired' } });
    const user = await findUserByEmail(trx, address);
    if (!user) throw validationError({ email: { key: 'organisations.errors.personUnknown' } });
    const people = await listOrganisationPeople(trx, organisationId);
    if (people.some((p) => p.userId === user.id)) throw validationError({ email: { key: 'organisations.errors.alreadyMember' } });
    const grant = await grantRoleInTransaction(trx, actor.id, { userId: user.id, role: 'organisation_member', organisationId }).catch((error: unknown) => {
      // This form has one field: the person it names is what the grant refused (an unconfirmed address, say).
      if (error instanceof AppError && error.code === 'VALIDATION_FAILED' && error.fields.role) throw validationError({ email: error.fields.role });
      throw error;
    });
    return { grantId: grant.id, userId: user.id, displayName: user.display_name, email: user.email };
  });
}

/** Takes the organisation_member role away again; the grant must belong to this organisation. The roles service records the public event. */
export function removeOrganisationPerson(ctx: AppContext, actor: Actor, organisationId: string, grantId: string): Promise<OrganisationPerson> {
  return ctx.db.transaction().execute(async (trx) => {
    const person = await findOrganisationPerson(trx, organisationId, grantId);
    if (!person) throw notFound();
    await revokeRoleInTransaction(trx, actor.id, person.grantId);
    return person;
  });
}
