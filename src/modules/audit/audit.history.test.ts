import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { TestClient } from '../../../test/support/client.ts';
import { createMember, createOrganisation, createUser, signedInClient } from '../../../test/support/factories.ts';
import { decodeEntities } from '../../../test/support/html.ts';
import { useTestApp } from '../../../test/support/test-app.ts';
import { recordAudit } from '../../platform/audit.ts';
import { initI18n, type Translate } from '../../platform/i18n.ts';
import type { UserRow } from '../accounts/accounts.repository.ts';
import { describeEvent } from './audit.history.ts';

/** The visible text of a page's change history, entities decoded and white space folded. */
function historyText(body: string): string {
  const start = body.indexOf('id="change-history"');
  assert.ok(start >= 0, 'the page has a change history');
  const html = body.slice(start, body.indexOf('</main>', start));
  // Visually hidden captions are left out, so the phrases read as the table does.
  const visible = html.replace(/<caption[^>]*>[^<]*<\/caption>/g, ' ');
  return decodeEntities(visible.replace(/<[^>]+>/g, ' ')).replace(/\s+/g, ' ');
}

describe('public change history in the reader’s language', () => {
  const t = useTestApp();
  let support: UserRow;
  let person: UserRow;
  let summaries: string[];

  before(async () => {
    support = await createUser(t.ctx.db, { displayName: 'Sam Support', roles: ['support_unit'] });
    person = await createUser(t.ctx.db, { displayName: 'Pat Person', email: 'pat.person@example.org' });
    const client = await signedInClient(t.app, support);
    await createOrganisation(t.ctx.db, { name: 'History Watch', orgType: 'civil_society', country: 'Chile' }, support.id);
    const edited = await client.submit('/organisations/history-watch/edit', '/organisations/history-watch/edit', {
      name: 'History Watch',
      orgType: 'media',
      country: 'Chile',
      website: 'https://history.example.org',
      description: '',
    });
    const added = await client.submit('/organisations/history-watch', '/organisations/history-watch/members', { email: person.email });
    const member = await createMember(t.ctx.db, { name: 'Republic of History', memberType: 'national', countryCode: 'KE', joinedYear: 2012 }, support.id);
    const memberEdited = await client.submit('/members/republic-of-history/edit', '/members/republic-of-history/edit', { name: 'Republic of History', countryCode: 'CL', joinedYear: '2012' });
    const granted = await client.submit(`/admin/users/${person.id}`, `/admin/users/${person.id}/roles`, { role: 'government_poc', memberId: member.id });
    assert.deepEqual([edited.status, added.status, memberEdited.status, granted.status], [303, 303, 303, 303]);
    const organisation = await t.ctx.db.selectFrom('organisations').select('id').where('slug', '=', 'history-watch').executeTakeFirstOrThrow();
    await t.ctx.db.transaction().execute((trx) =>
      recordAudit(trx, { actorId: null, action: 'organisation.merged', entityType: 'organisation', entityId: organisation.id, summary: 'Merged with another organisation', isPublic: true }),
    );
    summaries = (await t.ctx.db.selectFrom('audit_events').select('summary').where('is_public', '=', 1).execute()).map((e) => e.summary);
    assert.equal(summaries.length, 7, 'created, updated, person added and merged; created, updated and contact added');
  });

  // Phrases of the visible text, in order within each: a sentence, then a field's label, value before and value after.
  const EXPECTED = {
    es: {
      organisation: [
        'Organización creada: History Watch Mostrar los valores',
        'Campo Después Nombre History Watch Tipo Organización de la sociedad civil País Chile Sitio web Ninguno',
        'Organización actualizada Mostrar los valores',
        'Campo Antes Después Tipo Organización de la sociedad civil Medios de comunicación Sitio web Ninguno https://history.example.org',
        'Pat Person se ha añadido como miembro',
      ],
      member: [
        'Miembro creado: Republic of History Mostrar los valores',
        'Campo Después Nombre Republic of History Tipo de miembro Nacional País Kenia (KE) Año de adhesión 2012',
        'Miembro actualizado Mostrar los valores',
        'Campo Antes Después País Kenia (KE) Chile (CL)',
        'Pat Person se ha añadido como punto de contacto del gobierno',
      ],
    },
    fr: {
      organisation: [
        'Organisation créée : History Watch Afficher les valeurs',
        'Champ Après Nom History Watch Type Organisation de la société civile Pays Chile Site web Aucun',
        'Organisation modifiée Afficher les valeurs',
        'Champ Avant Après Type Organisation de la société civile Médias Site web Aucun https://history.example.org',
        'Pat Person fait désormais partie des membres',
      ],
      member: [
        'Membre créé : Republic of History Afficher les valeurs',
        'Champ Après Nom Republic of History Type de membre National Pays Kenya (KE) Année d’adhésion 2012',
        'Membre modifié Afficher les valeurs',
        'Champ Avant Après Pays Kenya (KE) Chili (CL)',
        'Pat Person est désormais point de contact gouvernemental',
      ],
    },
  } as const;

  for (const lang of ['es', 'fr'] as const) {
    it(`shows an organisation’s and a member’s history in ${lang === 'es' ? 'Spanish' : 'French'}, with no English summary and no column names`, async () => {
      for (const [page, expected] of [
        ['/organisations/history-watch', EXPECTED[lang].organisation],
        ['/members/republic-of-history', EXPECTED[lang].member],
      ] as const) {
        const response = await new TestClient(t.app).get(`${page}?lang=${lang}`);
        assert.equal(response.status, 200);
        const text = historyText(response.body);
        for (const phrase of expected) assert.ok(text.includes(phrase), `${page} in ${lang} says “${phrase}”:\n${text}`);
        for (const summary of summaries) assert.ok(!text.includes(summary), `${page} in ${lang} shows the English summary “${summary}”`);
        for (const column of ['org_type', 'member_type', 'country_code', 'joined_year', 'website', 'civil_society']) {
          assert.ok(!text.includes(column), `${page} in ${lang} shows “${column}”`);
        }
        assert.ok(!text.includes(person.email), 'nobody’s email address is shown');
      }
    });
  }

  it('shows an action it has no words for by its code, not by its English summary', async () => {
    for (const lang of ['en', 'es', 'fr']) {
      const text = historyText((await new TestClient(t.app).get(`/organisations/history-watch?lang=${lang}`)).body);
      assert.ok(text.includes('organisation.merged'), `${lang}: ${text}`);
      assert.ok(!text.includes('Merged with another organisation'), lang);
    }
  });

  it('labels events on the audit page in the administrator’s language, keeping the English summary as a second line', async () => {
    const client = await signedInClient(t.app, support);
    const body = (await client.get('/admin/audit?action=member.contact_added&lang=es')).body;
    assert.match(body, /Pat Person se ha añadido como punto de contacto del gobierno\s*<br><span class="govuk-body-s" lang="en">Pat Person added as a government point of contact<\/span>/);
    const english = (await client.get('/admin/audit?action=organisation.created')).body;
    assert.equal((english.match(/Organisation created: History Watch/g) ?? []).length, 1, 'a summary the label already says is not repeated');
    const granted = (await client.get('/admin/audit?action=role.granted&lang=fr')).body;
    assert.match(granted, /Rôle attribué : Point de contact gouvernemental/);
  });
});

describe('describing an event', () => {
  let en: Translate;
  let es: Translate;
  before(async () => {
    const i18n = await initI18n();
    en = i18n.getFixedT('en');
    es = i18n.getFixedT('es');
  });

  const event = (action: string, before: object | null, after: object | null) => ({
    action,
    before_json: before && JSON.stringify(before),
    after_json: after && JSON.stringify(after),
  });

  it('puts the event’s values into its sentence and lists its fields with translated labels and values', () => {
    const described = describeEvent(es, 'es', event('organisation.updated', { org_type: 'media', country: null }, { org_type: 'academia', country: 'Perú' }));
    assert.equal(described.label, 'Organización actualizada');
    assert.deepEqual(described.changes, [
      { field: 'org_type', label: 'Tipo', before: 'Medios de comunicación', after: 'Academia' },
      { field: 'country', label: 'País', before: null, after: 'Perú' },
    ]);
    assert.equal(described.hasBefore, true);
    assert.equal(described.hasAfter, true);
    assert.equal(describeEvent(es, 'es', event('role.revoked', { role: 'support_unit', member_id: null }, null)).label, 'Rol retirado: Unidad de Apoyo');
  });

  it('translates coded member, plan and indicator values', () => {
    const changes = describeEvent(
      es,
      'es',
      event('member.updated', { member_status: 'active', cohort: 'even' }, { member_status: 'procedural_review', cohort: 'odd', plan_status: 'implementation', indicator_type: 'Qualitative', value_chain_stage: 'Output_Processing', implementation_status: 'not_started', reported_status: 'complete' }),
    ).changes;
    for (const change of changes) {
      assert.ok(change.after && !/[_]|^(odd|Qualitative|implementation|complete)$/.test(change.after), `${change.field} shows a word, not the code "${change.after}"`);
    }
    assert.equal(changes.length, 7);
  });

  it('names the person in the sentence only', () => {
    const described = describeEvent(en, 'en', event('organisation.member_added', null, { member: 'Quinn <Q> Added' }));
    assert.equal(described.label, 'Quinn <Q> Added added as a member', 'templates escape it; i18next must not');
    assert.deepEqual(described.changes, []);
  });

  it('falls back to the action code, and to the column name, for what it has no words for', () => {
    assert.equal(describeEvent(es, 'es', event('widget.tuned', { pitch: 1 }, { pitch: 2 })).label, 'widget.tuned');
    assert.deepEqual(describeEvent(es, 'es', event('widget.tuned', { pitch: 1 }, { pitch: 2 })).changes, [{ field: 'pitch', label: 'pitch', before: '1', after: '2' }]);
    // A code that names a group of strings rather than one string is still just a code.
    assert.equal(describeEvent(en, 'en', event('organisation', null, null)).label, 'organisation');
    assert.equal(describeEvent(en, 'en', event('history', null, null)).label, 'history');
    // An unknown type code is shown as it is stored.
    assert.equal(describeEvent(en, 'en', event('organisation.updated', null, { org_type: 'circus' })).changes[0]?.after, 'circus');
  });

  it('never lets a stored value act as an i18next option or nested key', () => {
    const described = describeEvent(en, 'en', event('organisation.created', null, { name: '$t(common.brand) {{count}}', count: 2, lng: 'es' }));
    assert.equal(described.label, 'Organisation created: $t(common.brand) {{count}}');
  });

  it('copes with values that are not JSON objects', () => {
    const described = describeEvent(en, 'en', { action: 'member.updated', before_json: 'not json', after_json: '[1,2]' });
    assert.deepEqual(described, { label: 'Member updated', changes: [], hasBefore: false, hasAfter: false });
  });
});
