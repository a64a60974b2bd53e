import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { TestClient } from '../../../test/support/client.ts';
import { createActionPlan, createCommitment } from '../../../test/support/commitment-factories.ts';
import { createFullCast, type FullCast, refusedPeople } from '../../../test/support/commitment-form-factories.ts';
import { createMember, createOrganisation, signedInClient } from '../../../test/support/factories.ts';
import { countRows } from '../../../test/support/records.ts';
import { useTestApp } from '../../../test/support/test-app.ts';

describe('who may add and edit commitments', () => {
  const t = useTestApp();
  let cast: FullCast;
  const newUrl = '/plans/AP_ACC02/commitments/new';
  const editUrl = '/commitments/AC0001/edit';
  const urls = [newUrl, editUrl];
  const fields = { title: 'Not mine to write', number: '7' };

  const written = async () => [
    await countRows(t.ctx.db, 'commitments'),
    await countRows(t.ctx.db, 'audit_events'),
    await countRows(t.ctx.db, 'commitment_tags'),
    await countRows(t.ctx.db, 'commitment_institutions'),
  ];
  const storedTitle = async () => (await t.ctx.db.selectFrom('commitments').select('title').where('ogp_id', '=', 'AC0001').executeTakeFirstOrThrow()).title;

  before(async () => {
    const { db } = t.ctx;
    const member = await createMember(db, { name: 'Republic of Accessia', memberType: 'national', countryCode: 'AD' });
    const other = await createMember(db, { name: 'Elsewhere Islands', memberType: 'national', countryCode: 'FJ' });
    const organisation = await createOrganisation(db, { name: 'Access Watch' });
    cast = await createFullCast(db, member.id, other.id, organisation.id);
    const plan = await createActionPlan(db, { member_id: member.id, number: 2, ogp_id: 'AP_ACC02' });
    await createCommitment(db, { plan_id: plan.id, ogp_id: 'AC0001', number: '1', title: 'Open procurement' });
  });

  it('sends the signed-out to sign in on a page and answers 401 to a post, even without a CSRF token', async () => {
    const before = await written();
    const anonymous = new TestClient(t.app);
    for (const url of urls) {
      const page = await anonymous.get(url);
      assert.equal(page.status, 302, url);
      assert.equal(page.location, `/sign-in?next=${encodeURIComponent(url)}`);
      assert.equal((await anonymous.submit('/sign-in', url, fields)).status, 401, url);
      assert.equal((await anonymous.post(url, fields)).status, 401, url);
      assert.equal((await anonymous.post(url, { ...fields, leadQuery: 'Access', find: 'lead' })).status, 401, url);
    }
    assert.deepEqual(await written(), before);
  });

  it('refuses everyone but the Support Unit and the member’s points of contact, searches included, and offers them no link', async () => {
    const before = await written();
    for (const [who, user] of refusedPeople(cast)) {
      const client = await signedInClient(t.app, user);
      for (const url of urls) {
        assert.equal((await client.get(url)).status, 403, `${who}: GET ${url}`);
        assert.equal((await client.submit('/commitments/AC0001', url, fields)).status, 403, `${who}: POST ${url}`);
        // A refused person never sees the form come back with an organisation search's results.
        const search = await client.submit('/commitments/AC0001', url, { ...fields, leadQuery: 'Access', find: 'lead' });
        assert.equal(search.status, 403, `${who}: search on ${url}`);
        assert.doesNotMatch(search.body, /Access Watch/);
      }
      assert.doesNotMatch((await client.get('/plans/AP_ACC02')).body, /commitments\/new/, `${who} is offered no add link`);
      assert.doesNotMatch((await client.get('/commitments/AC0001')).body, /AC0001\/edit/, `${who} is offered no edit link`);
    }
    assert.deepEqual(await written(), before);
    assert.equal(await storedTitle(), 'Open procurement');
  });

  it('lets the Support Unit and the member’s own point of contact in, offering each the links', async () => {
    for (const [who, user] of [
      ['the Support Unit', cast.support],
      ['the member’s point of contact', cast.ownContact],
    ] as const) {
      const client = await signedInClient(t.app, user);
      assert.match((await client.get('/plans/AP_ACC02')).body, /href="\/plans\/AP_ACC02\/commitments\/new"/, who);
      assert.match((await client.get('/commitments/AC0001')).body, /href="\/commitments\/AC0001\/edit"/, who);
      for (const url of urls) assert.equal((await client.get(url)).status, 200, `${who}: GET ${url}`);
      const search = await client.submit(editUrl, editUrl, { ...fields, leadQuery: 'Access', find: 'lead' });
      assert.equal(search.status, 200, who);
      assert.match(search.body, /Access Watch/, who);
    }
    const contact = await signedInClient(t.app, cast.ownContact);
    const added = await contact.submit(newUrl, newUrl, { title: 'Written by the point of contact', number: '2' });
    assert.equal(added.status, 303);
    const edited = await (await signedInClient(t.app, cast.support)).submit(editUrl, editUrl, { title: 'Edited by the Support Unit', number: '1' });
    assert.equal(edited.status, 303);
    assert.equal(await storedTitle(), 'Edited by the Support Unit');
  });
});
