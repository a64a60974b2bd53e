import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { TestClient } from '../../../test/support/client.ts';
import { createMember, createUser, signedInClient } from '../../../test/support/factories.ts';
import { dataValues, tableRowCount } from '../../../test/support/html.ts';
import { auditFor, countRows } from '../../../test/support/records.ts';
import { useTestApp } from '../../../test/support/test-app.ts';
import { todayIso } from './iso-dates.ts';
import { findMemberBySlug } from './members.repository.ts';

describe('members: OGP code, region, join date and cohort', () => {
  const t = useTestApp();
  let supportClient: TestClient;

  before(async () => {
    supportClient = await signedInClient(t.app, await createUser(t.ctx.db, { roles: ['support_unit'] }));
  });

  const create = (fields: Record<string, string>) => supportClient.submit('/members/new', '/members/new', fields);

  it('records every field, fills the country from the code, and shows them on the profile', async () => {
    const response = await create({
      name: 'Republic of Albania',
      memberType: 'national',
      ogpCode: ' alb ',
      countryCode: '',
      region: 'Europe',
      joinedYear: '',
      joinedOn: '2011-09-20',
      cohort: 'even',
    });
    assert.equal(response.status, 303);
    const row = await findMemberBySlug(t.ctx.db, 'republic-of-albania');
    assert.ok(row);
    assert.equal(row.ogp_code, 'ALB');
    assert.equal(row.country_code, 'AL');
    assert.equal(row.region, 'Europe');
    assert.equal(row.joined_on, '2011-09-20');
    assert.equal(row.joined_year, 2011);
    // Chosen, not derived: Albania joined in an odd year but delivers in even ones.
    assert.equal(row.cohort, 'even');
    assert.equal(row.status, 'active');
    const [created] = await auditFor(t.ctx.db, row.id);
    assert.equal(JSON.parse(created?.after_json ?? '{}').ogp_code, 'ALB');

    const profile = await new TestClient(t.app).get('/members/republic-of-albania');
    assert.match(profile.body, /OGP code\s*<\/dt>\s*<dd class="govuk-summary-list__value">\s*ALB/);
    assert.match(profile.body, /Albania \(AL\)/);
    assert.match(profile.body, /Region\s*<\/dt>\s*<dd class="govuk-summary-list__value">\s*Europe/);
    assert.match(profile.body, /2011-09-20/);
    assert.match(profile.body, /Even-year cohort/);
    assert.match(profile.body, /Its action plans fall due in even years\./);
    assert.match(profile.body, /This is not the cohort of the year it joined/);
    const spanish = await new TestClient(t.app).get('/members/republic-of-albania?lang=es');
    assert.match(spanish.body, /Europa/);
    assert.match(spanish.body, /Cohorte de años pares/);
  });

  it('derives the cohort from the year joined unless told, and explains it without a "moved" note', async () => {
    await create({ name: 'Odd Joiner', memberType: 'national', joinedYear: '2013', cohort: 'auto' });
    const row = await findMemberBySlug(t.ctx.db, 'odd-joiner');
    assert.equal(row?.cohort, 'odd');
    const profile = await new TestClient(t.app).get('/members/odd-joiner');
    assert.match(profile.body, /Odd-year cohort/);
    assert.doesNotMatch(profile.body, /This is not the cohort/);
    // The edit form offers "from the year" again, so a later change of year carries the cohort along.
    const form = await supportClient.get('/members/odd-joiner/edit');
    assert.match(form.body, /<input class="govuk-radios__input" id="cohort" name="cohort" type="radio" value="auto" checked>/);
    await supportClient.submit('/members/odd-joiner/edit', '/members/odd-joiner/edit', { name: 'Odd Joiner', joinedYear: '2014', cohort: 'auto' });
    assert.equal((await findMemberBySlug(t.ctx.db, 'odd-joiner'))?.cohort, 'even');
  });

  it('takes a local member\'s OGP code, which starts with its country', async () => {
    const response = await create({ name: 'Buenos Aires, Argentina', memberType: 'local', ogpCode: 'ARBA', region: 'Americas' });
    assert.equal(response.status, 303);
    const row = await findMemberBySlug(t.ctx.db, 'buenos-aires-argentina');
    assert.equal(row?.ogp_code, 'ARBA');
    assert.equal(row?.country_code, 'AR');
  });

  it('refuses codes that are not ISO alpha-3 for nationals or OGP codes for locals, and a country the code contradicts', async () => {
    const before = await countRows(t.ctx.db, 'members');
    const national = await create({ name: 'Nowhere', memberType: 'national', ogpCode: 'XYZ', region: 'Atlantis', joinedOn: '2010-01-01' });
    assert.equal(national.status, 400);
    assert.match(national.body, /href="#ogpCode">Enter the country&#39;s three-letter ISO 3166 code/);
    assert.match(national.body, /href="#region">Choose one of the four regions/);
    assert.match(national.body, /href="#joinedOn">Enter a real date from 2011-01-01 to today/);
    assert.match(national.body, /value="XYZ"/);
    const local = await create({ name: 'Somewhere', memberType: 'local', ogpCode: 'QQ1' });
    assert.match(local.body, /href="#ogpCode">Enter an OGP code of the country&#39;s two letters/);
    const contradicted = await create({ name: 'Mixed Up', memberType: 'national', ogpCode: 'KEN', countryCode: 'FR' });
    assert.equal(contradicted.status, 400);
    assert.match(contradicted.body, /href="#ogpCode">The code KEN is for another country than FR/);
    const wrongYear = await create({ name: 'Wrong Year', memberType: 'national', joinedYear: '2012', joinedOn: '2013-05-01' });
    assert.match(wrongYear.body, /href="#joinedOn">The date joined must fall in the year joined \(2012\)/);
    const future = await create({ name: 'Future Joiner', memberType: 'national', joinedOn: '2999-01-01' });
    assert.match(future.body, /href="#joinedOn">/);
    const notADay = await create({ name: 'Not A Day', memberType: 'national', joinedOn: '2015-02-30' });
    assert.match(notADay.body, /href="#joinedOn">/);
    const badCohort = await create({ name: 'Bad Cohort', memberType: 'national', cohort: 'leap' });
    assert.match(badCohort.body, /href="#cohort">Choose the cohort/);
    assert.equal(await countRows(t.ctx.db, 'members'), before);
  });

  it('keeps each OGP code to one member', async () => {
    await createMember(t.ctx.db, { name: 'Republic of Kenya', ogpCode: 'KEN' });
    const before = await countRows(t.ctx.db, 'members');
    const response = await create({ name: 'Kenya Again', memberType: 'national', ogpCode: 'ken' });
    assert.equal(response.status, 400);
    assert.match(response.body, /The code KEN is already Republic of Kenya&#39;s/);
    assert.equal(await countRows(t.ctx.db, 'members'), before);
    // Saving a member with its own code is no clash.
    const own = await supportClient.submit('/members/republic-of-kenya/edit', '/members/republic-of-kenya/edit', { name: 'Republic of Kenya', ogpCode: 'KEN', region: 'Africa and the Middle East' });
    assert.equal(own.status, 303);
    assert.equal((await findMemberBySlug(t.ctx.db, 'republic-of-kenya'))?.region, 'Africa and the Middle East');
  });

  it('filters the registry by region and by status, keeping the filters in the page links', async () => {
    for (let i = 1; i <= 27; i += 1) await createMember(t.ctx.db, { name: `Filter Asia ${String(i).padStart(2, '0')}`, region: 'Asia and the Pacific' });
    await createMember(t.ctx.db, { name: 'Filter Europe', region: 'Europe' });
    const withdrawn = await createMember(t.ctx.db, { name: 'Filter Withdrawn', region: 'Asia and the Pacific' });
    await t.ctx.db.updateTable('members').set({ status: 'withdrawn' }).where('id', '=', withdrawn.id).execute();

    const asia = await new TestClient(t.app).get('/members?q=filter&region=Asia+and+the+Pacific');
    assert.match(asia.body, /28 members/);
    assert.equal(tableRowCount(asia.body), 25);
    assert.match(asia.body, /href="\/members\?q=filter&amp;region=Asia\+and\+the\+Pacific&amp;page=2"/);
    assert.match(asia.body, /<option value="Asia and the Pacific" selected>Asia and the Pacific<\/option>/);

    const gone = await new TestClient(t.app).get('/members?q=filter&status=withdrawn');
    assert.match(gone.body, /1 member\b/);
    assert.deepEqual(dataValues(gone.body, 'data-status'), ['withdrawn']);
    assert.match(gone.body, /Filter Withdrawn/);
    const active = await new TestClient(t.app).get('/members?q=filter&status=active&region=Asia+and+the+Pacific');
    assert.match(active.body, /27 members/);
    // An unknown filter value is ignored rather than refused.
    const unknown = await new TestClient(t.app).get('/members?q=filter&region=Mars&status=asleep');
    assert.equal(unknown.status, 200);
    assert.match(unknown.body, /29 members/);
  });

  it('shows an edit form holding the stored values', async () => {
    await createMember(t.ctx.db, { name: 'Form Values', ogpCode: 'PER', region: 'Americas', joinedOn: todayIso() });
    const form = await supportClient.get('/members/form-values/edit');
    assert.match(form.body, /id="ogpCode" name="ogpCode"[^>]* value="PER"/);
    assert.match(form.body, /<option value="Americas" selected>Americas<\/option>/);
    assert.match(form.body, new RegExp(`id="joinedOn" name="joinedOn"[^>]* value="${todayIso()}"`));
  });
});
