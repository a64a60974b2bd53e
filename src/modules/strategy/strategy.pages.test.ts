import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { TestClient } from '../../../test/support/client.ts';
import { importSample, sampleDocument } from '../../../test/support/strategy-factories.ts';
import { useTestApp } from '../../../test/support/test-app.ts';
import { validateAgainstXsd } from '../../../test/support/xmllint.ts';
import { LANGUAGES } from '../../platform/i18n.ts';
import { loadPlan, savePlan, type StoredPlan } from './plan-store.ts';
import { markDefaultPlan } from './strategy.repository.ts';
import { PART1_XSD, PART2_XSD } from './stratml/reference-files.ts';

const noReport = { counts: {}, ignored: [], changedIdentifiers: [] };

/** The text of a page's <title>, without the brand. */
const titleOf = (html: string): string => (/<title>([^<]*)<\/title>/.exec(html)?.[1] ?? '').split(' – ')[0]!.trim();

describe('strategy pages', () => {
  const t = useTestApp();
  let plan: StoredPlan;
  const anonymous = () => new TestClient(t.app);

  before(async () => {
    const id = await t.ctx.db.transaction().execute((trx) => savePlan(trx, sampleDocument(), { source: 'test.xml', createdBy: null, importReport: noReport }));
    const loaded = await loadPlan(t.ctx.db, id);
    assert.ok(loaded);
    plan = loaded;
  });

  it('lists the plans when none is the platform\'s own yet', async () => {
    const page = await anonymous().get('/strategy');
    assert.equal(page.status, 200);
    assert.match(page.body, /<h1 class="govuk-heading-xl">Strategic plans<\/h1>/);
    assert.match(page.body, /1 plan\b/);
    assert.match(page.body, new RegExp(`href="/strategy/plans/${plan.id}">Test Strategy 2030</a>`));
    assert.doesNotMatch(page.body, /Import a StratML plan/, 'only the Support Unit is offered the import');
  });

  it('shows the platform\'s own plan at /strategy once there is one, and lists it first', async () => {
    const other = await importSample(t.ctx.db, 'p2-report-SMLC2011-prefixed.xml');
    await t.ctx.db.transaction().execute((trx) => markDefaultPlan(trx, plan.id));
    const page = await anonymous().get('/strategy');
    assert.equal(page.status, 200);
    assert.match(page.body, /<span class="govuk-caption-l">The platform&#39;s own strategy<\/span>\s*<h1 class="govuk-heading-xl">Test Strategy 2030<\/h1>/);
    assert.match(page.body, /href="\/strategy\/plans">All strategic plans<\/a>/);
    const list = await anonymous().get('/strategy/plans');
    const order = [...list.body.matchAll(/data-plan-id="([^"]+)"/g)].map((m) => m[1]);
    assert.deepEqual(order, [plan.id, other.planId]);
    assert.match(list.body, /2 plans/);
  });

  it('shows vision, values, goals with objectives nested by number, indicators, stakeholders and administrative information', async () => {
    const page = await anonymous().get(`/strategy/plans/${plan.id}`);
    assert.equal(page.status, 200);
    const html = page.body;
    assert.match(html, /<h2 class="govuk-heading-m" id="vision">Vision<\/h2>\s*<p class="govuk-body">Open government everywhere.<\/p>/);
    assert.doesNotMatch(html, /id="mission"/, 'a plan without a mission shows no mission heading');
    assert.match(html, /<dt[^>]*>Openness<\/dt>\s*<dd[^>]*>We publish.<\/dd>/);
    assert.match(html, /2 goals, 2 objectives, 1 performance indicator/);
    // "1.5.1" sits inside the list item of "1.5", not beside it.
    const goal = plan.goals[0]!;
    const [o15, o151] = goal.objectives;
    const nested = new RegExp(`href="/strategy/plans/${plan.id}/objectives/${o15!.id}">[\\s\\S]*?1\\.5</span> Grow</a>\\s*<ul class="govuk-list ogp-objective-tree">\\s*<li>\\s*<a class="govuk-link" href="/strategy/plans/${plan.id}/objectives/${o151!.id}">`);
    assert.match(html, nested);
    assert.match(html, /1\.5\.1<\/span> Countries with an action plan \(Countries\)/);
    assert.match(html, new RegExp(`href="/strategy/plans/${plan.id}/goals/${goal.id}"`));
    assert.match(html, /<strong>Members<\/strong> <span class="govuk-hint govuk-!-display-inline">\(Organisation\)<\/span>/);
    assert.match(html, /Beneficiary, Performer: Lead/);
    assert.match(html, /<dt class="govuk-summary-list__key">\s*Start date\s*<\/dt>\s*<dd class="govuk-summary-list__value">\s*2026-01-01/);
    assert.match(html, /href="https:\/\/example.org\/plan"/);
    assert.match(html, /Ada Lovelace<br>ada@example.org/);
    assert.match(html, new RegExp(`href="/strategy/plans/${plan.id}.xml\\?part=2" download`));
    assert.match(html, /id="change-history"/);
  });

  it('gives each goal a page of its own, with breadcrumbs and its objectives', async () => {
    const goal = plan.goals[0]!;
    const page = await anonymous().get(`/strategy/plans/${plan.id}/goals/${goal.id}`);
    assert.equal(page.status, 200);
    assert.match(page.body, /<span class="govuk-caption-l">Goal 1<\/span>\s*<h1 class="govuk-heading-xl">Build support<\/h1>/);
    assert.match(page.body, /class="govuk-breadcrumbs[^"]*"[\s\S]*href="\/strategy"[\s\S]*Test Strategy 2030/);
    assert.match(page.body, /<strong>Reformers<\/strong>/);
    assert.match(page.body, /Goal note/);
    const empty = await anonymous().get(`/strategy/plans/${plan.id}/goals/${plan.goals[1]!.id}`);
    assert.match(empty.body, /This goal has no objectives/);
  });

  it('gives each objective a page with breadcrumbs through its parents, and its indicators\' targets and actuals by period', async () => {
    const objective = plan.goals[0]!.objectives[1]!;
    const page = await anonymous().get(`/strategy/plans/${plan.id}/objectives/${objective.id}`);
    assert.equal(page.status, 200);
    const html = page.body;
    assert.match(html, /<span class="govuk-caption-l">Objective 1\.5\.1<\/span>\s*<h1 class="govuk-heading-xl">Grow in Africa<\/h1>/);
    // Breadcrumbs: the plan, the goal, then objective 1.5 above this one.
    assert.match(html, /govuk-breadcrumbs[\s\S]*Test Strategy 2030[\s\S]*1 Build support[\s\S]*1\.5 Grow<\/a>/);
    assert.match(html, /<span class="govuk-caption-m">Indicator 1\.5\.1<\/span>\s*<h3[^>]*>Countries with an action plan<\/h3>/);
    assert.match(html, /Unit of measurement[\s\S]*Countries[\s\S]*Quantitative[\s\S]*Outcome/);
    assert.match(html, /<caption class="govuk-table__caption govuk-table__caption--s">Targets and actuals for 1\.5\.1 Countries with an action plan<\/caption>/);
    assert.match(html, /<th scope="row" class="govuk-table__header">2016-01-01 to 2016-12-31<\/th>\s*<td class="govuk-table__cell">\s*<div class="ogp-result">\s*1,234,567\.89<br><span class="govuk-body-s">Target 2016<\/span>/);
    assert.match(html, /2017-01-01 to 2017-12-31[\s\S]*Status: Achieved/);
    assert.doesNotMatch(html, /\/edit"/, 'the public sees no edit links');
    // Numbers are written the reader's way.
    const spanish = await anonymous().get(`/strategy/plans/${plan.id}/objectives/${objective.id}?lang=es`);
    assert.match(spanish.body, /1\.234\.567,89/);
  });

  it('answers 404 for a plan, goal or objective that does not exist, or belongs to another plan', async () => {
    const other = await importSample(t.ctx.db, 'template-p2-nonamespace-xforms-performance.xml');
    const otherPlan = await loadPlan(t.ctx.db, other.planId);
    for (const url of [
      '/strategy/plans/no-such-plan',
      '/strategy/plans/no-such-plan.xml',
      `/strategy/plans/${plan.id}/goals/no-such-goal`,
      `/strategy/plans/${plan.id}/objectives/no-such-objective`,
      `/strategy/plans/${plan.id}/goals/${otherPlan!.goals[0]!.id}`,
      `/strategy/plans/${plan.id}/objectives/${otherPlan!.goals[0]!.objectives[0]!.id}`,
    ]) {
      assert.equal((await anonymous().get(url)).status, 404, url);
    }
  });

  it('offers the plan for download as StratML Part 2 and Part 1, each valid against its schema', async () => {
    const part2 = await anonymous().get(`/strategy/plans/${plan.id}.xml?part=2`);
    assert.equal(part2.status, 200);
    assert.match(String(part2.headers['content-type']), /^application\/xml/);
    assert.match(String(part2.headers['content-disposition']), /^attachment; filename="strategic-plan-[0-9a-f-]+-part2\.xml"$/);
    const verdict2 = validateAgainstXsd(part2.body, PART2_XSD);
    assert.ok(verdict2.valid, verdict2.errors);
    const part1 = await anonymous().get(`/strategy/plans/${plan.id}.xml?part=1`);
    const verdict1 = validateAgainstXsd(part1.body, PART1_XSD);
    assert.ok(verdict1.valid, verdict1.errors);
    assert.match((await anonymous().get(`/strategy/plans/${plan.id}.xml`)).body, /<PerformancePlanOrReport /, 'the plan\'s own part by default');
    assert.equal((await anonymous().get(`/strategy/plans/${plan.id}.xml?part=3`)).status, 400);
  });

  it('is in English, Spanish and French', async () => {
    const objective = plan.goals[0]!.objectives[1]!;
    for (const url of ['/strategy/plans', `/strategy/plans/${plan.id}`, `/strategy/plans/${plan.id}/goals/${plan.goals[0]!.id}`, `/strategy/plans/${plan.id}/objectives/${objective.id}`]) {
      const titles = new Set<string>();
      for (const lang of LANGUAGES) {
        const page = await anonymous().get(`${url}?lang=${lang}`);
        assert.equal(page.status, 200, `${url} in ${lang}`);
        assert.match(page.body, new RegExp(`<html lang="${lang}"`));
        titles.add(titleOf(page.body));
      }
      if (url === '/strategy/plans') assert.equal(titles.size, 3, 'the list title is translated');
    }
    const spanish = await anonymous().get(`/strategy/plans/${plan.id}?lang=es`);
    assert.match(spanish.body, /Metas y objetivos/);
    assert.match(spanish.body, />Estrategia</, 'the navigation links to the strategy');
    const french = await anonymous().get(`/strategy/plans/${plan.id}/objectives/${objective.id}?lang=fr`);
    assert.match(french.body, /Cibles et résultats réels de 1\.5\.1/);
  });
});
