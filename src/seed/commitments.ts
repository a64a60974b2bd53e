import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import type { Trx } from '../db/database.ts';
import { importSheetInTransaction, type ImportReport } from '../modules/commitment-data/commitment-data.service.ts';
import { readUsTracker, type TrackerCommitment, TrackerDataError } from '../modules/commitment-data/us-tracker.ts';
import { importUsTrackerInTransaction } from '../modules/commitment-data/us-tracker.service.ts';
import { DEFAULT_COMMITMENTS_CSV } from './data-files.ts';
import { SeedDataError } from './errors.ts';

// The real commitments a fresh platform starts with: OGP's commitment data sheet and the US fifth
// national action plan tracker, imported by the same code as `ogp import`, in the seed's transaction.

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The open.usa.gov tracker of the US fifth national action plan, kept beside the project like the sheet. */
export const DEFAULT_US_TRACKER_DIR = path.resolve(projectRoot, '..', 'shared', 'data', 'ogp', 'gsa-open.usa.gov-nap5');

export interface CommitmentSeedSources {
  sheet?: string;
  usTracker?: string;
}

/** What the seed imports, read before its transaction opens so no lock is held during file I/O. */
export interface CommitmentSeedData {
  sheetPath: string;
  sheet: Buffer;
  tracker: TrackerCommitment[];
  trackerDir: string;
}

export interface CommitmentSeedResult {
  /** Commitments from OGP's sheet. */
  sheet: number;
  /** Commitments from the US tracker. */
  usTracker: number;
}

export function readCommitmentSeed(sources: CommitmentSeedSources = {}): CommitmentSeedData {
  const sheetPath = sources.sheet ?? DEFAULT_COMMITMENTS_CSV;
  const trackerDir = sources.usTracker ?? DEFAULT_US_TRACKER_DIR;
  let sheet: Buffer;
  try {
    sheet = fs.readFileSync(sheetPath);
  } catch (error) {
    throw new SeedDataError(`Cannot read the OGP commitments data at ${sheetPath}: ${(error as Error).message}`);
  }
  try {
    return { sheetPath, sheet, tracker: readUsTracker(trackerDir), trackerDir };
  } catch (error) {
    if (error instanceof TrackerDataError) throw new SeedDataError(`Cannot read the US action plan tracker: ${error.message}`);
    throw error;
  }
}

/** The first refusals of a sheet import, said plainly enough to fix the file. */
function refusal(report: ImportReport): SeedDataError {
  const first = report.rejected.slice(0, 3).map((r) => `row ${r.row}: ${r.problem.key} ${JSON.stringify(r.problem.params ?? {})}`);
  const what = report.fileProblem ? report.fileProblem.key : `${report.rejected.length} rows refused (${first.join('; ')})`;
  return new SeedDataError(`The OGP commitments data at ${report.fileName} could not be imported: ${what}.`);
}

/** Imports the sheet, then the tracker, inside the seed's transaction; a refused row fails the whole seed. */
export async function seedCommitments(trx: Trx, data: CommitmentSeedData): Promise<CommitmentSeedResult> {
  const report = await importSheetInTransaction(trx, {
    open: () => Readable.from([data.sheet], { objectMode: false }),
    fileName: data.sheetPath,
    size: data.sheet.length,
    actorId: null,
  });
  if (!report.written) throw refusal(report);
  const tracker = await importUsTrackerInTransaction(trx, data.tracker, { actorId: null, source: path.basename(data.trackerDir) });
  return { sheet: report.created + report.updated + report.unchanged, usTracker: tracker.commitments.created + tracker.commitments.updated + tracker.commitments.unchanged };
}
