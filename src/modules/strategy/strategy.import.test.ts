import assert from 'node:assert/strict';
import fs from 'node:fs';
import { describe, it } from 'node:test';
import { isMalformedSample, sampleDocument, sampleFiles, strategyRowCounts } from '../../../test/support/strategy-factories.ts';
import { useTestApp } from '../../../test/support/test-app.ts';
import { validateAgainstXsd } from '../../../test/support/xmllint.ts';
import { AppError } from '../../platform/errors.ts';
import { auditFor } from '../../../test/support/records.ts';
import { loadPlan, savePlan } from './plan-store.ts';
import { findDefaultPlanId } from './strategy.repository.ts';
import { ensureDefaultPlan, exportPlan, importPlan } from './strategy.service.ts';
import { PART1_XSD, PART2_XSD } from './stratml/reference-files.ts';
import { ensureSeeded } from '../../seed/seed.ts';
import { DEFAULT_PLAN_FILE } from './default-plan/default-plan.ts';

const samples = sampleFiles();
const readable = samples.filter((s) => !isMalformedSample(s));

/** The message a refused import shows, as the form (and the CLI) would put it. */
function refusal(error: unknown): { key: string; params: Record<string, string | number> } {
  assert.ok(error instanceof AppError && error.code === 'VALIDATION_FAILED', `expected a validation error, got ${String(error)}`);
  const field = error.fields.file;
  assert.ok(field, 'the problem is named on the file field');
  return { key: field.key, params: field.params ?? {} };
}

describe('importing StratML', () => {
  const t = useTestApp();

  it('has the samples it is meant to test', () => {
    assert.ok(readable.length >= 15, `only ${readable.length} readable samples`);
    assert.equal(samples.filter(isMalformedSample).length, 2);
  });

  for (const sample of readable) {
    it(`imports ${sample.name}, reporting what it read, and it round-trips`, async () => {
      const before = await strategyRowCounts(t.ctx.db);
      const outcome = await importPlan({ db: t.ctx.db }, null, fs.readFileSync(sample.file), { source: sample.name });
      const plan = await loadPlan(t.ctx.db, outcome.planId);
      assert.ok(plan);
      const after = await strategyRowCounts(t.ctx.db);
      // What the report counts is what was stored.
      assert.equal(after.strategy_plans! - before.strategy_plans!, 1);
      assert.equal(after.strategy_goals! - before.strategy_goals!, outcome.counts.Goal);
      assert.equal(after.strategy_objectives! - before.strategy_objectives!, outcome.counts.Objective);
      assert.equal(after.strategy_indicators! - before.strategy_indicators!, outcome.counts.PerformanceIndicator ?? 0);
      assert.equal(after.strategy_results! - before.strategy_results!, (outcome.counts.TargetResult ?? 0) + (outcome.counts.ActualResult ?? 0));
      assert.equal(after.strategy_values! - before.strategy_values!, outcome.counts.Value);
      assert.deepEqual(plan.importReport, { counts: outcome.counts, ignored: outcome.ignored, changedIdentifiers: outcome.changedIdentifiers });
      assert.equal(plan.source, sample.name);
      // One public audit event, in the same transaction as the rows.
      const events = await auditFor(t.ctx.db, outcome.planId);
      assert.deepEqual(events.map((e) => [e.action, e.entity_type, e.is_public]), [['strategy_plan.imported', 'strategy_plan', 1]]);

      // Export, import the export, and the second plan is the first one.
      const { xml } = await exportPlan(t.ctx.db, outcome.planId);
      const again = await importPlan({ db: t.ctx.db }, null, xml, { source: 'export.xml' });
      const copy = await loadPlan(t.ctx.db, again.planId);
      assert.deepEqual(copy?.document, plan.document);
      assert.deepEqual(again.ignored, [], 'our own export holds nothing the reader must leave out');
      assert.deepEqual(again.changedIdentifiers, [], 'identifiers survive the round trip unchanged');
    });
  }

  for (const sample of samples.filter(isMalformedSample)) {
    it(`refuses ${sample.name}, naming the line and column, and stores nothing`, async () => {
      const before = await strategyRowCounts(t.ctx.db);
      const error = await importPlan({ db: t.ctx.db }, null, fs.readFileSync(sample.file), { source: sample.name }).then(
        () => assert.fail('a malformed file was imported'),
        (e: unknown) => e,
      );
      const { key, params } = refusal(error);
      assert.equal(key, 'strategy.import.errors.syntax');
      assert.ok(Number(params.line) > 0 && Number(params.column) > 0);
      assert.deepEqual(await strategyRowCounts(t.ctx.db), before);
    });
  }

  it('names the exact place in a malformed file', async () => {
    const error = await importPlan({ db: t.ctx.db }, null, '<?xml version="1.0"?>\n<StrategicPlan>\n  <Name>A & B</Name>\n</StrategicPlan>', { source: '' }).catch((e: unknown) => e);
    const { params } = refusal(error);
    assert.deepEqual([params.line, params.column], [3, 11]);
    assert.doesNotMatch(String(params.reason), /line 3/, 'the detail does not repeat the line');
  });

  it('refuses well-formed XML that is not a StratML plan, storing nothing', async () => {
    const before = await strategyRowCounts(t.ctx.db);
    for (const input of ['<html><body>Not a plan</body></html>', '<?xml version="1.0"?>\n<rss version="2.0"><channel><title>News</title></channel></rss>']) {
      const error = await importPlan({ db: t.ctx.db }, null, input, { source: '' }).catch((e: unknown) => e);
      assert.equal(refusal(error).key, 'strategy.import.errors.format');
    }
    assert.deepEqual(await strategyRowCounts(t.ctx.db), before);
  });

  it('exports a stored plan as Part 2 and as Part 1, each valid against its XSD', async () => {
    const planId = await t.ctx.db.transaction().execute((trx) =>
      savePlan(trx, sampleDocument(), { source: '', createdBy: null, importReport: { counts: {}, ignored: [], changedIdentifiers: [] } }),
    );
    const part2 = await exportPlan(t.ctx.db, planId, 2);
    assert.equal(part2.part, 2);
    assert.match(part2.xml, /urn:ISO:std:iso:17469:tech:xsd:PerformancePlanOrReport/);
    const verdict2 = validateAgainstXsd(part2.xml, PART2_XSD);
    assert.ok(verdict2.valid, verdict2.errors);
    const part1 = await exportPlan(t.ctx.db, planId, 1);
    assert.match(part1.xml, /urn:ISO:std:iso:17469:tech:xsd:stratml_core/);
    const verdict1 = validateAgainstXsd(part1.xml, PART1_XSD);
    assert.ok(verdict1.valid, verdict1.errors);
  });

  for (const sample of readable) {
    it(`exports ${sample.name} valid against the XSD of its part`, async () => {
      const outcome = await importPlan({ db: t.ctx.db }, null, fs.readFileSync(sample.file), { source: sample.name });
      const { xml, part } = await exportPlan(t.ctx.db, outcome.planId);
      const verdict = validateAgainstXsd(xml, part === 2 ? PART2_XSD : PART1_XSD);
      assert.ok(verdict.valid, verdict.errors.slice(0, 2000));
    });
  }

  it('loads the default plan once, and leaves an existing default alone', async () => {
    const file = readable.find((s) => s.name.startsWith('p2-report-SMLC2011-prefixed.xml'))!.file;
    const first = await ensureDefaultPlan({ db: t.ctx.db }, file);
    assert.ok(first);
    assert.equal(await findDefaultPlanId(t.ctx.db), first);
    const before = await strategyRowCounts(t.ctx.db);
    assert.equal(await ensureDefaultPlan({ db: t.ctx.db }, file), null);
    assert.deepEqual(await strategyRowCounts(t.ctx.db), before);
    // Started together, several instances import it only once between them.
    await t.ctx.db.updateTable('strategy_plans').set({ is_default: 0 }).execute();
    const raced = await Promise.all([ensureDefaultPlan({ db: t.ctx.db }, file), ensureDefaultPlan({ db: t.ctx.db }, file)]);
    assert.equal(raced.filter((id) => id !== null).length, 1);
    assert.equal((await t.ctx.db.selectFrom('strategy_plans').select('id').where('is_default', '=', 1).execute()).length, 1);
  });
});

describe('the platform\'s own plan on first start', () => {
  const t = useTestApp();

  it('is imported by the first start\'s seeding and made the default, once', async () => {
    await ensureSeeded(t.ctx);
    const id = await findDefaultPlanId(t.ctx.db);
    assert.ok(id, 'a default plan exists after the first start');
    const plan = await loadPlan(t.ctx.db, id);
    assert.equal(plan?.source, 'ogp-strategy-2015-2018.xml');
    assert.equal(plan?.goals.length, 4);
    assert.equal(plan?.goals.reduce((n, g) => n + g.objectives.length, 0), 24);
    assert.equal(plan?.goals.flatMap((g) => g.objectives.flatMap((o) => o.performanceIndicators)).length, 15);
    const before = await strategyRowCounts(t.ctx.db);
    await ensureSeeded(t.ctx);
    assert.deepEqual(await strategyRowCounts(t.ctx.db), before, 'a second start imports nothing');
    const { xml } = await exportPlan(t.ctx.db, id);
    const verdict = validateAgainstXsd(xml, PART2_XSD);
    assert.ok(verdict.valid, verdict.errors);
    assert.ok(DEFAULT_PLAN_FILE.endsWith('ogp-strategy-2015-2018.xml'));
  });
});
