import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { TestClient } from '../../../test/support/client.ts';
import { createActionPlan } from '../../../test/support/commitment-factories.ts';
import { createMember, createUser, signedInClient } from '../../../test/support/factories.ts';
import { closedPeriod, createSelfAssessment, futurePeriod } from '../../../test/support/plans-factories.ts';
import { auditFor, countRows } from '../../../test/support/records.ts';
import { useTestApp } from '../../../test/support/test-app.ts';
import type { UserRow } from '../accounts/accounts.repository.ts';
import { addDays, todayIso } from '../members/iso-dates.ts';
import type { PlanRow } from './plans.repository.ts';
import { findSelfAssessment } from './self-assessments.repository.ts';
import { commentWindow, defaultCommentPeriod } from './self-assessments.service.ts';

describe('self-assessments and their public comments', () => {
  const t = useTestApp();
  let poc: UserRow;
  let pocClient: TestClient;
  let participant: UserRow;
  let participantClient: TestClient;
  let plan: PlanRow;
  const planUrl = '/plans/AP_CHL03';
  const publishUrl = `${planUrl}/self-assessments/new`;

  before(async () => {
    const chile = await createMember(t.ctx.db, { name: 'Republic of Chile', ogpCode: 'CHL' });
    plan = await createActionPlan(t.ctx.db, { member_id: chile.id, ogp_id: 'AP_CHL03', number: 3, title: 'Third National Action Plan' });
    poc = await createUser(t.ctx.db, { displayName: 'Paz Contact', roles: [{ role: 'government_poc', memberId: chile.id }] });
    pocClient = await signedInClient(t.app, poc);
    participant = await createUser(t.ctx.db, { displayName: 'Carmen Citizen', email: 'carmen.citizen@example.org' });
    participantClient = await signedInClient(t.app, participant);
  });

  it('works out the comment window, the closing day included, and a two-week default', () => {
    const period = { comments_open_on: '2026-06-01', comments_close_on: '2026-06-14' };
    assert.equal(commentWindow(period, '2026-05-31'), 'not_open');
    assert.equal(commentWindow(period, '2026-06-01'), 'open');
    assert.equal(commentWindow(period, '2026-06-14'), 'open');
    assert.equal(commentWindow(period, '2026-06-15'), 'closed');
    assert.deepEqual(defaultCommentPeriod('2026-06-01'), { opensOn: '2026-06-01', closesOn: '2026-06-14' });
  });

  describe('publishing', () => {
    it('lets the point of contact publish the mid-term self-assessment with a two-week comment period by default', async () => {
      const form = await pocClient.get(publishUrl);
      assert.equal(form.status, 200);
      assert.match(form.body, new RegExp(`id="commentsOpenOn"[^>]* value="${todayIso()}"`));
      assert.match(form.body, new RegExp(`id="commentsCloseOn"[^>]* value="${addDays(todayIso(), 13)}"`));
      assert.match(form.body, /value="mid_term" checked/);

      const response = await pocClient.submit(publishUrl, publishUrl, {
        kind: 'mid_term',
        body: 'Seven of twelve commitments are on track.\nTwo are delayed.',
        documentUrl: 'https://example.org/chile-mid-term.pdf',
        commentsOpenOn: todayIso(),
        commentsCloseOn: addDays(todayIso(), 13),
      });
      assert.equal(response.status, 303);
      assert.equal(response.location, `${planUrl}#self-assessments`);
      const row = await findSelfAssessment(t.ctx.db, plan.id, 'mid_term');
      assert.ok(row);
      assert.equal(row.published_by, poc.id);
      const event = (await auditFor(t.ctx.db, plan.id)).find((e) => e.action === 'plan.mid_term_assessment_published');
      assert.ok(event);
      assert.equal(event.is_public, 1);
      assert.equal(JSON.parse(event.after_json ?? '{}').document_url, 'https://example.org/chile-mid-term.pdf');

      const page = await new TestClient(t.app).get(planUrl);
      assert.match(page.body, /Mid-term self-assessment<\/h3>/);
      assert.match(page.body, /Seven of twelve commitments are on track\.<br \/>\s*Two are delayed\./);
      assert.match(page.body, /href="https:\/\/example.org\/chile-mid-term.pdf"/);
      assert.match(page.body, /Comments are open until the end of/);
      assert.match(page.body, /Mid-term self-assessment published/);
      // The signed-out are asked to sign in rather than shown the form.
      assert.match(page.body, /href="\/sign-in\?next=%2Fplans%2FAP_CHL03">Sign in to comment/);
      assert.doesNotMatch(page.body, /name="midTermComment"/);
      assert.match((await participantClient.get(planUrl)).body, /name="midTermComment"/);
      // Only the end-of-term one is left to publish.
      assert.match((await pocClient.get(publishUrl)).body, /value="end_of_term" checked/);
    });

    it('re-renders the form for every mistake and publishes nothing', async () => {
      const before = await countRows(t.ctx.db, 'self_assessments');
      const empty = await pocClient.submit(publishUrl, publishUrl, { kind: 'end_of_term', body: ' ', documentUrl: 'javascript:alert(1)', commentsOpenOn: '2026-13-01', commentsCloseOn: '' });
      assert.equal(empty.status, 400);
      assert.match(empty.body, /href="#documentUrl">Enter a web address starting with https:\/\/ or http:\/\//);
      assert.match(empty.body, /href="#commentsOpenOn">Enter the day comments open/);
      assert.match(empty.body, /href="#commentsCloseOn">Enter the last day for comments/);
      const nothing = await pocClient.submit(publishUrl, publishUrl, { kind: 'end_of_term', body: '', documentUrl: '', commentsOpenOn: '2026-06-10', commentsCloseOn: '2026-06-01' });
      assert.match(nothing.body, /href="#body">Enter the self-assessment, or a link to its document/);
      assert.match(nothing.body, /href="#commentsCloseOn">The last day for comments cannot be before the day they open/);
      const again = await pocClient.submit(publishUrl, publishUrl, { kind: 'mid_term', body: 'Again', commentsOpenOn: todayIso(), commentsCloseOn: todayIso() });
      assert.match(again.body, /href="#kind">This self-assessment is already published: correct it instead/);
      const unknown = await pocClient.submit(publishUrl, publishUrl, { kind: 'annual', body: 'Annual', commentsOpenOn: todayIso(), commentsCloseOn: todayIso() });
      assert.match(unknown.body, /href="#kind">Choose which self-assessment this is/);
      assert.equal(await countRows(t.ctx.db, 'self_assessments'), before);
    });

    it('lets the self-assessment be corrected, recording what changed', async () => {
      const url = `${planUrl}/self-assessments/mid_term/edit`;
      const form = await pocClient.get(url);
      assert.equal(form.status, 200);
      assert.match(form.body, /Seven of twelve/);
      const closes = addDays(todayIso(), 20);
      const saved = await pocClient.submit(url, url, {
        body: 'Seven of twelve commitments are on track.\nTwo are delayed.',
        documentUrl: 'https://example.org/chile-mid-term.pdf',
        commentsOpenOn: todayIso(),
        commentsCloseOn: closes,
      });
      assert.equal(saved.status, 303);
      const event = (await auditFor(t.ctx.db, plan.id)).find((e) => e.action === 'plan.mid_term_assessment_updated');
      assert.ok(event);
      assert.deepEqual(JSON.parse(event.before_json ?? '{}'), { comments_close_on: addDays(todayIso(), 13) });
      assert.deepEqual(JSON.parse(event.after_json ?? '{}'), { comments_close_on: closes });
      assert.equal((await pocClient.get(`${planUrl}/self-assessments/end_of_term/edit`)).status, 404);
      assert.equal((await pocClient.get(`${planUrl}/self-assessments/annual/edit`)).status, 404);
    });

    it('refuses points of contact of other members, participants and the signed-out', async () => {
      const other = await createMember(t.ctx.db, { name: 'Other Assessing Member' });
      const otherPoc = await signedInClient(t.app, await createUser(t.ctx.db, { roles: [{ role: 'government_poc', memberId: other.id }] }));
      const fields = { kind: 'end_of_term', body: 'Not mine to publish', commentsOpenOn: todayIso(), commentsCloseOn: todayIso() };
      for (const client of [otherPoc, participantClient]) {
        assert.equal((await client.get(publishUrl)).status, 403);
        assert.equal((await client.submit(planUrl, publishUrl, fields)).status, 403);
        assert.equal((await client.get(`${planUrl}/self-assessments/mid_term/edit`)).status, 403);
        assert.equal((await client.submit(planUrl, `${planUrl}/self-assessments/mid_term/edit`, fields)).status, 403);
        assert.doesNotMatch((await client.get(planUrl)).body, /Publish a self-assessment|Correct this self-assessment/);
      }
      assert.equal((await new TestClient(t.app).get(publishUrl)).status, 302);
      assert.equal((await new TestClient(t.app).submit('/sign-in', publishUrl, fields)).status, 401);
      assert.equal(await countRows(t.ctx.db, 'self_assessments'), 1);
    });
  });

  describe('commenting', () => {
    const commentUrl = `${planUrl}/self-assessments/mid_term/comments`;

    it('lets anyone signed in comment while the period is open, shown publicly with their name only', async () => {
      const response = await participantClient.submit(planUrl, commentUrl, { midTermComment: 'Please publish the data behind commitment 4.' });
      assert.equal(response.status, 303);
      assert.equal(response.location, `${planUrl}#comments-mid_term`);
      const page = await new TestClient(t.app).get(planUrl);
      assert.match(page.body, /1 comment</);
      assert.match(page.body, /<strong>Carmen Citizen<\/strong>/);
      assert.match(page.body, /Please publish the data behind commitment 4\./);
      assert.doesNotMatch(page.body, /carmen\.citizen@example\.org/);
      const row = await findSelfAssessment(t.ctx.db, plan.id, 'mid_term');
      const events = await auditFor(t.ctx.db, row?.id ?? '');
      assert.equal(events.length, 1);
      assert.equal(events[0]?.action, 'self_assessment.commented');
      assert.equal(events[0]?.actor_id, participant.id);
      assert.deepEqual(JSON.parse(events[0]?.after_json ?? '{}'), { comment: 'Please publish the data behind commitment 4.' });
    });

    it('re-renders the plan page with the problem for an empty or overlong comment', async () => {
      const before = await countRows(t.ctx.db, 'self_assessment_comments');
      const empty = await participantClient.submit(planUrl, commentUrl, { midTermComment: '   ' });
      assert.equal(empty.status, 400);
      assert.match(empty.body, /href="#midTermComment">Enter your comment/);
      assert.match(empty.body, /<h1 class="govuk-heading-xl">Third National Action Plan<\/h1>/);
      const long = await participantClient.submit(planUrl, commentUrl, { midTermComment: 'x'.repeat(5001) });
      assert.match(long.body, /href="#midTermComment">Your comment must be 5000 characters or fewer/);
      assert.equal(await countRows(t.ctx.db, 'self_assessment_comments'), before);
    });

    it('refuses comments before the period opens and after it closes, saying when', async () => {
      const closedPlan = await createActionPlan(t.ctx.db, { member_id: plan.member_id, ogp_id: 'AP_CHL02', number: 2 });
      const closed = await createSelfAssessment(t.ctx.db, closedPlan.id, { kind: 'end_of_term', ...closedPeriod(1) });
      await createSelfAssessment(t.ctx.db, closedPlan.id, { kind: 'mid_term', ...futurePeriod(3) });
      const before = await countRows(t.ctx.db, 'self_assessment_comments');

      const page = await participantClient.get('/plans/AP_CHL02');
      assert.match(page.body, /Comments closed at the end of/);
      assert.match(page.body, /Comments open on/);
      assert.doesNotMatch(page.body, /<textarea/);

      const late = await participantClient.submit('/plans/AP_CHL02', '/plans/AP_CHL02/self-assessments/end_of_term/comments', { endOfTermComment: 'Too late?' });
      assert.equal(late.status, 400);
      assert.match(late.body, new RegExp(`href="#endOfTermComment">Comments on this self-assessment closed at the end of ${closed.comments_close_on}`));
      // The summary's link lands on the sentence about the period, as there is no form to land on.
      assert.match(late.body, /<p class="govuk-body" id="endOfTermComment" data-window="closed">/);
      const early = await participantClient.submit('/plans/AP_CHL02', '/plans/AP_CHL02/self-assessments/mid_term/comments', { midTermComment: 'Too early?' });
      assert.equal(early.status, 400);
      assert.match(early.body, new RegExp(`Comments on this self-assessment open on ${addDays(todayIso(), 3)}`));
      assert.equal(await countRows(t.ctx.db, 'self_assessment_comments'), before);
    });

    it('takes comments on the last day, refuses the signed-out, and knows no unpublished self-assessment', async () => {
      const lastDayPlan = await createActionPlan(t.ctx.db, { member_id: plan.member_id, ogp_id: 'AP_CHL04', number: 4 });
      await createSelfAssessment(t.ctx.db, lastDayPlan.id, { kind: 'mid_term', ...closedPeriod(0) });
      const ok = await participantClient.submit('/plans/AP_CHL04', '/plans/AP_CHL04/self-assessments/mid_term/comments', { midTermComment: 'Just in time.' });
      assert.equal(ok.status, 303);
      const before = await countRows(t.ctx.db, 'self_assessment_comments');
      assert.equal((await new TestClient(t.app).submit('/sign-in', commentUrl, { midTermComment: 'Anonymous' })).status, 401);
      assert.equal((await participantClient.submit(planUrl, `${planUrl}/self-assessments/end_of_term/comments`, { endOfTermComment: 'Nothing here' })).status, 404);
      assert.equal((await participantClient.submit(planUrl, `${planUrl}/self-assessments/annual/comments`, { midTermComment: 'Nothing here' })).status, 404);
      assert.equal(await countRows(t.ctx.db, 'self_assessment_comments'), before);
    });
  });
});
