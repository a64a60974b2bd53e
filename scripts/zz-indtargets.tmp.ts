import { openDatabase } from '/work/main/src/db/database.ts';
import { findDefaultPlanId, insertResult } from '/work/main/src/modules/strategy/strategy.repository.ts';
import { newId, nowIso } from '/work/main/src/platform/ids.ts';
const { db } = openDatabase(process.argv[2]!);
const planId = (await findDefaultPlanId(db))!;
const indicators = await db.selectFrom('strategy_indicators').select(['id', 'identifier']).where('plan_id', '=', planId).execute();
for (const i of indicators) for (const y of [2015, 2016, 2017, 2018]) {
  await insertResult(db, planId, i.id, 'target', { start_date: `${y}-01-01`, end_date: `${y}-12-31`, number_of_units: 100 + y - 2015, descriptor_name: null, descriptor_value: null, description: '' });
}
for (const identifier of ['ogp-indicator-1-4-1', 'ogp-indicator-2-2-3', 'ogp-indicator-3-3-1']) for (const y of [2015, 2016, 2017, 2018]) {
  await db.insertInto('indicator_actuals').values({ id: newId(), indicator_identifier: identifier, start_date: `${y}-01-01`, end_date: `${y}-12-31`, value: 90 + y, note: 'bench', source_url: null, recorded_by: null, recorded_at: nowIso() }).execute();
}
console.log('targets added to', indicators.length);
await db.destroy();
