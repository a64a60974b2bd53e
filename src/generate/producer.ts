import { Worker } from 'node:worker_threads';
import type { Taken } from './members.ts';
import type { Batch } from './produce.ts';
import type { WorkerInput, WorkerMessage } from './worker.ts';

/**
 * The rows of a run, produced on a worker thread and handed over batch by batch. The worker stays at most a
 * couple of batches ahead, so memory stays flat however large the scale. Stopping early (an insert failed)
 * ends the worker.
 */
export async function* producedBatches(scale: number, seed: string, taken: Taken): AsyncGenerator<Batch> {
  const workerData: WorkerInput = {
    scale,
    seed,
    taken: {
      memberSlugs: [...taken.memberSlugs],
      memberNames: [...taken.memberNames],
      organisationSlugs: [...taken.organisationSlugs],
      memberCodes: [...taken.memberCodes],
      idNumbers: [...taken.idNumbers],
    },
  };
  const worker = new Worker(new URL('./worker-entry.js', import.meta.url), { workerData });
  const inbox: WorkerMessage[] = [];
  let notify: (() => void) | null = null;
  const deliver = (message: WorkerMessage): void => {
    inbox.push(message);
    notify?.();
    notify = null;
  };
  worker.on('message', deliver);
  worker.on('error', (error: Error) => deliver({ type: 'error', message: error.message, stack: error.stack }));
  worker.on('exit', (code) => deliver({ type: 'error', message: `the generator worker stopped (exit code ${code})` }));
  try {
    for (;;) {
      while (inbox.length === 0) await new Promise<void>((resolve) => (notify = resolve));
      const message = inbox.shift()!;
      if (message.type === 'end') return;
      if (message.type === 'error') {
        const error = new Error(`Generating data failed: ${message.message}`);
        if (message.stack) error.stack = message.stack;
        throw error;
      }
      worker.postMessage('next');
      yield message.batch;
    }
  } finally {
    worker.removeAllListeners();
    await worker.terminate();
  }
}
