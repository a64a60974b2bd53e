import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import { countRows } from '../../test/support/records.ts';
import { createTestDatabase, type TestDatabase } from '../../test/support/test-db.ts';
import { createContext } from '../app.ts';
import { migrateToLatest } from '../db/database.ts';
import { createAccount } from '../modules/accounts/accounts.users.ts';
import { ORGANISATION_TYPES } from '../modules/organisations/organisation-types.ts';
import { loadConfig } from '../platform/config.ts';
import type { AppContext } from '../platform/context.ts';
import { verifyPassword } from '../platform/passwords.ts';
import { ROLES } from '../platform/roles.ts';
import { countryCodeFromDataCode, readMembersFromCommitmentsCsv } from './commitments-csv.ts';
import { LOCAL_MEMBERS } from './demo-data.ts';
import { DEFAULT_COMMITMENTS_CSV, DEMO_ACCOUNTS, DEMO_PASSWORD, ensureSeeded, planMembers, SeedDataError, seedDemoData } from './seed.ts';

interface Fresh {
  ctx: AppContext;
  close(): Promise<void>;
}

async function freshContext(env: Record<string, string> = {}): Promise<Fresh> {
  const database: TestDatabase = await createTestDatabase();
  const ctx = createContext(loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DATABASE_URL: database.url, ...env }));
  await migrateToLatest(ctx.db);
  return {
    ctx,
    close: async () => {
      ctx.mailer.close();
      await ctx.database.close();
      await database.drop();
    },
  };
}

const PRODUCTION = { NODE_ENV: 'production', SESSION_SECRET: 'a-production-secret-that-is-long-enough-0123456789' };

// Read the data independently of the seed's own reader, so the test checks it rather than repeats it.
function distinctNamesInCsv(kind: string): Set<string> {
  const rows = parse<Record<string, string>>(fs.readFileSync(DEFAULT_COMMITMENTS_CSV), { columns: true, bom: true });
  return new Set(rows.filter((r) => r['National Or Local'] === kind).map((r) => (r['Country/Locality'] ?? '').trim()));
}

describe('seedDemoData', () => {
  let fresh: Fresh;
  let ctx: AppContext;

  before(async () => {
    fresh = await freshContext();
    ctx = fresh.ctx;
    const result = await seedDemoData(ctx, { includeDemoAccounts: true });
    assert.equal(result.seeded, true);
    assert.equal(result.demoAccounts.length, ROLES.length);
  });
  after(() => fresh.close());

  it('creates every national member in the OGP data, with its ISO country code', async () => {
    const nationals = await ctx.db.selectFrom('members').selectAll().where('member_type', '=', 'national').execute();
    assert.deepEqual(new Set(nationals.map((m) => m.name)), distinctNamesInCsv('National'));
    assert.ok(nationals.length > 50, `only ${nationals.length} national members`);
    const us = nationals.find((m) => m.name === 'United States');
    assert.equal(us?.slug, 'united-states');
    assert.equal(us?.country_code, 'US');
    assert.equal(nationals.find((m) => m.name === 'Republic of Korea')?.country_code, 'KR');
    assert.ok(
      nationals.every((m) => m.country_code !== null && /^[A-Z]{2}$/.test(m.country_code)),
      'every national member has a country',
    );
    // The data gives no joining year, so none is invented.
    assert.ok(nationals.every((m) => m.joined_year === null));
  });

  it('creates the local members from the data and the curated pioneers, once each', async () => {
    const locals = await ctx.db.selectFrom('members').selectAll().where('member_type', '=', 'local').execute();
    const names = new Set(locals.map((m) => m.name));
    for (const name of distinctNamesInCsv('Legacy Local')) assert.ok(names.has(name), `missing local member ${name}`);
    for (const member of LOCAL_MEMBERS) assert.ok(names.has(member.name), `missing local member ${member.name}`);
    assert.equal(names.size, locals.length, 'a local member was created twice');
    const madrid = locals.find((m) => m.name === 'Madrid, Spain');
    assert.deepEqual([madrid?.country_code, madrid?.joined_year], ['ES', 2016]);
    assert.equal(locals.find((m) => m.name === 'Kaduna State, Nigeria')?.country_code, 'NG');
  });

  it('leaves out rows the data does not class as national or local (Kosovo is "Other")', async () => {
    const kosovo = await ctx.db.selectFrom('members').select('id').where('name', '=', 'Kosovo').executeTakeFirst();
    assert.equal(kosovo, undefined);
  });

  it('creates real organisations of every type', async () => {
    const organisations = await ctx.db.selectFrom('organisations').selectAll().execute();
    for (const type of ORGANISATION_TYPES) assert.ok(organisations.some((o) => o.org_type === type), `no ${type} organisation`);
    assert.ok(organisations.length >= 12);
    assert.ok(organisations.every((o) => o.website?.startsWith('https://') && o.description !== ''));
  });

  it('creates one verified demo account per role, with the demo password and exactly that grant', async () => {
    const members = await ctx.db.selectFrom('members').select(['id', 'name']).execute();
    const organisations = await ctx.db.selectFrom('organisations').select(['id', 'name', 'org_type']).execute();
    for (const role of ROLES) {
      const account = DEMO_ACCOUNTS.find((a) => a.role === role);
      assert.ok(account, `no demo account for ${role}`);
      const user = await ctx.db.selectFrom('users').selectAll().where('email', '=', account.email).executeTakeFirstOrThrow();
      assert.notEqual(user.email_verified_at, null);
      assert.equal(await verifyPassword(user.password_hash, DEMO_PASSWORD), true);
      const grants = await ctx.db.selectFrom('role_grants').selectAll().where('user_id', '=', user.id).execute();
      if (role === 'participant') {
        assert.deepEqual(grants, []);
        continue;
      }
      assert.deepEqual(
        grants.map((g) => g.role),
        [role],
      );
      const grant = grants[0];
      assert.ok(grant);
      if (role === 'government_poc') assert.equal(members.find((m) => m.id === grant.member_id)?.name, 'United States');
      else if (role === 'organisation_member') {
        const organisation = organisations.find((o) => o.id === grant.organisation_id);
        assert.deepEqual([organisation?.name, organisation?.org_type], ['Transparency International', 'civil_society']);
      } else assert.deepEqual([grant.member_id, grant.organisation_id], [null, null]);
    }
  });

  it('records an audit event for every record it creates, public for members and organisations', async () => {
    const events = await ctx.db.selectFrom('audit_events').select(['action', 'entity_id', 'is_public']).execute();
    const byAction = (action: string) => events.filter((e) => e.action === action);
    assert.equal(byAction('member.created').length, await countRows(ctx.db, 'members'));
    assert.equal(byAction('organisation.created').length, await countRows(ctx.db, 'organisations'));
    assert.equal(byAction('account.created').length, await countRows(ctx.db, 'users'));
    assert.equal(byAction('role.granted').length, await countRows(ctx.db, 'role_grants'));
    assert.ok([...byAction('member.created'), ...byAction('organisation.created')].every((e) => e.is_public === 1));
  });

  it('does nothing the second time', async () => {
    const tables = ['members', 'organisations', 'users', 'role_grants', 'audit_events'] as const;
    const countsBefore = await Promise.all(tables.map((t) => countRows(ctx.db, t)));
    const again = await seedDemoData(ctx, { includeDemoAccounts: true });
    assert.deepEqual(again, { seeded: false, members: 0, organisations: 0, demoAccounts: [] });
    assert.deepEqual(await Promise.all(tables.map((t) => countRows(ctx.db, t))), countsBefore);
  });
});

describe('seeding in production', () => {
  it('creates the members and organisations but no demo accounts', async () => {
    const { ctx, close } = await freshContext(PRODUCTION);
    try {
      const result = await ensureSeeded(ctx);
      assert.equal(result.seeded, true);
      assert.deepEqual(result.demoAccounts, []);
      assert.ok((await countRows(ctx.db, 'members')) > 0);
      assert.ok((await countRows(ctx.db, 'organisations')) > 0);
      assert.equal(await countRows(ctx.db, 'users'), 0);
    } finally {
      await close();
    }
  });

  it('refuses to create demo accounts even when asked', async () => {
    const { ctx, close } = await freshContext(PRODUCTION);
    try {
      await assert.rejects(seedDemoData(ctx, { includeDemoAccounts: true }), SeedDataError);
      assert.equal(await countRows(ctx.db, 'members'), 0);
    } finally {
      await close();
    }
  });
});

describe('ensureSeeded', () => {
  it('seeds an empty database with demo accounts outside production, then leaves it alone', async () => {
    const { ctx, close } = await freshContext();
    try {
      const first = await ensureSeeded(ctx);
      assert.equal(first.seeded, true);
      assert.deepEqual(
        first.demoAccounts.map((a) => a.email),
        DEMO_ACCOUNTS.map((a) => a.email),
      );
      assert.equal(first.demoAccounts.find((a) => a.role === 'government_poc')?.scope, 'United States');
      const second = await ensureSeeded(ctx);
      assert.equal(second.seeded, false);
      assert.deepEqual(second.demoAccounts, []);
    } finally {
      await close();
    }
  });
});

describe('seeding failures', () => {
  it('writes nothing at all when a step fails part-way', async () => {
    const { ctx, close } = await freshContext();
    try {
      const demo = DEMO_ACCOUNTS[0];
      assert.ok(demo);
      await ctx.db.transaction().execute((trx) => createAccount(trx, null, { email: demo.email, displayName: 'Squatter', password: 'someone-elses-password', verified: false }));
      await assert.rejects(seedDemoData(ctx, { includeDemoAccounts: true }), (error: unknown) => error instanceof SeedDataError && /already exists/.test(error.message));
      assert.equal(await countRows(ctx.db, 'members'), 0);
      assert.equal(await countRows(ctx.db, 'organisations'), 0);
      assert.equal(await countRows(ctx.db, 'role_grants'), 0);
    } finally {
      await close();
    }
  });

  it('says which file it could not read', async () => {
    const { ctx, close } = await freshContext();
    try {
      const missing = path.join(os.tmpdir(), 'no-such-ogp-commitments.csv');
      await assert.rejects(seedDemoData(ctx, { includeDemoAccounts: false, csvPath: missing }), (error: unknown) => error instanceof SeedDataError && error.message.includes(missing));
      assert.equal(await countRows(ctx.db, 'members'), 0);
    } finally {
      await close();
    }
  });
});

describe('reading the commitments data', () => {
  it('refuses a CSV without the columns it needs', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ogp-seed-'));
    try {
      const file = path.join(dir, 'other.csv');
      fs.writeFileSync(file, 'Country,Year\nChile,2012\n');
      assert.throws(() => readMembersFromCommitmentsCsv(file), /lacks the column\(s\) "Country\/Locality", "National Or Local", "Code"/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('turns the data codes into ISO alpha-2 country codes', () => {
    assert.equal(countryCodeFromDataCode('USA', 'national'), 'US');
    assert.equal(countryCodeFromDataCode('civ', 'national'), 'CI');
    assert.equal(countryCodeFromDataCode('ARBA', 'local'), 'AR');
    assert.equal(countryCodeFromDataCode('GBSC', 'local'), 'GB');
    // Kosovo's code is user-assigned, not an ISO country.
    assert.equal(countryCodeFromDataCode('XKX', 'national'), null);
    assert.equal(countryCodeFromDataCode('', 'local'), null);
  });

  it('merges the curated local members into the data without duplicates', () => {
    const planned = planMembers(
      [
        { name: 'Chile', memberType: 'national', countryCode: 'CL' },
        { name: 'Madrid, Spain', memberType: 'local', countryCode: null },
      ],
      [
        { name: 'Madrid, Spain', countryCode: 'ES', joinedYear: 2016 },
        { name: 'Paris, France', countryCode: 'FR', joinedYear: 2016 },
      ],
    );
    assert.deepEqual(planned, [
      { name: 'Chile', memberType: 'national', countryCode: 'CL', joinedYear: null },
      { name: 'Madrid, Spain', memberType: 'local', countryCode: 'ES', joinedYear: 2016 },
      { name: 'Paris, France', memberType: 'local', countryCode: 'FR', joinedYear: 2016 },
    ]);
  });
});

describe('first start with the real commitments', () => {
  it('imports OGP\'s sheet and the US tracker with the members, once', async () => {
    const { ctx, close } = await freshContext();
    try {
      const first = await ensureSeeded(ctx);
      assert.deepEqual(first.commitments, { sheet: 558, usTracker: 36 });
      assert.equal(await countRows(ctx.db, 'commitments'), 594);
      const usPlans = await ctx.db
        .selectFrom('action_plans as p')
        .innerJoin('members as m', 'm.id', 'p.member_id')
        .select('p.ogp_id')
        .where('m.name', '=', 'United States')
        .orderBy('p.ogp_id')
        .execute();
      assert.deepEqual(usPlans.map((p) => p.ogp_id), ['AP_USA01', 'AP_USA02', 'AP_USA05']);
      // Seeded members are found by name and given their OGP code; Kosovo, which the member list leaves out, comes with its commitments.
      const us = await ctx.db.selectFrom('members').select(['ogp_code', 'region']).where('name', '=', 'United States').executeTakeFirstOrThrow();
      assert.deepEqual(us, { ogp_code: 'USA', region: 'Americas' });
      assert.ok(await ctx.db.selectFrom('members').select('id').where('name', '=', 'Kosovo').executeTakeFirst());
      assert.equal(first.demoAccounts.find((a) => a.role === 'government_poc')?.scope, 'United States');
      const actions = (await ctx.db.selectFrom('audit_events').select('action').where('action', 'in', ['commitment_sheet.imported', 'us_tracker.imported']).execute()).map((e) => e.action).sort();
      assert.deepEqual(actions, ['commitment_sheet.imported', 'us_tracker.imported']);
      const second = await ensureSeeded(ctx);
      assert.equal(second.seeded, false);
      assert.equal(await countRows(ctx.db, 'commitments'), 594);
    } finally {
      await close();
    }
  });

  it('writes nothing at all when the sheet has a row the import refuses', async () => {
    const { ctx, close } = await freshContext();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ogp-seed-'));
    try {
      const [header = [], ...rows] = parse(fs.readFileSync(DEFAULT_COMMITMENTS_CSV), { bom: true }) as string[][];
      const bad = [...(rows[1] ?? [])];
      bad[header.indexOf('End Date')] = '31/31/2020';
      const file = path.join(dir, 'bad.csv');
      fs.writeFileSync(file, [header, rows[0] ?? [], bad].map((r) => r.map((c) => `"${c.replace(/"/g, '""')}"`).join(',')).join('\r\n'));
      await assert.rejects(seedDemoData(ctx, { includeDemoAccounts: true, csvPath: file, commitments: true }), (error: unknown) => error instanceof SeedDataError && /row 3/.test(error.message));
      assert.equal(await countRows(ctx.db, 'members'), 0);
      assert.equal(await countRows(ctx.db, 'users'), 0);
      assert.equal(await countRows(ctx.db, 'commitments'), 0);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
      await close();
    }
  });
});
