import fs from 'node:fs';
import path from 'node:path';
import { migrateToLatest } from '../../db/database.ts';
import { AppError } from '../../platform/errors.ts';
import { initI18n } from '../../platform/i18n.ts';
import { exportPlan, importPlan, resolvePlanId } from '../../modules/strategy/strategy.service.ts';
import { defaultPlanPerformanceReport } from '../../modules/indicators/indicators.export.ts';
import { cliIo } from '../io.ts';
import { CliError, say } from '../support.ts';
import { withDatabase } from './database.ts';

/** A file the reader refused, said as the upload form says it, in English. */
async function asRefusal(error: unknown): Promise<unknown> {
  const problem = error instanceof AppError && error.code === 'VALIDATION_FAILED' ? error.fields.file : undefined;
  if (!problem) return error;
  const t = (await initI18n()).getFixedT('en');
  return new CliError(`${t(problem.key, problem.params ?? {})} Nothing was imported.`);
}

function readInput(file: string): Buffer {
  try {
    return fs.readFileSync(file);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'there is no such file' : (error as Error).message;
    throw new CliError(`Cannot read ${file}: ${reason}. Nothing was imported.`);
  }
}

/**
 * `ogp stratml import FILE`: stores the plan and prints what was read and what was left out. The
 * last line printed is the new plan's id, so scripts can take it with `tail -n 1`.
 */
export async function stratmlImportCommand(file: string): Promise<void> {
  const input = readInput(file);
  await withDatabase(async ({ db }) => {
    await migrateToLatest(db);
    const outcome = await importPlan({ db }, null, input, { source: path.basename(file) }).catch(async (error: unknown) => {
      throw await asRefusal(error);
    });
    const name = (await db.selectFrom('strategy_plans').select('name').where('id', '=', outcome.planId).executeTakeFirstOrThrow()).name;
    say(`Imported ${name ? `"${name}"` : 'a plan without a name'} from ${file}.`);
    say('Read:');
    for (const [element, count] of Object.entries(outcome.counts)) say(`  ${element.padEnd(26)} ${count}`);
    if (outcome.ignored.length === 0) say('Nothing was left out.');
    else {
      say(`Left out (${outcome.ignored.length}):`);
      for (const item of outcome.ignored) say(`  - ${item}`);
    }
    if (outcome.changedIdentifiers.length > 0) {
      say(`Identifiers given new values (${outcome.changedIdentifiers.length}):`);
      for (const item of outcome.changedIdentifiers) say(`  - ${item}`);
    }
    say('Plan id:');
    say(outcome.planId);
  });
}

export interface ExportOptions {
  part?: '1' | '2';
  /** The platform's own plan as a Performance_Report with its indicators' live actuals. */
  report?: boolean;
}

/** `ogp stratml export PLAN [--part 1|2]`: the plan's StratML on stdout, and nothing else there. */
export async function stratmlExportCommand(reference: string, options: ExportOptions): Promise<void> {
  const part = options.part === '1' ? 1 : options.part === '2' ? 2 : undefined;
  await withDatabase(async ({ db }) => {
    await migrateToLatest(db);
    let planId: string;
    try {
      planId = await resolvePlanId(db, reference);
    } catch (error) {
      if (error instanceof AppError && error.code === 'NOT_FOUND') {
        throw new CliError(reference === 'default' ? 'No plan is the platform\'s own yet.' : `There is no plan with the id ${reference}.`);
      }
      throw error;
    }
    if (options.report && part !== undefined) throw new CliError('--report always writes a Part 2 Performance_Report: leave out --part.');
    const xml = options.report ? await defaultPlanPerformanceReport(db, planId) : (await exportPlan(db, planId, part)).xml;
    if (xml === null) throw new CliError('--report measures only the platform\'s own plan: export it as `default`.');
    cliIo().stdout.write(xml.endsWith('\n') ? xml : `${xml}\n`);
  });
}
