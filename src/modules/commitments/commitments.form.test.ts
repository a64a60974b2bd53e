import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { ActionPlansTable, CommitmentsTable } from '../../db/schema.ts';
import { POLICY_AREA_COLUMNS } from '../commitment-data/sheet-columns.ts';
import type { OrganisationRow } from '../organisations/organisations.repository.ts';
import { TestClient } from '../../../test/support/client.ts';
import { createActionPlan, createCommitment } from '../../../test/support/commitment-factories.ts';
import { addInstitution, addTag } from '../../../test/support/commitment-page-factories.ts';
import { createMember, createOrganisation, createUser, signedInClient } from '../../../test/support/factories.ts';
import { csrfToken, dataValues, decodeEntities } from '../../../test/support/html.ts';
import { auditFor, countRows } from '../../../test/support/records.ts';
import { useTestApp } from '../../../test/support/test-app.ts';

describe('adding and editing commitments', () => {
  const t = useTestApp();
  let contact: TestClient;
  let support: TestClient;
  let plans: ActionPlansTable[];
  let earlier: CommitmentsTable;
  let orgs: Record<'finance' | 'audit' | 'watch' | 'justice', OrganisationRow>;
  const newUrl = '/plans/AP_ALB03/commitments/new';

  let db: Db;
  const stored = (ogpId: string) => db.selectFrom('commitments').selectAll().where('ogp_id', '=', ogpId).executeTakeFirstOrThrow();
  const tagsOf = async (id: string, vocabulary: string) =>
    (await db.selectFrom('commitment_tags').select('tag').where('commitment_id', '=', id).where('vocabulary', '=', vocabulary).execute()).map((r) => r.tag).sort();
  const institutionsOf = (id: string) =>
    db
      .selectFrom('commitment_institutions')
      .innerJoin('organisations', 'organisations.id', 'commitment_institutions.organisation_id')
      .select(['organisations.name', 'commitment_institutions.role', 'commitment_institutions.position'])
      .where('commitment_id', '=', id)
      .orderBy('role')
      .orderBy('position')
      .execute();
  const searchVersion = async () => Number((await sql<{ version: number }>`SELECT version FROM commitment_search_version`.execute(db)).rows[0]?.version);
  const counts = async () => [await countRows(db, 'commitments'), await countRows(db, 'audit_events'), await countRows(db, 'commitment_tags'), await countRows(db, 'commitment_institutions')];

  before(async () => {
    db = t.ctx.db;
    const member = await createMember(db, { name: 'Republic of Albania', memberType: 'national', countryCode: 'AL', ogpCode: 'ALB' });
    const other = await createMember(db, { name: 'Kingdom of Sweden', memberType: 'national', countryCode: 'SE' });
    const contactUser = await createUser(db, { displayName: 'Arta Contact', roles: [{ role: 'government_poc', memberId: member.id }] });
    contact = await signedInClient(t.app, contactUser);
    support = await signedInClient(t.app, await createUser(db, { displayName: 'Sam Support', roles: ['support_unit'] }));
    plans = [
      await createActionPlan(db, { member_id: member.id, number: 1, ogp_id: 'AP_ALB01', start_date: '2016-07-01', end_date: '2018-06-30' }),
      await createActionPlan(db, { member_id: member.id, number: 2, ogp_id: 'AP_ALB02', start_date: '2018-09-01', end_date: '2020-08-31' }),
      await createActionPlan(db, { member_id: member.id, number: 3, ogp_id: 'AP_ALB03', start_date: '2020-09-01', end_date: '2022-08-31' }),
    ];
    earlier = await createCommitment(db, { plan_id: plans[0]!.id, ogp_id: 'AL0002', number: '2', title: 'Open the budget', source: 'ogp_sheet' });
    await createCommitment(db, { plan_id: plans[1]!.id, ogp_id: 'AL0050', number: '1', title: 'Open the courts', source: 'ogp_sheet' });
    const swedishPlan = await createActionPlan(db, { member_id: other.id, number: 1, ogp_id: 'AP_SWE01' });
    await createCommitment(db, { plan_id: swedishPlan.id, ogp_id: 'SE0007', title: 'Swedish commitment' });
    orgs = {
      finance: await createOrganisation(db, { name: 'Ministry of Finance', orgType: 'government_agency' }),
      audit: await createOrganisation(db, { name: 'National Audit Office', orgType: 'government_agency' }),
      watch: await createOrganisation(db, { name: 'Budget Watch' }),
      justice: await createOrganisation(db, { name: 'Ministry of Justice', orgType: 'government_agency' }),
    };
  });

  it('offers the point of contact the form from the plan page, with the next id and number', async () => {
    const planPage = await contact.get('/plans/AP_ALB03');
    assert.match(planPage.body, /href="\/plans\/AP_ALB03\/commitments\/new"[^>]*>\s*Add a commitment/);
    const page = await contact.get(newUrl);
    assert.equal(page.status, 200);
    assert.match(page.body, /<h1 class="govuk-heading-l">Add a commitment<\/h1>/);
    assert.match(page.body, /next free OGP identifier for this member, such as AL0051/);
    assert.match(page.body, /name="number" type="text" value="1"/);
    assert.match(page.body, /The action plan runs from 1 September 2020 to 31 August 2022/);
    // The whole taxonomy, from the data sheet's own column list.
    assert.equal((page.body.match(/name="policyAreas"/g) ?? []).length, POLICY_AREA_COLUMNS.length);
    assert.ok(POLICY_AREA_COLUMNS.length > 80);
    assert.match(page.body, /<input class="govuk-checkboxes__input" id="policyAreas-[0-9]+" name="policyAreas" type="checkbox" value="Open Data">/);
    assert.equal((page.body.match(/name="statedValues"/g) ?? []).length, 4);
  });

  it('finds organisations by name without JavaScript, keeping what was typed and saving nothing', async () => {
    const before = await counts();
    const response = await contact.submit(newUrl, newUrl, {
      title: 'Publish budgets',
      fullText: 'Line one.\nLine two.',
      policyAreas: ['Open Data'],
      leadQuery: 'MINISTRY',
      find: 'lead',
    });
    assert.equal(response.status, 200);
    assert.match(response.body, /value="Publish budgets"/);
    assert.match(response.body, />Line one.\nLine two.<\/textarea>/);
    assert.match(response.body, /value="Open Data" checked/);
    // The matches are offered in name order, unticked; the search form brings the reader back to its section.
    const offered = [...response.body.matchAll(/name="lead" type="checkbox" value="([^"]+)"(?! checked)/g)].map((m) => m[1]);
    assert.deepEqual(offered, [orgs.finance.id, orgs.justice.id]);
    assert.match(response.body, /Organisations whose name contains “MINISTRY” are listed below/);
    assert.match(response.body, /formaction="\/plans\/AP_ALB03\/commitments\/new#lead-institutions"/);
    assert.deepEqual(await counts(), before);

    const ticked = await contact.submit(newUrl, newUrl, { title: 'Publish budgets', lead: orgs.finance.id, supportingQuery: 'nothing like it', find: 'supporting' });
    assert.equal(ticked.status, 200);
    assert.match(ticked.body, new RegExp(`name="lead" type="checkbox" value="${orgs.finance.id}" checked`));
    assert.match(ticked.body, /No organisation in the registry has a name containing “nothing like it”/);
    assert.match(ticked.body, /ask the OGP Support Unit to add it/);
    assert.deepEqual(await counts(), before);
  });

  it('adds a commitment with the next OGP id, its links and a public audit event, all at once', async () => {
    const response = await contact.submit(newUrl, newUrl, {
      title: '  Publish   every budget zebrafishery ',
      shortTitle: 'Open budgets',
      number: ' 1 ',
      theme: 'Fiscal Openness',
      fullText: 'The government will publish budgets.\r\nEvery quarter.',
      problem: 'Budgets are secret.',
      objective: 'Budgets are public.',
      statedValues: ['access_to_information', 'public_accountability'],
      policyAreas: ['Open Data', 'Audits'],
      lead: orgs.finance.id,
      supporting: [orgs.watch.id, orgs.audit.id],
      startDate: '2020-10-01',
      endDate: '2022-06-30',
      carriedForwardFrom: 'al0002',
    });
    assert.equal(response.status, 303);
    assert.equal(response.location, '/commitments/AL0051?done=created');

    const row = await stored('AL0051');
    assert.equal(row.plan_id, plans[2]!.id);
    assert.equal(row.member_id, plans[2]!.member_id);
    assert.equal(row.number, '1');
    assert.equal(row.title, 'Publish every budget zebrafishery');
    assert.equal(row.full_text, 'The government will publish budgets.\nEvery quarter.');
    assert.deepEqual(
      [row.stated_access_to_information, row.stated_civic_participation, row.stated_public_accountability, row.stated_technology_innovation],
      [1, null, 1, null],
    );
    assert.deepEqual([row.start_date, row.end_date, row.carried_forward_from_id], ['2020-10-01', '2022-06-30', earlier.id]);
    assert.deepEqual([row.source, row.implementation_status, row.progress_percent, row.sheet_row_json], ['platform', 'not_started', null, null]);
    assert.deepEqual(await tagsOf(row.id, 'policy_area'), ['Audits', 'Open Data']);
    assert.deepEqual(await tagsOf(row.id, 'theme'), ['Fiscal Openness']);
    assert.deepEqual(await institutionsOf(row.id), [
      { name: 'Ministry of Finance', role: 'lead', position: 0 },
      { name: 'Budget Watch', role: 'supporting', position: 1 },
      { name: 'National Audit Office', role: 'supporting', position: 2 },
    ]);

    const [event, ...more] = await auditFor(db, row.id);
    assert.equal(more.length, 0);
    assert.ok(event);
    assert.deepEqual([event.action, event.entity_type, event.is_public, event.before_json], ['commitment.created', 'commitment', 1, null]);
    assert.deepEqual(JSON.parse(event.after_json ?? 'null'), {
      ogp_id: 'AL0051',
      number: '1',
      title: 'Publish every budget zebrafishery',
      short_title: 'Open budgets',
      full_text: 'The government will publish budgets.\nEvery quarter.',
      problem: 'Budgets are secret.',
      objective: 'Budgets are public.',
      theme: 'Fiscal Openness',
      start_date: '2020-10-01',
      end_date: '2022-06-30',
      stated_access_to_information: true,
      stated_public_accountability: true,
      policy_areas: 'Audits; Open Data',
      lead_institutions: 'Ministry of Finance',
      supporting_institutions: 'Budget Watch; National Audit Office',
      carried_forward_from: 'AL0002',
    });

    const page = await new TestClient(t.app).get('/commitments/AL0051?done=created');
    assert.match(page.body, /The commitment has been added to the action plan./);
    assert.match(page.body, /Commitment added: AL0051/);
    assert.match(page.body, /href="\/commitments\/AL0002">AL0002: Open the budget<\/a>/);
    assert.match(page.body, /<li><a class="govuk-link" href="\/organisations\/[^"]+">Ministry of Finance<\/a><\/li>/);
  });

  it('shows the new commitment at once on the plan page and in the explorer’s text search', async () => {
    const planPage = await new TestClient(t.app).get('/plans/AP_ALB03');
    assert.deepEqual(dataValues(planPage.body, 'data-commitment'), ['AL0051']);
    const found = await new TestClient(t.app).get('/commitments?q=zebrafish');
    assert.deepEqual(dataValues(found.body, 'data-ogp-id'), ['AL0051']);
  });

  it('saves an edit: only what changed is audited, the search index follows, and an unchanged save writes nothing', async () => {
    const editUrl = '/commitments/AL0051/edit';
    const page = await contact.get(editUrl);
    assert.equal(page.status, 200);
    assert.match(page.body, /<h1 class="govuk-heading-l">Edit commitment AL0051<\/h1>/);
    assert.match(page.body, /name="title" type="text" value="Publish every budget zebrafishery"/);
    assert.match(page.body, /value="access_to_information" checked/);
    assert.match(page.body, new RegExp(`name="lead" type="checkbox" value="${orgs.finance.id}" checked`));
    assert.match(page.body, /name="carriedForwardFrom" type="text" value="AL0002"/);

    const same = {
      title: 'Publish every budget zebrafishery',
      shortTitle: 'Open budgets',
      number: '1',
      theme: 'Fiscal Openness',
      fullText: 'The government will publish budgets.\nEvery quarter.',
      problem: 'Budgets are secret.',
      objective: 'Budgets are public.',
      statedValues: ['access_to_information', 'public_accountability'],
      policyAreas: ['Audits', 'Open Data'],
      lead: [orgs.finance.id],
      supporting: [orgs.watch.id, orgs.audit.id],
      startDate: '2020-10-01',
      endDate: '2022-06-30',
      carriedForwardFrom: 'AL0002',
    };
    const before = await stored('AL0051');
    const events = (await auditFor(db, before.id)).length;
    const version = await searchVersion();
    const unchanged = await contact.submit(editUrl, editUrl, same);
    assert.equal(unchanged.status, 303);
    assert.equal(unchanged.location, '/commitments/AL0051?done=updated');
    assert.equal((await auditFor(db, before.id)).length, events);
    assert.equal((await stored('AL0051')).updated_at, before.updated_at);
    // Nothing at all was written: not even the explorer's change counter moved.
    assert.equal(await searchVersion(), version);

    const changed = await support.submit(editUrl, editUrl, {
      ...same,
      title: 'Publish every budget as open data',
      theme: 'Open Budgets',
      statedValues: ['civic_participation', 'public_accountability'],
      policyAreas: ['Open Data'],
      supporting: [orgs.audit.id],
      endDate: '2022-08-31',
      carriedForwardFrom: '',
    });
    assert.equal(changed.status, 303);
    const row = await stored('AL0051');
    assert.deepEqual(
      [row.stated_access_to_information, row.stated_civic_participation, row.stated_public_accountability, row.stated_technology_innovation],
      [0, 1, 1, null],
    );
    assert.deepEqual(await tagsOf(row.id, 'policy_area'), ['Open Data']);
    assert.deepEqual(await tagsOf(row.id, 'theme'), ['Open Budgets']);
    assert.deepEqual((await institutionsOf(row.id)).map((i) => `${i.role}:${i.name}`), ['lead:Ministry of Finance', 'supporting:National Audit Office']);
    const event = (await auditFor(db, row.id)).at(-1)!;
    assert.equal(event.action, 'commitment.updated');
    assert.equal(event.is_public, 1);
    assert.deepEqual(JSON.parse(event.before_json ?? 'null'), {
      title: 'Publish every budget zebrafishery',
      theme: 'Fiscal Openness',
      end_date: '2022-06-30',
      stated_access_to_information: true,
      stated_civic_participation: null,
      policy_areas: 'Audits; Open Data',
      supporting_institutions: 'Budget Watch; National Audit Office',
      carried_forward_from: 'AL0002',
    });
    assert.deepEqual(JSON.parse(event.after_json ?? 'null'), {
      title: 'Publish every budget as open data',
      theme: 'Open Budgets',
      end_date: '2022-08-31',
      stated_access_to_information: false,
      stated_civic_participation: true,
      policy_areas: 'Open Data',
      supporting_institutions: 'National Audit Office',
      carried_forward_from: null,
    });

    assert.deepEqual(dataValues((await new TestClient(t.app).get('/commitments?q=zebrafish')).body, 'data-ogp-id'), []);
    assert.deepEqual(dataValues((await new TestClient(t.app).get('/commitments?q=budget+open+data')).body, 'data-ogp-id'), ['AL0051']);
    const publicPage = await new TestClient(t.app).get('/commitments/AL0051');
    assert.match(publicPage.body, /Commitment updated/);
    assert.match(publicPage.body, /Stated relevance: civic participation/);
  });

  it('puts a commitment made here, as edited, in the data sheet export', async () => {
    const response = await support.get('/admin/commitments/export.csv');
    assert.equal(response.status, 200);
    const rows = parse(response.body, { columns: true }) as Array<Record<string, string>>;
    const row = rows.find((r) => r['Commitment Unique Identifier'] === 'AL0051');
    assert.ok(row);
    assert.equal(row['Commitment Title'], 'Publish every budget as open data');
    assert.equal(row['Short Title'], 'Open budgets');
    assert.equal(row['Commitment Number'], '1');
    assert.equal(row['Theme'], 'Open Budgets');
    assert.equal(row['Full Text'], 'The government will publish budgets.\nEvery quarter.');
    assert.equal(row['Lead Institution'], 'Ministry of Finance');
    assert.equal(row['Supporting Institution(s)'], 'National Audit Office');
    assert.deepEqual([row['Open Data'], row['Audits']], ['1', '0']);
    assert.match(row['Start Date'] ?? '', /2020/);
    assert.match(row['End Date'] ?? '', /2022/);
    assert.equal(row['Action Plan ID'], 'AP_ALB03');
  });

  it('re-renders the form with every problem, keeps what was typed and changes nothing', async () => {
    const before = await counts();
    const first = await contact.submit(newUrl, newUrl, {
      title: '   ',
      number: '1',
      shortTitle: 'Kept short title',
      startDate: '2019-08-31',
      endDate: '2019-01-01',
      carriedForwardFrom: 'ZZ9999',
      lead: 'no-such-organisation',
      policyAreas: ['Open Data', 'Astrology'],
    });
    assert.equal(first.status, 400);
    assert.match(first.body, /<title>Error: Add a commitment/);
    const links = [...first.body.matchAll(/<a href="#([^"]+)">([^<]+)<\/a>/g)].map((m) => [m[1], decodeEntities(m[2]!)]);
    assert.deepEqual(links, [
      ['title', 'Enter the commitment’s title'],
      ['number', 'Another commitment of this action plan is number 1: enter a different number'],
      ['policyAreas', 'Choose policy areas from the list'],
      ['lead', 'Choose organisations from the list: one of them is no longer in the registry'],
      ['startDate', 'The date must be on or after 2019-09-01, a year before the action plan starts'],
      ['endDate', 'The end date must be after the start date'],
      ['carriedForwardFrom', 'There is no commitment ZZ9999: enter the OGP identifier of an existing commitment, such as AL0002'],
    ]);
    // Each summary link has its field on the page, and what was typed is still there.
    for (const [id] of links) assert.match(first.body, new RegExp(`id="${id}"`), `the page has a field ${id}`);
    assert.match(first.body, /value="Kept short title"/);
    assert.match(first.body, /value="Open Data" checked/);

    const second = await contact.submit(newUrl, newUrl, { title: 'Fine', number: 'two words', carriedForwardFrom: 'SE0007', lead: orgs.audit.id, supporting: orgs.audit.id });
    assert.equal(second.status, 400);
    assert.match(second.body, /href="#number">Enter the number as letters and digits/);
    assert.match(second.body, /href="#supporting">An organisation cannot be both a lead and a supporting institution/);
    assert.match(second.body, /href="#carriedForwardFrom">Commitment SE0007 belongs to another member/);

    const sameSheet = await contact.submit('/plans/AP_ALB02/commitments/new', '/plans/AP_ALB02/commitments/new', { title: 'Fine', number: '9', carriedForwardFrom: 'AL0050' });
    assert.equal(sameSheet.status, 400);
    assert.match(sameSheet.body, /href="#carriedForwardFrom">Commitment AL0050 is not from an earlier action plan/);
    assert.deepEqual(await counts(), before);
  });

  it('edits an imported commitment without judging what it already had', async () => {
    // Imported as it is in OGP's data: a number another commitment shares, dates far outside the plan, a link across members.
    const swede = await stored('SE0007');
    const imported = await createCommitment(db, {
      plan_id: plans[1]!.id,
      ogp_id: 'AL0063',
      number: '1',
      title: 'Imported commitment',
      start_date: '2010-01-01',
      end_date: '2030-12-31',
      carried_forward_from_id: swede.id,
      source: 'ogp_sheet',
      stated_civic_participation: 0,
    });
    await addTag(db, imported.id, 'policy_area', 'Not In The Taxonomy');
    await addTag(db, imported.id, 'theme', 'Justice');
    await addInstitution(db, imported.id, orgs.justice.id, 'lead');
    const editUrl = '/commitments/AL0063/edit';
    const response = await contact.submit(editUrl, editUrl, {
      title: 'Imported commitment, corrected',
      number: '1',
      startDate: '2010-01-01',
      endDate: '2030-12-31',
      carriedForwardFrom: 'SE0007',
      lead: orgs.justice.id,
    });
    assert.equal(response.status, 303);
    const row = await stored('AL0063');
    assert.equal(row.title, 'Imported commitment, corrected');
    assert.equal(row.carried_forward_from_id, swede.id);
    assert.equal(row.stated_civic_participation, 0);
    assert.deepEqual(await tagsOf(row.id, 'policy_area'), ['Not In The Taxonomy']);
    assert.deepEqual(await tagsOf(row.id, 'theme'), ['Justice']);
    const event = (await auditFor(db, row.id)).at(-1)!;
    assert.deepEqual(JSON.parse(event.after_json ?? 'null'), { title: 'Imported commitment, corrected' });

    // A changed date is judged, though: the plan ran from 2018 to 2020.
    const moved = await contact.submit(editUrl, editUrl, { title: 'Imported commitment, corrected', number: '1', startDate: '2011-01-01', endDate: '2030-12-31' });
    assert.equal(moved.status, 400);
    assert.match(moved.body, /href="#startDate">The date must be on or after 2017-09-01/);
  });

  it('takes the prefix the member’s commitments use, and gives every one of many saves at once its own id', async () => {
    const uk = await createMember(db, { name: 'United Kingdom', memberType: 'national', countryCode: 'GB', ogpCode: 'GBR' });
    const ukPlans = [await createActionPlan(db, { member_id: uk.id, number: 4, ogp_id: 'AP_GBR04' }), await createActionPlan(db, { member_id: uk.id, number: 5, ogp_id: 'AP_GBR05' })];
    await createCommitment(db, { plan_id: ukPlans[0]!.id, ogp_id: 'UK0098', number: '98' });
    const ukSupport = support;
    const urls = ukPlans.map((p) => `/plans/${p.ogp_id}/commitments/new`);
    const token = csrfToken((await ukSupport.get(urls[0]!)).body) ?? '';
    const responses = await Promise.all(
      [0, 1, 2, 3, 4, 5].map((i) => ukSupport.post(urls[i % 2]!, { _csrf: token, title: `Concurrent commitment ${i}`, number: String(100 + i) })),
    );
    assert.deepEqual(responses.map((r) => r.status), [303, 303, 303, 303, 303, 303]);
    const ids = responses.map((r) => /\/commitments\/([A-Z0-9]+)\?/.exec(r.location ?? '')?.[1]).sort();
    assert.deepEqual(ids, ['UK0099', 'UK0100', 'UK0101', 'UK0102', 'UK0103', 'UK0104']);
  });

  it('cannot number a commitment for a member with no country and no commitments, and says why', async () => {
    const nowhere = await createMember(db, { name: 'Nowhere Assembly', memberType: 'national' });
    const plan = await createActionPlan(db, { member_id: nowhere.id, number: 1, ogp_id: 'AP_NOW01' });
    const url = `/plans/${plan.ogp_id}/commitments/new`;
    const page = await support.get(url);
    assert.equal(page.status, 200);
    assert.match(page.body, /id="ogpId">This member has no country recorded/);
    assert.doesNotMatch(page.body, /name="title"/);
    const before = await counts();
    const response = await support.submit(url, url, { title: 'Anything', number: '1' });
    assert.equal(response.status, 400);
    assert.match(response.body, /href="#ogpId">This member has no country recorded/);
    assert.deepEqual(await counts(), before);
  });

  it('answers 404 for a plan or a commitment that does not exist', async () => {
    assert.equal((await support.get('/plans/AP_NOPE01/commitments/new')).status, 404);
    assert.equal((await support.get('/commitments/NOPE0001/edit')).status, 404);
    assert.equal((await support.submit(newUrl, '/commitments/NOPE0001/edit', { title: 'x', number: '1' })).status, 404);
  });
});
