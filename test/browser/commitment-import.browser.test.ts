import assert from 'node:assert/strict';
import fs from 'node:fs';
import { before, describe, it } from 'node:test';
import { signIn, useBrowserSession } from '../support/browser.ts';
import { cell, readSheet, readSheetText, sheetCsv, withCells } from '../support/commitment-data-factories.ts';
import { createUser } from '../support/factories.ts';

const ADMIN_EMAIL = 'data.admin@example.org';
const ADMIN_PASSWORD = 'support unit data passphrase';

describe('the Support Unit imports and downloads commitment data in a real browser', () => {
  const session = useBrowserSession();
  const { newPage, expectAccessible } = session;
  const sheet = readSheet();
  const good = sheet.rows.slice(0, 20);
  const bad = withCells(sheet, sheet.rows[20]!, { 'Start Date': '45/45/2020' });

  before(async () => {
    await createUser(session.served.app.ctx.db, { email: ADMIN_EMAIL, displayName: 'Data Admin', password: ADMIN_PASSWORD, roles: ['support_unit'] });
  });

  it('shows the refused rows of a bad sheet, then imports a good one and offers the download, with zero axe violations', async () => {
    const { page, cspErrors } = await newPage();
    await signIn(page, ADMIN_EMAIL, ADMIN_PASSWORD);
    await page.goto('/admin/commitments/import');
    await page.getByRole('heading', { name: 'Commitment data', level: 1 }).waitFor();
    await expectAccessible(page, 'the import page');

    // Nothing chosen: the error summary points at the file field.
    await page.getByRole('button', { name: 'Import the sheet' }).click();
    await page.getByRole('alert').getByRole('link', { name: 'Choose a CSV file to import' }).waitFor();
    await expectAccessible(page, 'the import page asking for a file');

    await page.getByLabel('Commitment data sheet (CSV)').setInputFiles({ name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from(sheetCsv(sheet, [...good, bad])) });
    await page.getByRole('button', { name: 'Import the sheet' }).click();
    await page.getByRole('heading', { name: 'Nothing was imported' }).waitFor();
    const summaryLink = page.getByRole('alert').getByRole('link', { name: 'The sheet was not imported: fix the rows listed below and import it again' });
    await summaryLink.waitFor();
    const refused = page.locator('#rejected-rows tbody tr');
    assert.equal(await refused.count(), 1);
    const badId = cell(sheet, bad, 'Commitment Unique Identifier');
    const badLine = sheetCsv(sheet, [...good, bad]).split(/\r?\n/).findIndex((line) => line.startsWith(`${badId},`)) + 1;
    assert.deepEqual(await refused.first().locator('td').allInnerTexts(), ['22', String(badLine), badId, '"45/45/2020" in "Start Date" is not a date.']);
    assert.match(await page.locator('[data-stored]').innerText(), /holds 0 commitments/);
    await expectAccessible(page, 'the refused sheet report');
    // The summary's link takes the reader to the field, to choose a corrected file.
    await summaryLink.click();
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'file');

    await page.getByLabel('Commitment data sheet (CSV)').setInputFiles({ name: 'good.csv', mimeType: 'text/csv', buffer: Buffer.from(sheetCsv(sheet, good)) });
    await page.getByRole('button', { name: 'Import the sheet' }).click();
    await page.getByRole('heading', { name: 'Sheet imported' }).waitFor();
    assert.match(await page.locator('.govuk-notification-banner').innerText(), /20 rows read from good\.csv: 20 created, 0 updated, 0 already up to date\./);
    assert.match(await page.locator('[data-stored]').innerText(), /holds 20 commitments/);
    await expectAccessible(page, 'the imported sheet report');
    // Nine star cells of these twenty rows differ from the formulas; they are listed behind a details toggle.
    await page.getByText('Star cells where the sheet and the formula differ', { exact: true }).first().click();
    assert.equal(await page.locator('#star-disagreements tbody tr').count(), 9);
    await expectAccessible(page, 'the star disagreements, opened');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download all commitments (CSV)' }).click()]);
    assert.match(download.suggestedFilename(), /^ogp-commitments-\d{4}-\d{2}-\d{2}\.csv$/);
    const downloaded = readSheetText(fs.readFileSync(await download.path(), 'utf8'));
    assert.deepEqual(downloaded.header, sheet.header);
    assert.equal(downloaded.rows.length, 20);
    assert.deepEqual(cspErrors, []);
  });

  it('imports without JavaScript, on the plain HTML form', async () => {
    const { page } = await newPage({ javaScriptEnabled: false });
    await signIn(page, ADMIN_EMAIL, ADMIN_PASSWORD);
    await page.goto('/admin/commitments/import');
    const changed = withCells(sheet, good[0]!, { 'Commitment Title': 'e-Acts, as updated' });
    await page.getByLabel('Commitment data sheet (CSV)').setInputFiles({ name: 'update.csv', mimeType: 'text/csv', buffer: Buffer.from(sheetCsv(sheet, [changed])) });
    await page.getByRole('button', { name: 'Import the sheet' }).click();
    await page.getByRole('heading', { name: 'Sheet imported' }).waitFor();
    assert.match(await page.locator('.govuk-notification-banner').innerText(), /1 row read from update\.csv: 0 created, 1 updated, 0 already up to date\./);
    // axe needs JavaScript to run; the same page was checked with it above.
  });
});
