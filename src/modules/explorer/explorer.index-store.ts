import type { DbOrTrx } from '../../db/database.ts';
import { searchDataVersion } from '../../db/fulltext.ts';
import { type ChangeScope, FacetIndex } from './explorer.index.ts';
import { changesSince, loadIndexRows, loadIndexRowsFor } from './explorer.repository.ts';

// Each process keeps one facet index per database and brings it up to date when the data version moves:
// explorer_changes names the commitments, members and plans changed since the index's version, and only those
// are read again. A change too large to be worth it (an import) rebuilds the index from scratch instead.

/** Past this many changed commitments (or this share of the index), one rebuild reads less than the changes would. */
const PATCH_MAX = 5000;
const PATCH_SHARE_MAX = 0.25;

interface Slot {
  index?: FacetIndex;
  /** The update under way, which every request needing one waits for. */
  updating?: Promise<FacetIndex>;
}
const slots = new WeakMap<object, Slot>();

const rebuild = async (trx: DbOrTrx, version: number): Promise<FacetIndex> => FacetIndex.build(version, await loadIndexRows(trx));

/** What brings `index` to the current data, worked out in one repeatable-read transaction: one consistent state. */
async function readUpdate(db: DbOrTrx, index: FacetIndex | undefined): Promise<FacetIndex | (() => FacetIndex)> {
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute(async (trx) => {
      const version = await searchDataVersion(trx);
      // A version lower than the index's means the database was restored from a backup: nothing it holds can be trusted.
      if (!index || version < index.version) return rebuild(trx, version);
      if (version === index.version) return index;
      const limit = Math.max(PATCH_MAX, Math.floor(index.size * PATCH_SHARE_MAX));
      const changes = await changesSince(trx, index.version, limit + 1);
      const scope: ChangeScope = { commitmentIds: [], memberIds: [], planIds: [] };
      let textChanged = false;
      for (const change of changes) {
        if (change.entity === 'commitment') scope.commitmentIds.push(change.entity_id);
        else if (change.entity === 'member') scope.memberIds.push(change.entity_id);
        else if (change.entity === 'plan') scope.planIds.push(change.entity_id);
        else textChanged = true;
      }
      scope.commitmentIds = [...new Set([...scope.commitmentIds, ...index.commitmentsOf(scope.memberIds, scope.planIds)])];
      if (changes.length > limit || scope.commitmentIds.length > limit) return rebuild(trx, version);
      const rows = await loadIndexRowsFor(trx, scope);
      // Applied once the reading is over, in one synchronous step.
      return () => {
        index.apply(version, rows, scope);
        if (textChanged) index.textVersion = version;
        return index;
      };
    });
}

async function update(db: DbOrTrx, slot: Slot): Promise<FacetIndex> {
  const next = await readUpdate(db, slot.index);
  const index = typeof next === 'function' ? next() : next;
  slot.index = index;
  return index;
}

/**
 * The facet index at this data version or a later one, brought up to date once however many requests ask at
 * the same time. Inside a caller's transaction it is built there and never kept: it may hold that
 * transaction's uncommitted writes.
 */
export async function indexAt(db: DbOrTrx, version: number): Promise<FacetIndex> {
  if (db.isTransaction) return rebuild(db, version);
  let slot = slots.get(db);
  if (!slot) slots.set(db, (slot = {}));
  // An update that began before `version` was committed may end short of it: then one more is needed.
  for (let attempt = 0; ; attempt++) {
    if (slot.index && slot.index.version === version) return slot.index;
    if (!slot.updating) {
      const updating = update(db, slot).finally(() => {
        if (slot.updating === updating) delete slot.updating;
      });
      slot.updating = updating;
    }
    const index = await slot.updating;
    if (index.version >= version || attempt >= 2) return index;
  }
}

/** The index this process holds for the database, if it has built one. */
export const heldFacetIndex = (db: DbOrTrx): FacetIndex | undefined => slots.get(db)?.index;

/**
 * Builds the facet index before a process takes requests. Built on a first search instead, at ×100 scale it takes
 * a minute, and on SQLite every other request of the process waits behind it on the one connection.
 */
export async function warmFacetIndex(db: DbOrTrx): Promise<number> {
  const started = performance.now();
  await indexAt(db, await searchDataVersion(db));
  return (performance.now() - started) / 1000;
}
