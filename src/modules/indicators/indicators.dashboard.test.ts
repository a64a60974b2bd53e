import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { before, describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import { TestClient } from '../../../test/support/client.ts';
import { createUser } from '../../../test/support/factories.ts';
import { addPlanActual, addTarget, createCivilSocietyOrganisation, createEngagement, loadDefaultPlan } from '../../../test/support/indicators-factories.ts';
import { useTestApp } from '../../../test/support/test-app.ts';
import { validateAgainstXsd } from '../../../test/support/xmllint.ts';
import { DEFAULT_INDICATOR_IDENTIFIERS } from '../strategy/default-plan/default-plan.ts';
import { parseStratml } from '../strategy/stratml/parse.ts';
import { PART2_XSD } from '../strategy/stratml/reference-files.ts';
import type { PerformanceIndicator } from '../strategy/stratml/model.ts';
import { recordActual } from './indicators.actuals.service.ts';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const id = (sequence: string): string => DEFAULT_INDICATOR_IDENTIFIERS[sequence] ?? '';

/** The HTML of one indicator's section of the dashboard. */
function section(html: string, sequence: string): string {
  const start = html.indexOf(`<section class="ogp-indicator" id="${id(sequence)}"`);
  assert.ok(start >= 0, `the dashboard shows ${sequence}`);
  return html.slice(start, html.indexOf('</section>', start));
}

/** What one row of an indicator's table says: its actual and status codes, and its target as shown. */
function row(html: string, start: string, end: string): { actual: string; status: string; target: string } {
  const at = html.indexOf(`data-period="${start}/${end}"`);
  assert.ok(at >= 0, `a row for ${start} to ${end}`);
  const text = html.slice(at, html.indexOf('</tr>', at));
  return {
    actual: /data-actual="([^"]*)"/.exec(text)?.[1] ?? '?',
    status: /data-status="([^"]*)"/.exec(text)?.[1] ?? '?',
    target: /data-target>(.*?)<\/td>/s.exec(text)?.[1]?.replace(/<[^>]+>/g, '').trim() ?? '?',
  };
}

function ogp(args: string[], databaseUrl: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const env = { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: 'test', DATABASE_URL: databaseUrl };
    const child = spawn(process.execPath, [path.join(projectRoot, 'bin', 'ogp.js'), ...args], { cwd: projectRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

function indicatorIn(xml: string, sequence: string): PerformanceIndicator {
  const { document } = parseStratml(xml);
  const found = document.goals.flatMap((g) => g.objectives.flatMap((o) => o.performanceIndicators)).find((i) => i.identifier === id(sequence));
  assert.ok(found, `the report has ${sequence}`);
  return found;
}

describe('the indicators dashboard and its downloads', () => {
  const t = useTestApp();
  const anyone = () => new TestClient(t.app);

  before(async () => {
    const db = t.ctx.db;
    await loadDefaultPlan(db);
    const a = await createCivilSocietyOrganisation(db, 'Civic Lab');
    const b = await createCivilSocietyOrganisation(db, 'Budget Watch');
    const c = await createCivilSocietyOrganisation(db, 'Open Courts Alliance');
    // 3.1.1 counts 1 in 2015, 3 in 2016, 2 in 2017 and 2018.
    await createEngagement(db, { planStart: '2014-07-01', planEnd: '2016-06-30', named: [{ organisation: a }] });
    await createEngagement(db, { planStart: '2016-07-01', planEnd: '2018-06-30', named: [{ organisation: b }, { organisation: c, role: 'lead' }] });
    await addTarget(db, '3.1.1', { start: '2015-01-01', end: '2015-12-31', numberOfUnits: 1 });
    await addTarget(db, '3.1.1', { start: '2016-01-01', end: '2016-12-31', numberOfUnits: 1 });
    await addTarget(db, '3.1.1', { start: '2017-01-01', end: '2017-12-31', numberOfUnits: 4 });
    await addTarget(db, '3.1.1', { start: '2018-01-01', end: '2018-12-31', descriptor: { name: 'Community', value: 'Broader and more diverse' } });
    await addTarget(db, '1.4.1', { start: '2016-01-01', end: '2016-12-31', numberOfUnits: 10 });
    await addTarget(db, '1.3.1', { start: '2016-01-01', end: '2016-12-31', numberOfUnits: 30 });
    // A number typed into the plan for a pending indicator is not a live actual.
    await addPlanActual(db, '1.3.1', '2016-01-01', '2016-12-31', 33);
    const support = await createUser(db, { roles: ['support_unit'], displayName: 'Sam Support' });
    const actor = { id: support.id, email: support.email, displayName: support.display_name, grants: [] };
    await recordActual({ db }, actor, id('1.4.1'), { startDate: '2016-01-01', endDate: '2016-12-31', value: '12', note: 'Counted in press cuttings', sourceUrl: 'https://example.org/press' });
  });

  it('lists all 15 indicators by goal and objective, each in an honest state, to anyone', async () => {
    const page = await anyone().get('/indicators');
    assert.equal(page.status, 200);
    const html = page.body;
    assert.equal((html.match(/<section class="ogp-indicator" /g) ?? []).length, 15);
    assert.equal((html.match(/data-source="computed"/g) ?? []).length, 1);
    assert.equal((html.match(/data-source="manual"/g) ?? []).length, 3);
    assert.equal((html.match(/data-source="pending"/g) ?? []).length, 11);
    assert.match(html, /15 indicators: 1 computed from the platform&#39;s data, 3 recorded by hand, 11 with no data source yet\./);
    assert.match(html, /<h2 class="govuk-heading-l" id="goal-[^"]+">Goal 3: Engagement<\/h2>/);
    assert.match(html, /<h3 class="govuk-heading-m">3\.1 Dialogue<\/h3>/);
    assert.match(html, /<a class="govuk-service-navigation__link" href="\/indicators" aria-current="true">\s*<strong class="govuk-service-navigation__active-fallback">Indicators<\/strong>/);

    const computed = section(html, '3.1.1');
    assert.deepEqual(row(computed, '2015-01-01', '2015-12-31'), { actual: '1', status: 'on_track', target: '1' });
    assert.deepEqual(row(computed, '2016-01-01', '2016-12-31'), { actual: '3', status: 'ahead', target: '1' });
    assert.deepEqual(row(computed, '2017-01-01', '2017-12-31'), { actual: '2', status: 'behind', target: '4' });
    assert.deepEqual(row(computed, '2018-01-01', '2018-12-31'), { actual: '2', status: 'not_compared', target: 'Community: Broader and more diverse' });
    // The chart is one named image with the same numbers as the table, drawn in the page.
    assert.match(computed, /<svg[^>]* role="img"[^>]*class="ogp-plot"/);
    assert.match(computed, /<title id="indicator-chart-\d+-title">Targets and actuals of indicator 3\.1\.1<\/title>/);
    assert.match(computed, /civil society organisations/, 'the axis names what is counted');

    const manual = section(html, '1.4.1');
    assert.deepEqual(row(manual, '2016-01-01', '2016-12-31'), { actual: '12', status: 'ahead', target: '10' });
    assert.deepEqual(row(manual, '2017-01-01', '2017-12-31'), { actual: '', status: 'no_data', target: 'No target–' });
    assert.match(manual, />Not recorded</);
    assert.doesNotMatch(manual, /actuals\/new/, 'only the Support Unit is offered the form');

    for (const sequence of ['1.3.1', '1.3.2', '2.2.1', '2.2.2', '2.4.1', '3.2.1', '3.2.2', '3.2.3', '3.3.2', '4.2.1', '4.5.1']) {
      const pending = section(html, sequence);
      assert.match(pending, /data-source="pending">No data source yet</);
      assert.doesNotMatch(pending, /data-actual="[^"]/, `${sequence} shows no actual`);
      assert.doesNotMatch(pending, /<svg[^>]*>(?:(?!<\/svg>).)*<rect/s, `${sequence} draws no bar`);
    }
    assert.deepEqual(row(section(html, '1.3.1'), '2016-01-01', '2016-12-31'), { actual: '', status: 'no_data', target: '30' });
  });

  it('shows any date range, as one period or by calendar year, and keeps it in the download links', async () => {
    const one = await anyone().get('/indicators?from=2016-01-01&to=2017-12-31&by=range');
    assert.equal(one.status, 200);
    assert.deepEqual(row(section(one.body, '3.1.1'), '2016-01-01', '2017-12-31'), { actual: '3', status: 'no_target', target: 'No target–' });
    assert.match(one.body, /Showing: 1 January 2016 – 31 December 2017\./);
    assert.match(one.body, /href="\/indicators\.csv\?from=2016-01-01&amp;to=2017-12-31&amp;by=range"/);
    assert.match(one.body, /value="2016-01-01"/);

    const split = await anyone().get('/indicators?from=2016-07-01&to=2017-06-30&by=year');
    const computed = section(split.body, '3.1.1');
    assert.equal(row(computed, '2016-07-01', '2016-12-31').actual, '2');
    assert.equal(row(computed, '2017-01-01', '2017-06-30').actual, '2');
  });

  it('refuses an impossible range with the error summary and the dates as typed, on the page and in the downloads', async () => {
    const reversed = await anyone().get('/indicators?from=2017-01-01&to=2016-01-01&by=year');
    assert.equal(reversed.status, 400);
    assert.match(reversed.body, /class="govuk-error-summary"/);
    assert.match(reversed.body, /<a href="#to">The last day must be the same as or after the first day<\/a>/);
    assert.match(reversed.body, /id="from" name="from" type="text" spellcheck="false" value="2017-01-01"/);
    assert.match(reversed.body, /<title>Error: Performance indicators/);
    // The page still shows every indicator, for the plan's own years.
    assert.equal((reversed.body.match(/<section class="ogp-indicator" /g) ?? []).length, 15);

    const halves = await anyone().get('/indicators?from=2016-02-30');
    assert.equal(halves.status, 400);
    assert.match(halves.body, /<a href="#from">Enter a real date as YYYY-MM-DD, for example 2016-01-01<\/a>/);
    assert.match(halves.body, /<a href="#to">Enter the last day of the range<\/a>/);

    const json = await anyone().get('/indicators.json?from=2017-01-01&to=2016-01-01');
    assert.equal(json.status, 400);
    assert.deepEqual(JSON.parse(json.body), {
      error: { code: 'VALIDATION_FAILED', message: 'Check the information you entered', fields: { to: 'The last day must be the same as or after the first day' } },
    });
    const csv = await anyone().get('/indicators.csv?by=month');
    assert.equal(csv.status, 400);
    assert.equal(csv.body, 'by: Choose how to show the range\n');
    assert.equal((await anyone().get('/indicators/report.xml?from=nonsense&to=2016-01-01')).status, 400);
  });

  it('downloads the same numbers as CSV, one row per indicator and period', async () => {
    const response = await anyone().get('/indicators.csv');
    assert.equal(response.status, 200);
    assert.match(String(response.headers['content-type']), /^text\/csv/);
    assert.match(String(response.headers['content-disposition']), /^attachment; filename="indicators-\d{4}-\d{2}-\d{2}\.csv"$/);
    const rows = parse(response.body, { columns: true }) as Array<Record<string, string>>;
    assert.equal(rows.length, 15 * 4);
    const find = (sequence: string, year: number) => rows.find((r) => r.indicator === sequence && r.period_start === `${year}-01-01`);
    assert.deepEqual(
      { ...find('3.1.1', 2016) },
      {
        goal: '3',
        objective: '3.1',
        indicator: '3.1.1',
        identifier: id('3.1.1'),
        measurement_dimension: 'Size and diversity of the civil society community that is engaged with OGP (e.g. civil society mailing list, newsletter, events, social media).',
        unit_of_measurement: 'civil society organisations',
        actual_unit: 'civil society organisations',
        source: 'computed',
        period_start: '2016-01-01',
        period_end: '2016-12-31',
        target: '1',
        target_descriptor: '',
        actual: '3',
        status: 'ahead',
        recorded_note: '',
        recorded_source_url: '',
        recorded_at: '',
      },
    );
    const manual = find('1.4.1', 2016);
    assert.deepEqual([manual?.source, manual?.actual, manual?.status, manual?.recorded_note, manual?.recorded_source_url], ['manual', '12', 'ahead', 'Counted in press cuttings', 'https://example.org/press']);
    assert.deepEqual([find('1.3.1', 2016)?.target, find('1.3.1', 2016)?.actual, find('1.3.1', 2016)?.status], ['30', '', 'no_data']);
    assert.equal(find('3.1.1', 2018)?.target_descriptor, 'Community: Broader and more diverse');
  });

  it('downloads the same numbers as JSON', async () => {
    const response = await anyone().get('/indicators.json?from=2016-01-01&to=2016-12-31');
    assert.equal(response.status, 200);
    const body = JSON.parse(response.body) as {
      plan: { name: string };
      periods: unknown[];
      statusRule: string;
      indicators: Array<{ identifier: string; source: string; reason: string; counts: string | null; results: Array<{ start: string; end: string; actual: number | null; status: string; target: { numberOfUnits: number | null } | null; recorded: { note: string } | null }> }>;
    };
    assert.equal(body.plan.name, 'Open Government Partnership: Four Year Strategy 2015-2018');
    assert.deepEqual(body.periods, [{ start: '2016-01-01', end: '2016-12-31' }]);
    assert.match(body.statusRule, /110%/);
    assert.equal(body.indicators.length, 15);
    const computed = body.indicators.find((i) => i.identifier === id('3.1.1'));
    assert.equal(computed?.source, 'computed');
    assert.match(computed?.counts ?? '', /^Civil society organisations named as lead or supporting institutions/);
    assert.deepEqual(computed?.results, [{ start: '2016-01-01', end: '2016-12-31', target: { numberOfUnits: 1, descriptorName: '', descriptorValue: '', description: '' }, actual: 3, status: 'ahead', recorded: null }]);
    const manual = body.indicators.find((i) => i.identifier === id('1.4.1'));
    assert.equal(manual?.results[0]?.actual, 12);
    assert.equal(manual?.results[0]?.recorded?.note, 'Counted in press cuttings');
    for (const pending of body.indicators.filter((i) => i.source === 'pending')) assert.equal(pending.results[0]?.actual, null);
  });

  it('exports the whole plan as a StratML Performance_Report that validates and carries the live actuals', async () => {
    const response = await anyone().get('/indicators/report.xml');
    assert.equal(response.status, 200);
    assert.match(String(response.headers['content-type']), /^application\/xml/);
    const xml = response.body;
    const verdict = validateAgainstXsd(xml, PART2_XSD);
    assert.ok(verdict.valid, verdict.errors);
    const { document } = parseStratml(xml);
    assert.equal(document.type, 'Performance_Report');
    assert.equal(document.goals.length, 4);
    assert.equal(document.goals.flatMap((g) => g.objectives).length, 24);

    const computed = indicatorIn(xml, '3.1.1');
    const actuals = computed.measurementInstances.flatMap((m) => m.actualResults);
    assert.deepEqual(actuals.map((a) => [a.startDate, a.endDate, a.numberOfUnits]), [
      ['2015-01-01', '2015-12-31', 1],
      ['2016-01-01', '2016-12-31', 3],
      ['2017-01-01', '2017-12-31', 2],
      ['2018-01-01', '2018-12-31', 2],
    ]);
    assert.match(actuals[0]?.description ?? '', /^Computed by the OGP Platform on \d{4}-\d{2}-\d{2}: Civil society organisations/);
    // Each actual sits beside its period's target, as StratML groups them.
    for (const instance of computed.measurementInstances) {
      assert.equal(instance.targetResults.length, 1);
      assert.deepEqual(instance.actualResults.map((a) => a.startDate), [instance.targetResults[0]?.startDate]);
    }

    const manual = indicatorIn(xml, '1.4.1');
    assert.deepEqual(manual.measurementInstances.map((m) => [m.targetResults.map((r) => r.numberOfUnits), m.actualResults.map((r) => r.numberOfUnits)]), [[[10], [12]]]);
    assert.match(manual.measurementInstances[0]?.actualResults[0]?.description ?? '', /^Recorded by the OGP Support Unit on \d{4}-\d{2}-\d{2}\. Counted in press cuttings Source: https:\/\/example\.org\/press$/);

    const pending = indicatorIn(xml, '1.3.1');
    assert.deepEqual(pending.measurementInstances.map((m) => [m.targetResults.map((r) => r.numberOfUnits), m.actualResults.length]), [[[30], 0]], 'its target stays, the number typed into the plan does not');
    for (const sequence of ['1.3.2', '2.2.1', '3.3.2', '4.5.1']) assert.equal(indicatorIn(xml, sequence).measurementInstances.length, 0);
  });

  it('writes the same report from the command line with `ogp stratml export default --report`', async () => {
    const run = await ogp(['stratml', 'export', 'default', '--report'], t.ctx.config.databaseUrl);
    assert.equal(run.code, 0, run.stderr);
    const verdict = validateAgainstXsd(run.stdout, PART2_XSD);
    assert.ok(verdict.valid, verdict.errors);
    assert.deepEqual(indicatorIn(run.stdout, '3.1.1').measurementInstances.flatMap((m) => m.actualResults.map((a) => a.numberOfUnits)), [1, 3, 2, 2]);
    const refused = await ogp(['stratml', 'export', 'default', '--report', '--part', '1'], t.ctx.config.databaseUrl);
    assert.notEqual(refused.code, 0);
    assert.match(refused.stderr, /--report always writes a Part 2 Performance_Report/);
    assert.equal(refused.stdout, '');
  });

  it('shows one indicator with its history on a page of its own, and no page for an identifier the plan lacks', async () => {
    const page = await anyone().get(`/indicators/${id('1.4.1')}`);
    assert.equal(page.status, 200);
    assert.match(page.body, /<h1 class="govuk-heading-l">Number of OGP references made by heads of state/);
    assert.match(page.body, /Counted in press cuttings/);
    assert.match(page.body, /Sam Support/);
    assert.match(page.body, /Actual recorded for 2016-01-01 to 2016-12-31: 12/);
    assert.equal((await anyone().get('/indicators/ogp-indicator-9-9-9')).status, 404);
    // Bound by identifier, never by number: "4.5.1" is also an objective's number.
    assert.equal((await anyone().get('/indicators/4.5.1')).status, 404);
  });
});

describe('the indicators dashboard before a plan is chosen', () => {
  const t = useTestApp();

  it('says there is no plan rather than showing anything', async () => {
    const client = new TestClient(t.app);
    const page = await client.get('/indicators');
    assert.equal(page.status, 200);
    assert.match(page.body, /No strategic plan has been made the platform&#39;s own yet/);
    assert.equal((await client.get('/indicators/report.xml')).status, 404);
    const json = JSON.parse((await client.get('/indicators.json')).body) as { plan: unknown; indicators: unknown[] };
    assert.deepEqual([json.plan, json.indicators], [null, []]);
  });
});
