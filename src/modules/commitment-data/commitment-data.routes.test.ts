import assert from 'node:assert/strict';
import fs from 'node:fs';
import { before, describe, it } from 'node:test';
import { TestClient } from '../../../test/support/client.ts';
import { cell, importedCounts, multipartUpload, readSheet, readSheetText, REAL_SHEET, sheetCsv, withCells } from '../../../test/support/commitment-data-factories.ts';
import { createMember, createOrganisation, createUser, signedInClient, type UserOptions } from '../../../test/support/factories.ts';
import { csrfToken, decodeEntities, dataValues } from '../../../test/support/html.ts';
import { useTestApp } from '../../../test/support/test-app.ts';
import type { Role } from '../../platform/roles.ts';
import { SHEET_COLUMNS } from './sheet-columns.ts';

const IMPORT = '/admin/commitments/import';
const EXPORT = '/admin/commitments/export.csv';
type Who = 'anonymous' | Role;
const REFUSED: Who[] = ['anonymous', 'participant', 'organisation_member', 'government_poc', 'irm_researcher', 'irm_staff', 'steering_committee'];

describe('the commitment data upload and download pages', () => {
  const t = useTestApp();
  const sheet = readSheet();
  let memberId: string;
  let organisationId: string;
  let support: TestClient;
  let supportId: string;

  before(async () => {
    memberId = (await createMember(t.ctx.db, { name: 'Republic of Uploads' })).id;
    organisationId = (await createOrganisation(t.ctx.db, { name: 'Upload Watch' })).id;
    const user = await createUser(t.ctx.db, { roles: ['support_unit'] });
    supportId = user.id;
    support = await signedInClient(t.app, user);
  });

  async function clientFor(who: Who): Promise<TestClient> {
    if (who === 'anonymous') return new TestClient(t.app);
    const roles: UserOptions['roles'] = who === 'government_poc' ? [{ role: who, memberId }] : who === 'organisation_member' ? [{ role: who, organisationId }] : [who];
    return signedInClient(t.app, await createUser(t.ctx.db, { roles }));
  }

  /** Posts the form as a browser does: the page's CSRF token first, then the file. */
  async function upload(client: TestClient, content?: string | Buffer, token?: string) {
    const page = await client.get(IMPORT);
    const { payload, headers } = multipartUpload({ _csrf: token ?? csrfToken(page.body) ?? '' }, content === undefined ? undefined : { filename: 'sheet.csv', content });
    const response = await t.app.inject({ method: 'POST', url: IMPORT, payload, headers: { ...headers, cookie: client.cookieHeader() } });
    return { status: response.statusCode, body: response.body };
  }

  for (const who of REFUSED) {
    it(`${who}: cannot open, upload or download (${who === 'anonymous' ? 'sent to sign in; 401 on the upload' : '403'})`, async () => {
      const client = await clientFor(who);
      const counts = await importedCounts(t.ctx.db);
      for (const url of [IMPORT, EXPORT]) {
        const response = await client.get(url);
        if (who === 'anonymous') assert.equal(response.location, `/sign-in?next=${encodeURIComponent(url)}`);
        else assert.equal(response.status, 403, `GET ${url}`);
      }
      const { payload, headers } = multipartUpload({ _csrf: 'whatever' }, { filename: 'sheet.csv', content: sheetCsv(sheet, sheet.rows.slice(0, 3)) });
      const posted = await t.app.inject({ method: 'POST', url: IMPORT, payload, headers: { ...headers, cookie: client.cookieHeader() } });
      assert.equal(posted.statusCode, who === 'anonymous' ? 401 : 403);
      assert.deepEqual(await importedCounts(t.ctx.db), counts);
    });
  }

  it('shows the Support Unit the upload form, its token before the file, and the download link', async () => {
    const page = await support.get(IMPORT);
    assert.equal(page.status, 200);
    assert.match(page.body, /<form method="post" action="\/admin\/commitments\/import" enctype="multipart\/form-data" novalidate>\s*(\{#.*#\}|\s)*<input type="hidden" name="_csrf"[^>]*>[\s\S]*<input class="govuk-file-upload[^"]*" id="file" name="file" type="file"/);
    assert.match(page.body, /href="\/admin\/commitments\/export\.csv"/);
    assert.deepEqual(dataValues(page.body, 'data-stored'), ['0']);
  });

  it('asks for a file when none is chosen', async () => {
    const response = await upload(support, Buffer.alloc(0));
    assert.equal(response.status, 400);
    assert.match(response.body, /govuk-error-summary/);
    assert.match(response.body, /<a href="#file">Choose a CSV file to import<\/a>/);
  });

  it('refuses a request without the form\'s token', async () => {
    const response = await upload(support, sheetCsv(sheet, sheet.rows.slice(0, 3)), 'not-the-token');
    assert.equal(response.status, 403);
    assert.equal(await importedCounts(t.ctx.db).then((c) => c.commitments), 0);
  });

  it('lists the refused rows of a bad sheet, with an error summary, and imports none of it', async () => {
    const counts = await importedCounts(t.ctx.db);
    const bad = withCells(sheet, sheet.rows[2]!, { 'Start Date': '45/45/2020' });
    const response = await upload(support, sheetCsv(sheet, [sheet.rows[0]!, sheet.rows[1]!, bad]));
    assert.equal(response.status, 400);
    assert.match(response.body, /<a href="#file">The sheet was not imported: fix the rows listed below and import it again<\/a>/);
    assert.deepEqual(dataValues(response.body, 'data-rejected-row'), ['4']);
    assert.ok(decodeEntities(response.body).includes(`"45/45/2020" in "Start Date" is not a date.`));
    assert.ok(response.body.includes(cell(sheet, bad, 'Commitment Unique Identifier')));
    assert.deepEqual(dataValues(response.body, 'data-report'), ['refused']);
    assert.deepEqual(await importedCounts(t.ctx.db), counts);
  });

  it('says why a file that is not the sheet was refused', async () => {
    const response = await upload(support, 'name,age\r\nAda,36\r\n');
    assert.equal(response.status, 400);
    assert.match(decodeEntities(response.body), /The sheet was not imported: the header lacks the column\(s\) Commitment Unique Identifier, /);
  });

  it('imports the real sheet and reports what it did, in the Support Unit member\'s name', async () => {
    const response = await upload(support, fs.readFileSync(REAL_SHEET));
    assert.equal(response.status, 200);
    assert.deepEqual(dataValues(response.body, 'data-report'), ['imported']);
    assert.match(response.body, /558 rows read from sheet\.csv: 558 created, 0 updated, 0 already up to date\./);
    assert.deepEqual(dataValues(response.body, 'data-stored'), ['558']);
    // The stars that differ from the sheet are listed, grouped by reason.
    assert.match(response.body, /<strong>148<\/strong>: The sheet gives no star for IRM reports published from 2021 on/);
    const event = await t.ctx.db.selectFrom('audit_events').select(['actor_id', 'summary']).where('action', '=', 'commitment_sheet.imported').executeTakeFirstOrThrow();
    assert.equal(event.actor_id, supportId);
    assert.match(event.summary, /558 created/);
  });

  it('speaks the reader\'s language', async () => {
    const page = await support.get(`${IMPORT}?lang=es`);
    assert.match(page.body, /Importar una hoja de datos de compromisos/);
    const french = await support.get(`${IMPORT}?lang=fr`);
    assert.match(french.body, /Télécharger tous les engagements \(CSV\)/);
    await support.get(`${IMPORT}?lang=en`);
  });

  it('downloads every commitment as the sheet, to be saved as a file', async () => {
    const response = await support.get(EXPORT);
    assert.equal(response.status, 200);
    assert.equal(response.headers['content-type'], 'text/csv; charset=utf-8');
    assert.match(String(response.headers['content-disposition']), /^attachment; filename="ogp-commitments-\d{4}-\d{2}-\d{2}\.csv"$/);
    const downloaded = readSheetText(response.body);
    assert.deepEqual(downloaded.header, [...SHEET_COLUMNS]);
    assert.equal(downloaded.rows.length, 558);
    const original = new Map(sheet.rows.map((r) => [r[0], r]));
    for (const row of downloaded.rows) assert.deepEqual(row, original.get(row[0]));
  });
});
