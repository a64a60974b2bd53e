import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createActionPlan, createCommitment, milestoneRow } from '../../test/support/commitment-factories.ts';
import { createTestDatabase, type TestDatabase } from '../../test/support/test-db.ts';
import { type DatabaseHandle, openDatabase } from '../db/database.ts';
import { withOwnConnection } from '../db/own-connection.ts';
import type { MilestonesTable } from '../db/schema.ts';
import { BulkInserter, copyText } from './bulk-insert.ts';
import type { TableRows } from './produce.ts';

// The generator's writer: COPY on PostgreSQL, prepared multi-row INSERTs on SQLite. Whatever a value holds, it must
// read back exactly as it was given.

const AWKWARD = ['tab\there', 'two\nlines', 'carriage\r\nreturn', 'back\\slash \\N \\t', 'ñandú «Zürich» 東京', '', 'trailing\\'];

function tableRows(rows: MilestonesTable[]): TableRows {
  const columns = Object.keys(rows[0]!);
  return { table: 'milestones', columns, values: rows.flatMap((row) => columns.map((c) => row[c as keyof MilestonesTable])), rows: rows.length };
}

describe('COPY text', () => {
  it('escapes what the format gives a meaning to, and writes null as \\N', () => {
    const text = copyText({ table: 'milestones', columns: ['a', 'b', 'c', 'd'], values: ['x\ty\\z\n', null, 1.5, true, '', undefined, 0, false], rows: 2 });
    assert.equal(text, 'x\\ty\\\\z\\n\t\\N\t1.5\tt\n\t\\N\t0\tf\n');
  });

  it('refuses a value it has no form for rather than writing something else', () => {
    assert.throws(() => copyText({ table: 'milestones', columns: ['a'], values: [{ not: 'a value' }], rows: 1 }), /no COPY form/);
  });
});

describe('writing rows in bulk', () => {
  let database: TestDatabase;
  let handle: DatabaseHandle;

  before(async () => {
    database = await createTestDatabase({ migrated: true });
    handle = openDatabase(database.url);
  });
  after(async () => {
    await handle.close();
    await database.drop();
  });

  it('reads every value back as it was written, awkward characters and nulls included', async () => {
    const commitment = await createCommitment(handle.db, { plan_id: (await createActionPlan(handle.db)).id });
    const written = AWKWARD.map((text, i) => milestoneRow(commitment.id, { position: i + 1, title: text, description: text.toUpperCase(), due_date: i % 2 === 0 ? null : '2021-06-30', weight: i + 0.5 }));
    await withOwnConnection(handle, (db, client) => db.transaction().execute((trx) => new BulkInserter(handle.sqlite, client).insert(trx, tableRows(written))));
    const read = await handle.db.selectFrom('milestones').selectAll().where('commitment_id', '=', commitment.id).orderBy('position').execute();
    assert.deepEqual(read, written);
  });

  it('writes nothing when the transaction fails', async () => {
    const commitment = await createCommitment(handle.db, { plan_id: (await createActionPlan(handle.db)).id });
    await assert.rejects(
      withOwnConnection(handle, (db, client) =>
        db.transaction().execute(async (trx) => {
          await new BulkInserter(handle.sqlite, client).insert(trx, tableRows([milestoneRow(commitment.id)]));
          throw new Error('the load failed');
        }),
      ),
      /the load failed/,
    );
    assert.equal((await handle.db.selectFrom('milestones').select('id').where('commitment_id', '=', commitment.id).execute()).length, 0);
    // The connection left mid-transaction was dropped; the next load gets a sound one.
    const row = milestoneRow(commitment.id);
    await withOwnConnection(handle, (db, client) => db.transaction().execute((trx) => new BulkInserter(handle.sqlite, client).insert(trx, tableRows([row]))));
    assert.deepEqual(await handle.db.selectFrom('milestones').select('id').where('commitment_id', '=', commitment.id).execute(), [{ id: row.id }]);
  });
});
