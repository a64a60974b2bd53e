import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { TestClient } from '../../../test/support/client.ts';
import { createUser, signedInClient } from '../../../test/support/factories.ts';
import { csrfToken } from '../../../test/support/html.ts';
import { loadDefaultPlan } from '../../../test/support/indicators-factories.ts';
import { auditFor, countRows } from '../../../test/support/records.ts';
import { useTestApp } from '../../../test/support/test-app.ts';
import type { UserRow } from '../accounts/accounts.repository.ts';
import { DEFAULT_INDICATOR_IDENTIFIERS } from '../strategy/default-plan/default-plan.ts';

const headsOfState = DEFAULT_INDICATOR_IDENTIFIERS['1.4.1'] ?? '';
const page = `/indicators/${headsOfState}`;
const form = `${page}/actuals/new?start=2016-01-01&end=2016-12-31`;
const action = `${page}/actuals`;

const fields = (overrides: Record<string, string> = {}) => ({
  startDate: '2016-01-01',
  endDate: '2016-12-31',
  value: '1,250',
  note: 'Counted from the press archive.',
  sourceUrl: 'https://example.org/archive/2016',
  ...overrides,
});

describe('actuals recorded by hand', () => {
  const t = useTestApp();
  let support: UserRow;
  let supportClient: TestClient;
  let participantClient: TestClient;

  const stored = () => t.ctx.db.selectFrom('indicator_actuals').selectAll().orderBy('start_date').execute();
  const events = async () => (await auditFor(t.ctx.db, headsOfState)).map((e) => ({ ...e, before: JSON.parse(e.before_json ?? 'null'), after: JSON.parse(e.after_json ?? 'null') }));

  before(async () => {
    await loadDefaultPlan(t.ctx.db);
    support = await createUser(t.ctx.db, { roles: ['support_unit'], displayName: 'Sam Support' });
    supportClient = await signedInClient(t.app, support);
    participantClient = await signedInClient(t.app, await createUser(t.ctx.db));
  });

  it('are refused to the signed-out (401) and to anyone but the Support Unit (403), storing nothing', async () => {
    const anonymous = new TestClient(t.app);
    const opened = await anonymous.get(form);
    assert.equal(opened.status, 302);
    assert.match(opened.location ?? '', /^\/sign-in\?next=/);
    const token = csrfToken((await anonymous.get('/indicators')).body) ?? '';
    assert.equal((await anonymous.post(action, { ...fields(), _csrf: token })).status, 401);

    assert.equal((await participantClient.get(form)).status, 403);
    const participantToken = csrfToken((await participantClient.get('/indicators')).body) ?? '';
    const refused = await participantClient.post(action, { ...fields(), _csrf: participantToken });
    assert.equal(refused.status, 403);
    assert.doesNotMatch(refused.body, /Counted from the press archive/, 'a refused person never sees the form again');
    assert.equal((await participantClient.post(`${page}/actuals/whatever/remove`, { _csrf: participantToken })).status, 403);
    assert.equal(await countRows(t.ctx.db, 'indicator_actuals'), 0);
    assert.equal((await events()).length, 0);
  });

  it('are offered only for indicators whose data lives outside the platform', async () => {
    for (const sequence of ['3.1.1', '1.3.1']) {
      const other = `/indicators/${DEFAULT_INDICATOR_IDENTIFIERS[sequence]}`;
      assert.equal((await supportClient.get(`${other}/actuals/new`)).status, 404, `${sequence} takes no hand-recorded actual`);
      const response = await supportClient.submit(form, `${other}/actuals`, fields());
      assert.equal(response.status, 404);
      assert.doesNotMatch((await supportClient.get(other)).body, /Record an actual/);
    }
    assert.equal(await countRows(t.ctx.db, 'indicator_actuals'), 0);
  });

  it('re-render a wrong form with every problem, the error summary and the input kept, storing nothing', async () => {
    const response = await supportClient.submit(form, action, fields({ startDate: '2016-02-30', endDate: '', value: 'about 40', note: 'n'.repeat(2001), sourceUrl: 'javascript:alert(1)' }));
    assert.equal(response.status, 400);
    assert.match(response.body, /class="govuk-error-summary"/);
    assert.match(response.body, /<a href="#startDate">Enter a real date as YYYY-MM-DD, for example 2016-01-01<\/a>/);
    assert.match(response.body, /<a href="#endDate">Enter the end of the period<\/a>/);
    assert.match(response.body, /<a href="#value">Enter a number, such as 1500 or 1,500<\/a>/);
    assert.match(response.body, /<a href="#note">The note must be 2000 characters or fewer<\/a>/);
    assert.match(response.body, /<a href="#sourceUrl">Enter a web address starting with http:\/\/ or https:\/\/<\/a>/);
    assert.match(response.body, /id="value" name="value" type="text" spellcheck="false" value="about 40"/);
    assert.match(response.body, /<title>Error: Record an actual for indicator 1\.4\.1/);

    for (const [wrong, message] of [
      [{ value: '-3' }, 'The value cannot be below zero'],
      [{ value: '' }, 'Enter the value'],
      [{ value: '2000000000000' }, 'Enter a number no larger than 1,000,000,000,000'],
      [{ endDate: '2015-12-31' }, 'The end of the period must be the same as or after its start'],
    ] as const) {
      const refused = await supportClient.submit(form, action, fields(wrong));
      assert.equal(refused.status, 400);
      assert.ok(refused.body.includes(message), message);
    }
    assert.equal(await countRows(t.ctx.db, 'indicator_actuals'), 0);
    assert.equal((await events()).length, 0);
  });

  it('records an actual with a public audit event, shown on the indicator with who and when', async () => {
    const opened = await supportClient.get(form);
    assert.equal(opened.status, 200);
    assert.match(opened.body, /id="startDate" name="startDate" type="text" spellcheck="false" value="2016-01-01"/);
    const response = await supportClient.submit(form, action, fields());
    assert.equal(response.status, 303);
    assert.equal(response.location, `${page}?done=recorded#recorded-actuals`);
    const [row] = await stored();
    assert.deepEqual(
      { ...row, id: '', recorded_at: '' },
      {
        id: '',
        indicator_identifier: headsOfState,
        start_date: '2016-01-01',
        end_date: '2016-12-31',
        value: 1250,
        note: 'Counted from the press archive.',
        source_url: 'https://example.org/archive/2016',
        recorded_by: support.id,
        recorded_at: '',
      },
    );
    const [event] = await events();
    assert.equal(event?.action, 'indicator.actual_recorded');
    assert.equal(event?.entity_type, 'indicator');
    assert.equal(event?.actor_id, support.id);
    assert.equal(event?.is_public, 1);
    assert.deepEqual(event?.after, {
      indicator: '1.4.1 Number of OGP references made by heads of state, including in high-level international meetings, joint statements following state visits, and to the national or international press.',
      start_date: '2016-01-01',
      end_date: '2016-12-31',
      actual_value: 1250,
      actual_note: 'Counted from the press archive.',
      actual_source_url: 'https://example.org/archive/2016',
    });

    const shown = await new TestClient(t.app).get(page);
    assert.match(shown.body, /<td class="govuk-table__cell govuk-table__cell--numeric">1,250<\/td>/);
    assert.match(shown.body, /<td class="govuk-table__cell">Sam Support<\/td>/);
    assert.match(shown.body, /Actual recorded for 2016-01-01 to 2016-12-31: 1250/);
    const dashboard = await new TestClient(t.app).get('/indicators');
    assert.match(dashboard.body, /data-actual="1250">1,250</);
    assert.match((await supportClient.get('/indicators')).body, /href="\/indicators\/ogp-indicator-1-4-1\/actuals\/new\?start=2016-01-01&amp;end=2016-12-31">Change/);
  });

  it('corrects a period by recording it again, audited with before and after, and an unchanged save leaves no trace', async () => {
    const opened = await supportClient.get(form);
    assert.match(opened.body, /An actual of 1,250 is already recorded for 2016\. Saving replaces it\./);
    assert.match(opened.body, /id="value" name="value" type="text" spellcheck="false" value="1250"/);
    const response = await supportClient.submit(form, action, fields({ value: '1300', sourceUrl: '' }));
    assert.equal(response.status, 303);
    const rows = await stored();
    assert.equal(rows.length, 1);
    assert.deepEqual([rows[0]?.value, rows[0]?.source_url], [1300, null]);
    const changed = (await events()).at(-1);
    assert.equal(changed?.action, 'indicator.actual_changed');
    assert.deepEqual(changed?.before, { indicator: changed?.after.indicator, start_date: '2016-01-01', end_date: '2016-12-31', actual_value: 1250, actual_source_url: 'https://example.org/archive/2016' });
    assert.deepEqual(changed?.after, { indicator: changed?.before.indicator, start_date: '2016-01-01', end_date: '2016-12-31', actual_value: 1300, actual_source_url: '' });

    const count = (await events()).length;
    assert.equal((await supportClient.submit(form, action, fields({ value: '1300', sourceUrl: '' }))).status, 303);
    assert.equal((await events()).length, count);
  });

  it('keeps each period apart and removes one with its values kept in the history', async () => {
    await supportClient.submit(form, action, fields({ startDate: '2017-01-01', endDate: '2017-12-31', value: '7' }));
    const rows = await stored();
    assert.deepEqual(rows.map((r) => [r.start_date, r.value]), [['2016-01-01', 1300], ['2017-01-01', 7]]);
    const shown = await supportClient.get(page);
    const removeAction = `${page}/actuals/${rows[1]!.id}/remove`;
    assert.ok(shown.body.includes(`action="${removeAction}"`));
    const response = await supportClient.post(removeAction, { _csrf: csrfToken(shown.body) ?? '' });
    assert.equal(response.status, 303);
    assert.deepEqual((await stored()).map((r) => r.start_date), ['2016-01-01']);
    const removed = (await events()).at(-1);
    assert.equal(removed?.action, 'indicator.actual_removed');
    assert.deepEqual([removed?.before.start_date, removed?.before.actual_value, removed?.after], ['2017-01-01', 7, null]);
    assert.match((await supportClient.get(`${page}?done=removed`)).body, /The actual has been removed\./);
    assert.equal((await supportClient.post(removeAction, { _csrf: csrfToken(shown.body) ?? '' })).status, 404, 'it can go only once');
  });

  it('show on the dashboard at the next view, in every language, even when changed by another process', async () => {
    const dashboard = async (path = '/indicators') => (await new TestClient(t.app).get(path)).body;
    assert.match(await dashboard(), /data-actual="1300">1,300</);
    // Written as another process (or plain SQL) would: nothing in this process hears of it.
    await t.ctx.db.updateTable('indicator_actuals').set({ value: 1400 }).where('indicator_identifier', '=', headsOfState).execute();
    assert.match(await dashboard(), /data-actual="1400">1,400</);
    const spanish = await dashboard('/indicators?lang=es');
    assert.match(spanish, /Indicadores de desempeño/);
    assert.match(spanish, /data-actual="1400">1400</);
    assert.match((await supportClient.get('/indicators')).body, />Change</, 'the Support Unit still sees its own links');
    assert.doesNotMatch(await dashboard(), />Change</);
  });
});
