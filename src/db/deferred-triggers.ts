import { sql } from 'kysely';
import type { Trx } from './database.ts';
import { dialectOf } from './fulltext.ts';

// On PostgreSQL, every row written queues one event for each deferred trigger on its table, and each event runs its
// trigger function at commit. Those triggers move the page version counters (once per transaction, whatever the
// number of rows) and name each changed record in explorer_changes. At ×10 the generator's two million rows queued
// some five million events: the commit alone took 17 s of a 91 s run. For a load that only inserts, the same two
// effects can be had set-wise at the end: each counter moved once, and every record written named in one statement
// per list. Everything happens in the caller's transaction, so an error or a rollback leaves the triggers as they were.

/** pg_trigger.tgtype's bit for INSERT (TRIGGER_TYPE_INSERT in PostgreSQL's sources). */
const INSERT_EVENT = 4;
/** explorer_changes rows written per statement when replaying. */
const IDS_PER_STATEMENT = 50_000;

interface DeferredTrigger {
  table: string;
  name: string;
  fn: string;
  args: string[];
}

/** What a paused trigger would have done, done once for the whole load. */
type Replay =
  /** A page version counter: `UPDATE <counter> SET version = version + 1` (the `<counter>_bump` functions). */
  | { kind: 'counter'; counter: string }
  /** indicators_data_version's row for one source. */
  | { kind: 'indicators'; source: string }
  /** explorer_changes_record(entity, key): each written row's key named under the entity. */
  | { kind: 'changes'; entity: string; key: string };

/** Told the rows a load inserted into a table: its columns, and their values row after row. */
export type NoteInserted = (table: string, columns: readonly string[], values: readonly unknown[]) => void;

async function deferredInsertTriggers(trx: Trx, tables: readonly string[]): Promise<DeferredTrigger[]> {
  const { rows } = await sql<{ table: string; name: string; fn: string; args: string }>`
    SELECT c.relname AS "table", t.tgname AS name, p.proname AS fn, encode(t.tgargs, 'escape') AS args
    FROM pg_trigger t
    JOIN pg_class c ON c.oid = t.tgrelid
    JOIN pg_proc p ON p.oid = t.tgfoid
    WHERE NOT t.tgisinternal AND t.tgdeferrable AND t.tgenabled = 'O' AND (t.tgtype & ${INSERT_EVENT}) <> 0
      AND c.relnamespace = current_schema()::regnamespace AND c.relname = ANY(${[...tables]}::text[])
    ORDER BY c.relname, t.tgname`.execute(trx);
  // tgargs holds each argument followed by a NUL byte; encode(…, 'escape') writes that byte as \000.
  return rows.map((r) => ({ ...r, args: r.args.split('\\000').slice(0, -1) }));
}

async function replayOf(trx: Trx, trigger: DeferredTrigger): Promise<Replay> {
  const { fn, args } = trigger;
  if (fn === 'explorer_changes_record' && args.length === 2) return { kind: 'changes', entity: args[0]!, key: args[1]! };
  if (fn === 'indicators_data_version_bump' && args.length === 1) return { kind: 'indicators', source: args[0]! };
  const counter = fn.endsWith('_version_bump') && args.length === 0 ? fn.slice(0, -'_bump'.length) : null;
  if (counter !== null) {
    const { rows } = await sql<{ found: string | null }>`SELECT to_regclass(${counter})::text AS found`.execute(trx);
    if (rows[0]?.found) return { kind: 'counter', counter };
  }
  throw new Error(
    `Deferred trigger ${trigger.name} on ${trigger.table} runs ${fn}(${args.join(', ')}), which a bulk load does not know how to replay; ` +
      'teach src/db/deferred-triggers.ts what it does, or leave its table out of the load',
  );
}

/**
 * Runs `load`, which only inserts, into `tables`, with their deferred insert triggers switched off, then does once
 * what they would have done row by row. `load` must report every row it inserts through `noteInserted`. The triggers
 * are off for other sessions' writes too, which therefore wait (ALTER TABLE takes a lock that only readers pass)
 * until the caller's transaction ends. On SQLite, whose triggers run as each row is written, `load` simply runs.
 */
export async function withDeferredTriggersPaused<T>(trx: Trx, tables: readonly string[], load: (noteInserted: NoteInserted) => Promise<T>): Promise<T> {
  if (!trx.isTransaction) throw new Error('withDeferredTriggersPaused needs the transaction that writes the rows');
  if (dialectOf(trx) !== 'postgres') return load(() => {});
  const triggers = await deferredInsertTriggers(trx, tables);
  const replays = await Promise.all(triggers.map((trigger) => replayOf(trx, trigger)));
  const keysByTable = new Map<string, Set<string>>();
  triggers.forEach((trigger, i) => {
    const replay = replays[i]!;
    if (replay.kind === 'changes') keysByTable.set(trigger.table, (keysByTable.get(trigger.table) ?? new Set()).add(replay.key));
  });
  const written = new Set<string>();
  const keys = new Map<string, Set<string>>();
  const noteInserted: NoteInserted = (table, columns, values) => {
    written.add(table);
    for (const key of keysByTable.get(table) ?? []) {
      const column = columns.indexOf(key);
      if (column < 0) throw new Error(`Rows inserted into ${table} without ${key}, which explorer_changes needs`);
      const found = keys.get(`${table}.${key}`) ?? new Set<string>();
      keys.set(`${table}.${key}`, found);
      for (let at = column; at < values.length; at += columns.length) if (values[at] !== null && values[at] !== undefined) found.add(String(values[at]));
    }
  };
  const setEnabled = async (enabled: boolean) => {
    for (const { table, name } of triggers) {
      await sql`ALTER TABLE ${sql.table(table)} ${sql.raw(enabled ? 'ENABLE' : 'DISABLE')} TRIGGER ${sql.id(name)}`.execute(trx);
    }
  };
  await setEnabled(false);
  let result: T;
  try {
    result = await load(noteInserted);
  } catch (error) {
    // Should the caller go on and commit regardless, the triggers must be back; the original error matters more.
    await setEnabled(true).catch(() => {});
    throw error;
  }
  await setEnabled(true);
  await replay(trx, triggers, replays, written, keys);
  return result;
}

async function replay(trx: Trx, triggers: DeferredTrigger[], replays: Replay[], written: Set<string>, keys: Map<string, Set<string>>): Promise<void> {
  const counters = new Set<string>();
  const sources = new Set<string>();
  const changes = new Map<string, Set<string>>();
  triggers.forEach((trigger, i) => {
    if (!written.has(trigger.table)) return;
    const r = replays[i]!;
    if (r.kind === 'counter') counters.add(r.counter);
    else if (r.kind === 'indicators') sources.add(r.source);
    else {
      // explorer_changes_record moves commitment_search_version itself and records under the version it moved to.
      counters.add('commitment_search_version');
      const ids = changes.get(r.entity) ?? new Set<string>();
      changes.set(r.entity, ids);
      for (const id of keys.get(`${trigger.table}.${r.key}`) ?? []) ids.add(id);
    }
  });
  for (const counter of [...counters].sort()) await sql`UPDATE ${sql.table(counter)} SET version = version + 1 WHERE id = 1`.execute(trx);
  for (const source of [...sources].sort()) await sql`UPDATE indicators_data_version SET version = version + 1 WHERE source = ${source}`.execute(trx);
  for (const [entity, ids] of changes) {
    const list = [...ids];
    for (let start = 0; start < list.length; start += IDS_PER_STATEMENT) {
      await sql`
        INSERT INTO explorer_changes (entity, entity_id, version)
        SELECT ${entity}, id, (SELECT version FROM commitment_search_version WHERE id = 1)
        FROM unnest(${list.slice(start, start + IDS_PER_STATEMENT)}::text[]) AS id
        ON CONFLICT (entity, entity_id) DO UPDATE SET version = EXCLUDED.version`.execute(trx);
    }
  }
}
