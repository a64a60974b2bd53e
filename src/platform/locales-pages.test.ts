import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { createMember, createOrganisation, createUser, signedInClient } from '../../test/support/factories.ts';
import { TestClient } from '../../test/support/client.ts';
import { useTestApp } from '../../test/support/test-app.ts';
import { LANGUAGES } from './i18n.ts';

// Every page, in every language: the page says which language it is in, its title is translated,
// and the shared chrome (skip link, navigation) is in that language too.
describe('pages in each language', () => {
  const t = useTestApp();
  let adminPages: string[] = [];
  let publicPages: string[] = [];

  before(async () => {
    const organisation = await createOrganisation(t.ctx.db, { name: 'Locale Test Organisation', orgType: 'civil_society' });
    const member = await createMember(t.ctx.db, { name: 'Locale Test Member', memberType: 'national', countryCode: 'FR' });
    const admin = await createUser(t.ctx.db, { roles: ['support_unit'] });
    publicPages = ['/', '/sign-in', '/sign-up', '/password-reset', '/verify-email/resend', '/organisations', `/organisations/${organisation.slug}`, '/members', `/members/${member.slug}`, '/developers', '/no-such-page'];
    adminPages = ['/account', '/admin', '/admin/users', `/admin/users/${admin.id}`, '/admin/audit', '/admin/outbox', '/organisations/new', '/members/new'];
    adminClient = await signedInClient(t.app, admin);
  });
  let adminClient: TestClient;

  const SKIP_LINK = { en: 'Skip to main content', es: 'Saltar al contenido principal', fr: 'Aller au contenu principal' } as const;
  // The page's own part of the title, without the translated brand after the dash.
  const title = (html: string): string => (/<title>([^<]*)<\/title>/.exec(html)?.[1] ?? '').split(' – ')[0]!.trim();
  // A record's page is titled with the record's name, which is the same in every language.
  const namedAfterRecord = (url: string): boolean => /^\/(organisations|members|admin\/users)\/[^/]+$/.test(url) && !url.endsWith('/new');

  it('renders every public and administration page in English, Spanish and French', async () => {
    const anonymous = new TestClient(t.app);
    for (const [client, pages] of [
      [anonymous, publicPages],
      [adminClient, adminPages],
    ] as const) {
      for (const url of pages) {
        const titles = new Map<string, string>();
        for (const lang of LANGUAGES) {
          const response = await client.get(`${url}${url.includes('?') ? '&' : '?'}lang=${lang}`);
          assert.ok([200, 404].includes(response.status), `${url} in ${lang} answered ${response.status}`);
          assert.match(response.body, new RegExp(`<html lang="${lang}"`), `${url} in ${lang}`);
          assert.ok(response.body.includes(SKIP_LINK[lang]), `${url} in ${lang} has the translated skip link`);
          titles.set(lang, title(response.body));
        }
        if (namedAfterRecord(url)) continue;
        // Some words are the same in two languages ("Organisations" in French); all three alike means no translation.
        assert.ok(titles.get('es') !== titles.get('en') || titles.get('fr') !== titles.get('en'), `${url}: the title is translated (${titles.get('en')})`);
      }
    }
  });
});
