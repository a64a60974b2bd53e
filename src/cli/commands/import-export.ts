import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import cliProgress from 'cli-progress';
import { migrateToLatest } from '../../db/database.ts';
import type { ImportProgress, ImportReport } from '../../modules/commitment-data/commitment-data.service.ts';
import { commitmentSheetCsv } from '../../modules/commitment-data/commitment-export.service.ts';
import { tuneGarbageCollectionForStreaming } from '../../platform/gc-tuning.ts';
import { cliIo } from '../io.ts';
import { CliError, say } from '../support.ts';
import { withDatabase } from './database.ts';

// The import side (member, plan and organisation services, the tracker reader, translations) is loaded only by
// the import commands: an export has no use for it, and loading it would cost the export a third of its memory.
async function importModules() {
  const [sheet, report, tracker, trackerService, i18n] = await Promise.all([
    import('../../modules/commitment-data/commitment-data.service.ts'),
    import('../../modules/commitment-data/import-report.ts'),
    import('../../modules/commitment-data/us-tracker.ts'),
    import('../../modules/commitment-data/us-tracker.service.ts'),
    import('../../platform/i18n.ts'),
  ]);
  return {
    importCommitmentSheet: sheet.importCommitmentSheet,
    presentReport: report.presentReport,
    TrackerDataError: tracker.TrackerDataError,
    importUsTracker: trackerService.importUsTracker,
    initI18n: i18n.initI18n,
  };
}

/** A progress bar on stderr while the import runs, only when someone is watching a terminal. */
function progressBar(): { update: (progress: ImportProgress) => void; stop: () => void } {
  const { stderr } = cliIo();
  if (!stderr.isTTY) return { update: () => {}, stop: () => {} };
  const bar = new cliProgress.SingleBar(
    { stream: stderr, format: '{phase} [{bar}] {percentage}% | {value}/{total}', hideCursor: true, clearOnComplete: true },
    cliProgress.Presets.shades_classic,
  );
  let phase: ImportProgress['phase'] | null = null;
  return {
    update: (progress) => {
      const total = progress.total ?? progress.done;
      const label = progress.phase === 'check' ? 'Checking (bytes)' : 'Writing (rows)  ';
      if (phase !== progress.phase) {
        if (phase) bar.stop();
        bar.start(total, progress.done, { phase: label });
        phase = progress.phase;
      } else {
        bar.setTotal(total);
        bar.update(progress.done, { phase: label });
      }
    },
    stop: () => {
      if (phase) bar.stop();
    },
  };
}

function checkReadable(file: string, kind: 'file' | 'directory'): void {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? `there is no such ${kind}` : (error as Error).message;
    throw new CliError(`Cannot read ${file}: ${reason}. Nothing was imported.`);
  }
  if (kind === 'file' && !stat.isFile()) throw new CliError(`${file} is not a file. Nothing was imported.`);
  if (kind === 'directory' && !stat.isDirectory()) throw new CliError(`${file} is not a directory. Nothing was imported.`);
}

async function printReport(report: ImportReport): Promise<void> {
  const { initI18n, presentReport } = await importModules();
  const t = (await initI18n()).getFixedT('en');
  const presented = presentReport(t, report, Number.POSITIVE_INFINITY);
  if (presented.fileProblem) return;
  for (const warning of presented.warnings) say(`Warning: ${warning}`);
  if (presented.rejected.length > 0) {
    say(`Rows refused (${presented.rejected.length}):`);
    for (const r of presented.rejected) say(`  Row ${r.row} (line ${r.line})${r.ogpId ? ` ${r.ogpId}` : ''}: ${r.reason}`);
  }
  if (presented.starReasons.length > 0) {
    say(`Star cells that differ from the formulas (${report.starDisagreements.length}; the sheet's own values are kept with each row):`);
    for (const reason of presented.starReasons) say(`  ${String(reason.count).padStart(5)}  ${reason.text}`);
  }
  for (const count of presented.counts) say(`${count.label}: ${count.value}`);
}

/** `ogp import commitments FILE.csv`: one transaction; the last line says what was done, or why nothing was. */
export async function importCommitmentsCommand(file: string): Promise<void> {
  checkReadable(file, 'file');
  const { importCommitmentSheet, initI18n } = await importModules();
  await withDatabase(async ({ db }) => {
    await migrateToLatest(db);
    const bar = progressBar();
    let report: ImportReport;
    try {
      report = await importCommitmentSheet({ db }, { open: () => fs.createReadStream(file), fileName: path.basename(file), size: fs.statSync(file).size, actorId: null, onProgress: bar.update });
    } finally {
      bar.stop();
    }
    await printReport(report);
    if (report.fileProblem) {
      const t = (await initI18n()).getFixedT('en');
      throw new CliError(`${file} was not imported: ${t(report.fileProblem.key, report.fileProblem.params ?? {})}`);
    }
    if (report.rejected.length > 0) throw new CliError(`${report.rejected.length} of ${report.rows} rows refused; nothing was imported.`);
    say(`Imported ${report.rows} rows from ${file}: ${report.created} created, ${report.updated} updated, ${report.unchanged} unchanged, 0 refused.`);
  });
}

/** `ogp import us-tracker DIR`: the US fifth national action plan from its tracker's Markdown files. */
export async function importUsTrackerCommand(dir: string): Promise<void> {
  checkReadable(dir, 'directory');
  const { importUsTracker, TrackerDataError } = await importModules();
  await withDatabase(async ({ db }) => {
    await migrateToLatest(db);
    const report = await importUsTracker({ db }, dir, null).catch((error: unknown) => {
      throw error instanceof TrackerDataError ? new CliError(`${error.message} Nothing was imported.`) : error;
    });
    const line = (label: string, c: { created: number; updated: number; unchanged: number }) => say(`${label}: ${c.created} created, ${c.updated} updated, ${c.unchanged} unchanged`);
    if (report.memberCreated) say('Member created: United States');
    if (report.planCreated) say('Action plan created: AP_USA05');
    say(`Organisations created: ${report.organisationsCreated}`);
    line('Milestones', report.milestones);
    say(`Progress updates written: ${report.progressUpdates}`);
    const c = report.commitments;
    say(`Imported ${c.created + c.updated + c.unchanged} commitments of the US tracker from ${dir}: ${c.created} created, ${c.updated} updated, ${c.unchanged} unchanged.`);
  });
}

/** `ogp export commitments [--out FILE]`: the sheet as CSV on stdout, or into FILE (written whole or not at all). */
export async function exportCommitmentsCommand(options: { out?: string }): Promise<void> {
  if (options.out && fs.existsSync(options.out)) throw new CliError(`${options.out} already exists; choose another file or remove it first.`);
  tuneGarbageCollectionForStreaming();
  await withDatabase(async ({ db }) => {
    await migrateToLatest(db);
    let rows = 0;
    const csv = commitmentSheetCsv(db, { onRow: () => (rows += 1) });
    if (!options.out) {
      await pipeline(csv, cliIo().stdout);
      return;
    }
    // Written beside the target and renamed at the end, so a failed export never leaves half a file behind.
    const partial = `${options.out}.partial-${process.pid}`;
    try {
      await pipeline(csv, fs.createWriteStream(partial, { flags: 'wx' }));
      fs.renameSync(partial, options.out);
    } catch (error) {
      fs.rmSync(partial, { force: true });
      throw error;
    }
    say(`Exported ${rows} commitments to ${options.out}.`);
  });
}
