import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { createMemberInTransaction } from '../../src/modules/members/members.service.ts';
import { createOrganisationInTransaction, type OrganisationRow } from '../../src/modules/organisations/organisations.service.ts';
import { signIn, useBrowserSession } from '../support/browser.ts';
import { createUser } from '../support/factories.ts';

const ADMIN_EMAIL = 'registry.admin@example.org';
const ADMIN_PASSWORD = 'support unit long passphrase';
const MEMBER_EMAIL = 'wanjiru@example.org';
const MEMBER_PASSWORD = 'organisation member passphrase';
const NEWCOMER_EMAIL = 'newcomer@example.org';
const NEWCOMER_NAME = 'Nia Newcomer';

describe('organisations and members journeys in a real browser', () => {
  const session = useBrowserSession();
  // Plain functions, safe to take apart; `served` stays a getter, as it exists only once the before hook has run.
  const { newPage, expectAccessible } = session;
  let kenya: OrganisationRow;
  let ministry: OrganisationRow;

  before(async () => {
    const { db } = session.served.app.ctx;
    // The registry as the platform itself would record it (no acting person), through the real services.
    await db.transaction().execute(async (trx) => {
      kenya = await createOrganisationInTransaction(trx, null, {
        name: 'Transparency Kenya',
        orgType: 'civil_society',
        country: 'Kenya',
        website: 'https://transparency.example.org',
        description: 'Citizens following public money.',
      });
      ministry = await createOrganisationInTransaction(trx, null, { name: 'Ministry of Public Administration', orgType: 'government_agency', country: 'Chile' });
      await createOrganisationInTransaction(trx, null, { name: 'Open Data Institute for Kenya', orgType: 'academia', country: 'Kenya' });
      await createMemberInTransaction(trx, null, { name: 'Republic of Kenya', memberType: 'national', countryCode: 'KE', joinedYear: 2011 });
      await createMemberInTransaction(trx, null, { name: 'Buenos Aires', memberType: 'local', countryCode: 'AR', joinedYear: 2016 });
    });
    await createUser(db, { email: ADMIN_EMAIL, displayName: 'Registry Admin', password: ADMIN_PASSWORD, roles: ['support_unit'] });
    await createUser(db, { email: NEWCOMER_EMAIL, displayName: NEWCOMER_NAME });
    await createUser(db, {
      email: MEMBER_EMAIL,
      displayName: 'Wanjiru Member',
      password: MEMBER_PASSWORD,
      roles: [{ role: 'organisation_member', organisationId: kenya.id }],
    });
  });

  const resultNames = (page: Page): Promise<string[]> => page.locator('table.govuk-table tbody tr td:first-child').allInnerTexts();
  // The history's own rows: each may hold a small table of the values it changed.
  const historyRows = (page: Page) => page.locator('#change-history + table > tbody > tr');

  it('lets an anonymous visitor browse, search and filter organisations and members, with zero axe violations', async () => {
    const { context, page, cspErrors } = await newPage();
    try {
      await page.goto('/');
      await page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Organisations' }).click();
      await page.waitForURL('**/organisations');
      await page.getByRole('heading', { name: 'Organisations', level: 1 }).waitFor();
      await page.getByRole('heading', { name: '3 organisations' }).waitFor();
      // Only the Support Unit may add one.
      assert.equal(await page.getByRole('button', { name: 'Add an organisation' }).count(), 0);
      await expectAccessible(page, 'organisations list');

      await page.getByRole('searchbox', { name: 'Search by name' }).fill('kenya');
      await page.getByRole('button', { name: 'Search' }).click();
      await page.waitForURL('**/organisations?q=kenya*');
      await page.getByRole('heading', { name: '2 organisations' }).waitFor();
      assert.deepEqual((await resultNames(page)).sort(), ['Open Data Institute for Kenya', 'Transparency Kenya']);
      assert.equal(await page.getByRole('searchbox', { name: 'Search by name' }).inputValue(), 'kenya');
      await expectAccessible(page, 'organisations search results');

      await page.getByLabel('Type of organisation').selectOption({ label: 'Civil society organisation' });
      await page.getByRole('button', { name: 'Search' }).click();
      await page.waitForURL('**/organisations?*type=civil_society*');
      await page.getByRole('heading', { name: '1 organisation' }).waitFor();
      assert.deepEqual(await resultNames(page), ['Transparency Kenya']);
      await expectAccessible(page, 'organisations filtered by type');

      await page.getByLabel('Type of organisation').selectOption({ label: 'Media' });
      await page.getByRole('button', { name: 'Search' }).click();
      await page.getByText('No organisations match your search.').waitFor();
      await expectAccessible(page, 'organisations with no matches');
      await page.getByRole('link', { name: 'Clear filters' }).click();
      await page.waitForURL((url) => url.pathname === '/organisations' && url.search === '');
      await page.getByRole('heading', { name: '3 organisations' }).waitFor();

      await page.getByRole('link', { name: 'Transparency Kenya' }).click();
      await page.waitForURL(`**/organisations/${kenya.slug}`);
      await page.getByRole('heading', { name: 'Transparency Kenya', level: 1 }).waitFor();
      await page.getByRole('heading', { name: 'Change history' }).waitFor();
      assert.deepEqual(await historyRows(page).locator('> td:nth-child(2)').allInnerTexts(), ['The platform', 'The platform']);
      await historyRows(page).getByText('Organisation created: Transparency Kenya').waitFor();
      await historyRows(page).getByText('Wanjiru Member added as a member').waitFor();
      // A visitor may not edit or manage people, and sees no one's email address.
      assert.equal(await page.getByRole('button', { name: 'Edit this organisation' }).count(), 0);
      assert.equal(await page.getByLabel('Add a person by email address').count(), 0);
      assert.equal(await page.locator('#people + ul').getByText(MEMBER_EMAIL).count(), 0);
      await page.locator('#people + ul').getByText('Wanjiru Member').waitFor();
      await expectAccessible(page, 'organisation profile');
      await historyRows(page).getByText('Show the values').click();
      const values = historyRows(page).locator('details tbody tr');
      await values.filter({ has: page.getByRole('rowheader', { name: 'Name' }) }).getByRole('cell', { name: 'Transparency Kenya' }).waitFor();
      await values.filter({ has: page.getByRole('rowheader', { name: 'Type' }) }).getByRole('cell', { name: 'Civil society organisation' }).waitFor();
      await expectAccessible(page, 'organisation profile with history values shown');

      await page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Members' }).click();
      await page.waitForURL('**/members');
      await page.getByRole('heading', { name: '2 members' }).waitFor();
      await expectAccessible(page, 'members list');
      await page.getByLabel('Type of member').selectOption({ label: 'Local' });
      await page.getByRole('button', { name: 'Search' }).click();
      await page.waitForURL('**/members?*type=local*');
      assert.deepEqual(await resultNames(page), ['Buenos Aires']);
      await expectAccessible(page, 'members filtered by type');
      await page.getByRole('link', { name: 'Clear filters' }).click();
      await page.getByRole('link', { name: 'Republic of Kenya' }).click();
      await page.waitForURL('**/members/republic-of-kenya');
      await page.getByRole('heading', { name: 'Republic of Kenya', level: 1 }).waitFor();
      // The summary list, not the history's values table, which names the country too.
      await page.locator('.govuk-summary-list').getByText('Kenya (KE)').waitFor();
      await historyRows(page).getByText('Member created: Republic of Kenya').waitFor();
      assert.equal(await page.getByRole('button', { name: 'Edit this member' }).count(), 0);
      await expectAccessible(page, 'member profile');

      // A page that does not exist is a proper 404 page.
      await page.goto('/organisations/no-such-organisation');
      await page.getByRole('heading', { name: 'Page not found' }).waitFor();
      await expectAccessible(page, 'organisation not found');
      assert.deepEqual(cspErrors, []);
    } finally {
      await context.close();
    }
  });

  it('lets the Support Unit create and edit an organisation and add a person, whose history the public then sees', async () => {
    const { context, page, cspErrors } = await newPage();
    let slug: string;
    try {
      await signIn(page, ADMIN_EMAIL, ADMIN_PASSWORD);
      await page.goto('/organisations');
      await page.getByRole('button', { name: 'Add an organisation' }).click();
      await page.waitForURL('**/organisations/new');
      await page.getByRole('heading', { name: 'Add an organisation', level: 1 }).waitFor();
      await expectAccessible(page, 'add an organisation');

      // Errors: each summary link goes to its field, and what was typed stays.
      await page.getByLabel('Type', { exact: true }).selectOption({ label: 'Civil society organisation' });
      await page.getByLabel('Country (optional)').fill('Kenya');
      await page.getByLabel('Website (optional)').fill('not a website');
      await page.getByLabel('Description (optional)').fill('Following every public contract.');
      await page.getByRole('button', { name: 'Add organisation' }).click();
      const summary = page.locator('.govuk-error-summary');
      await summary.waitFor();
      assert.match(await page.title(), /^Error: /);
      const nameLink = summary.getByRole('link', { name: "Enter the organisation's name" });
      const websiteLink = summary.getByRole('link', { name: /^Enter a website address starting with https:\/\/ or http:\/\// });
      assert.equal(await nameLink.getAttribute('href'), '#name');
      assert.equal(await websiteLink.getAttribute('href'), '#website');
      assert.equal(await summary.getByRole('link').count(), 2);
      assert.equal(await page.getByLabel('Website (optional)').inputValue(), 'not a website');
      assert.equal(await page.getByLabel('Country (optional)').inputValue(), 'Kenya');
      assert.equal(await page.getByLabel('Description (optional)').inputValue(), 'Following every public contract.');
      assert.equal(await page.getByLabel('Type', { exact: true }).inputValue(), 'civil_society');
      await expectAccessible(page, 'add an organisation with errors');
      await websiteLink.click();
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'website');
      await nameLink.click();
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'name');
      await expectAccessible(page, 'add an organisation after following the error links');

      await page.getByLabel('Name').fill('Open Contracting Watch');
      await page.getByLabel('Website (optional)').fill('https://contracting.example.org');
      await page.getByRole('button', { name: 'Add organisation' }).click();
      await page.getByRole('heading', { name: 'Open Contracting Watch', level: 1 }).waitFor();
      slug = new URL(page.url()).pathname.split('/').pop() ?? '';
      assert.equal(slug, 'open-contracting-watch');
      await page.getByRole('link', { name: 'https://contracting.example.org' }).waitFor();
      await expectAccessible(page, 'new organisation profile');

      // Edit the description.
      await page.getByRole('button', { name: 'Edit this organisation' }).click();
      await page.waitForURL(`**/organisations/${slug}/edit`);
      await page.getByRole('heading', { name: 'Edit Open Contracting Watch', level: 1 }).waitFor();
      assert.equal(await page.getByLabel('Name').inputValue(), 'Open Contracting Watch');
      await expectAccessible(page, 'edit organisation');
      await page.getByLabel('Description (optional)').fill('Following every public contract,\nfrom tender to delivery.');
      await page.getByRole('button', { name: 'Save' }).click();
      await page.waitForURL(`**/organisations/${slug}`);
      await page.locator('.govuk-summary-list').getByText('from tender to delivery.').waitFor();
      await expectAccessible(page, 'organisation profile after editing');

      // Add a person: an unknown address first, then someone with an account.
      await page.getByLabel('Add a person by email address').fill('no-account@example.org');
      await page.getByRole('button', { name: 'Add person' }).click();
      const personError = page.locator('.govuk-error-summary').getByRole('link', { name: /^There is no account with this email address/ });
      await personError.waitFor();
      assert.equal(await personError.getAttribute('href'), '#email');
      assert.equal(await page.getByLabel('Add a person by email address').inputValue(), 'no-account@example.org');
      await expectAccessible(page, 'organisation profile with a person error');

      await page.getByLabel('Add a person by email address').fill(NEWCOMER_EMAIL);
      await page.getByRole('button', { name: 'Add person' }).click();
      await page.waitForURL(`**/organisations/${slug}#people`);
      const people = page.locator('#people + ul');
      await people.getByText(NEWCOMER_NAME).waitFor();
      // The Support Unit sees the address, to tell people apart.
      await people.getByText(`(${NEWCOMER_EMAIL})`).waitFor();
      await people.getByRole('button', { name: `Remove ${NEWCOMER_NAME}` }).waitFor();
      await expectAccessible(page, 'organisation profile after adding a person');
      assert.deepEqual(cspErrors, []);
    } finally {
      await context.close();
    }

    const visitor = await newPage();
    try {
      await visitor.page.goto(`/organisations/${slug}`);
      await visitor.page.getByRole('heading', { name: 'Open Contracting Watch', level: 1 }).waitFor();
      const history = await historyRows(visitor.page).evaluateAll((rows) =>
        rows.map((row) => {
          const cells = row.querySelectorAll('td');
          return [cells[1]?.textContent?.trim(), cells[2]?.childNodes[0]?.textContent?.trim()];
        }),
      );
      assert.deepEqual(history.map(([, what]) => what).sort(), [
        `${NEWCOMER_NAME} added as a member`,
        'Organisation created: Open Contracting Watch',
        'Organisation updated',
      ]);
      assert.ok(history.every(([who]) => who === 'Registry Admin'), `who made each change: ${JSON.stringify(history)}`);
      await visitor.page.locator('#people + ul').getByText(NEWCOMER_NAME).waitFor();
      assert.equal(await visitor.page.getByText(NEWCOMER_EMAIL).count(), 0);
      await expectAccessible(visitor.page, 'organisation profile with its history, as a visitor');
    } finally {
      await visitor.context.close();
    }
  });

  it('lets an organisation member edit their own organisation and refuses another one', async () => {
    const { context, page, cspErrors } = await newPage();
    try {
      await signIn(page, MEMBER_EMAIL, MEMBER_PASSWORD);
      await page.goto(`/organisations/${kenya.slug}`);
      // They may edit, but managing people stays with the Support Unit.
      assert.equal(await page.getByLabel('Add a person by email address').count(), 0);
      await page.getByRole('button', { name: 'Edit this organisation' }).click();
      await page.waitForURL(`**/organisations/${kenya.slug}/edit`);
      await page.getByRole('heading', { name: 'Edit Transparency Kenya', level: 1 }).waitFor();
      await expectAccessible(page, 'edit own organisation');

      await page.getByLabel('Website (optional)').fill('ftp://files.example.org');
      await page.getByRole('button', { name: 'Save' }).click();
      await page.locator('.govuk-error-summary a[href="#website"]').waitFor();
      assert.equal(await page.getByLabel('Website (optional)').inputValue(), 'ftp://files.example.org');
      await expectAccessible(page, 'edit own organisation with errors');

      await page.getByLabel('Website (optional)').fill('https://transparency.example.org');
      await page.getByLabel('Description (optional)').fill('Citizens following public money, county by county.');
      await page.getByRole('button', { name: 'Save' }).click();
      await page.waitForURL(`**/organisations/${kenya.slug}`);
      await page.locator('.govuk-summary-list').getByText('county by county.').waitFor();
      await historyRows(page).filter({ hasText: 'Organisation updated' }).getByText('Wanjiru Member').waitFor();
      await expectAccessible(page, 'own organisation after editing');

      // Another organisation: no edit button, and the edit page is refused.
      await page.goto(`/organisations/${ministry.slug}`);
      await page.getByRole('heading', { name: 'Ministry of Public Administration', level: 1 }).waitFor();
      assert.equal(await page.getByRole('button', { name: 'Edit this organisation' }).count(), 0);
      const response = await page.goto(`/organisations/${ministry.slug}/edit`);
      assert.equal(response?.status(), 403);
      await page.getByRole('heading', { name: 'You do not have permission to do this' }).waitFor();
      await expectAccessible(page, 'forbidden page');

      // Nor can they add an organisation.
      const create = await page.goto('/organisations/new');
      assert.equal(create?.status(), 403);

      // In French, a field's error is announced with the French prefix, not the English one.
      await page.goto(`/organisations/${kenya.slug}/edit?lang=fr`);
      assert.equal(await page.locator('html').getAttribute('lang'), 'fr');
      await page.locator('#website').fill('not a website');
      await page.locator(`form[action="/organisations/${kenya.slug}/edit"] button[type="submit"]`).click();
      await page.locator('.govuk-error-summary a[href="#website"]').waitFor();
      assert.deepEqual(await page.locator('.govuk-error-message .govuk-visually-hidden').allTextContents(), ['Erreur:']);
      await expectAccessible(page, 'edit own organisation with errors in French');
      assert.deepEqual(cspErrors, []);
    } finally {
      await context.close();
    }
  });
});
