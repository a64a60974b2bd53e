import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { TestClient } from '../../../test/support/client.ts';
import { createMember, createOrganisation, createUser, signedInClient } from '../../../test/support/factories.ts';
import { auditFor, countRows } from '../../../test/support/records.ts';
import { useTestApp } from '../../../test/support/test-app.ts';
import type { UserRow } from '../accounts/accounts.repository.ts';
import type { OrganisationRow } from '../organisations/organisations.repository.ts';
import { addDays, todayIso } from './iso-dates.ts';
import { listStatusHistory } from './member-status.repository.ts';
import { findMemberById } from './members.repository.ts';
import type { MemberRow } from './members.service.ts';

describe('a member\'s status and lead agency', () => {
  const t = useTestApp();
  let support: UserRow;
  let supportClient: TestClient;
  let pocClient: TestClient;
  let otherPocClient: TestClient;
  let participantClient: TestClient;
  let member: MemberRow;

  before(async () => {
    support = await createUser(t.ctx.db, { roles: ['support_unit'], displayName: 'Sol Support' });
    supportClient = await signedInClient(t.app, support);
    member = await createMember(t.ctx.db, { name: 'Republic of Standing', ogpCode: 'AZE', joinedOn: '2011-09-20' });
    const other = await createMember(t.ctx.db, { name: 'Other Standing' });
    pocClient = await signedInClient(t.app, await createUser(t.ctx.db, { roles: [{ role: 'government_poc', memberId: member.id }] }));
    otherPocClient = await signedInClient(t.app, await createUser(t.ctx.db, { roles: [{ role: 'government_poc', memberId: other.id }] }));
    participantClient = await signedInClient(t.app, await createUser(t.ctx.db));
  });

  const statusUrl = '/members/republic-of-standing/status';
  const changeStatus = (fields: Record<string, string>, client = supportClient) => client.submit(statusUrl, statusUrl, fields);

  describe('status', () => {
    it('lets the Support Unit record a change with its date and reason, audited and shown publicly', async () => {
      const form = await supportClient.get(statusUrl);
      assert.equal(form.status, 200);
      assert.match(form.body, /Its status now: Active\./);
      assert.match(form.body, new RegExp(`id="effectiveOn"[^>]* value="${todayIso()}"`));

      const response = await changeStatus({ status: 'inactive', effectiveOn: '2016-05-04', reason: 'Steering Committee resolution under the Response Policy.' });
      assert.equal(response.status, 303);
      assert.equal(response.location, '/members/republic-of-standing#status');
      assert.equal((await findMemberById(t.ctx.db, member.id))?.status, 'inactive');
      const history = await listStatusHistory(t.ctx.db, member.id);
      assert.equal(history.length, 1);
      assert.deepEqual(
        { status: history[0]?.status, effective_on: history[0]?.effective_on, reason: history[0]?.reason, recorded_by: history[0]?.recorded_by },
        { status: 'inactive', effective_on: '2016-05-04', reason: 'Steering Committee resolution under the Response Policy.', recorded_by: support.id },
      );
      const event = (await auditFor(t.ctx.db, member.id)).find((e) => e.action === 'member.status_changed');
      assert.ok(event);
      assert.equal(event.is_public, 1);
      assert.equal(event.actor_id, support.id);
      assert.deepEqual(JSON.parse(event.before_json ?? '{}'), { member_status: 'active' });
      assert.deepEqual(JSON.parse(event.after_json ?? '{}'), {
        member_status: 'inactive',
        effective_on: '2016-05-04',
        reason: 'Steering Committee resolution under the Response Policy.',
      });

      const profile = await new TestClient(t.app).get('/members/republic-of-standing');
      assert.match(profile.body, /Current status: <strong class="govuk-tag govuk-tag--grey">\s*Inactive\s*<\/strong>/);
      assert.match(profile.body, /<td class="govuk-table__cell">2016-05-04<\/td>\s*<td class="govuk-table__cell">Inactive<\/td>\s*<td class="govuk-table__cell">Steering Committee resolution/);
      assert.match(profile.body, /Status change recorded, effective 2016-05-04/);
      assert.match(profile.body, /Sol Support/);
      // Only the Support Unit is offered the form.
      assert.match((await supportClient.get('/members/republic-of-standing')).body, /Change the status/);
      assert.doesNotMatch((await pocClient.get('/members/republic-of-standing')).body, /Change the status/);
    });

    it('keeps the history in the order changes took effect; a change recorded late leaves the current status alone', async () => {
      await changeStatus({ status: 'active', effectiveOn: '2017-06-01', reason: 'Designation reviewed after a year and lifted.' });
      assert.equal((await findMemberById(t.ctx.db, member.id))?.status, 'active');
      // Filled in afterwards: the member was under review before it was made inactive.
      const late = await changeStatus({ status: 'procedural_review', effectiveOn: '2015-03-01', reason: 'Acted contrary to process twice.' });
      assert.equal(late.status, 303);
      assert.equal((await findMemberById(t.ctx.db, member.id))?.status, 'active');
      const history = await listStatusHistory(t.ctx.db, member.id);
      assert.deepEqual(
        history.map((h) => [h.effective_on, h.status]),
        [
          ['2015-03-01', 'procedural_review'],
          ['2016-05-04', 'inactive'],
          ['2017-06-01', 'active'],
        ],
      );
      const profile = await new TestClient(t.app).get('/members/republic-of-standing');
      // Latest first on the page.
      const table = profile.body.slice(profile.body.indexOf('id="status-history"'), profile.body.indexOf('</table>', profile.body.indexOf('id="status-history"')));
      const shown = [...table.matchAll(/<td class="govuk-table__cell">(\d{4}-\d{2}-\d{2})<\/td>/g)].map((m) => m[1]);
      assert.deepEqual(shown, ['2017-06-01', '2016-05-04', '2015-03-01']);
    });

    it('re-renders the form for every mistake, keeping the input, and changes nothing', async () => {
      const rows = await countRows(t.ctx.db, 'member_status_history');
      const events = (await auditFor(t.ctx.db, member.id)).length;
      const empty = await changeStatus({ status: '', effectiveOn: 'yesterday', reason: ' ' });
      assert.equal(empty.status, 400);
      assert.match(empty.body, /href="#status">Choose the new status/);
      assert.match(empty.body, /href="#effectiveOn">Enter the date it took effect/);
      assert.match(empty.body, /href="#reason">Enter the reason for the change/);
      assert.match(empty.body, /value="yesterday"/);
      const future = await changeStatus({ status: 'withdrawn', effectiveOn: addDays(todayIso(), 1), reason: 'Announced for tomorrow.' });
      assert.match(future.body, /href="#effectiveOn">Record a change once it has taken effect/);
      assert.match(future.body, /Announced for tomorrow\./);
      const early = await changeStatus({ status: 'withdrawn', effectiveOn: '2011-01-01', reason: 'Before it joined.' });
      assert.match(early.body, /href="#effectiveOn">The date cannot be before the member joined \(2011-09-20\)/);
      const repeated = await changeStatus({ status: 'active', effectiveOn: '2018-01-01', reason: 'Still active.' });
      assert.equal(repeated.status, 400);
      assert.match(repeated.body, /href="#status">That is already the member&#39;s status on that date \(since 2017-06-01\)/);
      const unknown = await changeStatus({ status: 'suspended', effectiveOn: '2018-01-01', reason: 'Not a status.' });
      assert.match(unknown.body, /href="#status">Choose the new status/);
      const long = await changeStatus({ status: 'withdrawn', effectiveOn: '2018-01-01', reason: 'x'.repeat(2001) });
      assert.match(long.body, /href="#reason">The reason must be 2000 characters or fewer/);
      assert.equal(await countRows(t.ctx.db, 'member_status_history'), rows);
      assert.equal((await auditFor(t.ctx.db, member.id)).length, events);
      assert.equal((await findMemberById(t.ctx.db, member.id))?.status, 'active');
    });

    it('refuses everyone but the Support Unit, the member\'s own point of contact included', async () => {
      const rows = await countRows(t.ctx.db, 'member_status_history');
      const fields = { status: 'withdrawn', effectiveOn: '2018-01-01', reason: 'Not allowed.' };
      for (const client of [pocClient, otherPocClient, participantClient]) {
        assert.equal((await client.get(statusUrl)).status, 403);
        assert.equal((await client.submit('/members', statusUrl, fields)).status, 403);
      }
      const anonymous = await new TestClient(t.app).get(statusUrl);
      assert.equal(anonymous.status, 302);
      assert.equal(anonymous.location, `/sign-in?next=${encodeURIComponent(statusUrl)}`);
      assert.equal((await new TestClient(t.app).submit('/sign-in', statusUrl, fields)).status, 401);
      assert.equal(await countRows(t.ctx.db, 'member_status_history'), rows);
      assert.equal((await supportClient.get('/members/no-such-member/status')).status, 404);
    });
  });

  describe('lead agency', () => {
    let ministry: OrganisationRow;
    let office: OrganisationRow;
    const leadUrl = '/members/republic-of-standing/lead-agency';

    before(async () => {
      ministry = await createOrganisation(t.ctx.db, { name: 'Ministry of Justice of Standing', orgType: 'government_agency' });
      office = await createOrganisation(t.ctx.db, { name: 'Office of the Prime Minister of Standing', orgType: 'government_agency' });
      await createOrganisation(t.ctx.db, { name: 'Standing Watch', orgType: 'civil_society' });
    });

    it('lets the member\'s point of contact find and choose an organisation, audited publicly', async () => {
      const search = await pocClient.get(`${leadUrl}?q=of+standing`);
      assert.equal(search.status, 200);
      assert.match(search.body, /Ministry of Justice of Standing/);
      assert.match(search.body, /Office of the Prime Minister of Standing/);
      assert.doesNotMatch(search.body, /Standing Watch/);
      assert.match(search.body, /Government agency/);

      const response = await pocClient.submit(`${leadUrl}?q=ministry`, leadUrl, { q: 'ministry', organisationId: ministry.id });
      assert.equal(response.status, 303);
      assert.equal(response.location, '/members/republic-of-standing#lead-agency');
      const profile = await new TestClient(t.app).get('/members/republic-of-standing');
      assert.match(profile.body, /<h2 class="govuk-heading-m" id="lead-agency">Lead agency<\/h2>\s*<p class="govuk-body"><a class="govuk-link" href="\/organisations\/ministry-of-justice-of-standing">Ministry of Justice of Standing<\/a>/);
      assert.match(profile.body, /Lead agency: Ministry of Justice of Standing/);

      await supportClient.submit(leadUrl, leadUrl, { q: 'office', organisationId: office.id });
      const events = (await auditFor(t.ctx.db, member.id)).filter((e) => e.action.startsWith('member.lead_agency'));
      assert.deepEqual(
        events.map((e) => [e.action, JSON.parse(e.before_json ?? '{}').lead_agency, JSON.parse(e.after_json ?? '{}').lead_agency, e.is_public]),
        [
          ['member.lead_agency_set', null, 'Ministry of Justice of Standing', 1],
          ['member.lead_agency_set', 'Ministry of Justice of Standing', 'Office of the Prime Minister of Standing', 1],
        ],
      );
      // Choosing the same one again is no change.
      await supportClient.submit(leadUrl, leadUrl, { q: 'office', organisationId: office.id });
      assert.equal((await auditFor(t.ctx.db, member.id)).filter((e) => e.action.startsWith('member.lead_agency')).length, 2);
    });

    it('asks for a choice, refuses an organisation that does not exist, and removes the lead agency on request', async () => {
      const none = await pocClient.submit(`${leadUrl}?q=ministry`, leadUrl, { q: 'ministry' });
      assert.equal(none.status, 400);
      assert.match(none.body, /href="#organisationId">Choose the organisation to make the lead agency/);
      assert.match(none.body, /Ministry of Justice of Standing/);
      const bogus = await pocClient.submit(leadUrl, leadUrl, { q: 'ministry', organisationId: 'no-such-organisation' });
      assert.equal(bogus.status, 400);
      assert.match((await new TestClient(t.app).get('/members/republic-of-standing')).body, /Office of the Prime Minister of Standing/);

      const removed = await pocClient.submit(leadUrl, `${leadUrl}/remove`, {});
      assert.equal(removed.status, 303);
      assert.match((await new TestClient(t.app).get('/members/republic-of-standing')).body, /No lead agency has been named yet\./);
      const last = (await auditFor(t.ctx.db, member.id)).at(-1);
      assert.equal(last?.action, 'member.lead_agency_removed');
      assert.equal(await countRows(t.ctx.db, 'member_lead_agencies'), 0);
    });

    it('refuses points of contact of other members, participants and the signed-out', async () => {
      for (const client of [otherPocClient, participantClient]) {
        assert.equal((await client.get(leadUrl)).status, 403);
        assert.equal((await client.submit('/members', leadUrl, { organisationId: ministry.id })).status, 403);
        assert.equal((await client.submit('/members', `${leadUrl}/remove`, {})).status, 403);
      }
      assert.equal((await new TestClient(t.app).get(leadUrl)).status, 302);
      assert.equal((await new TestClient(t.app).submit('/sign-in', leadUrl, { organisationId: ministry.id })).status, 401);
      assert.equal((await new TestClient(t.app).submit('/sign-in', `${leadUrl}/remove`, {})).status, 401);
      assert.equal(await countRows(t.ctx.db, 'member_lead_agencies'), 0);
    });
  });
});
