import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { CommitmentsTable } from '../../db/schema.ts';
import { TestClient } from '../../../test/support/client.ts';
import { createActionPlan, createCommitment, createMilestone, createProgressUpdate } from '../../../test/support/commitment-factories.ts';
import { addInstitution, addStar, addTag } from '../../../test/support/commitment-page-factories.ts';
import { createMember, createOrganisation, createUser } from '../../../test/support/factories.ts';
import { dataValues, decodeEntities } from '../../../test/support/html.ts';
import { useTestApp } from '../../../test/support/test-app.ts';

/** The text of the summary-list value next to a key, tags stripped. */
function summaryValue(html: string, key: string): string | undefined {
  const escaped = key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const match = new RegExp(`<dt class="govuk-summary-list__key">${escaped}</dt>\\s*<dd class="govuk-summary-list__value">([\\s\\S]*?)</dd>`).exec(html);
  return match ? decodeEntities(match[1]!.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim()) : undefined;
}

/** One IRM report's rows, as label → value. */
function irmSection(html: string, report: string): Record<string, string> {
  const block = new RegExp(`data-irm-report="${report}">([\\s\\S]*?)</dl>`).exec(html)?.[1] ?? '';
  const rows: Record<string, string> = {};
  for (const [, key, value] of block.matchAll(/<dt class="govuk-summary-list__key">([^<]*)<\/dt>\s*<dd class="govuk-summary-list__value">([\s\S]*?)<\/dd>/g)) {
    rows[decodeEntities(key!)] = decodeEntities(value!.replace(/<[^>]+>/g, '').trim());
  }
  return rows;
}

describe('the commitment page', () => {
  const t = useTestApp();
  let commitment: CommitmentsTable;
  let earlier: CommitmentsTable;
  let memberSlug: string;
  let planOgpId: string;
  let milestoneIds: string[];

  before(async () => {
    const { db } = t.ctx;
    const member = await createMember(db, { name: 'Republic of Pagea', memberType: 'national', countryCode: 'PE' });
    memberSlug = member.slug;
    const plan = await createActionPlan(db, { member_id: member.id, number: 3, ogp_id: 'AP_PAG03' });
    planOgpId = plan.ogp_id;
    const earlierPlan = await createActionPlan(db, { member_id: member.id, number: 2, ogp_id: 'AP_PAG02' });
    earlier = await createCommitment(db, { plan_id: earlierPlan.id, ogp_id: 'PG0001', title: 'Open the procurement register' });
    commitment = await createCommitment(db, {
      plan_id: plan.id,
      ogp_id: 'PG0042',
      number: '4.2',
      title: 'Publish every public contract <in full>',
      short_title: 'Open contracts',
      full_text: 'The government will publish contracts.\nEvery one of them.',
      problem: 'Contracts are secret.',
      objective: 'Contracts are public.',
      theme: 'Open Contracting',
      start_date: '2021-09-01',
      end_date: '2023-08-31',
      carried_forward_from_id: earlier.id,
      stated_access_to_information: 1,
      stated_civic_participation: 0,
      stated_public_accountability: 1,
      stated_technology_innovation: null,
      implementation_status: 'substantial',
      progress_percent: 55,
      source: 'ogp_sheet',
      policyAreas: ['Open Contracting', 'Public Procurement'],
      irm: {
        specificity: 'high',
        verifiable: 'no_data',
        relevance_access_to_information: '1',
        relevance_civic_participation: '0',
        relevance_public_accountability: 'not_reviewed',
        potential_impact: 'transformative',
        completion_progress: 'Not Started',
        potential_for_results: 'not_applicable',
        did_it_open_government: 'major',
        early_results: 'a_brand_new_rating',
      },
    });
    await t.ctx.db.updateTable('irm_assessments').set({ progress_report_year: 2022 }).where('commitment_id', '=', commitment.id).execute();
    await addTag(db, commitment.id, 'theme', 'Fiscal Openness');
    const ministry = await createOrganisation(db, { name: 'Ministry of Finance', orgType: 'government_agency' });
    const watchdog = await createOrganisation(db, { name: 'Contract Watch', orgType: 'civil_society' });
    const agency = await createOrganisation(db, { name: 'Procurement Agency', orgType: 'government_agency' });
    await addInstitution(db, commitment.id, ministry.id, 'lead');
    await addInstitution(db, commitment.id, watchdog.id, 'supporting', 2);
    await addInstitution(db, commitment.id, agency.id, 'supporting', 1);
    await addStar(db, commitment.id, { formula: 'current', report: 'progress', starred: 1 });
    await addStar(db, commitment.id, { formula: '2015', report: 'progress', starred: 0 });
    await addStar(db, commitment.id, { formula: 'current', report: 'end_of_term', starred: null, missing: 'not_reviewed' });

    const first = await createMilestone(db, commitment.id, {
      position: 1,
      title: 'Draft the regulation',
      weight: 2,
      status: 'complete',
      percent_complete: 100,
      start_date: '2021-09-01',
      due_date: '2022-03-31',
      evidence_links: JSON.stringify(['https://example.org/regulation', 'javascript:alert(1)']),
    });
    const second = await createMilestone(db, commitment.id, { position: 2, title: 'Launch the portal', weight: 1, status: 'limited', percent_complete: 40 });
    const third = await createMilestone(db, commitment.id, { position: 3, title: 'Train buyers', weight: 1 });
    const dropped = await createMilestone(db, commitment.id, { position: 4, title: 'Print a booklet', weight: 5, status: 'withdrawn' });
    milestoneIds = [first.id, second.id, third.id, dropped.id];

    const contact = await createUser(db, { displayName: 'Paz Contact', roles: [{ role: 'government_poc', memberId: member.id }] });
    await createProgressUpdate(db, commitment.id, { reported_on: '2022-01-15', status: 'limited', percent_complete: 20, narrative: 'Imported narrative.', source: 'import' });
    await createProgressUpdate(db, commitment.id, {
      reported_on: '2022-06-30',
      status: 'complete',
      percent_complete: 100,
      milestone_id: first.id,
      author_id: contact.id,
      source: 'platform',
      narrative: 'The regulation was adopted.\nIt is in force.',
      evidence_links: JSON.stringify(['https://example.org/gazette']),
    });
    await createProgressUpdate(db, commitment.id, { reported_on: '2023-02-01', status: 'substantial', percent_complete: 55, source: 'platform', narrative: 'Half way.' });

    // Another member's commitments: one about the same thing, one not; and a third so shared words are not everywhere.
    const peer = await createMember(db, { name: 'Kingdom of Peers', memberType: 'national' });
    const peerPlan = await createActionPlan(db, { member_id: peer.id });
    await createCommitment(db, { plan_id: peerPlan.id, ogp_id: 'KP0001', title: 'Publish public contracts in full', full_text: 'Every public contract will be published.' });
    await createCommitment(db, { plan_id: peerPlan.id, ogp_id: 'KP0002', title: 'Count birds in national parks', full_text: 'Rangers count birds every spring.' });
    await createCommitment(db, { plan_id: peerPlan.id, ogp_id: 'KP0003', title: 'Train rangers', full_text: 'Rangers learn first aid.' });
  });

  it('shows the commitment, its member and plan, dates, themes and institutions', async () => {
    const page = await new TestClient(t.app).get('/commitments/PG0042');
    assert.equal(page.status, 200);
    const html = page.body;
    // The page goes out as bytes made once (views.ts utf8Bytes): its length must still count them exactly.
    assert.equal(page.headers['content-length'], String(Buffer.byteLength(html)));
    assert.equal(page.headers['content-type'], 'text/html; charset=utf-8');
    assert.match(html, /<h1 class="govuk-heading-xl">Publish every public contract &lt;in full&gt;<\/h1>/);
    assert.equal(summaryValue(html, 'OGP identifier'), 'PG0042');
    assert.equal(summaryValue(html, 'Short title'), 'Open contracts');
    assert.equal(summaryValue(html, 'Member'), 'Republic of Pagea');
    assert.ok(html.includes(`href="/members/${memberSlug}"`));
    assert.equal(summaryValue(html, 'Action plan'), 'Action plan 3 (AP_PAG03)');
    assert.ok(html.includes(`href="/plans/${planOgpId}"`));
    assert.equal(summaryValue(html, 'Commitment number'), '4.2');
    assert.equal(summaryValue(html, 'Start date'), '1 September 2021');
    assert.equal(summaryValue(html, 'End date'), '31 August 2023');
    assert.equal(summaryValue(html, 'Themes'), 'Open Contracting Fiscal Openness');
    assert.equal(summaryValue(html, 'Policy areas'), 'Open Contracting Public Procurement');
    assert.equal(summaryValue(html, 'Lead institution'), 'Ministry of Finance');
    assert.equal(summaryValue(html, 'Supporting institutions'), 'Procurement Agency Contract Watch');
    assert.match(html, /href="\/organisations\/ministry-of-finance">Ministry of Finance<\/a>/);
    assert.equal(summaryValue(html, 'Carried forward from'), 'PG0001: Open the procurement register (Republic of Pagea)');
    assert.ok(html.includes('href="/commitments/PG0001"'));
    // The earlier commitment's page names this one as its continuation.
    const earlierPage = await new TestClient(t.app).get('/commitments/PG0001');
    assert.equal(summaryValue(earlierPage.body, 'Carried forward into'), 'PG0042: Publish every public contract <in full>');
  });

  it('shows the full and structured text, and only the parts that are present', async () => {
    const html = (await new TestClient(t.app).get('/commitments/PG0042')).body;
    assert.match(html, /<h3 class="govuk-heading-m">Full text<\/h3>\s*<p class="govuk-body">The government will publish contracts.<br \/>\s*Every one of them.<\/p>/);
    assert.match(html, /<h3 class="govuk-heading-m">The problem<\/h3>\s*<p class="govuk-body">Contracts are secret.<\/p>/);
    assert.match(html, /<h3 class="govuk-heading-m">The objective<\/h3>/);
    assert.doesNotMatch(html, /The status quo|The ambition/);
  });

  it("shows the government's stated relevance to the four OGP values", async () => {
    const html = (await new TestClient(t.app).get('/commitments/PG0042')).body;
    assert.equal(summaryValue(html, 'Access to information'), 'Yes');
    assert.equal(summaryValue(html, 'Civic participation'), 'No');
    assert.equal(summaryValue(html, 'Public accountability'), 'Yes');
    assert.equal(summaryValue(html, 'Technology and innovation'), 'Not stated');
  });

  it('gives the IRM assessment in words, telling no data, not reviewed and not applicable apart', async () => {
    const html = (await new TestClient(t.app).get('/commitments/PG0042')).body;
    assert.match(html, /<h3 class="govuk-heading-m">Progress report \(2022\)<\/h3>/);
    const progress = irmSection(html, 'progress');
    assert.equal(progress.Specificity, 'High');
    assert.equal(progress.Verifiable, 'No data');
    assert.equal(progress['Relevant to access to information'], 'Yes');
    assert.equal(progress['Relevant to civic participation'], 'No');
    assert.equal(progress['Relevant to public accountability'], 'Not reviewed');
    // Nothing recorded at all is said as such, not dressed up as one of the IRM's codes.
    assert.equal(progress['Relevant to technology and innovation'], 'Not recorded');
    assert.equal(progress['Potential impact'], 'Transformative');
    // However the import spelled the slug, it reads as the IRM's word.
    assert.equal(progress['Completion at the progress report'], 'Not started');
    assert.equal(progress['Starred under the 2015 formula, progress report'], 'Not starred');
    assert.equal(progress['Starred under the current formula, progress report'], 'Starred');
    assert.equal(irmSection(html, 'review')['Potential for results'], 'Not applicable');
    const end = irmSection(html, 'end_of_term');
    assert.equal(end['Did it open government? (overall)'], 'Major');
    // A rating outside the known vocabulary is still shown, in words.
    assert.equal(end['Early results'], 'A brand new rating');
    assert.equal(end['Starred under the current formula, end-of-term report'], 'Not reviewed');
  });

  it('lists the milestones with dates, status, percentage, share and safe evidence links', async () => {
    const html = (await new TestClient(t.app).get('/commitments/PG0042')).body;
    assert.deepEqual(dataValues(html, 'data-milestone'), milestoneIds);
    assert.match(html, /<h3 class="govuk-summary-card__title">Milestone 1: Draft the regulation<\/h3>/);
    assert.equal(summaryValue(html, 'Start date'), '1 September 2021');
    assert.match(html, /31 March 2022/);
    // Weights 2, 1, 1 (and a withdrawn 5 left out) count for 50, 25 and 25 per cent.
    assert.match(html, /50% of the commitment \(weight 2\)/);
    assert.equal((html.match(/25% of the commitment \(weight 1\)/g) ?? []).length, 2);
    assert.match(html, /Not counted: withdrawn/);
    assert.match(html, /<strong class="govuk-tag govuk-tag--green">Complete<\/strong> 100% complete/);
    assert.match(html, /<strong class="govuk-tag govuk-tag--yellow">Limited<\/strong> 40% complete/);
    assert.match(html, /href="https:\/\/example.org\/regulation"/);
    assert.doesNotMatch(html, /javascript:alert/);
  });

  it('shows every update on the timeline, newest first, with who reported it', async () => {
    const html = (await new TestClient(t.app).get('/commitments/PG0042')).body;
    const timeline = /id="timeline">[\s\S]*?<\/ol>/.exec(html)?.[0] ?? '';
    const dates = [...timeline.matchAll(/<time datetime="([^"]+)">/g)].map((m) => m[1]);
    assert.deepEqual(dates, ['2023-02-01', '2022-06-30', '2022-01-15']);
    assert.match(timeline, /Reported by Paz Contact, government point of contact for Republic of Pagea/);
    // An update whose author is unknown still says in what capacity it was made.
    assert.match(timeline, /Reported by a government point of contact for Republic of Pagea/);
    assert.match(timeline, /Imported from OGP&#39;s commitment data/);
    assert.match(timeline, /Milestone 1: Draft the regulation/);
    assert.match(timeline, /The regulation was adopted.<br \/>\s*It is in force./);
    assert.match(timeline, /href="https:\/\/example.org\/gazette"/);
    assert.match(html, /<strong class="govuk-tag govuk-tag--blue">Substantial<\/strong> 55% complete/);
    assert.match(html, /Worked out from its 3 milestones/);
  });

  it('shows the progress chart as an image with the same data in a table', async () => {
    const client = new TestClient(t.app);
    const html = (await client.get('/commitments/PG0042')).body;
    const img = /<img class="ogp-plot" src="([^"]+)" alt="([^"]+)" width="640" height="320">/.exec(html);
    assert.ok(img, 'the chart is an image');
    assert.match(decodeEntities(img[1]!), /^\/commitments\/PG0042\/progress\.svg\?lang=en&v=[\w-]+$/);
    assert.equal(decodeEntities(img[2]!), 'Progress over time. 3 progress updates from 15 January 2022 to 1 February 2023. The latest reported 55% complete. The table below gives each one.');
    const image = await client.get(decodeEntities(img[1]!));
    assert.equal(image.status, 200);
    assert.equal(image.headers['content-type'], 'image/svg+xml; charset=utf-8');
    // The first ?lang= sets the language cookie, so only this browser may keep that response; later ones anyone may.
    assert.equal(image.headers['cache-control'], 'private, max-age=31536000, immutable');
    assert.equal((await client.get(decodeEntities(img[1]!))).headers['cache-control'], 'public, max-age=31536000, immutable');
    const svg = image.body;
    // A document of its own: the page's stylesheet does not reach inside an image.
    assert.match(svg, /^<svg[^>]* role="img"/);
    assert.match(svg, /^<svg[^>]* xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    assert.match(svg, /aria-labelledby="progress-chart-title progress-chart-desc"/);
    assert.match(svg, /<title id="progress-chart-title">Progress over time<\/title>/);
    assert.match(svg, /<desc id="progress-chart-desc">3 progress updates from 15 January 2022 to 1 February 2023. The latest reported 55% complete./);
    // One point per update, and each line labelled at its end.
    assert.equal((svg.match(/<path stroke="#[0-9a-f]{6}" fill="#[0-9a-f]{6}" d=/g) ?? []).length, 3);
    assert.match(svg, /<text fill="#[0-9a-f]{6}"[^>]*><tspan[^>]*>Whole<\/tspan><tspan[^>]*>commitment<\/tspan><\/text>/);
    assert.match(svg, /<text fill="#[0-9a-f]{6}"[^>]*>Milestone 1<\/text>/);
    assert.doesNotMatch(svg, /<style|\sstyle=|<script/);
    const table = /<table class="govuk-table govuk-table--small-text-until-tablet ogp-chart__table"[\s\S]*?<\/table>/.exec(html)?.[0] ?? '';
    const rows = [...table.matchAll(/<tr class="govuk-table__row">\s*<td[^>]*><time datetime="([^"]+)">[^<]*<\/time><\/td>\s*<td[^>]*>([^<]*)<\/td>\s*<td[^>]*>([^<]*)<\/td>\s*<td[^>]*>(\d+)%<\/td>/g)].map(
      (m) => [m[1], decodeEntities(m[2]!), m[3], Number(m[4])],
    );
    assert.deepEqual(rows, [
      ['2022-01-15', 'Whole commitment', 'Limited', 20],
      ['2022-06-30', 'Milestone 1: Draft the regulation', 'Complete', 100],
      ['2023-02-01', 'Whole commitment', 'Substantial', 55],
    ]);
  });

  it('lists similar commitments of other members, never its own member\'s', async () => {
    const html = (await new TestClient(t.app).get('/commitments/PG0042')).body;
    const similar = dataValues(html, 'data-similar');
    assert.equal(similar[0], 'KP0001', JSON.stringify(similar));
    assert.ok(!similar.includes('PG0001') && !similar.includes('PG0042'));
    assert.match(html, /<a class="govuk-link" href="\/commitments\/KP0001">Publish public contracts in full<\/a> \(KP0001, <a class="govuk-link" href="\/members\/kingdom-of-peers">Kingdom of Peers<\/a>\)/);
    const lonely = (await new TestClient(t.app).get('/commitments/KP0003')).body;
    assert.match(lonely, /No similar commitments from other members were found./);
  });

  it('offers no forms or buttons to a visitor, and shows the change history section', async () => {
    const html = (await new TestClient(t.app).get('/commitments/PG0042')).body;
    assert.doesNotMatch(html, /Report progress|Add a milestone|\/milestones\/[^"]+\/edit/);
    assert.match(html, /id="change-history"/);
  });

  it('is shown in Spanish and French, missing codes included', async () => {
    const spanish = (await new TestClient(t.app).get('/commitments/PG0042?lang=es')).body;
    assert.match(spanish, /<html lang="es"/);
    assert.equal(irmSection(spanish, 'progress').Verificable, 'Sin datos');
    assert.equal(irmSection(spanish, 'progress')['Relevante para la rendición de cuentas pública'], 'No revisado');
    assert.match(spanish, /1 de septiembre de 2021/);
    const french = (await new TestClient(t.app).get('/commitments/PG0042?lang=fr')).body;
    assert.equal(irmSection(french, 'review')['Potentiel de résultats'], 'Sans objet');
    const frenchChart = /<img class="ogp-plot" src="([^"]+)" alt="([^"]+)"/.exec(french);
    assert.match(decodeEntities(frenchChart?.[2] ?? ''), /^Avancement dans le temps\. /);
    const frenchSvg = (await new TestClient(t.app).get(decodeEntities(frenchChart?.[1] ?? ''))).body;
    assert.match(frenchSvg, /<title id="progress-chart-title">Avancement dans le temps<\/title>/);
  });

  it('says plainly when there is nothing yet', async () => {
    const bare = await createCommitment(t.ctx.db, { ogp_id: 'PG0099', title: 'A new commitment' });
    const html = (await new TestClient(t.app).get(`/commitments/${bare.ogp_id}`)).body;
    assert.match(html, /The IRM has not assessed this commitment./);
    assert.match(html, /No milestones have been recorded for this commitment./);
    assert.match(html, /No progress updates have been published yet./);
    assert.match(html, /There is nothing to chart until progress is reported./);
    assert.match(html, /No progress has been reported yet./);
    assert.doesNotMatch(html, /ogp-plot|progress\.svg/);
    assert.equal((await new TestClient(t.app).get(`/commitments/${bare.ogp_id}/progress.svg`)).status, 404);
  });

  it('answers 404 for an unknown commitment', async () => {
    const page = await new TestClient(t.app).get('/commitments/XX9999');
    assert.equal(page.status, 404);
    assert.match(page.body, /Page not found/);
    assert.equal((await new TestClient(t.app).get('/commitments/XX9999/progress.svg')).status, 404);
  });

  it('answers 304 for a chart the browser holds, and has an unversioned address checked each time', async () => {
    const client = new TestClient(t.app);
    const first = await client.get('/commitments/PG0042/progress.svg');
    assert.equal(first.status, 200);
    assert.equal(first.headers['cache-control'], 'private, no-cache');
    assert.match(String(first.headers.vary), /Accept-Language/);
    const etag = String(first.headers.etag);
    assert.match(etag, /^"[\w-]+"$/);
    const again = await client.get('/commitments/PG0042/progress.svg', { 'if-none-match': etag });
    assert.equal(again.status, 304);
    assert.equal(again.body, '');
    assert.equal(again.headers.etag, etag);
    assert.equal((await client.get('/commitments/PG0042/progress.svg', { 'if-none-match': '"something-else"' })).status, 200);
    // Each language is its own image.
    const spanish = await client.get('/commitments/PG0042/progress.svg?lang=es', { 'if-none-match': etag });
    assert.equal(spanish.status, 200);
    assert.match(spanish.body, /<title id="progress-chart-title">[^<]+<\/title>/);
    assert.notEqual(spanish.headers.etag, etag);
  });
});
