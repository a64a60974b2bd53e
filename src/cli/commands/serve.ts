import { serve } from '../../server.ts';
import { parseWorkers } from '../../server-cluster.ts';

export async function serveCommand(options: { workers?: string } = {}): Promise<void> {
  await serve({ workers: options.workers === undefined ? 1 : parseWorkers(options.workers) });
}
