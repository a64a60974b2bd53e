import type { DbOrTrx } from '../../db/database.ts';

export interface AuditFilter {
  actorId?: string;
  action?: string;
  entityType?: string;
  entityId?: string;
  /** Inclusive ISO date bounds (YYYY-MM-DD). */
  from?: string;
  to?: string;
  limit: number;
  offset: number;
}

function filtered(db: DbOrTrx, filter: Omit<AuditFilter, 'limit' | 'offset'>) {
  let query = db.selectFrom('audit_events').leftJoin('users', 'users.id', 'audit_events.actor_id');
  if (filter.actorId) query = query.where('audit_events.actor_id', '=', filter.actorId);
  if (filter.action) query = query.where('audit_events.action', '=', filter.action);
  if (filter.entityType) query = query.where('audit_events.entity_type', '=', filter.entityType);
  if (filter.entityId) query = query.where('audit_events.entity_id', '=', filter.entityId);
  if (filter.from) query = query.where('audit_events.occurred_at', '>=', filter.from);
  // The day named in `to` is included in full.
  if (filter.to) query = query.where('audit_events.occurred_at', '<', `${filter.to}T23:59:59.999Z~`);
  return query;
}

/** One page of the log, newest first, with each actor's name. */
export function listAuditEvents(db: DbOrTrx, filter: AuditFilter) {
  return filtered(db, filter)
    .select([
      'audit_events.id',
      'audit_events.occurred_at',
      'audit_events.actor_id',
      'audit_events.action',
      'audit_events.entity_type',
      'audit_events.entity_id',
      'audit_events.summary',
      'audit_events.before_json',
      'audit_events.after_json',
      'audit_events.is_public',
      'users.display_name as actor_name',
      'users.email as actor_email',
    ])
    .orderBy('audit_events.occurred_at', 'desc')
    .orderBy('audit_events.id', 'desc')
    .limit(filter.limit)
    .offset(filter.offset)
    .execute();
}

export async function countAuditEvents(db: DbOrTrx, filter: Omit<AuditFilter, 'limit' | 'offset'>): Promise<number> {
  const row = await filtered(db, filter).select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow();
  return Number(row.count);
}

/** The distinct actions and entity types, for filter dropdowns. */
export async function listAuditFacets(db: DbOrTrx): Promise<{ actions: string[]; entityTypes: string[] }> {
  const actions = await db.selectFrom('audit_events').select('action').distinct().orderBy('action').execute();
  const entityTypes = await db.selectFrom('audit_events').select('entity_type').distinct().orderBy('entity_type').execute();
  return { actions: actions.map((r) => r.action), entityTypes: entityTypes.map((r) => r.entity_type) };
}

/** The public change history of one public record, oldest first. Actor names are shown, emails never. */
export function listPublicHistory(db: DbOrTrx, entityType: string, entityId: string) {
  return db
    .selectFrom('audit_events')
    .leftJoin('users', 'users.id', 'audit_events.actor_id')
    .select([
      'audit_events.id',
      'audit_events.occurred_at',
      'audit_events.action',
      'audit_events.summary',
      'audit_events.before_json',
      'audit_events.after_json',
      'users.display_name as actor_name',
    ])
    .where('audit_events.entity_type', '=', entityType)
    .where('audit_events.entity_id', '=', entityId)
    .where('audit_events.is_public', '=', 1)
    .orderBy('audit_events.occurred_at', 'asc')
    .orderBy('audit_events.id', 'asc')
    .execute();
}
