import { serve } from '../../server.ts';

export async function serveCommand(): Promise<void> {
  await serve();
}
