import type { Db, DialectName, Trx } from './database.ts';

/** Runs `work` in a write transaction and resolves with its result once that transaction has committed. */
export type WriteTransaction = <T>(work: (trx: Trx) => Promise<T>) => Promise<T>;

interface Job {
  work: (trx: Trx) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

// Enough to share one commit among every connection of a busy server, small enough that reads queued behind
// the single SQLite connection do not wait long.
const MAX_BATCH = 64;

/**
 * SQLite with synchronous=FULL flushes the disk at every commit (milliseconds each here), and one process has
 * one connection, so writes made one transaction each are capped by the disk, not by the CPU. Writes that
 * arrive together therefore share one transaction: each runs in its own savepoint (a failure undoes only its
 * own changes and reaches only its own caller), and every caller hears of success only after the shared commit,
 * so nothing acknowledged can be lost. They run one after the other, so each sees the ones before it, as when
 * they were separate transactions. PostgreSQL commits concurrent transactions together itself.
 */
export function createWriteTransaction(db: Db, dialect: DialectName): WriteTransaction {
  if (dialect === 'postgres') return (work) => db.transaction().execute(work);
  const queue: Job[] = [];
  let draining = false;

  /** Runs the batch in one transaction and, once it has committed, what tells each caller how its work went. */
  async function commitTogether(batch: Job[]): Promise<Array<() => void>> {
    const trx = await db.startTransaction().execute();
    try {
      const outcomes: Array<() => void> = [];
      for (const job of batch) {
        const inSavepoint = await trx.savepoint('write_job').execute();
        try {
          const value = await job.work(inSavepoint);
          await inSavepoint.releaseSavepoint('write_job').execute();
          outcomes.push(() => job.resolve(value));
        } catch (error) {
          await inSavepoint.rollbackToSavepoint('write_job').execute();
          await inSavepoint.releaseSavepoint('write_job').execute();
          outcomes.push(() => job.reject(error));
        }
      }
      await trx.commit().execute();
      return outcomes;
    } catch (error) {
      await trx.rollback().execute().catch(() => undefined);
      throw error;
    }
  }

  async function runBatch(batch: Job[]): Promise<void> {
    let outcomes: Array<() => void>;
    try {
      outcomes = await commitTogether(batch);
    } catch (error) {
      // Nothing of the batch was committed, so every caller hears of the failure.
      for (const job of batch) job.reject(error);
      return;
    }
    for (const tell of outcomes) tell();
  }

  async function drain(): Promise<void> {
    while (queue.length > 0) await runBatch(queue.splice(0, MAX_BATCH));
    draining = false;
  }

  return <T>(work: (trx: Trx) => Promise<T>): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
      if (draining) return;
      draining = true;
      // Waiting for the event loop's check phase lets every request already read from the network join this batch.
      setImmediate(() => void drain());
    });
}
