import assert from 'node:assert/strict';
import fs from 'node:fs';
import { before, describe, it } from 'node:test';
import { TestClient } from '../../../test/support/client.ts';
import { createUser, signedInClient } from '../../../test/support/factories.ts';
import { csrfToken } from '../../../test/support/html.ts';
import { auditFor, countRows } from '../../../test/support/records.ts';
import { multipartBody, type MultipartFile, sampleDocument, samplePath, strategyRowCounts } from '../../../test/support/strategy-factories.ts';
import { useTestApp } from '../../../test/support/test-app.ts';
import type { UserRow } from '../accounts/accounts.repository.ts';
import { loadPlan, savePlan, type StoredPlan } from './plan-store.ts';
import { STRATML_UPLOAD_MAX_BYTES } from './strategy.service.ts';

const noReport = { counts: {}, ignored: [], changedIdentifiers: [] };

describe('editing and importing plans', () => {
  const t = useTestApp();
  let support: UserRow;
  let supportClient: TestClient;
  let participantClient: TestClient;
  let plan: StoredPlan;

  const reload = async (): Promise<StoredPlan> => {
    const loaded = await loadPlan(t.ctx.db, plan.id);
    assert.ok(loaded);
    return loaded;
  };
  const base = () => `/strategy/plans/${plan.id}`;
  const goal = () => plan.goals[0]!;
  const objective = () => plan.goals[0]!.objectives[1]!;
  const indicator = () => objective().performanceIndicators[0]!;
  const firstTarget = () => indicator().measurementInstances[0]!.targetResults[0]!;
  const events = async () => (await auditFor(t.ctx.db, plan.id)).map((e) => ({ ...e, before: JSON.parse(e.before_json ?? 'null'), after: JSON.parse(e.after_json ?? 'null') }));

  before(async () => {
    support = await createUser(t.ctx.db, { roles: ['support_unit'], displayName: 'Sam Support' });
    supportClient = await signedInClient(t.app, support);
    participantClient = await signedInClient(t.app, await createUser(t.ctx.db));
    const id = await t.ctx.db.transaction().execute((trx) => savePlan(trx, sampleDocument(), { source: '', createdBy: null, importReport: noReport }));
    plan = (await loadPlan(t.ctx.db, id))!;
  });

  describe('the plan itself', () => {
    it('re-renders an invalid edit with the input kept and the error summary, changing nothing', async () => {
      const response = await supportClient.submit(`${base()}/edit`, `${base()}/edit`, { name: '   ', description: 'Kept description', vision: 'v'.repeat(20001), mission: '' });
      assert.equal(response.status, 400);
      assert.match(response.body, /class="govuk-error-summary"/);
      assert.match(response.body, /<a href="#name">Enter a name<\/a>/);
      assert.match(response.body, /<a href="#vision">This must be 20000 characters or fewer<\/a>/);
      assert.match(response.body, />Kept description<\/textarea>/);
      assert.match(response.body, /<title>Error: Edit the plan/);
      assert.deepEqual((await reload()).document, plan.document);
      assert.equal((await events()).length, 0);
    });

    it('saves name, description, vision and mission, audited publicly in the same transaction', async () => {
      const response = await supportClient.submit(`${base()}/edit`, `${base()}/edit`, {
        name: 'Test Strategy 2031',
        description: 'A plan written for the tests.',
        vision: 'Open government everywhere.',
        mission: 'To help.\r\nEvery day.',
      });
      assert.equal(response.status, 303);
      assert.equal(response.location, base());
      const now = await reload();
      assert.equal(now.document.name, 'Test Strategy 2031');
      assert.equal(now.document.mission?.description, 'To help.\nEvery day.');
      assert.match(now.document.mission?.identifier ?? '', /^_[0-9a-f-]{36}$/, 'a new statement gets a valid StratML identifier');
      const [event] = await events();
      assert.equal(event?.action, 'strategy_plan.updated');
      assert.equal(event?.actor_id, support.id);
      assert.equal(event?.is_public, 1);
      assert.deepEqual(event?.before, { name: 'Test Strategy 2030', mission: '' });
      assert.deepEqual(event?.after, { name: 'Test Strategy 2031', mission: 'To help.\nEvery day.' });
      const page = await new TestClient(t.app).get(base());
      assert.match(page.body, /Strategic plan updated\s*<details/);
      assert.match(page.body, /<th scope="row" class="govuk-table__header">Mission<\/th>/);
      assert.match(page.body, /Sam Support/);
    });

    it('records nothing when the form is saved unchanged, and removes an emptied vision', async () => {
      const unchanged = await supportClient.submit(`${base()}/edit`, `${base()}/edit`, {
        name: 'Test Strategy 2031',
        description: 'A plan written for the tests.',
        vision: 'Open government everywhere.',
        mission: 'To help.\nEvery day.',
      });
      assert.equal(unchanged.status, 303);
      assert.equal((await events()).length, 1);
      await supportClient.submit(`${base()}/edit`, `${base()}/edit`, { name: 'Test Strategy 2031', description: 'A plan written for the tests.', vision: '', mission: 'To help.\nEvery day.' });
      assert.equal((await reload()).document.vision, null);
      assert.equal((await events()).length, 2);
    });
  });

  describe('goals, objectives and indicators', () => {
    it('edits a goal, naming it in its public history event', async () => {
      const url = `${base()}/goals/${goal().id}/edit`;
      const form = await supportClient.get(url);
      assert.match(form.body, /value="Build support"/);
      const invalid = await supportClient.submit(url, url, { sequenceIndicator: '1'.repeat(51), name: '', description: 'x', otherInformation: '' });
      assert.equal(invalid.status, 400);
      assert.match(invalid.body, /href="#sequenceIndicator"/);
      assert.match(invalid.body, /href="#name">Enter a name/);
      const response = await supportClient.submit(url, url, { sequenceIndicator: '1', name: 'Build lasting support', description: 'First goal', otherInformation: 'Goal note' });
      assert.equal(response.status, 303);
      assert.equal(response.location, `${base()}/goals/${goal().id}`);
      assert.equal((await reload()).goals[0]?.name, 'Build lasting support');
      const event = (await events()).at(-1);
      assert.equal(event?.action, 'strategy_plan.goal_updated');
      assert.deepEqual(event?.before, { goal: '1 Build support', name: 'Build support' });
      assert.deepEqual(event?.after, { goal: '1 Build support', name: 'Build lasting support' });
      assert.match((await new TestClient(t.app).get(base())).body, /Goal updated: 1 Build support/);
    });

    it('edits an objective; a new number moves it in the tree', async () => {
      const url = `${base()}/objectives/${objective().id}/edit`;
      const response = await supportClient.submit(url, url, { sequenceIndicator: '2.1', name: 'Grow in Africa', description: 'A sub-objective', otherInformation: '' });
      assert.equal(response.status, 303);
      const event = (await events()).at(-1);
      assert.equal(event?.action, 'strategy_plan.objective_updated');
      assert.deepEqual(event?.after, { objective: '1.5.1 Grow in Africa', sequence_indicator: '2.1' });
      const page = await new TestClient(t.app).get(`${base()}/objectives/${objective().id}`);
      assert.match(page.body, /Objective 2\.1/);
      assert.doesNotMatch(page.body, /1\.5 Grow<\/a>/, 'no longer under 1.5 in the breadcrumbs');
      await supportClient.submit(url, url, { sequenceIndicator: '1.5.1', name: 'Grow in Africa', description: 'A sub-objective', otherInformation: '' });
    });

    it('edits an indicator\'s dimension, unit, type and stage, refusing a choice not offered', async () => {
      const url = `${base()}/indicators/${indicator().id}/edit`;
      const form = await supportClient.get(url);
      assert.match(form.body, /<option value="Quantitative" selected>Quantitative<\/option>/);
      const invalid = await supportClient.submit(url, url, { sequenceIndicator: '1.5.1', measurementDimension: '', unitOfMeasurement: 'Countries', indicatorType: 'Vague', valueChainStage: 'Output' });
      assert.equal(invalid.status, 400);
      assert.match(invalid.body, /href="#measurementDimension">Enter what the indicator measures/);
      assert.match(invalid.body, /href="#indicatorType">Choose one of the options/);
      assert.match(invalid.body, /<option value="Output" selected>Output<\/option>/, 'the choice made is kept');
      const response = await supportClient.submit(url, url, { sequenceIndicator: '1.5.1', measurementDimension: 'Members with an action plan', unitOfMeasurement: 'Members', indicatorType: 'Quantitative', valueChainStage: '' });
      assert.equal(response.status, 303);
      const now = (await reload()).goals[0]!.objectives[1]!.performanceIndicators[0]!;
      assert.equal(now.measurementDimension, 'Members with an action plan');
      assert.equal(now.valueChainStage, null);
      const event = (await events()).at(-1);
      assert.equal(event?.action, 'strategy_plan.indicator_updated');
      assert.deepEqual(event?.after, { indicator: '1.5.1 Countries with an action plan', measurement_dimension: 'Members with an action plan', unit_of_measurement: 'Members', value_chain_stage: null });
    });
  });

  describe('targets and actuals', () => {
    const resultFields = (overrides: Record<string, string> = {}) => ({
      startDate: '2018-01-01',
      endDate: '2018-12-31',
      numberOfUnits: '80',
      descriptorName: '',
      descriptorValue: '',
      description: '',
      ...overrides,
    });

    it('refuses a result without a proper period or value, saying which field is wrong', async () => {
      const url = `${base()}/indicators/${indicator().id}/targets/new`;
      const before = await countRows(t.ctx.db, 'strategy_results');
      const cases: Array<[Record<string, string>, RegExp]> = [
        [{ startDate: '' }, /href="#startDate">Enter the start date of the period/],
        [{ startDate: '2018-02-30' }, /href="#startDate">Enter a real date in the form YYYY-MM-DD/],
        [{ endDate: '2017-12-31' }, /href="#endDate">The end date must be the same as or after the start date/],
        [{ numberOfUnits: '1,000' }, /href="#numberOfUnits">Enter a number such as 1500 or 12.5/],
        [{ numberOfUnits: '' }, /href="#numberOfUnits">Enter a number of units, or a descriptor name and value/],
        [{ descriptorName: 'Status' }, /href="#descriptorValue">Enter the descriptor value/],
      ];
      for (const [overrides, message] of cases) {
        const response = await supportClient.submit(url, url, resultFields(overrides));
        assert.equal(response.status, 400, JSON.stringify(overrides));
        assert.match(response.body, message);
      }
      assert.equal(await countRows(t.ctx.db, 'strategy_results'), before);
    });

    it('adds a target and an actual for a new period into one measurement instance, audited', async () => {
      const target = await supportClient.submit(`${base()}/indicators/${indicator().id}/targets/new`, `${base()}/indicators/${indicator().id}/targets/new`, resultFields());
      assert.equal(target.status, 303);
      assert.equal(target.location, `${base()}/indicators/${indicator().id}/edit#results`);
      const actual = await supportClient.submit(
        `${base()}/indicators/${indicator().id}/actuals/new`,
        `${base()}/indicators/${indicator().id}/actuals/new`,
        resultFields({ numberOfUnits: '', descriptorName: 'Status', descriptorValue: 'Behind', description: 'Checked in December' }),
      );
      assert.equal(actual.status, 303);
      plan = await reload();
      const instances = indicator().measurementInstances;
      assert.equal(instances.length, 3);
      assert.deepEqual(
        instances[2]!.targetResults.map((r) => [r.startDate, r.numberOfUnits]),
        [['2018-01-01', 80]],
      );
      assert.deepEqual(instances[2]!.actualResults[0]?.descriptor, { name: 'Status', value: 'Behind' });
      const [added, addedActual] = (await events()).slice(-2);
      assert.equal(added?.action, 'strategy_plan.target_added');
      assert.deepEqual(added?.after, { indicator: '1.5.1 Members with an action plan', start_date: '2018-01-01', end_date: '2018-12-31', number_of_units: 80 });
      assert.equal(addedActual?.action, 'strategy_plan.actual_added');
      const page = await supportClient.get(`${base()}/indicators/${indicator().id}/edit`);
      assert.match(page.body, /2018-01-01 to 2018-12-31[\s\S]*80[\s\S]*Status: Behind/);
    });

    it('changes a result, moving it to its new period', async () => {
      const result = firstTarget();
      const url = `${base()}/results/${result.id}/edit`;
      const form = await supportClient.get(url);
      assert.match(form.body, /value="1234567.89"/);
      const response = await supportClient.submit(url, url, resultFields({ startDate: '2018-01-01', endDate: '2018-12-31', numberOfUnits: '90' }));
      assert.equal(response.status, 303);
      plan = await reload();
      const instances = indicator().measurementInstances;
      // The 2016 instance keeps its actual; the changed target joins the 2018 instance, after the target already there.
      assert.deepEqual(instances[0]!.targetResults, []);
      assert.equal(instances[0]!.actualResults.length, 1);
      assert.deepEqual(instances[2]!.targetResults.map((r) => r.numberOfUnits), [80, 90]);
      const event = (await events()).at(-1);
      assert.equal(event?.action, 'strategy_plan.target_updated');
      assert.deepEqual(event?.before, { indicator: '1.5.1 Members with an action plan', start_date: '2016-01-01', end_date: '2016-12-31', number_of_units: 1234567.89, description: 'Target 2016' });
    });

    it('removes a result, and the measurement instance it leaves empty', async () => {
      const actual = indicator().measurementInstances[0]!.actualResults[0]!;
      const instancesBefore = await countRows(t.ctx.db, 'strategy_measurement_instances');
      const response = await supportClient.submit(`${base()}/results/${actual.id}/edit`, `${base()}/results/${actual.id}/remove`, {});
      assert.equal(response.status, 303);
      plan = await reload();
      assert.equal(indicator().measurementInstances.length, 2);
      assert.equal(await countRows(t.ctx.db, 'strategy_measurement_instances'), instancesBefore - 1);
      const event = (await events()).at(-1);
      assert.equal(event?.action, 'strategy_plan.actual_removed');
      assert.deepEqual(event?.before, { indicator: '1.5.1 Members with an action plan', start_date: '2016-01-01', end_date: '2016-12-31', number_of_units: 12 });
      assert.equal((await supportClient.get(`${base()}/results/${actual.id}/edit`)).status, 404);
    });
  });

  describe('importing through the website', () => {
    async function upload(client: TestClient, file: MultipartFile | MultipartFile[] | undefined, withToken = true) {
      const page = await supportClient.get('/strategy/plans/import');
      const token = withToken ? (csrfToken(page.body) ?? '') : '';
      const { body, contentType } = multipartBody(withToken ? { _csrf: token } : {}, file);
      return client.request('POST', '/strategy/plans/import', body, { 'content-type': contentType });
    }
    const xmlFile = (name: string): MultipartFile => ({ field: 'file', filename: name, content: fs.readFileSync(samplePath(name), 'utf8') });

    it('shows the upload form with the token before the file field', async () => {
      const page = await supportClient.get('/strategy/plans/import');
      assert.equal(page.status, 200);
      assert.match(page.body, /<form method="post" action="\/strategy\/plans\/import" enctype="multipart\/form-data" novalidate>\s*(<!--.*-->|\{#.*#\}|\s)*<input type="hidden" name="_csrf"[^>]*>[\s\S]*<input class="govuk-file-upload[^"]*" id="file" name="file" type="file"/);
    });

    it('imports an uploaded file and shows what it read and left out', async () => {
      const response = await upload(supportClient, xmlFile('template-p2-legacy-PerformancePlan.xml'));
      assert.equal(response.status, 303, response.body.slice(0, 500));
      const match = /^\/strategy\/plans\/([0-9a-f-]+)\/import-report$/.exec(response.location ?? '');
      assert.ok(match);
      const report = await supportClient.get(response.location!);
      assert.equal(report.status, 200);
      assert.match(report.body, /<td class="govuk-table__cell govuk-table__cell--numeric" data-count="PerformanceIndicator">1<\/td>/);
      assert.match(report.body, /is not a date \(YYYY-MM-DD\); left empty/);
      assert.match(report.body, /is not a valid XML identifier/);
      const events = await auditFor(t.ctx.db, match[1]!);
      assert.deepEqual(events.map((e) => [e.action, e.actor_id]), [['strategy_plan.imported', support.id]]);
      const stored = await t.ctx.db.selectFrom('strategy_plans').select('source').where('id', '=', match[1]!).executeTakeFirstOrThrow();
      assert.match(stored.source, /\.xml$/, 'the uploaded file name is kept as the plan source');
      assert.equal((await participantClient.get(response.location!)).status, 403, 'the report is for the Support Unit');
    });

    it('refuses a malformed upload on the form, naming line and column, storing nothing', async () => {
      const before = await strategyRowCounts(t.ctx.db);
      const response = await upload(supportClient, xmlFile('p1-nonstandard-ns-SampleSportsRecreationCenter-MALFORMED.xml'));
      assert.equal(response.status, 400);
      assert.match(response.body, /<a href="#file">The file is not well-formed XML: line 5, column 23\./);
      assert.match(response.body, /id="file-error"/);
      assert.deepEqual(await strategyRowCounts(t.ctx.db), before);
    });

    it('asks for a file when none or an empty one is sent', async () => {
      const before = await strategyRowCounts(t.ctx.db);
      for (const file of [undefined, { field: 'file', filename: '', content: '', contentType: 'application/octet-stream' }]) {
        const response = await upload(supportClient, file);
        assert.equal(response.status, 400);
        assert.match(response.body, /<a href="#file">Choose a StratML file to import<\/a>/);
      }
      assert.deepEqual(await strategyRowCounts(t.ctx.db), before);
    });

    it('refuses a file over the limit with a clear message, not a server error', async () => {
      const before = await strategyRowCounts(t.ctx.db);
      const response = await upload(supportClient, { field: 'file', filename: 'huge.xml', content: `<StrategicPlan>${' '.repeat(STRATML_UPLOAD_MAX_BYTES)}</StrategicPlan>` });
      assert.equal(response.status, 400);
      assert.match(response.body, /<a href="#file">The file must be smaller than 10 MB<\/a>/);
      assert.deepEqual(await strategyRowCounts(t.ctx.db), before);
    });

    it('takes one file at a time', async () => {
      const before = await strategyRowCounts(t.ctx.db);
      const response = await upload(supportClient, [xmlFile('template-p2-legacy-PerformancePlan.xml'), xmlFile('template-p2-legacy-StrategicPlan.xml')]);
      assert.equal(response.status, 400);
      assert.match(response.body, /<a href="#file">Upload one file at a time<\/a>/);
      assert.deepEqual(await strategyRowCounts(t.ctx.db), before);
    });

    it('refuses an upload without the CSRF token', async () => {
      const before = await strategyRowCounts(t.ctx.db);
      const response = await upload(supportClient, xmlFile('template-p2-legacy-PerformancePlan.xml'), false);
      assert.equal(response.status, 403);
      assert.deepEqual(await strategyRowCounts(t.ctx.db), before);
    });
  });

  describe('making a plan the platform\'s own', () => {
    it('lets the Support Unit choose it, audited', async () => {
      const page = await supportClient.get(base());
      assert.match(page.body, /Make this the platform&#39;s own strategy/);
      const response = await supportClient.submit(base(), `${base()}/make-default`, {});
      assert.equal(response.status, 303);
      assert.equal((await reload()).isDefault, true);
      assert.equal((await events()).at(-1)?.action, 'strategy_plan.made_default');
      assert.doesNotMatch((await supportClient.get(base())).body, /Make this the platform&#39;s own strategy/);
    });
  });

  describe('refusals', () => {
    const editPages = () => [
      `${base()}/edit`,
      `${base()}/goals/${goal().id}/edit`,
      `${base()}/objectives/${objective().id}/edit`,
      `${base()}/indicators/${indicator().id}/edit`,
      `${base()}/indicators/${indicator().id}/targets/new`,
      `${base()}/indicators/${indicator().id}/actuals/new`,
      `${base()}/results/${indicator().measurementInstances[0]!.targetResults[0]?.id ?? indicator().measurementInstances[1]!.targetResults[0]!.id}/edit`,
      '/strategy/plans/import',
    ];
    const posts = () => [
      ...editPages(),
      `${base()}/results/${indicator().measurementInstances[1]!.targetResults[0]!.id}/remove`,
      `${base()}/make-default`,
    ];

    it('sends the signed-out to sign in, and refuses everyone but the Support Unit with 403, changing nothing', async () => {
      plan = await reload();
      const before = await strategyRowCounts(t.ctx.db);
      for (const url of editPages()) {
        const anonymous = await new TestClient(t.app).get(url);
        assert.equal(anonymous.status, 302, url);
        assert.match(anonymous.location ?? '', /^\/sign-in\?next=/);
        assert.equal((await participantClient.get(url)).status, 403, url);
      }
      for (const url of posts()) {
        const fields = { name: 'Taken over', measurementDimension: 'x', startDate: '2020-01-01', endDate: '2020-12-31', numberOfUnits: '1' };
        assert.equal((await new TestClient(t.app).submit('/sign-in', url, fields)).status, 401, url);
        assert.equal((await participantClient.submit('/strategy', url, fields)).status, 403, url);
      }
      const { body, contentType } = multipartBody({ _csrf: csrfToken((await participantClient.get('/strategy')).body) ?? '' }, { field: 'file', filename: 'x.xml', content: fs.readFileSync(samplePath('template-p2-legacy-PerformancePlan.xml'), 'utf8') });
      assert.equal((await participantClient.request('POST', '/strategy/plans/import', body, { 'content-type': contentType })).status, 403);
      assert.deepEqual(await strategyRowCounts(t.ctx.db), before);
    });

    it('shows edit links only to the Support Unit', async () => {
      const objectivePage = `${base()}/objectives/${objective().id}`;
      assert.match((await supportClient.get(objectivePage)).body, /Edit this indicator/);
      assert.doesNotMatch((await participantClient.get(objectivePage)).body, /Edit this indicator|Edit this objective/);
      assert.doesNotMatch((await participantClient.get(base())).body, /Edit this plan|Make this the platform/);
    });
  });
});
