import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sampleDocument, STRATEGY_TABLES, strategyRowCounts } from '../../../test/support/strategy-factories.ts';
import { useTestApp } from '../../../test/support/test-app.ts';
import { loadPlan, savePlan } from './plan-store.ts';
import { findDefaultPlanId, listPlans, markDefaultPlan } from './strategy.repository.ts';

const report = { counts: { Goal: 2 }, ignored: ['something odd'], changedIdentifiers: [] };

describe('plan store', () => {
  const t = useTestApp();

  it('saves a document and loads back exactly the same document, ids and all', async () => {
    const doc = sampleDocument();
    const id = await t.ctx.db.transaction().execute((trx) => savePlan(trx, doc, { source: 'test.xml', createdBy: null, importReport: report }));
    const stored = await loadPlan(t.ctx.db, id);
    assert.ok(stored);
    assert.deepEqual(stored.document, doc);
    assert.equal(stored.source, 'test.xml');
    assert.equal(stored.isDefault, false);
    assert.deepEqual(stored.importReport, report);
    // The same goals with database ids, down to every target and actual.
    assert.equal(stored.goals.length, 2);
    const objective = stored.goals[0]?.objectives[1];
    assert.ok(objective?.id && objective.goalId === stored.goals[0]?.id);
    const indicator = objective.performanceIndicators[0];
    assert.ok(indicator?.id);
    assert.equal(indicator.objectiveId, objective.id);
    const instance = indicator.measurementInstances[0];
    assert.ok(instance?.id);
    assert.equal(instance.targetResults[0]?.kind, 'target');
    assert.equal(instance.actualResults[0]?.kind, 'actual');
    assert.equal(instance.targetResults[0]?.numberOfUnits, 1234567.89, 'a number comes back exactly as written');
    // An empty descriptor is kept apart from no descriptor at all.
    assert.deepEqual(indicator.measurementInstances[1]?.actualResults[0]?.descriptor, { name: '', value: '' });
    assert.equal(indicator.measurementInstances[0]?.actualResults[0]?.descriptor, null);
  });

  it('keeps a Part 1 plan without a type, and absent elements absent', async () => {
    const doc = { ...sampleDocument(), part: 1 as const, type: null, vision: null, administrativeInformation: null, submitter: null, goals: [] };
    const id = await t.ctx.db.transaction().execute((trx) => savePlan(trx, doc, { source: '', createdBy: null, importReport: report }));
    assert.deepEqual((await loadPlan(t.ctx.db, id))?.document, doc);
  });

  it('answers undefined for a plan that does not exist', async () => {
    assert.equal(await loadPlan(t.ctx.db, 'no-such-plan'), undefined);
  });

  it('lets one plan at a time be the platform\'s own, and lists it first', async () => {
    const save = (name: string) =>
      t.ctx.db.transaction().execute((trx) => savePlan(trx, { ...sampleDocument(), name }, { source: '', createdBy: null, importReport: report }));
    const first = await save('Aardvark plan');
    const second = await save('Zebra plan');
    await t.ctx.db.transaction().execute((trx) => markDefaultPlan(trx, second));
    assert.equal(await findDefaultPlanId(t.ctx.db), second);
    await t.ctx.db.transaction().execute((trx) => markDefaultPlan(trx, first));
    assert.equal(await findDefaultPlanId(t.ctx.db), first);
    const defaults = await t.ctx.db.selectFrom('strategy_plans').select('id').where('is_default', '=', 1).execute();
    assert.deepEqual(defaults.map((d) => d.id), [first]);
    // The database itself refuses a second default, whatever the code does.
    await assert.rejects(t.ctx.db.updateTable('strategy_plans').set({ is_default: 1 }).where('id', '=', second).execute());

    await t.ctx.db.transaction().execute((trx) => markDefaultPlan(trx, second));
    const page = await listPlans(t.ctx.db, { page: 1, perPage: 25 });
    assert.equal(page.items[0]?.id, second);
    assert.equal(page.items[0]?.goals, 2);
    assert.equal(page.items[0]?.objectives, 2);
    assert.equal(page.items[0]?.indicators, 1);
    assert.equal(page.total, (await strategyRowCounts(t.ctx.db)).strategy_plans);
  });

  it('removes every row of a plan with the plan', async () => {
    const id = await t.ctx.db.transaction().execute((trx) => savePlan(trx, sampleDocument(), { source: '', createdBy: null, importReport: report }));
    const before = await strategyRowCounts(t.ctx.db);
    await t.ctx.db.deleteFrom('strategy_plans').where('id', '=', id).execute();
    const after = await strategyRowCounts(t.ctx.db);
    for (const table of STRATEGY_TABLES) {
      const own = await t.ctx.db.selectFrom(table).select('id').where(table === 'strategy_plans' ? 'id' : 'plan_id', '=', id).execute();
      assert.equal(own.length, 0, `${table} keeps nothing of the deleted plan`);
    }
    assert.ok(after.strategy_results! < before.strategy_results!);
  });
});
