import type { DbOrTrx } from '../db/database.ts';
import { newId, nowIso } from './ids.ts';

// Secrets never reach the log, even hashed.
const REDACTED_KEYS = new Set(['password', 'password_hash', 'passwordHash', 'token']);

export interface AuditEntry {
  actorId: string | null;
  action: string;
  entityType: string;
  entityId: string;
  summary?: string;
  before?: object | null;
  after?: object | null;
  /** Public records show their change history to everyone. */
  isPublic?: boolean;
}

function serialise(value: object | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  return JSON.stringify(value, (key, v: unknown) => (REDACTED_KEYS.has(key) ? '[redacted]' : v));
}

/** Appends one event; call it with the transaction that makes the change, so both land or neither. */
export async function recordAudit(trx: DbOrTrx, entry: AuditEntry): Promise<void> {
  await trx
    .insertInto('audit_events')
    .values({
      id: newId(),
      occurred_at: nowIso(),
      actor_id: entry.actorId,
      action: entry.action,
      entity_type: entry.entityType,
      entity_id: entry.entityId,
      summary: entry.summary ?? '',
      before_json: serialise(entry.before),
      after_json: serialise(entry.after),
      is_public: entry.isPublic ? 1 : 0,
    })
    .execute();
}
