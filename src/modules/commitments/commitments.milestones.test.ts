import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { CommitmentsTable } from '../../db/schema.ts';
import { TestClient } from '../../../test/support/client.ts';
import { createActionPlan, createCommitment, createMilestone, createProgressUpdate } from '../../../test/support/commitment-factories.ts';
import { type Cast, createCast } from '../../../test/support/commitment-page-factories.ts';
import { createMember, createOrganisation, signedInClient } from '../../../test/support/factories.ts';
import { auditFor, countRows } from '../../../test/support/records.ts';
import { useTestApp } from '../../../test/support/test-app.ts';

describe('milestones', () => {
  const t = useTestApp();
  let cast: Cast;
  let support: TestClient;
  let contact: TestClient;
  let commitment: CommitmentsTable;
  const addUrl = '/commitments/MS0001/milestones/new';

  const milestonesOf = (id: string) => t.ctx.db.selectFrom('milestones').selectAll().where('commitment_id', '=', id).orderBy('position').execute();
  const stored = (id: string) => t.ctx.db.selectFrom('commitments').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  before(async () => {
    const { db } = t.ctx;
    const member = await createMember(db, { name: 'Republic of Milestonia', memberType: 'national' });
    const other = await createMember(db, { name: 'Elsewhere Islands', memberType: 'national' });
    const organisation = await createOrganisation(db, { name: 'Milestone Watch' });
    cast = await createCast(db, member.id, other.id, organisation.id);
    support = await signedInClient(t.app, cast.support);
    contact = await signedInClient(t.app, cast.ownContact);
    const plan = await createActionPlan(db, { member_id: member.id });
    commitment = await createCommitment(db, { plan_id: plan.id, ogp_id: 'MS0001', title: 'Open procurement' });
  });

  it('lets the Support Unit add a milestone, audited publicly, counted in the commitment’s progress', async () => {
    const page = await support.get('/commitments/MS0001');
    assert.match(page.body, /href="\/commitments\/MS0001\/milestones\/new"/);
    const formPage = await support.get(addUrl);
    assert.equal(formPage.status, 200);
    assert.match(formPage.body, /name="weight"[^>]*value="1"/);
    const response = await support.submit(addUrl, addUrl, {
      title: '  Publish the procurement law ',
      description: 'Drafted with civil society.\r\nAdopted by parliament.',
      startDate: '2024-01-01',
      dueDate: '2024-06-30',
      weight: '2',
      evidence: 'https://law.example.org/draft',
    });
    assert.equal(response.status, 303);
    assert.equal(response.location, '/commitments/MS0001?done=milestone_added#milestones');
    const [milestone] = await milestonesOf(commitment.id);
    assert.ok(milestone);
    assert.equal(milestone.title, 'Publish the procurement law');
    assert.equal(milestone.description, 'Drafted with civil society.\nAdopted by parliament.');
    assert.equal(milestone.start_date, '2024-01-01');
    assert.equal(milestone.due_date, '2024-06-30');
    assert.equal(milestone.weight, 2);
    assert.equal(milestone.position, 1);
    assert.equal(milestone.status, 'not_started');
    assert.deepEqual(JSON.parse(milestone.evidence_links), ['https://law.example.org/draft']);
    // The commitment is now measured by its milestones: not started, at 0 %.
    assert.equal((await stored(commitment.id)).progress_percent, 0);

    const event = (await auditFor(t.ctx.db, commitment.id)).at(-1)!;
    assert.equal(event.action, 'commitment.milestone_added');
    assert.equal(event.actor_id, cast.support.id);
    assert.equal(event.is_public, 1);
    assert.deepEqual(JSON.parse(event.after_json ?? 'null'), {
      title: 'Publish the procurement law',
      description: 'Drafted with civil society.\nAdopted by parliament.',
      start_date: '2024-01-01',
      due_date: '2024-06-30',
      weight: 2,
      evidence_links: 'https://law.example.org/draft',
      progress_percent: 0,
    });
    const publicPage = await new TestClient(t.app).get(response.location!);
    assert.match(publicPage.body, /The milestone has been added./);
    assert.match(publicPage.body, /Milestone 1: Publish the procurement law/);
    assert.match(publicPage.body, /Milestone added: Publish the procurement law/);
    assert.match(publicPage.body, /Sam Support/);
  });

  it("lets the member's point of contact add one too, placed after the others", async () => {
    const response = await contact.submit(addUrl, addUrl, { title: 'Open the portal', weight: '1', startDate: '', dueDate: '' });
    assert.equal(response.status, 303);
    const milestones = await milestonesOf(commitment.id);
    assert.deepEqual(
      milestones.map((m) => [m.position, m.title, m.start_date, m.due_date]),
      [
        [1, 'Publish the procurement law', '2024-01-01', '2024-06-30'],
        [2, 'Open the portal', null, null],
      ],
    );
  });

  it('re-renders the form with every problem, keeps what was typed and adds nothing', async () => {
    const before = [await countRows(t.ctx.db, 'milestones'), await countRows(t.ctx.db, 'audit_events')];
    const response = await support.submit(addUrl, addUrl, {
      title: '',
      startDate: '2024-02-30',
      dueDate: 'next spring',
      weight: '0',
      evidence: 'javascript:alert(1)',
    });
    assert.equal(response.status, 400);
    assert.match(response.body, /href="#title">Enter the milestone&#39;s title<\/a>/);
    assert.match(response.body, /href="#startDate">Enter a real date as year-month-day/);
    assert.match(response.body, /href="#dueDate">Enter a real date as year-month-day/);
    assert.match(response.body, /href="#weight">Enter a weight greater than 0 and up to 1000/);
    assert.match(response.body, /href="#evidence">Enter a web address starting with https:\/\/ or http:\/\/ on line 1/);
    assert.match(response.body, /value="next spring"/);
    assert.match(response.body, /value="0"/);
    for (const weight of ['-1', 'heavy', '1001', '']) {
      const refused = await support.submit(addUrl, addUrl, { title: 'Weighty', weight });
      assert.equal(refused.status, 400, weight);
      assert.match(refused.body, /href="#weight">/, weight);
    }
    const backwards = await support.submit(addUrl, addUrl, { title: 'Backwards', weight: '1', startDate: '2024-05-01', dueDate: '2024-04-30' });
    assert.match(backwards.body, /href="#dueDate">The due date must be the same as or after the start date/);
    assert.deepEqual([await countRows(t.ctx.db, 'milestones'), await countRows(t.ctx.db, 'audit_events')], before);
  });

  it('saves an edit with what changed before and after, and leaves no trace of an unchanged form', async () => {
    const [first] = await milestonesOf(commitment.id);
    const editUrl = `/commitments/MS0001/milestones/${first!.id}/edit`;
    const formPage = await contact.get(editUrl);
    assert.equal(formPage.status, 200);
    assert.match(formPage.body, /value="Publish the procurement law"/);
    assert.match(formPage.body, />https:\/\/law.example.org\/draft<\/textarea>/);
    const response = await contact.submit(editUrl, editUrl, {
      title: 'Publish the procurement law',
      description: 'Drafted with civil society.\nAdopted by parliament.',
      startDate: '2024-01-01',
      dueDate: '2024-09-30',
      weight: '3',
      evidence: 'https://law.example.org/draft\nhttps://law.example.org/final',
    });
    assert.equal(response.status, 303);
    const event = (await auditFor(t.ctx.db, commitment.id)).at(-1)!;
    assert.equal(event.action, 'commitment.milestone_updated');
    assert.equal(event.actor_id, cast.ownContact.id);
    assert.deepEqual(JSON.parse(event.before_json ?? 'null'), {
      milestone: 'Publish the procurement law',
      due_date: '2024-06-30',
      weight: 2,
      evidence_links: 'https://law.example.org/draft',
    });
    assert.deepEqual(JSON.parse(event.after_json ?? 'null'), {
      milestone: 'Publish the procurement law',
      due_date: '2024-09-30',
      weight: 3,
      evidence_links: 'https://law.example.org/draft\nhttps://law.example.org/final',
    });
    const events = (await auditFor(t.ctx.db, commitment.id)).length;
    const again = await contact.submit(editUrl, editUrl, {
      title: 'Publish the procurement law',
      description: 'Drafted with civil society.\nAdopted by parliament.',
      startDate: '2024-01-01',
      dueDate: '2024-09-30',
      weight: '3.0',
      evidence: 'https://law.example.org/draft\nhttps://law.example.org/final',
    });
    assert.equal(again.status, 303);
    assert.equal((await auditFor(t.ctx.db, commitment.id)).length, events);
  });

  it('works the commitment out again when a weight changes', async () => {
    const [first, second] = await milestonesOf(commitment.id);
    await t.ctx.db.updateTable('milestones').set({ status: 'complete', percent_complete: 100 }).where('id', '=', first!.id).execute();
    const editUrl = `/commitments/MS0001/milestones/${second!.id}/edit`;
    // Weights 3 and 2, the first complete and the second not started: 60 %. Then 3 and 3: 50 %.
    await support.submit(editUrl, editUrl, { title: 'Open the portal', weight: '2' });
    const first60 = await stored(commitment.id);
    assert.deepEqual([first60.implementation_status, first60.progress_percent], ['substantial', 60]);
    await support.submit(editUrl, editUrl, { title: 'Open the portal', weight: '3' });
    const row = await stored(commitment.id);
    assert.equal(row.progress_percent, 50);
    assert.equal(row.implementation_status, 'substantial');
    const event = (await auditFor(t.ctx.db, commitment.id)).at(-1)!;
    assert.deepEqual(JSON.parse(event.after_json ?? 'null'), { milestone: 'Open the portal', weight: 3, progress_percent: 50 });
  });

  it('removes a milestone with no progress reported, audited, and keeps one that has some', async () => {
    const extra = await createMilestone(t.ctx.db, commitment.id, { position: 3, title: 'Print leaflets' });
    const removeUrl = `/commitments/MS0001/milestones/${extra.id}/remove`;
    const confirm = await support.get(removeUrl);
    assert.equal(confirm.status, 200);
    assert.match(confirm.body, /Remove milestone 3\?/);
    const response = await support.submit(removeUrl, removeUrl, {});
    assert.equal(response.status, 303);
    assert.equal(response.location, '/commitments/MS0001?done=milestone_removed#milestones');
    assert.equal((await milestonesOf(commitment.id)).length, 2);
    const event = (await auditFor(t.ctx.db, commitment.id)).at(-1)!;
    assert.equal(event.action, 'commitment.milestone_removed');
    assert.equal(JSON.parse(event.before_json ?? '{}').title, 'Print leaflets');
    assert.match((await new TestClient(t.app).get('/commitments/MS0001')).body, /Milestone removed: Print leaflets/);

    const [first] = await milestonesOf(commitment.id);
    await createProgressUpdate(t.ctx.db, commitment.id, { milestone_id: first!.id, status: 'complete', percent_complete: 100 });
    const keepUrl = `/commitments/MS0001/milestones/${first!.id}/remove`;
    const keepPage = await support.get(keepUrl);
    assert.match(keepPage.body, /cannot be removed because progress has been reported on it/);
    assert.doesNotMatch(keepPage.body, /<button[^>]*>\s*Remove milestone/);
    const refused = await support.submit(keepUrl, keepUrl, {});
    assert.equal(refused.status, 400);
    assert.match(refused.body, /href="#milestone">This milestone has progress updates on the public timeline/);
    assert.equal((await milestonesOf(commitment.id)).length, 2);
  });

  it('refuses everyone but the Support Unit and the member’s points of contact, changing nothing', async () => {
    const [first] = await milestonesOf(commitment.id);
    const urls = [addUrl, `/commitments/MS0001/milestones/${first!.id}/edit`, `/commitments/MS0001/milestones/${first!.id}/remove`];
    const before = [await countRows(t.ctx.db, 'milestones'), await countRows(t.ctx.db, 'audit_events')];
    const fields = { title: 'Not mine', weight: '1' };
    const anonymous = new TestClient(t.app);
    for (const url of urls) {
      const page = await anonymous.get(url);
      assert.equal(page.status, 302, url);
      assert.match(page.location ?? '', /^\/sign-in\?next=/);
      assert.equal((await anonymous.submit('/sign-in', url, fields)).status, 401, url);
    }
    for (const [who, user] of [
      ['a point of contact of another member', cast.otherContact],
      ['a participant', cast.participant],
      ['an organisation member', cast.organisationMember],
      ['an IRM researcher', cast.researcher],
    ] as const) {
      const client = await signedInClient(t.app, user);
      for (const url of urls) {
        assert.equal((await client.get(url)).status, 403, `${who}: GET ${url}`);
        assert.equal((await client.submit('/commitments/MS0001', url, fields)).status, 403, `${who}: POST ${url}`);
      }
      assert.doesNotMatch((await client.get('/commitments/MS0001')).body, /milestones\/new|\/edit"|\/remove"/, `${who} is offered no controls`);
    }
    assert.deepEqual([await countRows(t.ctx.db, 'milestones'), await countRows(t.ctx.db, 'audit_events')], before);
  });

  it('answers 404 for a milestone of another commitment or none at all', async () => {
    const otherCommitment = await createCommitment(t.ctx.db, { ogp_id: 'MS0002' });
    const foreign = await createMilestone(t.ctx.db, otherCommitment.id);
    assert.equal((await support.get(`/commitments/MS0001/milestones/${foreign.id}/edit`)).status, 404);
    assert.equal((await support.get('/commitments/MS0001/milestones/no-such-milestone/remove')).status, 404);
    assert.equal((await support.submit('/commitments/MS0001', `/commitments/MS0001/milestones/${foreign.id}/remove`, {})).status, 404);
    assert.equal((await milestonesOf(otherCommitment.id)).length, 1);
  });
});
