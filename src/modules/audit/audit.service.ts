import type { Db } from '../../db/database.ts';
import { FieldErrorCollector } from '../../platform/errors.ts';
import { findUserByEmail } from '../accounts/accounts.repository.ts';
import { normaliseEmail } from '../accounts/accounts.users.ts';
import { pageOffset } from '../../platform/pagination.ts';
import { countAuditEvents, listAuditEvents, listAuditFacets } from './audit.repository.ts';

export const AUDIT_PER_PAGE = 50;

/** The filters exactly as the administrator typed them (trimmed), for echoing back into the form. */
export interface AuditFilters {
  action: string;
  entityType: string;
  entityId: string;
  actor: string;
  from: string;
  to: string;
}

/** Reads the filters from a query string, tolerating anything that failed schema validation. */
export function auditFiltersFrom(query: unknown): AuditFilters {
  const source = query && typeof query === 'object' ? (query as Record<string, unknown>) : {};
  const read = (key: keyof AuditFilters): string => {
    const value = source[key];
    return typeof value === 'string' ? value.trim() : '';
  };
  return { action: read('action'), entityType: read('entityType'), entityId: read('entityId'), actor: read('actor'), from: read('from'), to: read('to') };
}

/** True for a real calendar day written YYYY-MM-DD; 2026-02-30 is not one. */
export function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00.000Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

export type AuditEventRow = Awaited<ReturnType<typeof listAuditEvents>>[number];

export interface AuditSearch {
  filters: AuditFilters;
  facets: { actions: string[]; entityTypes: string[] };
  events: AuditEventRow[];
  total: number;
  page: number;
  perPage: number;
  /** An actor email that matches no account: the search ran and, rightly, found nothing. */
  actorUnknown: boolean;
}

function checkDates(filters: AuditFilters): void {
  const errors = new FieldErrorCollector();
  if (filters.from && !isCalendarDate(filters.from)) errors.add('from', 'audit.errors.dateInvalid');
  if (filters.to && !isCalendarDate(filters.to)) errors.add('to', 'audit.errors.dateInvalid');
  if (filters.from && filters.to && !errors.has('from') && !errors.has('to') && filters.from > filters.to) {
    errors.add('to', 'audit.errors.toBeforeFrom');
  }
  errors.throwIfAny();
}

/** One page of the audit log, newest first, narrowed by the filters. Bad dates are a validation error. */
export async function searchAuditLog(db: Db, filters: AuditFilters, page: number): Promise<AuditSearch> {
  checkDates(filters);
  const facets = await listAuditFacets(db);
  const request = { page, perPage: AUDIT_PER_PAGE };
  let actorId: string | undefined;
  if (filters.actor) {
    const actor = await findUserByEmail(db, normaliseEmail(filters.actor));
    if (!actor) return { filters, facets, events: [], total: 0, ...request, actorUnknown: true };
    actorId = actor.id;
  }
  const filter = {
    actorId,
    action: filters.action || undefined,
    entityType: filters.entityType || undefined,
    entityId: filters.entityId || undefined,
    from: filters.from || undefined,
    to: filters.to || undefined,
  };
  const [events, total] = await Promise.all([
    listAuditEvents(db, { ...filter, limit: request.perPage, offset: pageOffset(request) }),
    countAuditEvents(db, filter),
  ]);
  return { filters, facets, events, total, ...request, actorUnknown: false };
}

/** What the page shows around a rejected filter: the form as typed, and no results until it is fixed. */
export async function rejectedSearchContext(db: Db, query: unknown): Promise<Omit<AuditSearch, 'page' | 'perPage'>> {
  return { filters: auditFiltersFrom(query), facets: await listAuditFacets(db), events: [], total: 0, actorUnknown: false };
}
