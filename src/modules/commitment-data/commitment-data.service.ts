import type { Readable } from 'node:stream';
import type { Trx } from '../../db/database.ts';
import { type NoteChangedCommitments, withBulkSearchLoad } from '../../db/fulltext.ts';
import type { CommitmentsTable } from '../../db/schema.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { AppContext } from '../../platform/context.ts';
import type { FieldMessage } from '../../platform/errors.ts';
import { newId, nowIso } from '../../platform/ids.ts';
import {
  commitmentIdsByOgpId,
  listKnownMembers,
  listKnownOrganisations,
  listKnownPlans,
  loadStoredCommitments,
  replaceCommitmentChildren,
  upsertCommitments,
} from './commitment-data.repository.ts';
import { KnownRecords, type RejectedRow, SheetChecker } from './import-check.ts';
import { OrganisationDirectory, type ResolvedMember, resolveMember, resolvePlan } from './import-entities.ts';
import { commitmentRows, fingerprint, initialStatus, storedFingerprints } from './import-rows.ts';
import { readSheetRecords, SheetFormatError } from './sheet-reader.ts';
import { readSheetRow, type SheetCommitment } from './sheet-row.ts';
import type { StarDisagreement } from './star-check.ts';

// Importing OGP's commitment data sheet. One file is one transaction: the file is read twice, first to
// check every row (nothing is written if any is refused), then to write, a batch of rows at a time,
// so even a very large file is never held in memory whole.

const BATCH = 500;

export interface ImportProgress {
  phase: 'check' | 'write';
  done: number;
  /** Bytes of the file while checking (when known), rows while writing. */
  total: number | null;
}

export interface ImportOptions {
  /** Opens the sheet from the start; called once per pass. */
  open: () => Readable;
  /** How the report names the file. */
  fileName: string;
  /** The file's size in bytes, when known, for progress while checking. */
  size?: number;
  actorId: string | null;
  onProgress?: (progress: ImportProgress) => void;
}

export interface ImportReport {
  fileName: string;
  /** Data rows read (the header not counted). */
  rows: number;
  created: number;
  updated: number;
  /** Rows already stored exactly as the sheet gives them. */
  unchanged: number;
  rejected: RejectedRow[];
  /** Set when the file as a whole could not be read; nothing is imported then. */
  fileProblem: (FieldMessage & { line: number | null }) | null;
  /** False when nothing was written because of a refused row or a file problem. */
  written: boolean;
  membersCreated: string[];
  membersUpdated: string[];
  plansCreated: string[];
  organisationsCreated: number;
  starDisagreements: StarDisagreement[];
  warnings: FieldMessage[];
}

export const refusedCount = (report: ImportReport): number => report.rejected.length + (report.fileProblem ? 1 : 0);

function emptyReport(fileName: string): ImportReport {
  return {
    fileName,
    rows: 0,
    created: 0,
    updated: 0,
    unchanged: 0,
    rejected: [],
    fileProblem: null,
    written: false,
    membersCreated: [],
    membersUpdated: [],
    plansCreated: [],
    organisationsCreated: 0,
    starDisagreements: [],
    warnings: [],
  };
}

/** The first pass: reads and checks every row. */
async function checkFile(options: ImportOptions, checker: SheetChecker): Promise<void> {
  try {
    for await (const record of readSheetRecords(options.open())) {
      if (record.row === 1) checker.checkHeader(record.cells);
      else checker.checkRow(record);
      if (checker.fileProblem) return;
      options.onProgress?.({ phase: 'check', done: record.bytes, total: options.size ?? null });
    }
  } catch (error) {
    if (!(error instanceof SheetFormatError)) throw error;
    checker.fileProblem = { key: 'commitmentData.problems.unreadable', params: { reason: error.message } };
    checker.fileProblemLine = error.line;
  }
  if (!checker.header && !checker.fileProblem) checker.fileProblem = { key: 'commitmentData.problems.empty', params: {} };
}

interface WriteState {
  trx: Trx;
  options: ImportOptions;
  known: KnownRecords;
  report: ImportReport;
  members: Map<string, ResolvedMember>;
  plans: Map<string, string>;
  organisations: OrganisationDirectory;
  existing: Map<string, string>;
  /** Existing commitments rewritten, for the search index to take again after the load. */
  noteChanged: NoteChangedCommitments;
}

function newCommitment(id: string, ogpId: string, sheet: SheetCommitment, columns: ReturnType<typeof commitmentRows>['columns'], now: string): CommitmentsTable {
  return {
    id,
    ogp_id: ogpId,
    ...columns,
    problem: '',
    status_quo: '',
    objective: '',
    ambition: '',
    carried_forward_from_id: null,
    stated_access_to_information: null,
    stated_civic_participation: null,
    stated_public_accountability: null,
    stated_technology_innovation: null,
    implementation_status: initialStatus(sheet),
    progress_percent: null,
    created_at: now,
    updated_at: now,
  };
}

/** Writes one batch of checked rows: new ones inserted, changed ones updated, unchanged ones left alone. */
async function writeBatch(state: WriteState, batch: SheetCommitment[]): Promise<void> {
  const { trx, report } = state;
  const now = nowIso();
  await state.organisations.ensure(
    trx,
    state.options.actorId,
    batch.flatMap((s) => [...s.lead, ...s.supporting].map((name) => ({ name, country: state.members.get(s.member.code)!.country }))),
  );
  const stored = storedFingerprints(await loadStoredCommitments(trx, batch.flatMap((s) => state.existing.get(s.ogpId) ?? [])));
  const upserts: CommitmentsTable[] = [];
  const changedIds: string[] = [];
  const children = { tags: [], institutions: [], irm: [], stars: [] } as Parameters<typeof replaceCommitmentChildren>[2];
  for (const sheet of batch) {
    const existingId = state.existing.get(sheet.ogpId);
    const id = existingId ?? newId();
    const country = state.members.get(sheet.member.code)!.country;
    const rows = commitmentRows(
      sheet,
      {
        commitmentId: id,
        planId: state.plans.get(sheet.plan.ogpId)!,
        memberId: state.members.get(sheet.member.code)!.id,
        lead: state.organisations.ids(sheet.lead, country),
        supporting: state.organisations.ids(sheet.supporting, country),
      },
      now,
    );
    if (existingId && stored.get(existingId) === fingerprint(rows.columns, rows.children)) {
      report.unchanged += 1;
      continue;
    }
    if (existingId) {
      report.updated += 1;
      state.noteChanged([existingId]);
    } else {
      report.created += 1;
    }
    // An existing row is matched on its OGP id; the id given here is only used by a new row.
    upserts.push(newCommitment(existingId ? newId() : id, sheet.ogpId, sheet, rows.columns, now));
    changedIds.push(id);
    children.tags.push(...rows.children.tags);
    children.institutions.push(...rows.children.institutions);
    children.irm.push(...rows.children.irm);
    children.stars.push(...rows.children.stars);
  }
  await upsertCommitments(trx, upserts);
  await replaceCommitmentChildren(trx, changedIds, children);
}

/** The second pass: members, plans and organisations first, then the commitments in batches. */
async function writeFile(state: WriteState, checker: SheetChecker): Promise<void> {
  const { trx, options, report, known } = state;
  for (const [code, sheetMember] of checker.members) {
    const { member, created, updated } = await resolveMember(trx, options.actorId, known, sheetMember);
    state.members.set(code, member);
    if (created) report.membersCreated.push(sheetMember.name);
    if (updated) report.membersUpdated.push(sheetMember.name);
  }
  for (const [ogpId, plan] of checker.plans) {
    const { id, created } = await resolvePlan(trx, options.actorId, known, state.members.get(plan.code)!.id, plan);
    state.plans.set(ogpId, id);
    if (created) report.plansCreated.push(ogpId);
  }
  let header: string[] = [];
  let batch: SheetCommitment[] = [];
  let done = 0;
  const flush = async () => {
    await writeBatch(state, batch);
    done += batch.length;
    batch = [];
    options.onProgress?.({ phase: 'write', done, total: report.rows });
  };
  for await (const record of readSheetRecords(options.open())) {
    if (record.row === 1) {
      header = record.cells.map((c) => c.trim());
      continue;
    }
    const read = readSheetRow(Object.fromEntries(header.map((column, i) => [column, record.cells[i] ?? ''])));
    // The first pass accepted every row; a refusal now means the file changed underneath the import.
    if (!read.ok) throw new Error(`${options.fileName} changed while it was being imported (row ${record.row}).`);
    batch.push(read.commitment);
    if (batch.length >= BATCH) await flush();
  }
  if (batch.length > 0) await flush();
  report.organisationsCreated = state.organisations.created;
}

/** Imports a sheet inside the caller's transaction (the first-start seed runs it with its own). */
export async function importSheetInTransaction(trx: Trx, options: ImportOptions): Promise<ImportReport> {
  const report = emptyReport(options.fileName);
  const known = new KnownRecords(await listKnownMembers(trx), await listKnownPlans(trx));
  const checker = new SheetChecker(known);
  await checkFile(options, checker);
  report.rows = checker.rows;
  report.rejected = checker.rejected;
  report.warnings = checker.warnings;
  report.starDisagreements = checker.starDisagreements;
  if (checker.fileProblem) report.fileProblem = { ...checker.fileProblem, line: checker.fileProblemLine };
  if (report.fileProblem || report.rejected.length > 0) return report;

  const organisations = new OrganisationDirectory(await listKnownOrganisations(trx));
  const existing = await commitmentIdsByOgpId(trx);
  await withBulkSearchLoad(trx, (noteChanged) =>
    writeFile({ trx, options, known, report, members: new Map(), plans: new Map(), organisations, existing, noteChanged }, checker),
  );
  report.written = true;
  await recordAudit(trx, {
    actorId: options.actorId,
    action: 'commitment_sheet.imported',
    entityType: 'commitment_sheet',
    entityId: newId(),
    summary: `Commitment data imported from ${options.fileName}: ${report.created} created, ${report.updated} updated, ${report.unchanged} unchanged`,
    after: {
      file: options.fileName,
      rows: report.rows,
      created: report.created,
      updated: report.updated,
      unchanged: report.unchanged,
      members_created: report.membersCreated.length,
      plans_created: report.plansCreated.length,
      organisations_created: report.organisationsCreated,
      star_disagreements: report.starDisagreements.length,
    },
  });
  return report;
}

/** Imports a sheet in a transaction of its own: all of it, or (when a row is refused) none of it. */
export function importCommitmentSheet(ctx: Pick<AppContext, 'db'>, options: ImportOptions): Promise<ImportReport> {
  return ctx.db.transaction().execute((trx) => importSheetInTransaction(trx, options));
}
