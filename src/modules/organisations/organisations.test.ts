import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { TestClient } from '../../../test/support/client.ts';
import { createOrganisation, createUser, signedInClient } from '../../../test/support/factories.ts';
import { tableRowCount } from '../../../test/support/html.ts';
import { auditFor, countRows } from '../../../test/support/records.ts';
import { useTestApp } from '../../../test/support/test-app.ts';
import type { UserRow } from '../accounts/accounts.repository.ts';
import { AppError } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { findOrganisationBySlug, insertOrganisation } from './organisations.repository.ts';
import type { OrganisationRow } from './organisations.service.ts';
import { isUniqueViolation, retryOnSlugRace } from './slugs.ts';

describe('organisations registry', () => {
  const t = useTestApp();
  let support: UserRow;
  let supportClient: TestClient;
  let participantClient: TestClient;

  before(async () => {
    support = await createUser(t.ctx.db, { roles: ['support_unit'], displayName: 'Sam Support' });
    supportClient = await signedInClient(t.app, support);
    participantClient = await signedInClient(t.app, await createUser(t.ctx.db));
  });

  describe('listing', () => {
    before(async () => {
      for (let i = 1; i <= 27; i += 1) await createOrganisation(t.ctx.db, { name: `Listing Watch ${String(i).padStart(2, '0')}`, orgType: 'civil_society' });
      await createOrganisation(t.ctx.db, { name: 'Listing Media House', orgType: 'media', country: 'Kenya' });
      await createOrganisation(t.ctx.db, { name: '100% Listing_Transparency', orgType: 'academia' });
    });

    it('shows the registry to anyone, 25 to a page, with a count and pagination', async () => {
      const page = await new TestClient(t.app).get('/organisations?q=listing');
      assert.equal(page.status, 200);
      assert.match(page.body, /29 organisations/);
      assert.equal(tableRowCount(page.body), 25);
      assert.match(page.body, /href="\/organisations\?q=listing&amp;page=2" rel="next"/);
      const second = await new TestClient(t.app).get('/organisations?q=listing&page=2');
      assert.equal(tableRowCount(second.body), 4);
      assert.match(second.body, /aria-current="page"[^>]*>\s*2\s*</);
      assert.match(second.body, /rel="prev"/);
    });

    it('searches names without regard to case, and treats % and _ as plain characters', async () => {
      const page = await new TestClient(t.app).get('/organisations?q=MEDIA%20house');
      assert.match(page.body, /1 organisation\b/);
      assert.match(page.body, /Listing Media House/);
      const percent = await new TestClient(t.app).get(`/organisations?q=${encodeURIComponent('100%')}`);
      assert.match(percent.body, /1 organisation\b/);
      const underscore = await new TestClient(t.app).get(`/organisations?q=${encodeURIComponent('g_t')}`);
      assert.match(underscore.body, /100% Listing_Transparency/);
      const wildcard = await new TestClient(t.app).get(`/organisations?q=${encodeURIComponent('listing%watch')}`);
      assert.match(wildcard.body, /0 organisations/);
    });

    it('filters by type, and ignores a type it does not know', async () => {
      const media = await new TestClient(t.app).get('/organisations?type=media&q=listing');
      assert.match(media.body, /1 organisation\b/);
      assert.match(media.body, /<td class="govuk-table__cell">Media<\/td>/);
      assert.match(media.body, /<option value="media" selected>/);
      const unknown = await new TestClient(t.app).get('/organisations?type=nonsense&q=listing');
      assert.match(unknown.body, /29 organisations/);
    });

    it('says when nothing matches, and works as a plain GET form', async () => {
      const page = await new TestClient(t.app).get('/organisations?q=zzzz-nothing');
      assert.match(page.body, /0 organisations/);
      assert.match(page.body, /No organisations match your search/);
      assert.match(page.body, /<form method="get" action="\/organisations"/);
    });

    it('translates the page and the type names', async () => {
      const page = await new TestClient(t.app).get('/organisations?q=media&lang=es');
      assert.match(page.body, /1 organización/);
      assert.match(page.body, /Medios de comunicación/);
    });
  });

  describe('profile', () => {
    let organisation: OrganisationRow;
    let person: UserRow;

    before(async () => {
      organisation = await createOrganisation(
        t.ctx.db,
        { name: 'Profile Watch', orgType: 'civil_society', country: 'Chile', website: 'https://profile.example.org/', description: 'Holds <b>power</b> to account.' },
        support.id,
      );
      person = await createUser(t.ctx.db, { displayName: 'Pat Person', email: 'pat.person@example.org', roles: [{ role: 'organisation_member', organisationId: organisation.id }] });
    });

    it('shows the details, the people by name only, and the public history', async () => {
      const page = await new TestClient(t.app).get('/organisations/profile-watch');
      assert.equal(page.status, 200);
      assert.match(page.body, /<h1 class="govuk-heading-xl">Profile Watch<\/h1>/);
      assert.match(page.body, /Chile/);
      assert.match(page.body, /<a class="govuk-link" href="https:\/\/profile.example.org\/" rel="nofollow noopener">/);
      assert.match(page.body, /Holds &lt;b&gt;power&lt;\/b&gt; to account\./);
      assert.match(page.body, /Pat Person/);
      assert.doesNotMatch(page.body, /pat\.person@example\.org/);
      assert.match(page.body, /Organisation created: Profile Watch/);
      assert.match(page.body, /Sam Support/);
      assert.doesNotMatch(page.body, /Edit this organisation|Add person/);
      assert.ok(person);
    });

    it('answers 404 for an unknown organisation', async () => {
      const page = await new TestClient(t.app).get('/organisations/no-such-organisation');
      assert.equal(page.status, 404);
    });
  });

  describe('creating', () => {
    it('lets the Support Unit add an organisation, audited publicly', async () => {
      const response = await supportClient.submit('/organisations/new', '/organisations/new', {
        name: '  Creation Trust  ',
        orgType: 'private_sector',
        country: 'Ghana',
        website: 'http://creation.example.org',
        description: 'First line\r\nSecond line',
      });
      assert.equal(response.status, 303);
      assert.equal(response.location, '/organisations/creation-trust');
      const row = await findOrganisationBySlug(t.ctx.db, 'creation-trust');
      assert.ok(row);
      assert.equal(row.name, 'Creation Trust');
      assert.equal(row.description, 'First line\nSecond line');
      const events = await auditFor(t.ctx.db, row.id);
      assert.equal(events.length, 1);
      assert.equal(events[0]?.action, 'organisation.created');
      assert.equal(events[0]?.entity_type, 'organisation');
      assert.equal(events[0]?.actor_id, support.id);
      assert.equal(events[0]?.is_public, 1);
      assert.deepEqual(JSON.parse(events[0]?.after_json ?? 'null'), {
        name: 'Creation Trust',
        org_type: 'private_sector',
        country: 'Ghana',
        website: 'http://creation.example.org',
        description: 'First line\nSecond line',
      });
      const profile = await new TestClient(t.app).get('/organisations/creation-trust');
      assert.match(profile.body, /Organisation created: Creation Trust/);
    });

    it('gives a repeated name the next free slug, and never a slug that is a route', async () => {
      const first = await createOrganisation(t.ctx.db, { name: 'Twin Org', orgType: 'media' });
      const second = await createOrganisation(t.ctx.db, { name: 'Twin  org!', orgType: 'media' });
      const third = await createOrganisation(t.ctx.db, { name: 'twin-org', orgType: 'media' });
      assert.deepEqual([first.slug, second.slug, third.slug], ['twin-org', 'twin-org-2', 'twin-org-3']);
      assert.equal((await createOrganisation(t.ctx.db, { name: 'New', orgType: 'media' })).slug, 'new-2');
      assert.equal((await createOrganisation(t.ctx.db, { name: '東京', orgType: 'media' })).slug, 'organisation');
    });

    it('recognises a lost race for a slug on this database, and retries only that', async () => {
      const taken = await createOrganisation(t.ctx.db, { name: 'Race Winner', orgType: 'media' });
      const duplicate = insertOrganisation(t.ctx.db, { ...taken, id: newId() });
      await assert.rejects(duplicate, (error: unknown) => isUniqueViolation(error));
      let attempts = 0;
      const winner = await retryOnSlugRace(async () => {
        attempts += 1;
        // The first attempt fails the way a lost race does: on the UNIQUE slug.
        if (attempts === 1) await insertOrganisation(t.ctx.db, { ...taken, id: newId() });
        return createOrganisation(t.ctx.db, { name: 'Race Winner', orgType: 'media' });
      });
      assert.equal(attempts, 2);
      assert.equal(winner.slug, 'race-winner-2');
      let failures = 0;
      await assert.rejects(
        retryOnSlugRace(async () => {
          failures += 1;
          throw new Error('not a constraint');
        }),
        /not a constraint/,
      );
      assert.equal(failures, 1);
    });

    it('re-renders the form with every problem, keeps the input and changes nothing', async () => {
      const before = await countRows(t.ctx.db, 'organisations');
      const response = await supportClient.submit('/organisations/new', '/organisations/new', {
        name: '   ',
        orgType: 'sports_club',
        country: 'Atlantis',
        website: 'javascript:alert(1)',
        description: 'x'.repeat(5001),
      });
      assert.equal(response.status, 400);
      assert.match(response.body, /<title>Error: /);
      assert.match(response.body, /There is a problem/);
      assert.match(response.body, /href="#name">Enter the organisation&#39;s name/);
      assert.match(response.body, /href="#orgType">Choose the type of organisation/);
      assert.match(response.body, /href="#website">Enter a website address starting with https:\/\/ or http:\/\//);
      assert.match(response.body, /href="#description">The description must be 5000 characters or fewer/);
      assert.match(response.body, /value="Atlantis"/);
      assert.match(response.body, /value="javascript:alert\(1\)"/);
      assert.equal(await countRows(t.ctx.db, 'organisations'), before);
    });

    it('refuses a name over 200 characters and a website that is not http(s)', async () => {
      await assert.rejects(createOrganisation(t.ctx.db, { name: 'n'.repeat(201), orgType: 'media', website: 'ftp://example.org' }), (error: unknown) => {
        assert.ok(error instanceof AppError);
        assert.equal(error.code, 'VALIDATION_FAILED');
        assert.deepEqual(Object.keys(error.fields).sort(), ['name', 'website']);
        return true;
      });
    });

    it('sends the signed-out to sign in, and refuses them and participants', async () => {
      const anonymous = new TestClient(t.app);
      const page = await anonymous.get('/organisations/new');
      assert.equal(page.status, 302);
      assert.equal(page.location, '/sign-in?next=%2Forganisations%2Fnew');
      const before = await countRows(t.ctx.db, 'organisations');
      const post = await anonymous.submit('/sign-in', '/organisations/new', { name: 'Sneaky', orgType: 'media' });
      assert.equal(post.status, 401);
      assert.equal((await participantClient.get('/organisations/new')).status, 403);
      const refused = await participantClient.submit('/organisations', '/organisations/new', { name: 'Sneaky', orgType: 'media' });
      assert.equal(refused.status, 403);
      // Refused before validation: an invalid body gets 403 too, not a re-rendered form.
      assert.equal((await participantClient.submit('/organisations', '/organisations/new', { name: ['a', 'b'] })).status, 403);
      assert.equal(await countRows(t.ctx.db, 'organisations'), before);
      assert.doesNotMatch((await participantClient.get('/organisations')).body, /Add an organisation/);
      assert.match((await supportClient.get('/organisations')).body, /Add an organisation/);
    });
  });

  describe('editing', () => {
    let own: OrganisationRow;
    let other: OrganisationRow;
    let memberClient: TestClient;
    let editor: UserRow;

    before(async () => {
      own = await createOrganisation(t.ctx.db, { name: 'Edit Own', orgType: 'civil_society', country: 'Peru' });
      other = await createOrganisation(t.ctx.db, { name: 'Edit Other', orgType: 'civil_society' });
      editor = await createUser(t.ctx.db, { displayName: 'Olive Member', roles: [{ role: 'organisation_member', organisationId: own.id }] });
      memberClient = await signedInClient(t.app, editor);
    });

    it('lets a member of the organisation edit it, recording before and after publicly', async () => {
      const form = await memberClient.get('/organisations/edit-own/edit');
      assert.equal(form.status, 200);
      assert.match(form.body, /value="Edit Own"/);
      assert.match(form.body, /<option value="civil_society" selected>/);
      const response = await memberClient.submit('/organisations/edit-own/edit', '/organisations/edit-own/edit', {
        name: 'Edit Own Renamed',
        orgType: 'academia',
        country: 'Peru',
        website: '',
        description: 'Now with a description.',
      });
      assert.equal(response.status, 303);
      assert.equal(response.location, '/organisations/edit-own');
      const row = await findOrganisationBySlug(t.ctx.db, 'edit-own');
      assert.equal(row?.name, 'Edit Own Renamed');
      assert.equal(row?.org_type, 'academia');
      const events = await auditFor(t.ctx.db, own.id);
      const update = events.find((e) => e.action === 'organisation.updated');
      assert.ok(update);
      assert.equal(update.actor_id, editor.id);
      assert.equal(update.is_public, 1);
      assert.deepEqual(JSON.parse(update.before_json ?? 'null'), { name: 'Edit Own', org_type: 'civil_society', description: '' });
      assert.deepEqual(JSON.parse(update.after_json ?? 'null'), { name: 'Edit Own Renamed', org_type: 'academia', description: 'Now with a description.' });
      const profile = await new TestClient(t.app).get('/organisations/edit-own');
      // The history says what changed in words: field labels, and type names rather than codes.
      assert.match(profile.body, /Organisation updated\s*<details/);
      assert.match(profile.body, /<th scope="row" class="govuk-table__header">Name<\/th>\s*<td class="govuk-table__cell">Edit Own<\/td>\s*<td class="govuk-table__cell">Edit Own Renamed<\/td>/);
      assert.match(profile.body, /<th scope="row" class="govuk-table__header">Type<\/th>\s*<td class="govuk-table__cell">Civil society organisation<\/td>\s*<td class="govuk-table__cell">Academia<\/td>/);
      assert.match(profile.body, /<th scope="row" class="govuk-table__header">Description<\/th>\s*<td class="govuk-table__cell">None<\/td>\s*<td class="govuk-table__cell">Now with a description.<\/td>/);
      assert.doesNotMatch(profile.body, /org_type/);
      assert.match(profile.body, /Olive Member/);
    });

    it('records nothing when the form is saved unchanged', async () => {
      const before = (await auditFor(t.ctx.db, own.id)).length;
      const current = await findOrganisationBySlug(t.ctx.db, 'edit-own');
      assert.ok(current);
      const response = await memberClient.submit('/organisations/edit-own/edit', '/organisations/edit-own/edit', {
        name: current.name,
        orgType: current.org_type,
        country: current.country ?? '',
        website: current.website ?? '',
        description: current.description,
      });
      assert.equal(response.status, 303);
      assert.equal((await auditFor(t.ctx.db, own.id)).length, before);
    });

    it('re-renders an invalid edit with the input kept and changes nothing', async () => {
      const before = await findOrganisationBySlug(t.ctx.db, 'edit-own');
      const response = await memberClient.submit('/organisations/edit-own/edit', '/organisations/edit-own/edit', {
        name: 'Kept Name',
        orgType: 'academia',
        country: 'c'.repeat(101),
        website: 'not a url',
        description: '',
      });
      assert.equal(response.status, 400);
      assert.match(response.body, /href="#country">The country must be 100 characters or fewer/);
      assert.match(response.body, /href="#website">/);
      assert.match(response.body, /value="Kept Name"/);
      assert.match(response.body, /action="\/organisations\/edit-own\/edit"/);
      assert.deepEqual(await findOrganisationBySlug(t.ctx.db, 'edit-own'), before);
    });

    it('refuses a member of one organisation editing another, and the signed-out', async () => {
      assert.equal((await memberClient.get('/organisations/edit-other/edit')).status, 403);
      const refused = await memberClient.submit('/organisations/edit-own', '/organisations/edit-other/edit', { name: 'Taken over', orgType: 'media' });
      assert.equal(refused.status, 403);
      assert.equal((await findOrganisationBySlug(t.ctx.db, 'edit-other'))?.name, 'Edit Other');
      assert.equal((await participantClient.get('/organisations/edit-other/edit')).status, 403);
      const anonymous = await new TestClient(t.app).get('/organisations/edit-other/edit');
      assert.equal(anonymous.status, 302);
      assert.match(anonymous.location ?? '', /^\/sign-in\?next=/);
      assert.equal((await new TestClient(t.app).submit('/sign-in', '/organisations/edit-other/edit', { name: 'x', orgType: 'media' })).status, 401);
      assert.ok(other);
    });

    it('lets the Support Unit edit any organisation', async () => {
      const response = await supportClient.submit('/organisations/edit-other/edit', '/organisations/edit-other/edit', {
        name: 'Edit Other',
        orgType: 'civil_society',
        country: 'Mexico',
        website: '',
        description: '',
      });
      assert.equal(response.status, 303);
      assert.equal((await findOrganisationBySlug(t.ctx.db, 'edit-other'))?.country, 'Mexico');
    });

    it('shows the edit button only to those who may edit', async () => {
      assert.match((await memberClient.get('/organisations/edit-own')).body, /Edit this organisation/);
      assert.doesNotMatch((await memberClient.get('/organisations/edit-other')).body, /Edit this organisation/);
    });
  });

  describe('people of an organisation', () => {
    let organisation: OrganisationRow;
    let other: OrganisationRow;
    let person: UserRow;

    before(async () => {
      organisation = await createOrganisation(t.ctx.db, { name: 'People Forum', orgType: 'civil_society' });
      other = await createOrganisation(t.ctx.db, { name: 'People Elsewhere', orgType: 'civil_society' });
      person = await createUser(t.ctx.db, { displayName: 'Quinn Added', email: 'quinn.added@example.org' });
    });

    const grantsOf = (userId: string) =>
      t.ctx.db.selectFrom('role_grants').selectAll().where('user_id', '=', userId).where('role', '=', 'organisation_member').execute();

    it('lets the Support Unit add a person by email, audited on the person and publicly on the organisation', async () => {
      const page = await supportClient.get('/organisations/people-forum');
      assert.match(page.body, /Add person/);
      const response = await supportClient.submit('/organisations/people-forum', '/organisations/people-forum/members', { email: ' Quinn.Added@Example.org ' });
      assert.equal(response.status, 303);
      assert.equal(response.location, '/organisations/people-forum#people');
      const grants = await grantsOf(person.id);
      assert.equal(grants.length, 1);
      assert.equal(grants[0]?.organisation_id, organisation.id);
      const events = await auditFor(t.ctx.db, organisation.id);
      const added = events.filter((e) => e.action === 'organisation.member_added');
      assert.equal(added.length, 1, 'one public event, written by the roles service, not a second by this page');
      assert.deepEqual(events.map((e) => e.action), ['organisation.created', 'organisation.member_added']);
      assert.equal(added[0]?.is_public, 1);
      assert.equal(added[0]?.actor_id, support.id);
      assert.equal(added[0]?.summary, 'Quinn Added added as a member');
      assert.deepEqual(JSON.parse(added[0]?.after_json ?? 'null'), { member: 'Quinn Added' });
      const granted = await auditFor(t.ctx.db, person.id);
      assert.ok(granted.some((e) => e.action === 'role.granted' && e.actor_id === support.id));

      const publicPage = await new TestClient(t.app).get('/organisations/people-forum');
      assert.match(publicPage.body, /Quinn Added/);
      assert.doesNotMatch(publicPage.body, /quinn\.added@example\.org/);
      assert.match(publicPage.body, /Quinn Added added as a member/);
      // The Support Unit sees the email, to tell people of the same name apart.
      assert.match((await supportClient.get('/organisations/people-forum')).body, /quinn\.added@example\.org/);
    });

    it('refuses an unknown email and a person already listed, on the form', async () => {
      const before = await auditFor(t.ctx.db, organisation.id);
      const unknown = await supportClient.submit('/organisations/people-forum', '/organisations/people-forum/members', { email: 'nobody@example.org' });
      assert.equal(unknown.status, 400);
      assert.match(unknown.body, /href="#email">There is no account with this email address/);
      assert.match(unknown.body, /value="nobody@example.org"/);
      assert.match(unknown.body, /<h1 class="govuk-heading-xl">People Forum<\/h1>/);
      const again = await supportClient.submit('/organisations/people-forum', '/organisations/people-forum/members', { email: 'quinn.added@example.org' });
      assert.equal(again.status, 400);
      assert.match(again.body, /already a member of this organisation/);
      const blank = await supportClient.submit('/organisations/people-forum', '/organisations/people-forum/members', { email: '' });
      assert.equal(blank.status, 400);
      assert.deepEqual(await auditFor(t.ctx.db, organisation.id), before);
    });

    it('refuses someone who has not confirmed their email address, on the email field, changing nothing', async () => {
      // Anyone can sign up with another person's address; the grant must wait until its owner has confirmed it.
      const unconfirmed = await createUser(t.ctx.db, { displayName: 'Una Confirmed', email: 'una.confirmed@example.org', verified: false });
      const eventsBefore = await countRows(t.ctx.db, 'audit_events');
      const response = await supportClient.submit('/organisations/people-forum', '/organisations/people-forum/members', { email: 'una.confirmed@example.org' });
      assert.equal(response.status, 400);
      assert.match(response.body, /class="govuk-error-summary"/);
      assert.match(response.body, /<a href="#email">This person has not confirmed their email address yet, so they cannot be given a role<\/a>/);
      assert.match(response.body, /id="email-error"/);
      assert.match(response.body, /value="una.confirmed@example.org"/);
      assert.equal((await grantsOf(unconfirmed.id)).length, 0);
      assert.equal(await countRows(t.ctx.db, 'audit_events'), eventsBefore);

      const spanish = await signedInClient(t.app, support);
      await spanish.get('/?lang=es');
      const refused = await spanish.submit('/organisations/people-forum', '/organisations/people-forum/members', { email: 'una.confirmed@example.org' });
      assert.equal(refused.status, 400);
      assert.match(refused.body, /<a href="#email">Esta persona aún no ha confirmado su dirección de correo electrónico/);
    });

    it('refuses anyone but the Support Unit, including the organisation\'s own members', async () => {
      const insider = await signedInClient(t.app, person);
      assert.doesNotMatch((await insider.get('/organisations/people-forum')).body, /Add person/);
      const refused = await insider.submit('/organisations/people-forum', '/organisations/people-forum/members', { email: support.email });
      assert.equal(refused.status, 403);
      const grant = (await grantsOf(person.id))[0];
      assert.ok(grant);
      const removal = await insider.submit('/organisations/people-forum', `/organisations/people-forum/members/${grant.id}/remove`, {});
      assert.equal(removal.status, 403);
      const anonymous = await new TestClient(t.app).submit('/sign-in', `/organisations/people-forum/members/${grant.id}/remove`, {});
      assert.equal(anonymous.status, 401);
      assert.equal((await grantsOf(person.id)).length, 1);
    });

    it('answers 404 for a grant that belongs to another organisation', async () => {
      const grant = (await grantsOf(person.id))[0];
      assert.ok(grant);
      const response = await supportClient.submit('/organisations/people-elsewhere', `/organisations/people-elsewhere/members/${grant.id}/remove`, {});
      assert.equal(response.status, 404);
      assert.equal((await grantsOf(person.id)).length, 1);
      assert.ok(other);
    });

    it('lets the Support Unit remove a person, audited on both', async () => {
      const grant = (await grantsOf(person.id))[0];
      assert.ok(grant);
      const response = await supportClient.submit('/organisations/people-forum', `/organisations/people-forum/members/${grant.id}/remove`, {});
      assert.equal(response.status, 303);
      assert.equal((await grantsOf(person.id)).length, 0);
      const removals = (await auditFor(t.ctx.db, organisation.id)).filter((e) => e.action === 'organisation.member_removed');
      assert.equal(removals.length, 1, 'one public event for one removal');
      const removed = removals[0];
      assert.ok(removed);
      assert.equal(removed.is_public, 1);
      assert.deepEqual(JSON.parse(removed.before_json ?? 'null'), { member: 'Quinn Added' });
      assert.equal(removed.actor_id, support.id);
      assert.equal(removed.summary, 'Quinn Added removed as a member');
      const revoked = (await auditFor(t.ctx.db, person.id)).find((e) => e.action === 'role.revoked');
      assert.ok(revoked);
      assert.deepEqual(JSON.parse(revoked.before_json ?? 'null'), { role: 'organisation_member', member_id: null, organisation_id: organisation.id });
      const page = await new TestClient(t.app).get('/organisations/people-forum');
      assert.match(page.body, /Nobody is listed as a member of this organisation yet/);
      assert.match(page.body, /Quinn Added removed as a member/);
    });
  });
});
