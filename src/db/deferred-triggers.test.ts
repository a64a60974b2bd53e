import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { createTestDatabase, type TestDatabase, testDialect } from '../../test/support/test-db.ts';
import { BulkInserter } from '../generate/bulk-insert.ts';
import { produceRows, TABLE_ORDER } from '../generate/produce.ts';
import { type DatabaseHandle, type Db, openDatabase, type Trx } from './database.ts';
import { type NoteInserted, withDeferredTriggersPaused } from './deferred-triggers.ts';
import { withOwnConnection } from './own-connection.ts';

// A load with the deferred triggers paused must leave behind exactly what the triggers leave row by row: the same
// records named in explorer_changes and the same counters moved. Both loads write the generator's rows for one seed,
// so their ids are the same and the two databases can be compared entry for entry.

const COUNTERS = ['commitment_page_version', 'member_page_version', 'plan_page_version', 'commitment_search_version'] as const;

interface Bookkeeping {
  changes: string[];
  counters: Record<string, number>;
}

async function bookkeeping(db: Db): Promise<Bookkeeping> {
  const { rows } = await sql<{ entity: string; entity_id: string }>`SELECT entity, entity_id FROM explorer_changes ORDER BY entity, entity_id`.execute(db);
  const counters: Record<string, number> = {};
  for (const counter of COUNTERS) {
    const found = await sql<{ version: number }>`SELECT version FROM ${sql.table(counter)} WHERE id = 1`.execute(db);
    counters[counter] = Number(found.rows[0]!.version);
  }
  const indicators = await sql<{ source: string; version: number }>`SELECT source, version FROM indicators_data_version`.execute(db);
  for (const { source, version } of indicators.rows) counters[`indicators:${source}`] = Number(version);
  return { changes: rows.map((r) => `${r.entity} ${r.entity_id}`), counters };
}

const movedCounters = (before: Bookkeeping, after: Bookkeeping): string[] =>
  Object.keys(after.counters)
    .filter((name) => after.counters[name]! > (before.counters[name] ?? 0))
    .sort();

const noTaken = () => ({ memberSlugs: new Set<string>(), memberNames: new Set<string>(), organisationSlugs: new Set<string>(), memberCodes: new Set<string>(), idNumbers: new Map<string, number>() });

/** The generator's rows for one seed, written in one transaction as the generator writes them; through the pause when `paused`. */
async function load(handle: DatabaseHandle, paused: boolean): Promise<void> {
  await withOwnConnection(handle, async (db, client) => {
    const inserter = new BulkInserter(handle.sqlite, client);
    const write = async (trx: Trx, note: NoteInserted) => {
      for (const batch of produceRows({ scale: 0.01, seed: 'deferred-triggers', taken: noTaken() })) {
        for (const table of batch.tables) {
          await inserter.insert(trx, table);
          note(table.table, table.columns, table.values);
        }
      }
    };
    await db.transaction().execute((trx) => (paused ? withDeferredTriggersPaused(trx, TABLE_ORDER, (note) => write(trx, note)) : write(trx, () => {})));
  });
}

/** Every trigger on (pg_trigger's 'O'); SQLite has no such switch, and its triggers are never paused. */
const ALL_ON = testDialect() === 'postgres' ? ['O'] : [];

async function enabledStates(db: Db): Promise<string[]> {
  if (testDialect() !== 'postgres') return [];
  const { rows } = await sql<{ state: string }>`SELECT DISTINCT tgenabled AS state FROM pg_trigger WHERE NOT tgisinternal`.execute(db);
  return rows.map((r) => r.state);
}

describe('inserting in bulk with the deferred triggers paused', () => {
  const databases: TestDatabase[] = [];
  const handles: DatabaseHandle[] = [];
  const open = async (): Promise<DatabaseHandle> => {
    const database = await createTestDatabase({ migrated: true });
    databases.push(database);
    const handle = openDatabase(database.url);
    handles.push(handle);
    return handle;
  };
  let rowByRow: DatabaseHandle;
  let paused: DatabaseHandle;

  before(async () => {
    [rowByRow, paused] = await Promise.all([open(), open()]);
  });
  after(async () => {
    for (const handle of handles) await handle.close();
    for (const database of databases) await database.drop();
  });

  it('names the same records in explorer_changes and moves the same counters as the triggers do row by row', async () => {
    const [rowByRowBefore, pausedBefore] = await Promise.all([bookkeeping(rowByRow.db), bookkeeping(paused.db)]);
    await load(rowByRow, false);
    await load(paused, true);
    const [rowByRowAfter, pausedAfter] = await Promise.all([bookkeeping(rowByRow.db), bookkeeping(paused.db)]);
    assert.ok(rowByRowAfter.changes.length > 100, 'the load names its commitments, members and plans');
    assert.deepEqual(pausedAfter.changes, rowByRowAfter.changes);
    assert.deepEqual(movedCounters(pausedBefore, pausedAfter), movedCounters(rowByRowBefore, rowByRowAfter));
    assert.deepEqual(movedCounters(rowByRowBefore, rowByRowAfter), [...COUNTERS, 'indicators:computed'].sort());
    assert.deepEqual(await enabledStates(paused.db), ALL_ON);
  });

  it('has the triggers back, and nothing written, when the load fails', async () => {
    const handle = await open();
    const before = await bookkeeping(handle.db);
    let duringLoad: string[] = [];
    await assert.rejects(
      handle.db.transaction().execute((trx) =>
        withDeferredTriggersPaused(trx, TABLE_ORDER, async () => {
          await sql`INSERT INTO explorer_changes (entity, entity_id, version) VALUES ('plan', 'left-behind', 0)`.execute(trx);
          duringLoad = await enabledStates(trx as unknown as Db);
          throw new Error('the load failed');
        }),
      ),
      /the load failed/,
    );
    if (testDialect() === 'postgres') assert.ok(duringLoad.includes('D'), 'the triggers were off during the load');
    assert.deepEqual(await bookkeeping(handle.db), before);
    assert.deepEqual(await enabledStates(handle.db), ALL_ON);
  });

  it('refuses a table with a deferred trigger it cannot replay, before writing anything', { skip: testDialect() !== 'postgres' && 'PostgreSQL only' }, async () => {
    const handle = await open();
    await sql`CREATE FUNCTION unknown_bookkeeping() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NULL; END $$`.execute(handle.db);
    await sql`CREATE CONSTRAINT TRIGGER unknown_bookkeeping AFTER INSERT ON milestones DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION unknown_bookkeeping()`.execute(handle.db);
    let ran = false;
    await assert.rejects(
      handle.db.transaction().execute((trx) =>
        withDeferredTriggersPaused(trx, TABLE_ORDER, async () => {
          ran = true;
        }),
      ),
      /unknown_bookkeeping on milestones runs unknown_bookkeeping\(\), which a bulk load does not know how to replay/,
    );
    assert.equal(ran, false);
  });
});
