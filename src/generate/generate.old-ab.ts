import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { cliEnv, ogp, ogpProcess } from '../../test/support/cli.ts';
import { countRows } from '../../test/support/records.ts';
import { createTestDatabase, type TestDatabase } from '../../test/support/test-db.ts';
import { type DatabaseHandle, openDatabase } from '../db/database.ts';
import { IRM_FIELDS, MISSING_CODES } from '../db/irm-fields.ts';
import type { Database } from '../db/schema.ts';
import { splitCommitmentId } from '../modules/commitments/commitment-ids.ts';
import { IMPLEMENTATION_STATUSES, MEMBER_STATUSES, PLAN_STATUSES, REGIONS } from '../modules/commitments/commitment-status.ts';
import { checkMemberCode } from '../modules/members/member-codes.ts';
import { isPlanId, memberCodeOfPlanId } from '../modules/plans/plan-ids.ts';
import { contentChecksum } from './checksum.ts';
import { generate, GENERATED_ACTION, GenerateRefusal } from './generate.ts';
import { POLICY_AREAS } from './phrases/policy-areas.ts';
import { sizesForScale } from './sizes.ts';

const SCALE = 0.01;

interface Fresh {
  database: TestDatabase;
  handle: DatabaseHandle;
}

async function freshDatabase(): Promise<Fresh> {
  const database = await createTestDatabase({ migrated: true });
  const handle = openDatabase(database.url);
  return { database, handle };
}

async function dispose(fresh: Fresh | undefined): Promise<void> {
  if (!fresh) return;
  await fresh.handle.close();
  await fresh.database.drop();
}

const CONTENT_TABLES: Array<keyof Database> = ['members', 'organisations', 'action_plans', 'commitments', 'milestones', 'progress_updates', 'irm_assessments', 'commitment_stars', 'audit_events'];

async function tableCounts(handle: DatabaseHandle): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of CONTENT_TABLES) counts[table] = await countRows(handle.db, table);
  return counts;
}

describe('ogp generate: the data it writes', () => {
  let fresh: Fresh;
  before(async () => {
    fresh = await freshDatabase();
    await generate(fresh.handle, { scale: SCALE, seed: 'counts' });
  });
  after(() => dispose(fresh));

  it('writes exactly the counts of the scale', async () => {
    const sizes = sizesForScale(SCALE);
    assert.deepEqual(sizes, { members: 2, nationalMembers: 1, localMembers: 1, organisations: 12, plans: 6, commitments: 60, milestones: 300, progressUpdates: 1000 });
    assert.deepEqual(await tableCounts(fresh.handle), {
      members: 2,
      organisations: 12,
      action_plans: 6,
      commitments: 60,
      milestones: 300,
      progress_updates: 1000,
      irm_assessments: 60,
      // Four star rows per commitment: both formulas on both reports, as the platform keeps them.
      commitment_stars: 240,
      // A public "created" event per member and organisation, and one event recording the run.
      audit_events: 2 + 12 + 1,
    });
    const run = await fresh.handle.db.selectFrom('audit_events').selectAll().where('action', '=', GENERATED_ACTION).executeTakeFirstOrThrow();
    assert.equal(run.is_public, 0);
    assert.deepEqual(JSON.parse(run.after_json ?? '{}').rows.commitments, 60);
  });

  it('gives every record valid, linked values', async () => {
    const { db } = fresh.handle;
    const members = await db.selectFrom('members').selectAll().execute();
    for (const m of members) {
      assert.ok((MEMBER_STATUSES as readonly string[]).includes(m.status), m.status);
      assert.ok((REGIONS as readonly string[]).includes(m.region ?? ''), String(m.region));
      assert.match(m.cohort ?? '', /^(even|odd)$/);
      assert.ok(checkMemberCode(m.ogp_code ?? '', m.member_type).ok, `${m.ogp_code} is a valid ${m.member_type} code`);
    }
    assert.equal(await countRows(db, 'member_lead_agencies'), 2);
    const codes = new Map(members.map((m) => [m.id, m.ogp_code]));
    const plans = await db.selectFrom('action_plans').selectAll().execute();
    for (const p of plans) {
      assert.ok((PLAN_STATUSES as readonly string[]).includes(p.status), p.status);
      assert.ok(isPlanId(p.ogp_id), p.ogp_id);
      assert.equal(memberCodeOfPlanId(p.ogp_id), codes.get(p.member_id));
      assert.ok(p.start_date! < p.end_date!, `${p.start_date} < ${p.end_date}`);
    }
    const commitments = await db.selectFrom('commitments').selectAll().execute();
    for (const c of commitments) {
      assert.ok(splitCommitmentId(c.ogp_id), `${c.ogp_id} follows OGP's pattern`);
      assert.ok((IMPLEMENTATION_STATUSES as readonly string[]).includes(c.implementation_status), c.implementation_status);
      assert.ok(c.full_text.includes(c.title), 'the full text starts from the title');
      const text = [c.full_text, c.problem, c.status_quo, c.objective, c.ambition].join(' ');
      assert.ok(text.length > 400, `text too thin: ${text.length}`);
      assert.ok(!c.full_text.includes(c.problem), 'the full text does not repeat the problem section');
    }
    const tags = await db.selectFrom('commitment_tags').selectAll().execute();
    assert.ok(tags.length >= commitments.length * 2, 'every commitment has its theme\'s policy areas');
    for (const tag of tags) assert.ok((POLICY_AREAS as readonly string[]).includes(tag.tag), tag.tag);
    const leads = await db.selectFrom('commitment_institutions').select('commitment_id').where('role', '=', 'lead').execute();
    assert.equal(new Set(leads.map((l) => l.commitment_id)).size, commitments.length, 'one lead institution each');
    const withoutMilestones = await db
      .selectFrom('commitments')
      .select('id')
      .where((eb) => eb.not(eb.exists(eb.selectFrom('milestones').select('milestones.id').whereRef('milestones.commitment_id', '=', 'commitments.id'))))
      .execute();
    assert.deepEqual(withoutMilestones, []);
  });

  it('keeps IRM values and their ND/NR/NA twins apart, and uses every missing code', async () => {
    const rows = await fresh.handle.db.selectFrom('irm_assessments').selectAll().execute();
    const seen = new Set<string>();
    for (const row of rows) {
      const record = row as unknown as Record<string, string | null>;
      for (const field of IRM_FIELDS) {
        const value = record[field] ?? null;
        const missing = record[`${field}_missing`] ?? null;
        assert.ok((value === null) !== (missing === null), `${field}: exactly one of value (${value}) and missing (${missing})`);
        if (missing !== null) {
          assert.ok((MISSING_CODES as readonly string[]).includes(missing), missing);
          seen.add(missing);
        }
      }
    }
    assert.deepEqual([...seen].sort(), [...MISSING_CODES].sort());
  });

  it('reports progress that climbs to the commitment\'s own figure', async () => {
    const { db } = fresh.handle;
    const updates = await db.selectFrom('progress_updates').selectAll().orderBy('commitment_id').orderBy('reported_on').orderBy('percent_complete').execute();
    const commitments = new Map((await db.selectFrom('commitments').select(['id', 'progress_percent', 'start_date']).execute()).map((c) => [c.id, c]));
    const last = new Map<string, number>();
    for (const u of updates) {
      assert.ok(u.percent_complete >= (last.get(u.commitment_id) ?? 0), 'percent never goes down');
      last.set(u.commitment_id, u.percent_complete);
      assert.ok(u.reported_on >= commitments.get(u.commitment_id)!.start_date!, 'reported after the commitment began');
    }
    for (const [id, percent] of last) assert.equal(commitments.get(id)!.progress_percent, percent);
  });
});

describe('ogp generate: the same seed gives the same data', () => {
  const databases: Fresh[] = [];
  after(async () => {
    for (const d of databases) await dispose(d);
  });

  it('same seed → identical content; another seed → different content', async () => {
    const checksums: string[] = [];
    for (const seed of ['alpha', 'alpha', 'beta']) {
      const fresh = await freshDatabase();
      databases.push(fresh);
      await generate(fresh.handle, { scale: SCALE, seed });
      checksums.push(await contentChecksum(fresh.handle.db));
    }
    assert.equal(checksums[0], checksums[1]);
    assert.notEqual(checksums[0], checksums[2]);
    const titles = await Promise.all(databases.map((d) => d.handle.db.selectFrom('commitments').select('title').orderBy('ogp_id').execute()));
    assert.notDeepEqual(titles[0], titles[2]);
  });
});

describe('ogp generate: refusals', () => {
  let fresh: Fresh;
  before(async () => {
    fresh = await freshDatabase();
    await generate(fresh.handle, { scale: SCALE, seed: 'first' });
  });
  after(() => dispose(fresh));

  it('refuses a database that already has commitments, changing nothing', async () => {
    const before = await tableCounts(fresh.handle);
    const checksum = await contentChecksum(fresh.handle.db);
    await assert.rejects(generate(fresh.handle, { scale: SCALE, seed: 'second' }), (error: unknown) => {
      assert.ok(error instanceof GenerateRefusal);
      assert.match(error.message, /already holds 60 commitments and 6 action plans/);
      return true;
    });
    assert.deepEqual(await tableCounts(fresh.handle), before);
    assert.equal(await contentChecksum(fresh.handle.db), checksum);
  });

  it('refuses --append with a seed already used on the database', async () => {
    await assert.rejects(generate(fresh.handle, { scale: SCALE, seed: 'first', append: true }), /Seed "first" was already used on this database/);
  });

  it('refuses a scale that is not above 0', async () => {
    await assert.rejects(generate(fresh.handle, { scale: 0, seed: 'x', append: true }), GenerateRefusal);
    await assert.rejects(generate(fresh.handle, { scale: Number.NaN, seed: 'x', append: true }), GenerateRefusal);
  });

  it('appends with a new seed, with members, codes and ids of its own', async () => {
    await generate(fresh.handle, { scale: SCALE, seed: 'second', append: true });
    const { db } = fresh.handle;
    assert.equal(await countRows(db, 'commitments'), 120);
    assert.equal(await countRows(db, 'members'), 4);
    const codes = (await db.selectFrom('members').select('ogp_code').execute()).map((m) => m.ogp_code);
    assert.equal(new Set(codes).size, 4);
    const ids = (await db.selectFrom('commitments').select('ogp_id').execute()).map((c) => c.ogp_id);
    assert.equal(new Set(ids).size, 120);
    for (const id of ids) assert.ok(splitCommitmentId(id), id);
  });
});

describe('the ogp generate command', () => {
  let database: TestDatabase;
  before(async () => {
    database = await createTestDatabase();
  });
  after(() => database?.drop());

  it('migrates, generates, prints progress and ends with the counts', async () => {
    // The real executable, whose stdout is a pipe: progress as lines, and the counts on the last line.
    const run = await ogpProcess(['generate', '--scale', '0.01', '--seed', 'cli'], cliEnv(database.url));
    assert.equal(run.code, 0, run.stderr);
    const lines = run.stdout.trim().split('\n');
    assert.match(lines[0]!, /^Generating synthetic OGP data at scale 0\.01 \(seed cli\) into /);
    assert.match(run.stdout, /\n {2}60\/60 commitments \(100%\), \d+\.\d s\n/);
    assert.match(
      lines.at(-1)!,
      /^Generated scale 0\.01 \(seed cli\) in \d+\.\d s: 2 members, 12 organisations, 6 action plans, 60 commitments, 300 milestones, 1000 progress updates\.$/,
    );
  });

  it('refuses to run again on the same database, exiting 1 with the reason', async () => {
    const run = await ogp(['generate', '--scale', '0.01'], cliEnv(database.url));
    assert.equal(run.code, 1);
    assert.match(run.stderr, /^Error: The database already holds 60 commitments and 6 action plans; ogp generate fills an empty one\./);
  });

  it('writes data the platform\'s own export and import take back whole', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ogp-generate-'));
    const file = path.join(dir, 'commitments.csv');
    const target = await createTestDatabase();
    try {
      const exported = await ogp(['export', 'commitments', '--out', file], cliEnv(database.url));
      assert.equal(exported.code, 0, exported.stderr);
      assert.equal((await ogp(['migrate'], cliEnv(target.url))).code, 0);
      const imported = await ogp(['import', 'commitments', file], cliEnv(target.url));
      assert.equal(imported.code, 0, `${imported.stdout}\n${imported.stderr}`);
      const handle = openDatabase(target.url);
      try {
        assert.equal(await countRows(handle.db, 'commitments'), 60);
      } finally {
        await handle.close();
      }
    } finally {
      await target.drop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a scale that is not a positive number', async () => {
    for (const scale of ['0', '-1', 'ten']) {
      const run = await ogp(['generate', '--scale', scale], cliEnv(database.url));
      assert.equal(run.code, 1, scale);
      assert.match(run.stderr, /^Error: --scale must be a number above 0/);
    }
  });
});
