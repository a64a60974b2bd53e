import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { createCivilSocietyOrganisation, createEngagement } from '../../../test/support/indicators-factories.ts';
import { createOrganisation } from '../../../test/support/factories.ts';
import { useTestApp } from '../../../test/support/test-app.ts';
import { civilSocietyOrganisationsInActionPlans } from './indicators.computations.ts';
import { indicatorsDataVersions } from './indicators.data-version.ts';
import { calendarYears } from './indicators.periods.ts';

describe('computed indicators', () => {
  describe('3.1.1: civil society organisations engaged in action plans', () => {
    const t = useTestApp();

    before(async () => {
      const db = t.ctx.db;
      const early = await createCivilSocietyOrganisation(db, 'Early Watch');
      const both = await createCivilSocietyOrganisation(db, 'Both Plans Network');
      const late = await createCivilSocietyOrganisation(db, 'Late Starters Forum');
      const gone = await createCivilSocietyOrganisation(db, 'Gone Before 2015');
      const silent = await createCivilSocietyOrganisation(db, 'Never Named');
      const ministry = await createOrganisation(db, { name: 'Ministry of Openness', orgType: 'government_agency' });
      // Runs into 2016, names two organisations on three commitments each: each still counts once.
      await createEngagement(db, { planStart: '2014-09-01', planEnd: '2016-08-31', named: [{ organisation: early }, { organisation: both, role: 'lead' }, { organisation: ministry, role: 'lead' }], commitments: 3 });
      await createEngagement(db, { planStart: '2016-07-01', planEnd: '2018-06-30', named: [{ organisation: both }] });
      // Starts on the last day of 2018: it counts for 2018.
      await createEngagement(db, { planStart: '2018-12-31', planEnd: '2020-06-30', named: [{ organisation: late }] });
      // Ends on the last day of 2014: not in 2015.
      await createEngagement(db, { planStart: '2012-01-01', planEnd: '2014-12-31', named: [{ organisation: gone }] });
      // A plan without dates cannot be placed in any period.
      await createEngagement(db, { planStart: null, planEnd: null, named: [{ organisation: silent }] });
      await createEngagement(db, { planStart: '2016-01-01', planEnd: null, named: [{ organisation: silent }] });
    });

    it('counts each organisation once per calendar year its plans touch, edges included, government bodies not', async () => {
      assert.deepEqual(await civilSocietyOrganisationsInActionPlans(t.ctx.db, calendarYears(2014, 2019)), [3, 2, 2, 1, 2, 1]);
    });

    it('answers for any period, down to a single day', async () => {
      const counts = await civilSocietyOrganisationsInActionPlans(t.ctx.db, [
        { start: '2014-12-31', end: '2014-12-31' },
        { start: '2015-01-01', end: '2015-01-01' },
        { start: '2016-08-31', end: '2016-08-31' },
        { start: '2016-09-01', end: '2018-06-29' },
        { start: '2021-01-01', end: '2030-12-31' },
        { start: '2010-01-01', end: '2030-12-31' },
      ]);
      assert.deepEqual(counts, [3, 2, 2, 1, 0, 4]);
      assert.deepEqual(await civilSocietyOrganisationsInActionPlans(t.ctx.db, []), []);
    });

    it('are counted again when what they count changes, in any process, and not for progress updates', async () => {
      const db = t.ctx.db;
      const versions = () => indicatorsDataVersions(db);
      const before = await versions();
      // What a progress update rewrites on its commitment leaves every count as it was.
      await db.updateTable('commitments').set({ implementation_status: 'limited', progress_percent: 40 }).execute();
      assert.deepEqual(await versions(), before);
      await db.updateTable('action_plans').set((eb) => ({ end_date: eb.ref('end_date') })).execute();
      const afterPlans = await versions();
      assert.ok(afterPlans.computed > before.computed);
      await db.updateTable('commitment_institutions').set((eb) => ({ position: eb.ref('position') })).execute();
      assert.ok((await versions()).computed > afterPlans.computed);
      assert.equal((await versions()).plan, before.plan, 'the plan and the actuals recorded by hand are another matter');
    });
  });
});
