import cliProgress from 'cli-progress';
import { migrateToLatest } from '../../db/database.ts';
import { generate, GenerateRefusal, type GenerateSummary } from '../../generate/generate.ts';
import { cliIo } from '../io.ts';
import { CliError, describeDatabase, say } from '../support.ts';
import { withDatabase } from './database.ts';

export interface GenerateCommandOptions {
  scale: string;
  seed: string;
  append?: boolean;
}

/** Parses --scale: a positive number such as 1, 10 or 0.01. */
export function parseScale(text: string): number {
  const scale = Number(text);
  if (text.trim() === '' || !Number.isFinite(scale) || scale <= 0) throw new CliError(`--scale must be a number above 0, such as 1, 10 or 0.01 (got "${text}")`);
  return scale;
}

/** The last line a run prints: what was written, so scripts can read the counts. */
export function summaryLine(summary: GenerateSummary): string {
  const r = summary.rows;
  return (
    `Generated scale ${summary.scale} (seed ${summary.seed}) in ${summary.seconds.toFixed(1)} s: ` +
    `${r.members ?? 0} members, ${r.organisations ?? 0} organisations, ${r.action_plans ?? 0} action plans, ` +
    `${r.commitments ?? 0} commitments, ${r.milestones ?? 0} milestones, ${r.progress_updates ?? 0} progress updates.`
  );
}

/** A bar on a terminal; elsewhere (logs, CI) a line at every tenth of the way. */
function progressReporter(started: number): { update: (done: number, total: number) => void; stop: () => void } {
  if (cliIo().stdout.isTTY) {
    const bar = new cliProgress.SingleBar({ format: '  commitments {bar} {value}/{total} | {duration_formatted}', hideCursor: true }, cliProgress.Presets.shades_classic);
    let begun = false;
    return {
      update: (done, total) => {
        if (!begun) bar.start(total, 0);
        begun = true;
        bar.update(done);
      },
      stop: () => begun && bar.stop(),
    };
  }
  let lastTenth = -1;
  return {
    update: (done, total) => {
      const tenth = Math.floor((done / total) * 10);
      if (tenth === lastTenth) return;
      lastTenth = tenth;
      say(`  ${done}/${total} commitments (${tenth * 10}%), ${((performance.now() - started) / 1000).toFixed(1)} s`);
    },
    stop: () => {},
  };
}

export async function generateCommand(options: GenerateCommandOptions): Promise<void> {
  const scale = parseScale(options.scale);
  const started = performance.now();
  await withDatabase(async (handle, config) => {
    await migrateToLatest(handle.db);
    say(`Generating synthetic OGP data at scale ${scale} (seed ${options.seed}) into ${describeDatabase(config.databaseUrl)}`);
    const progress = progressReporter(started);
    let summary: GenerateSummary;
    try {
      summary = await generate(handle, { scale, seed: options.seed, append: options.append, onProgress: ({ done, total }) => progress.update(done, total) });
    } catch (error) {
      if (error instanceof GenerateRefusal) throw new CliError(error.message);
      throw error;
    } finally {
      progress.stop();
    }
    say(summaryLine({ ...summary, seconds: (performance.now() - started) / 1000 }));
  });
}
