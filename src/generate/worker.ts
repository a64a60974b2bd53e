import { parentPort, workerData } from 'node:worker_threads';
import type { Taken } from './members.ts';
import { produceRows } from './produce.ts';

/** What the loading thread sends: sets travel as arrays. */
export interface WorkerInput {
  scale: number;
  seed: string;
  taken: { memberSlugs: string[]; memberNames: string[]; organisationSlugs: string[]; memberCodes: string[]; idNumbers: Array<[string, number]> };
}

/** Batches ahead of the writer at most; the writer sends a credit for each batch it takes. */
export const BATCHES_AHEAD = 2;

export type WorkerMessage = { type: 'batch'; batch: import('./produce.ts').Batch } | { type: 'end' } | { type: 'error'; message: string; stack?: string };

// Runs the generation on its own core while the parent thread writes, so producing rows and inserting them overlap.
async function run(): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('worker.ts runs as a worker thread');
  const input = workerData as WorkerInput;
  const taken: Taken = {
    memberSlugs: new Set(input.taken.memberSlugs),
    memberNames: new Set(input.taken.memberNames),
    organisationSlugs: new Set(input.taken.organisationSlugs),
    memberCodes: new Set(input.taken.memberCodes),
    idNumbers: new Map(input.taken.idNumbers),
  };
  let credits = BATCHES_AHEAD;
  let wake: (() => void) | null = null;
  port.on('message', () => {
    credits += 1;
    wake?.();
    wake = null;
  });
  const send = (message: WorkerMessage): void => port.postMessage(message);
  try {
    for (const batch of produceRows({ scale: input.scale, seed: input.seed, taken })) {
      while (credits === 0) await new Promise<void>((resolve) => (wake = resolve));
      credits -= 1;
      send({ type: 'batch', batch });
    }
    send({ type: 'end' });
  } catch (error) {
    send({ type: 'error', message: error instanceof Error ? error.message : String(error), stack: error instanceof Error ? error.stack : undefined });
  }
  port.close();
}

await run();
