import fs from 'node:fs';
import path from 'node:path';
import type { Db, DbOrTrx } from '../../db/database.ts';
import { recordAudit } from '../../platform/audit.ts';
import { notFound, validationError } from '../../platform/errors.ts';
import type { Page, PageRequest } from '../../platform/pagination.ts';
import type { Actor } from '../../platform/roles.ts';
import { listPublicHistory } from '../audit/audit.repository.ts';
import { isUniqueViolation } from '../organisations/slugs.ts';
import type { ImportReport, StoredPlan } from './plan-store.ts';
import { claimDefaultPlan, findDefaultPlanId, findPlanRow, listPlans, loadPlan, markDefaultPlan, type PlanSummary, savePlan } from './strategy.repository.ts';
import { normaliseIdentifiers } from './stratml/identifiers.ts';
import { parseStratml, StratmlFormatError, StratmlSyntaxError } from './stratml/parse.ts';
import { serializeStratml } from './stratml/serialize.ts';
import type { StratmlDocument, StratmlPart } from './stratml/model.ts';

export type { ImportReport, StoredPlan } from './plan-store.ts';

/** Services need only the database; the CLI and the seed have no web app around them. */
export interface StrategyContext {
  db: Db;
}

/** The largest StratML file the upload form takes; the largest real plan we know of is 1.5 MB. */
export const STRATML_UPLOAD_MAX_BYTES = 10 * 1024 * 1024;

export interface ImportOptions {
  /** The file name, when known, kept as the plan's source. */
  source: string;
  /** Make the new plan the platform's own, in the same transaction: 'replace' any other, or 'claim' only if there is none. */
  makeDefault?: 'replace' | 'claim';
}

export interface ImportOutcome extends ImportReport {
  planId: string;
}

/** Reads a file as StratML; what is wrong with it is named on the form's file field (and by the CLI). */
export function readStratml(input: string | Uint8Array): { document: StratmlDocument; report: ImportReport } {
  try {
    const { document, report } = parseStratml(input);
    const normalised = normaliseIdentifiers(document);
    return { document: normalised.document, report: { counts: report.counts, ignored: report.ignored, changedIdentifiers: normalised.changed } };
  } catch (error) {
    if (error instanceof StratmlSyntaxError) {
      // The sentence around it names the line and column already; the reader's own detail follows.
      const reason = error.message.replace(/^Not well-formed XML at line \d+, column \d+: /, '');
      throw validationError({ file: { key: 'strategy.import.errors.syntax', params: { line: error.line, column: error.column, reason } } });
    }
    if (error instanceof StratmlFormatError) throw validationError({ file: { key: 'strategy.import.errors.format', params: { reason: error.message } } });
    throw error;
  }
}

/** Stores a read document as a new plan, with its public audit event, inside the caller's transaction. */
async function storePlan(trx: DbOrTrx, actorId: string | null, document: StratmlDocument, report: ImportReport, options: ImportOptions): Promise<string> {
  const id = await savePlan(trx, document, { source: options.source, createdBy: actorId, importReport: report });
  if (options.makeDefault === 'replace') await markDefaultPlan(trx, id);
  else if (options.makeDefault === 'claim') await claimDefaultPlan(trx, id);
  await recordAudit(trx, {
    actorId,
    action: 'strategy_plan.imported',
    entityType: 'strategy_plan',
    entityId: id,
    summary: `Strategic plan imported: ${document.name}${options.source ? ` (${options.source})` : ''}`,
    after: { name: document.name, ...(options.source ? { source_file: options.source } : {}) },
    isPublic: true,
  });
  return id;
}

/**
 * Imports a StratML file as a new plan: parsed before the transaction opens (no lock is held while
 * reading), then stored with its audit event in one transaction, so a failure stores nothing.
 */
export async function importPlan(ctx: StrategyContext, actorId: string | null, input: string | Uint8Array, options: ImportOptions): Promise<ImportOutcome> {
  const { document, report } = readStratml(input);
  const planId = await ctx.db.transaction().execute((trx) => storePlan(trx, actorId, document, report, options));
  return { planId, ...report };
}

/**
 * On first start: imports the platform's own strategy from `file` unless a plan is already the
 * default. Returns the new plan's id, or null when there was one already (or another process,
 * starting at the same moment, imported it first).
 */
export async function ensureDefaultPlan(ctx: StrategyContext, file: string): Promise<string | null> {
  if (await findDefaultPlanId(ctx.db)) return null;
  const { document, report } = readStratml(fs.readFileSync(file));
  try {
    return await ctx.db.transaction().execute(async (trx) => {
      // Looked at again inside the transaction: another process may have got there since.
      if (await findDefaultPlanId(trx)) return null;
      return storePlan(trx, null, document, report, { source: path.basename(file), makeDefault: 'claim' });
    });
  } catch (error) {
    // Two processes past the check at once: the database's unique index lets only one default commit.
    if (isUniqueViolation(error) && (await findDefaultPlanId(ctx.db))) return null;
    throw error;
  }
}

/** Makes a plan the platform's own strategy, the one /strategy and the indicators show. */
export function makeDefaultPlan(ctx: StrategyContext, actor: Actor, planId: string): Promise<void> {
  return ctx.db.transaction().execute(async (trx) => {
    const plan = await findPlanRow(trx, planId);
    if (!plan) throw notFound();
    if (plan.is_default === 1) return;
    await markDefaultPlan(trx, planId);
    await recordAudit(trx, {
      actorId: actor.id,
      action: 'strategy_plan.made_default',
      entityType: 'strategy_plan',
      entityId: planId,
      summary: `Made the platform's own strategic plan: ${plan.name}`,
      after: { name: plan.name },
      isPublic: true,
    });
  });
}

export async function getPlan(db: DbOrTrx, planId: string): Promise<StoredPlan> {
  const plan = await loadPlan(db, planId);
  if (!plan) throw notFound();
  return plan;
}

/** The platform's own plan, or null when none has been chosen. */
export async function getDefaultPlan(db: DbOrTrx): Promise<StoredPlan | null> {
  const id = await findDefaultPlanId(db);
  return id ? ((await loadPlan(db, id)) ?? null) : null;
}

export function searchPlans(db: DbOrTrx, request: PageRequest): Promise<Page<PlanSummary>> {
  return listPlans(db, request);
}

export function planHistory(db: DbOrTrx, planId: string) {
  return listPublicHistory(db, 'strategy_plan', planId);
}

/** Which plan `reference` names: a plan id, or `default` for the platform's own. */
export async function resolvePlanId(db: DbOrTrx, reference: string): Promise<string> {
  if (reference === 'default') {
    const id = await findDefaultPlanId(db);
    if (!id) throw notFound();
    return id;
  }
  if (!(await findPlanRow(db, reference))) throw notFound();
  return reference;
}

export const isStratmlPart = (value: unknown): value is StratmlPart => value === 1 || value === 2;

/** A stored plan as StratML XML, Part 1 or Part 2 (the plan's own part unless told). */
export async function exportPlan(db: DbOrTrx, planId: string, part?: StratmlPart): Promise<{ xml: string; plan: StoredPlan; part: StratmlPart }> {
  const plan = await getPlan(db, planId);
  const chosen = part ?? plan.document.part;
  return { xml: serializeStratml(plan.document, { part: chosen }), plan, part: chosen };
}
