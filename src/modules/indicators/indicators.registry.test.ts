import assert from 'node:assert/strict';
import fs from 'node:fs';
import { before, describe, it } from 'node:test';
import { addPlanActual, addTarget, createCivilSocietyOrganisation, createEngagement, loadDefaultPlan } from '../../../test/support/indicators-factories.ts';
import { useTestApp } from '../../../test/support/test-app.ts';
import { newId, nowIso } from '../../platform/ids.ts';
import { loadResources } from '../../platform/i18n.ts';
import { DEFAULT_INDICATOR_IDENTIFIERS, DEFAULT_PLAN_FILE } from '../strategy/default-plan/default-plan.ts';
import { parseStratml } from '../strategy/stratml/parse.ts';
import { indicatorsCsv, indicatorsJson } from './indicators.export.ts';
import { INDICATOR_REGISTRY, SOURCES } from './indicators.registry.ts';
import { indicatorsReport } from './indicators.service.ts';

/** The indicators of the default plan as its file has them: identifier by sequence number. */
function defaultPlanIndicators(): Array<{ sequence: string; identifier: string }> {
  const { document } = parseStratml(fs.readFileSync(DEFAULT_PLAN_FILE));
  return document.goals.flatMap((g) => g.objectives.flatMap((o) => o.performanceIndicators.map((i) => ({ sequence: i.sequenceIndicator, identifier: i.identifier }))));
}

const lookup = (tree: unknown, key: string): unknown => key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], tree);

describe('the indicator registry', () => {
  it('binds every indicator of the default plan, by identifier, to exactly one source', () => {
    const indicators = defaultPlanIndicators();
    assert.equal(indicators.length, 15);
    assert.deepEqual(
      indicators.map((i) => i.sequence),
      ['1.3.1', '1.3.2', '1.4.1', '2.2.1', '2.2.2', '2.2.3', '2.4.1', '3.1.1', '3.2.1', '3.2.2', '3.2.3', '3.3.1', '3.3.2', '4.2.1', '4.5.1'],
    );
    const bound = Object.keys(INDICATOR_REGISTRY);
    // One entry per indicator and none for anything else: a key repeated in the literal would show here as a missing one.
    assert.deepEqual([...bound].sort(), indicators.map((i) => i.identifier).sort());
    for (const { sequence, identifier } of indicators) {
      assert.equal(DEFAULT_INDICATOR_IDENTIFIERS[sequence], identifier, `${sequence} is bound by the identifier the plan file gives it`);
      assert.notEqual(identifier, sequence, 'never by its sequence number');
      const entry = INDICATOR_REGISTRY[identifier];
      assert.ok(entry && SOURCES.includes(entry.source), `${sequence} has a source`);
      assert.ok(entry.reason.length > 20 && !entry.reason.includes('\n'), `${sequence} says in one line why`);
    }
  });

  it('says where the numbers come from in every language', () => {
    const languages = (['en', 'es', 'fr'] as const).map((lang) => loadResources(lang));
    for (const entry of Object.values(INDICATOR_REGISTRY)) {
      for (const resources of languages) assert.equal(typeof lookup(resources, entry.about), 'string', `${entry.about} is translated`);
      if (entry.source === 'computed') for (const resources of languages) assert.equal(typeof lookup(resources, entry.unitKey), 'string');
    }
  });

  it('sorts the strategy\'s indicators as decided: one computed, three by hand, the rest waiting for their modules', () => {
    const bySource = (source: string) =>
      Object.entries(DEFAULT_INDICATOR_IDENTIFIERS)
        .filter(([, identifier]) => INDICATOR_REGISTRY[identifier]?.source === source)
        .map(([sequence]) => sequence);
    assert.deepEqual(bySource('computed'), ['3.1.1']);
    assert.deepEqual(bySource('manual'), ['1.4.1', '2.2.3', '3.3.1']);
    assert.deepEqual(bySource('pending'), ['1.3.1', '1.3.2', '2.2.1', '2.2.2', '2.4.1', '3.2.1', '3.2.2', '3.2.3', '3.3.2', '4.2.1', '4.5.1']);
  });

  describe('pending indicators', () => {
    const t = useTestApp();
    const pending = Object.entries(DEFAULT_INDICATOR_IDENTIFIERS).filter(([, identifier]) => INDICATOR_REGISTRY[identifier]?.source === 'pending');

    before(async () => {
      const db = t.ctx.db;
      await loadDefaultPlan(db);
      // Everything that could be mistaken for their data: platform data, targets, actuals typed into the plan, and a stray hand-recorded row.
      const organisation = await createCivilSocietyOrganisation(db, 'Open Data Collective');
      await createEngagement(db, { planStart: '2015-01-01', planEnd: '2018-12-31', named: [{ organisation }] });
      for (const [sequence, identifier] of pending) {
        await addTarget(db, sequence, { start: '2016-01-01', end: '2016-12-31', numberOfUnits: 40 });
        await addPlanActual(db, sequence, '2016-01-01', '2016-12-31', 45);
        await db
          .insertInto('indicator_actuals')
          .values({ id: newId(), indicator_identifier: identifier, start_date: '2016-01-01', end_date: '2016-12-31', value: 45, note: '', source_url: null, recorded_by: null, recorded_at: nowIso() })
          .execute();
      }
    });

    it('never return a number, whatever else the database holds', async () => {
      const report = await indicatorsReport(t.ctx.db, {});
      const shown = report.indicators.filter((i) => i.source === 'pending');
      assert.equal(shown.length, pending.length);
      for (const indicator of shown) {
        for (const result of indicator.results) {
          assert.equal(result.actual, null, `${indicator.sequence} ${result.period.start}`);
          assert.equal(result.recorded, null);
          assert.equal(result.status, 'no_data');
        }
        assert.equal(indicator.results[1]?.target?.numberOfUnits, 40, 'their targets still show');
      }
      const json = indicatorsJson(report);
      for (const indicator of json.indicators.filter((i) => i.source === 'pending')) assert.ok(indicator.results.every((r) => r.actual === null));
      const csvRows = indicatorsCsv(report).trim().split('\n').slice(1).filter((line) => line.includes(',pending,'));
      assert.equal(csvRows.length, pending.length * 4);
      for (const line of csvRows) assert.match(line, /,,no_data,,,$/, 'an empty actual and no_data in the CSV');
    });
  });
});
