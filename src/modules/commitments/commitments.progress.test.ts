import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { CommitmentsTable, MilestonesTable } from '../../db/schema.ts';
import { TestClient } from '../../../test/support/client.ts';
import { createActionPlan, createCommitment, createMilestone } from '../../../test/support/commitment-factories.ts';
import { type Cast, createCast } from '../../../test/support/commitment-page-factories.ts';
import { createMember, createOrganisation, signedInClient } from '../../../test/support/factories.ts';
import { csrfToken } from '../../../test/support/html.ts';
import { auditFor, countRows } from '../../../test/support/records.ts';
import { useTestApp } from '../../../test/support/test-app.ts';

const today = (): string => new Date().toISOString().slice(0, 10);

describe('progress updates by points of contact', () => {
  const t = useTestApp();
  let cast: Cast;
  let contact: TestClient;
  let commitment: CommitmentsTable;
  let milestones: MilestonesTable[];

  const form = (c: CommitmentsTable) => `/commitments/${c.ogp_id}/progress/new`;
  const stored = (id: string) => t.ctx.db.selectFrom('commitments').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const updatesOf = (id: string) => t.ctx.db.selectFrom('progress_updates').selectAll().where('commitment_id', '=', id).orderBy('created_at').execute();

  before(async () => {
    const { db } = t.ctx;
    const member = await createMember(db, { name: 'Republic of Progressia', memberType: 'national' });
    const other = await createMember(db, { name: 'Kingdom of Elsewhere', memberType: 'national' });
    const organisation = await createOrganisation(db, { name: 'Progress Watch' });
    cast = await createCast(db, member.id, other.id, organisation.id);
    contact = await signedInClient(t.app, cast.ownContact);
    const plan = await createActionPlan(db, { member_id: member.id });
    commitment = await createCommitment(db, { plan_id: plan.id, ogp_id: 'PR0001', title: 'Open budgets' });
    const withMilestones = await createCommitment(db, { plan_id: plan.id, ogp_id: 'PR0002', title: 'Open contracts', number: '2' });
    milestones = [
      await createMilestone(db, withMilestones.id, { position: 1, title: 'Publish the law', weight: 2 }),
      await createMilestone(db, withMilestones.id, { position: 2, title: 'Build the portal', weight: 1 }),
      await createMilestone(db, withMilestones.id, { position: 3, title: 'Train officials', weight: 1 }),
    ];
  });

  it('offers the form to the point of contact, starting from where the commitment stands', async () => {
    const page = await contact.get('/commitments/PR0001');
    assert.match(page.body, /href="\/commitments\/PR0001\/progress\/new"/);
    const formPage = await contact.get(form(commitment));
    assert.equal(formPage.status, 200);
    assert.match(formPage.body, /<h1 class="govuk-heading-l">Report progress<\/h1>/);
    assert.match(formPage.body, /<input class="govuk-radios__input" id="status" name="status" type="radio" value="not_started" checked/);
    // No milestones, so nothing to choose between.
    assert.doesNotMatch(formPage.body, /name="milestone"/);
  });

  it('publishes an update: a dated public timeline entry, the commitment brought up to date, audited together', async () => {
    const auditBefore = (await auditFor(t.ctx.db, commitment.id)).length;
    const response = await contact.submit(form(commitment), form(commitment), {
      status: 'substantial',
      percent: ' 60% ',
      narrative: 'The budget portal is live.\r\nMore data is coming.',
      evidence: 'https://budget.example.org/portal\n\n  https://budget.example.org/report.pdf  \nhttps://budget.example.org/portal',
    });
    assert.equal(response.status, 303);
    assert.equal(response.location, '/commitments/PR0001?done=progress#timeline');

    const [update] = await updatesOf(commitment.id);
    assert.ok(update);
    assert.equal(update.author_id, cast.ownContact.id);
    assert.equal(update.status, 'substantial');
    assert.equal(update.percent_complete, 60);
    assert.equal(update.narrative, 'The budget portal is live.\nMore data is coming.');
    assert.deepEqual(JSON.parse(update.evidence_links), ['https://budget.example.org/portal', 'https://budget.example.org/report.pdf']);
    assert.equal(update.reported_on, today());
    assert.equal(update.source, 'platform');
    assert.equal(update.milestone_id, null);

    const row = await stored(commitment.id);
    assert.equal(row.implementation_status, 'substantial');
    assert.equal(row.progress_percent, 60);

    const events = await auditFor(t.ctx.db, commitment.id);
    assert.equal(events.length, auditBefore + 1);
    const event = events.at(-1)!;
    assert.equal(event.action, 'commitment.progress_updated');
    assert.equal(event.entity_type, 'commitment');
    assert.equal(event.actor_id, cast.ownContact.id);
    assert.equal(event.is_public, 1);
    assert.deepEqual(JSON.parse(event.before_json ?? 'null'), { implementation_status: 'not_started', progress_percent: null });
    assert.deepEqual(JSON.parse(event.after_json ?? 'null'), {
      reported_status: 'substantial',
      reported_percent: 60,
      narrative: 'The budget portal is live.\nMore data is coming.',
      evidence_links: 'https://budget.example.org/portal\nhttps://budget.example.org/report.pdf',
      implementation_status: 'substantial',
      progress_percent: 60,
    });

    const page = await new TestClient(t.app).get(response.location!);
    assert.match(page.body, /Your progress update has been published on the timeline./);
    assert.match(page.body, /Reported by Olu Contact, government point of contact for Republic of Progressia/);
    assert.match(page.body, /The budget portal is live.<br \/>\s*More data is coming./);
    assert.match(page.body, /<td class="govuk-table__cell govuk-table__cell--numeric">60%<\/td>/);
    assert.match(page.body, /Progress update published: 60% complete/);
  });

  it('updates the milestone an update is about, and rolls the commitment up from its weighted milestones', async () => {
    const target = '/commitments/PR0002/progress/new';
    const formPage = await contact.get(`${target}?milestone=${milestones[0]!.id}`);
    assert.match(formPage.body, new RegExp(`<option value="${milestones[0]!.id}" selected>Milestone 1: Publish the law</option>`));
    const first = await contact.submit(target, target, { milestone: milestones[0]!.id, status: 'complete', percent: '100', narrative: 'The law was passed.' });
    assert.equal(first.status, 303);
    const second = await contact.submit(target, target, { milestone: milestones[1]!.id, status: 'limited', percent: '40', narrative: 'Portal in testing.' });
    assert.equal(second.status, 303);

    const rows = await t.ctx.db.selectFrom('milestones').selectAll().where('commitment_id', '=', milestones[0]!.commitment_id).orderBy('position').execute();
    assert.deepEqual(
      rows.map((m) => [m.status, m.percent_complete]),
      [
        ['complete', 100],
        ['limited', 40],
        ['not_started', 0],
      ],
    );
    // Weights 2, 1, 1: 0.5 × 100 + 0.25 × 40 + 0.25 × 0 = 60.
    const row = await stored(milestones[0]!.commitment_id);
    assert.equal(row.implementation_status, 'substantial');
    assert.equal(row.progress_percent, 60);
    const event = (await auditFor(t.ctx.db, row.id)).at(-1)!;
    assert.deepEqual(JSON.parse(event.after_json ?? 'null'), {
      milestone: 'Build the portal',
      reported_status: 'limited',
      reported_percent: 40,
      narrative: 'Portal in testing.',
      // Only what changed: the first update had already made it substantial.
      progress_percent: 60,
    });

    // An update about the whole commitment is kept on the timeline, but the milestones still decide its figure.
    const whole = await contact.submit(target, target, { milestone: '', status: 'limited', percent: '10', narrative: 'Overall, slower than hoped.' });
    assert.equal(whole.status, 303);
    assert.equal((await stored(row.id)).progress_percent, 60);
    const page = await new TestClient(t.app).get('/commitments/PR0002');
    assert.match(page.body, /Overall, slower than hoped./);
    assert.match(page.body, /Milestone 2: Build the portal/);
  });

  it('works the commitment out from both of two updates made at the same moment', async () => {
    const plan = await createActionPlan(t.ctx.db, { member_id: commitment.member_id, number: 7 });
    for (let round = 1; round <= 4; round += 1) {
      const target = await createCommitment(t.ctx.db, { plan_id: plan.id, ogp_id: `PR9${round}00`, number: String(round) });
      const first = await createMilestone(t.ctx.db, target.id, { position: 1 });
      const second = await createMilestone(t.ctx.db, target.id, { position: 2 });
      const url = form(target);
      const token = csrfToken((await contact.get(url)).body) ?? '';
      const responses = await Promise.all([
        contact.post(url, { _csrf: token, milestone: first.id, status: 'complete', percent: '100', narrative: 'First done.' }),
        contact.post(url, { _csrf: token, milestone: second.id, status: 'limited', percent: '40', narrative: 'Second started.' }),
      ]);
      assert.deepEqual(responses.map((r) => r.status), [303, 303]);
      // Whichever committed second saw the first's milestone: (100 + 40) / 2.
      const row = await stored(target.id);
      assert.deepEqual([row.implementation_status, row.progress_percent], ['substantial', 70], `round ${round}`);
    }
  });

  it('re-renders the form with every problem, keeps what was typed and changes nothing', async () => {
    const counts = async () => [await countRows(t.ctx.db, 'progress_updates'), await countRows(t.ctx.db, 'audit_events')];
    const before = await counts();
    const commitmentBefore = await stored(commitment.id);
    const response = await contact.submit(form(commitment), form(commitment), {
      status: 'finished',
      percent: 'about half',
      narrative: '   ',
      evidence: 'https://ok.example.org\nftp://files.example.org/report',
    });
    assert.equal(response.status, 400);
    assert.match(response.body, /<title>Error: Report progress/);
    assert.match(response.body, /href="#status">Choose the status<\/a>/);
    assert.match(response.body, /href="#percent">Enter the percent complete as a whole number from 0 to 100<\/a>/);
    assert.match(response.body, /href="#narrative">Describe the progress made<\/a>/);
    assert.match(response.body, /href="#evidence">Enter a web address starting with https:\/\/ or http:\/\/ on line 2<\/a>/);
    assert.match(response.body, /value="about half"/);
    assert.match(response.body, />https:\/\/ok.example.org\nftp:\/\/files.example.org\/report<\/textarea>/);
    assert.deepEqual(await counts(), before);
    assert.deepEqual(await stored(commitment.id), commitmentBefore);
  });

  it('refuses a status and percentage that contradict each other, or an unknown milestone', async () => {
    const before = await countRows(t.ctx.db, 'progress_updates');
    const cases: Array<[Record<string, string>, string, RegExp]> = [
      [{ status: 'complete', percent: '90' }, 'percent', /A complete commitment or milestone is 100% complete/],
      [{ status: 'not_started', percent: '5' }, 'percent', /Work that has not started is 0% complete/],
      [{ status: 'substantial', percent: '100' }, 'percent', /Work that is 100% done is complete/],
      [{ status: 'limited', percent: '101' }, 'percent', /a whole number from 0 to 100/],
      [{ status: 'limited', percent: '12.5' }, 'percent', /a whole number from 0 to 100/],
      [{ status: 'limited', percent: '12', milestone: milestones[0]!.id }, 'milestone', /Choose the whole commitment or one of its milestones/],
    ];
    for (const [fields, field, message] of cases) {
      const response = await contact.submit(form(commitment), form(commitment), { narrative: 'Something.', ...fields });
      assert.equal(response.status, 400, JSON.stringify(fields));
      assert.match(response.body, new RegExp(`href="#${field}">`), JSON.stringify(fields));
      assert.match(response.body, message);
    }
    assert.equal(await countRows(t.ctx.db, 'progress_updates'), before);
  });

  it('lets only a point of contact of the commitment’s own member in: everyone else is refused and nothing changes', async () => {
    const before = [await countRows(t.ctx.db, 'progress_updates'), await countRows(t.ctx.db, 'audit_events')];
    const fields = { status: 'limited', percent: '10', narrative: 'Not mine to report.' };

    const anonymous = new TestClient(t.app);
    const page = await anonymous.get(form(commitment));
    assert.equal(page.status, 302);
    assert.equal(page.location, `/sign-in?next=${encodeURIComponent(form(commitment))}`);
    assert.equal((await anonymous.submit('/sign-in', form(commitment), fields)).status, 401);
    // Even without a CSRF token, the refusal comes first and says who may do this.
    assert.equal((await anonymous.post(form(commitment), fields)).status, 401);

    for (const [who, user] of [
      ['a point of contact of another member', cast.otherContact],
      ['the Support Unit', cast.support],
      ['a participant', cast.participant],
      ['an organisation member', cast.organisationMember],
      ['an IRM researcher', cast.researcher],
    ] as const) {
      const client = await signedInClient(t.app, user);
      assert.equal((await client.get(form(commitment))).status, 403, who);
      assert.equal((await client.submit('/commitments/PR0001', form(commitment), fields)).status, 403, who);
      const commitmentPage = await client.get('/commitments/PR0001');
      assert.doesNotMatch(commitmentPage.body, /progress\/new/, `${who} is offered no form`);
    }
    assert.deepEqual([await countRows(t.ctx.db, 'progress_updates'), await countRows(t.ctx.db, 'audit_events')], before);
  });

  it('answers 404 for a commitment that does not exist', async () => {
    assert.equal((await contact.get('/commitments/NOPE01/progress/new')).status, 404);
    assert.equal((await contact.submit('/commitments/PR0001', '/commitments/NOPE01/progress/new', { status: 'limited' })).status, 404);
  });
});
