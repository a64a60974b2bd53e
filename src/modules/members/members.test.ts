import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { TestClient } from '../../../test/support/client.ts';
import { createMember, createUser, signedInClient } from '../../../test/support/factories.ts';
import { tableRowCount } from '../../../test/support/html.ts';
import { auditFor, countRows } from '../../../test/support/records.ts';
import { useTestApp } from '../../../test/support/test-app.ts';
import type { UserRow } from '../accounts/accounts.repository.ts';
import { AppError } from '../../platform/errors.ts';
import { findMemberBySlug } from './members.repository.ts';
import type { MemberRow } from './members.service.ts';

describe('members registry', () => {
  const t = useTestApp();
  let support: UserRow;
  let supportClient: TestClient;
  let participantClient: TestClient;
  const thisYear = new Date().getUTCFullYear();

  before(async () => {
    support = await createUser(t.ctx.db, { roles: ['support_unit'], displayName: 'Sam Support' });
    supportClient = await signedInClient(t.app, support);
    participantClient = await signedInClient(t.app, await createUser(t.ctx.db));
  });

  describe('listing', () => {
    before(async () => {
      await createMember(t.ctx.db, { name: 'Republic of Listland', memberType: 'national', countryCode: 'FR', joinedYear: 2012 });
      await createMember(t.ctx.db, { name: 'Listville, Listland', memberType: 'local', countryCode: 'ES', joinedYear: 2016 });
      await createMember(t.ctx.db, { name: 'Kingdom of Elsewhere', memberType: 'national' });
    });

    it('shows members to anyone, with country names in the reader\'s language', async () => {
      const page = await new TestClient(t.app).get('/members?q=list');
      assert.equal(page.status, 200);
      assert.match(page.body, /2 members/);
      assert.match(page.body, /href="\/members\/republic-of-listland"/);
      assert.match(page.body, /<td class="govuk-table__cell">France<\/td>/);
      assert.match(page.body, /<td class="govuk-table__cell">Spain<\/td>/);
      const spanish = await new TestClient(t.app).get('/members?q=list&lang=es');
      assert.match(spanish.body, /2 miembros/);
      assert.match(spanish.body, /España/);
    });

    it('searches without regard to case and filters by type', async () => {
      const local = await new TestClient(t.app).get('/members?q=LIST&type=local');
      assert.match(local.body, /1 member\b/);
      assert.match(local.body, /Listville, Listland/);
      assert.doesNotMatch(local.body, /Republic of Listland/);
      const none = await new TestClient(t.app).get('/members?q=atlantis');
      assert.match(none.body, /0 members/);
      assert.match(none.body, /No members match your search/);
    });

    it('pages through many members', async () => {
      for (let i = 1; i <= 26; i += 1) await createMember(t.ctx.db, { name: `Paged Member ${String(i).padStart(2, '0')}`, memberType: 'local' });
      const first = await new TestClient(t.app).get('/members?q=paged');
      assert.match(first.body, /26 members/);
      assert.equal(tableRowCount(first.body), 25);
      const second = await new TestClient(t.app).get('/members?q=paged&page=2');
      assert.equal(tableRowCount(second.body), 1);
      assert.match(second.body, /Paged Member 26/);
      // A page number that makes no sense is the first page, not an error.
      assert.equal((await new TestClient(t.app).get('/members?q=paged&page=abc')).status, 200);
    });
  });

  describe('profile', () => {
    let member: MemberRow;

    before(async () => {
      member = await createMember(t.ctx.db, { name: 'Republic of Profilia', memberType: 'national', countryCode: 'KE', joinedYear: 2013 }, support.id);
      await createUser(t.ctx.db, { displayName: 'Gale Contact', email: 'gale.contact@example.org', roles: [{ role: 'government_poc', memberId: member.id }] });
    });

    it('shows the details, the points of contact by name only, and the public history', async () => {
      const page = await new TestClient(t.app).get('/members/republic-of-profilia');
      assert.equal(page.status, 200);
      assert.match(page.body, /<h1 class="govuk-heading-xl">Republic of Profilia<\/h1>/);
      assert.match(page.body, /Kenya \(KE\)/);
      assert.match(page.body, /2013/);
      assert.match(page.body, /Gale Contact/);
      assert.doesNotMatch(page.body, /gale\.contact@example\.org/);
      assert.match(page.body, /Member created: Republic of Profilia/);
      assert.match(page.body, /Sam Support/);
      assert.doesNotMatch(page.body, /Edit this member/);
    });

    it('answers 404 for an unknown member', async () => {
      assert.equal((await new TestClient(t.app).get('/members/no-such-member')).status, 404);
    });
  });

  describe('creating', () => {
    it('lets the Support Unit add a member, normalising the country code, audited publicly', async () => {
      const response = await supportClient.submit('/members/new', '/members/new', {
        name: 'Creation City, Freedonia',
        memberType: 'local',
        countryCode: ' gh ',
        joinedYear: '2020',
      });
      assert.equal(response.status, 303);
      assert.equal(response.location, '/members/creation-city-freedonia');
      const row = await findMemberBySlug(t.ctx.db, 'creation-city-freedonia');
      assert.ok(row);
      assert.equal(row.country_code, 'GH');
      assert.equal(row.joined_year, 2020);
      assert.equal(row.member_type, 'local');
      const events = await auditFor(t.ctx.db, row.id);
      assert.equal(events.length, 1);
      assert.equal(events[0]?.action, 'member.created');
      assert.equal(events[0]?.entity_type, 'member');
      assert.equal(events[0]?.actor_id, support.id);
      assert.equal(events[0]?.is_public, 1);
      assert.deepEqual(JSON.parse(events[0]?.after_json ?? 'null'), {
        name: 'Creation City, Freedonia',
        member_type: 'local',
        country_code: 'GH',
        joined_year: 2020,
        // Derived from the year joined, as nobody chose otherwise; fields left blank are not listed.
        cohort: 'even',
      });
      assert.match((await new TestClient(t.app).get('/members/creation-city-freedonia')).body, /Member created: Creation City, Freedonia/);
    });

    it('allows the country and year to be left out, and gives repeated names the next slug', async () => {
      const first = await createMember(t.ctx.db, { name: 'Twin Member', memberType: 'national', countryCode: null, joinedYear: null });
      const second = await createMember(t.ctx.db, { name: 'Twin Member', memberType: 'national' });
      assert.deepEqual([first.slug, second.slug], ['twin-member', 'twin-member-2']);
      assert.equal(first.country_code, null);
      assert.equal(first.joined_year, null);
    });

    it('re-renders the form with every problem, keeps the input and changes nothing', async () => {
      const before = await countRows(t.ctx.db, 'members');
      const response = await supportClient.submit('/members/new', '/members/new', {
        name: '',
        memberType: 'regional',
        countryCode: 'XX',
        joinedYear: '2010',
      });
      assert.equal(response.status, 400);
      assert.match(response.body, /href="#name">Enter the member&#39;s name/);
      assert.match(response.body, /href="#memberType">Choose whether the member is national or local/);
      assert.match(response.body, /href="#countryCode">Enter a two-letter ISO 3166 country code/);
      assert.match(response.body, new RegExp(`href="#joinedYear">Enter a year from 2011 to ${thisYear}`));
      assert.match(response.body, /value="XX"/);
      assert.match(response.body, /value="2010"/);
      assert.equal(await countRows(t.ctx.db, 'members'), before);
    });

    it('refuses a year in the future or one that is not a number', async () => {
      for (const joinedYear of [thisYear + 1, Number.NaN, 2015.5]) {
        await assert.rejects(createMember(t.ctx.db, { name: 'Future Member', memberType: 'national', joinedYear }), (error: unknown) => {
          assert.ok(error instanceof AppError);
          assert.deepEqual(Object.keys(error.fields), ['joinedYear']);
          return true;
        });
      }
      const typed = await supportClient.submit('/members/new', '/members/new', { name: 'Typed Year', memberType: 'national', countryCode: '', joinedYear: 'last year' });
      assert.equal(typed.status, 400);
      assert.match(typed.body, /href="#joinedYear">/);
    });

    it('sends the signed-out to sign in, and refuses them and participants', async () => {
      const before = await countRows(t.ctx.db, 'members');
      const page = await new TestClient(t.app).get('/members/new');
      assert.equal(page.status, 302);
      assert.equal(page.location, '/sign-in?next=%2Fmembers%2Fnew');
      assert.equal((await new TestClient(t.app).submit('/sign-in', '/members/new', { name: 'Sneaky', memberType: 'national' })).status, 401);
      assert.equal((await participantClient.get('/members/new')).status, 403);
      assert.equal((await participantClient.submit('/members', '/members/new', { name: 'Sneaky', memberType: 'national' })).status, 403);
      assert.equal(await countRows(t.ctx.db, 'members'), before);
      assert.doesNotMatch((await participantClient.get('/members')).body, /Add a member/);
      assert.match((await supportClient.get('/members')).body, /Add a member/);
    });
  });

  describe('editing', () => {
    let own: MemberRow;
    let other: MemberRow;
    let poc: UserRow;
    let pocClient: TestClient;

    before(async () => {
      own = await createMember(t.ctx.db, { name: 'Edit Republic', memberType: 'national', countryCode: 'PE', joinedYear: 2011 });
      other = await createMember(t.ctx.db, { name: 'Other Republic', memberType: 'national' });
      poc = await createUser(t.ctx.db, { displayName: 'Pia Contact', roles: [{ role: 'government_poc', memberId: own.id }] });
      pocClient = await signedInClient(t.app, poc);
    });

    it('lets the member\'s point of contact edit it, recording before and after publicly', async () => {
      const form = await pocClient.get('/members/edit-republic/edit');
      assert.equal(form.status, 200);
      assert.match(form.body, /value="Edit Republic"/);
      assert.match(form.body, /value="PE"/);
      assert.doesNotMatch(form.body, /name="memberType"/);
      const response = await pocClient.submit('/members/edit-republic/edit', '/members/edit-republic/edit', {
        name: 'Republic of Edits',
        countryCode: 'pe',
        joinedYear: '2014',
      });
      assert.equal(response.status, 303);
      assert.equal(response.location, '/members/edit-republic');
      const row = await findMemberBySlug(t.ctx.db, 'edit-republic');
      assert.equal(row?.name, 'Republic of Edits');
      assert.equal(row?.joined_year, 2014);
      const update = (await auditFor(t.ctx.db, own.id)).find((e) => e.action === 'member.updated');
      assert.ok(update);
      assert.equal(update.actor_id, poc.id);
      assert.equal(update.is_public, 1);
      // The cohort follows the year joined, so it changes with it.
      assert.deepEqual(JSON.parse(update.before_json ?? 'null'), { name: 'Edit Republic', joined_year: 2011, cohort: 'odd' });
      assert.deepEqual(JSON.parse(update.after_json ?? 'null'), { name: 'Republic of Edits', joined_year: 2014, cohort: 'even' });
      const profile = await new TestClient(t.app).get('/members/edit-republic');
      assert.match(profile.body, /Member updated\s*<details/);
      assert.match(profile.body, /<th scope="row" class="govuk-table__header">Name<\/th>\s*<td class="govuk-table__cell">Edit Republic<\/td>\s*<td class="govuk-table__cell">Republic of Edits<\/td>/);
      assert.match(profile.body, /<th scope="row" class="govuk-table__header">Year joined<\/th>\s*<td class="govuk-table__cell">2011<\/td>\s*<td class="govuk-table__cell">2014<\/td>/);
      assert.doesNotMatch(profile.body, /joined_year/);
      assert.match(profile.body, /Pia Contact/);
    });

    it('re-renders an invalid edit with the input kept and changes nothing', async () => {
      const before = await findMemberBySlug(t.ctx.db, 'edit-republic');
      const eventsBefore = (await auditFor(t.ctx.db, own.id)).length;
      const response = await pocClient.submit('/members/edit-republic/edit', '/members/edit-republic/edit', {
        name: 'Kept Name',
        countryCode: 'Peru',
        joinedYear: String(thisYear + 1),
      });
      assert.equal(response.status, 400);
      assert.match(response.body, /href="#countryCode">/);
      assert.match(response.body, /href="#joinedYear">/);
      assert.match(response.body, /value="Kept Name"/);
      assert.match(response.body, /value="Peru"/);
      assert.deepEqual(await findMemberBySlug(t.ctx.db, 'edit-republic'), before);
      assert.equal((await auditFor(t.ctx.db, own.id)).length, eventsBefore);
    });

    it('refuses a point of contact editing another member, participants and the signed-out', async () => {
      assert.equal((await pocClient.get('/members/other-republic/edit')).status, 403);
      assert.equal((await pocClient.submit('/members/edit-republic', '/members/other-republic/edit', { name: 'Annexed' })).status, 403);
      assert.equal((await participantClient.get('/members/other-republic/edit')).status, 403);
      const anonymous = await new TestClient(t.app).get('/members/other-republic/edit');
      assert.equal(anonymous.status, 302);
      assert.equal((await new TestClient(t.app).submit('/sign-in', '/members/other-republic/edit', { name: 'Annexed' })).status, 401);
      assert.equal((await findMemberBySlug(t.ctx.db, 'other-republic'))?.name, 'Other Republic');
      assert.doesNotMatch((await pocClient.get('/members/other-republic')).body, /Edit this member/);
      assert.match((await pocClient.get('/members/edit-republic')).body, /Edit this member/);
    });

    it('lets the Support Unit edit any member', async () => {
      const response = await supportClient.submit('/members/other-republic/edit', '/members/other-republic/edit', {
        name: 'Other Republic',
        countryCode: 'CL',
        joinedYear: '',
      });
      assert.equal(response.status, 303);
      assert.equal((await findMemberBySlug(t.ctx.db, 'other-republic'))?.country_code, 'CL');
      assert.ok(other);
    });
  });
});
