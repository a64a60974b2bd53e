import { Cron } from 'croner';
import type { AppContext } from './context.ts';
import { purgeExpired } from './housekeeping.ts';

export interface Jobs {
  stop(): void;
}

/**
 * The server's background work, on croner schedules: retrying mail that could not be delivered
 * and clearing expired rows. `protect` keeps a slow run from overlapping the next; errors are
 * logged and the schedule goes on.
 */
export function startJobs(ctx: AppContext): Jobs {
  const onError = (name: string) => (error: unknown) => ctx.logger.error({ err: error, job: name }, 'background job failed');
  const options = (name: string) => ({ name, protect: true, unref: true, catch: onError(name) });
  const jobs = [
    new Cron('* * * * *', options('mail-retry'), () => ctx.mailer.deliverQueued()),
    new Cron('17 * * * *', options('housekeeping'), async () => {
      const purged = await purgeExpired(ctx.db);
      ctx.logger.info({ purged }, 'expired rows purged');
    }),
  ];
  return { stop: () => jobs.forEach((job) => job.stop()) };
}
