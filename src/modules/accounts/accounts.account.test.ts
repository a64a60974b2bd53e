import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setCookieLine, TestClient } from '../../../test/support/client.ts';
import { createMember, createOrganisation, createUser, signedInClient } from '../../../test/support/factories.ts';
import { useTestApp } from '../../../test/support/test-app.ts';
import type { Db } from '../../db/database.ts';
import { LANGUAGE_COOKIE } from '../../platform/web.ts';
import { findUserById } from './accounts.repository.ts';

async function auditRows(db: Db, userId: string, action: string) {
  return db.selectFrom('audit_events').selectAll().where('entity_id', '=', userId).where('action', '=', action).execute();
}

describe('the account page', () => {
  const t = useTestApp();

  it('sends a signed-out visitor to sign in first, and refuses their changes', async () => {
    const client = new TestClient(t.app);
    const page = await client.get('/account');
    assert.equal(page.status, 302);
    assert.equal(page.location, '/sign-in?next=%2Faccount');
    const change = await client.submit('/sign-in', '/account/display-name', { displayName: 'Nobody' });
    assert.equal(change.status, 401);
    const tooLong = await client.submit('/sign-in', '/account/display-name', { displayName: 'x'.repeat(600) });
    assert.equal(tooLong.status, 401, 'refused before the body is even checked');
  });

  it('shows the name, address and every role, translated, with what each role is for', async () => {
    const memberId = (await createMember(t.ctx.db, { name: 'Republic of Testland' })).id;
    const organisationId = (await createOrganisation(t.ctx.db, { name: 'Open Data Collective' })).id;
    const user = await createUser(t.ctx.db, {
      email: 'roles@example.org',
      displayName: 'Rosa Roles',
      roles: ['support_unit', { role: 'government_poc', memberId }, { role: 'organisation_member', organisationId }],
    });
    const client = await signedInClient(t.app, user);
    const page = await client.get('/account');
    assert.equal(page.status, 200);
    assert.match(page.body, /<title>Your account – /);
    assert.match(page.body, /Rosa Roles/);
    assert.match(page.body, /roles@example\.org/);
    for (const text of ['Participant', 'OGP Support Unit', 'Government point of contact – Republic of Testland', 'Organisation member – Open Data Collective']) {
      assert.match(page.body, new RegExp(`<li>${text}</li>`), text);
    }
    const spanish = await client.get('/account?lang=es');
    assert.match(spanish.body, /<li>Unidad de Apoyo de OGP<\/li>/);
    assert.match(spanish.body, /<li>Punto de contacto del gobierno – Republic of Testland<\/li>/);
  });

  it('changes the display name, audited with the old and new values', async () => {
    const user = await createUser(t.ctx.db, { displayName: 'Old Name' });
    const client = await signedInClient(t.app, user);
    const response = await client.submit('/account', '/account/display-name', { displayName: '  New Name  ' });
    assert.equal(response.status, 303);
    assert.equal(response.location, '/account?saved=displayName');
    const page = await client.get(response.location);
    assert.match(page.body, /Your name has been updated\./);
    assert.match(page.body, /value="New Name"/);
    assert.equal((await findUserById(t.ctx.db, user.id))?.display_name, 'New Name');
    const [event] = await auditRows(t.ctx.db, user.id, 'account.display_name_changed');
    assert.equal(event?.actor_id, user.id);
    assert.deepEqual(JSON.parse(event?.before_json ?? 'null'), { display_name: 'Old Name' });
    assert.deepEqual(JSON.parse(event?.after_json ?? 'null'), { display_name: 'New Name' });
  });

  it('re-renders the whole page when the new name is refused', async () => {
    const user = await createUser(t.ctx.db, { displayName: 'Steady Name', roles: ['irm_staff'] });
    const client = await signedInClient(t.app, user);
    const response = await client.submit('/account', '/account/display-name', { displayName: '   ' });
    assert.equal(response.status, 400);
    assert.match(response.body, /<a href="#displayName">Enter your name<\/a>/);
    assert.match(response.body, /<li>IRM staff<\/li>/, 'the rest of the page is still there');
    assert.equal((await findUserById(t.ctx.db, user.id))?.display_name, 'Steady Name');
    assert.deepEqual(await auditRows(t.ctx.db, user.id, 'account.display_name_changed'), []);
  });

  it('saves the preferred language, sets the language cookie and shows the page in it', async () => {
    const user = await createUser(t.ctx.db);
    const client = await signedInClient(t.app, user);
    const response = await client.submit('/account', '/account/language', { language: 'es' });
    assert.equal(response.status, 303);
    assert.equal(response.location, '/account?saved=language');
    assert.match(setCookieLine(response.headers['set-cookie'], LANGUAGE_COOKIE) ?? '', new RegExp(`^${LANGUAGE_COOKIE}=es;.*HttpOnly`));
    const page = await client.get(response.location);
    assert.match(page.body, /<html lang="es"/);
    assert.match(page.body, /Se ha guardado su idioma\./);
    assert.match(page.body, /value="es" checked/);
    assert.equal((await findUserById(t.ctx.db, user.id))?.preferred_language, 'es');
    const [event] = await auditRows(t.ctx.db, user.id, 'account.language_changed');
    assert.deepEqual(JSON.parse(event?.before_json ?? 'null'), { preferred_language: null });
    assert.deepEqual(JSON.parse(event?.after_json ?? 'null'), { preferred_language: 'es' });
  });

  it('refuses a language it does not offer, and a change without the CSRF token', async () => {
    const user = await createUser(t.ctx.db);
    const client = await signedInClient(t.app, user);
    const unknown = await client.submit('/account', '/account/language', { language: 'de' });
    assert.equal(unknown.status, 400);
    assert.match(unknown.body, /<a href="#language">Choose a language<\/a>/);
    assert.match(unknown.body, /id="language" name="language" type="radio" value="en"/, 'the summary link has a target');
    const forged = await client.post('/account/language', { language: 'fr' });
    assert.equal(forged.status, 403);
    assert.equal((await findUserById(t.ctx.db, user.id))?.preferred_language, null);
  });
});
