import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { cliEnv, ogp, ogpProcess } from '../../../test/support/cli.ts';
import { isMalformedSample, samplePath, sampleFiles, strategyRowCounts } from '../../../test/support/strategy-factories.ts';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-db.ts';
import { validateAgainstXsd } from '../../../test/support/xmllint.ts';
import { type Db, openDatabase } from '../../db/database.ts';
import { loadPlan } from '../../modules/strategy/plan-store.ts';
import { markDefaultPlan } from '../../modules/strategy/strategy.repository.ts';
import { PART1_XSD, PART2_XSD } from '../../modules/strategy/stratml/reference-files.ts';

describe('ogp stratml', () => {
  let database: TestDatabase;
  let handle: ReturnType<typeof openDatabase>;
  let db: Db;

  before(async () => {
    database = await createTestDatabase({ migrated: true });
    handle = openDatabase(database.url);
    db = handle.db;
  });
  after(async () => {
    await handle.close();
    await database.drop();
  });

  const sample = 'p2-report-SMLC2011-prefixed.xml';
  let planId = '';

  it('imports a file, prints what it read, and ends with the new plan\'s id', async () => {
    // The real executable: the last line printed is the new plan's id, for scripts.
    const run = await ogpProcess(['stratml', 'import', samplePath(sample)], cliEnv(database.url));
    assert.equal(run.code, 0, run.stderr);
    const lines = run.stdout.trimEnd().split('\n');
    planId = lines.at(-1) ?? '';
    assert.match(planId, /^[0-9a-f-]{36}$/);
    assert.match(run.stdout, /^Imported "2011 Annual Report" from /);
    assert.match(run.stdout, /^\s+Goal\s+3$/m);
    assert.match(run.stdout, /^\s+PerformanceIndicator\s+11$/m);
    const plan = await loadPlan(db, planId);
    assert.equal(plan?.document.name, '2011 Annual Report');
    assert.equal(plan?.source, sample);
    const events = await db.selectFrom('audit_events').select(['action', 'actor_id']).where('entity_id', '=', planId).execute();
    assert.deepEqual(events, [{ action: 'strategy_plan.imported', actor_id: null }]);
  });

  // The first refusal runs the real executable, for its exit status; the rest run in-process.
  for (const [index, malformed] of sampleFiles().filter(isMalformedSample).entries()) {
    it(`refuses ${malformed.name} with its line and column, a non-zero exit and nothing stored`, async () => {
      const before = await strategyRowCounts(db);
      const run = await (index === 0 ? ogpProcess : ogp)(['stratml', 'import', malformed.file], cliEnv(database.url));
      assert.equal(run.code, 1);
      assert.match(run.stderr, /^Error: The file is not well-formed XML: line \d+, column \d+\. .+ Nothing was imported\.$/m);
      assert.equal(run.stdout, '');
      assert.deepEqual(await strategyRowCounts(db), before);
    });
  }

  it('refuses a file that does not exist', async () => {
    const run = await ogp(['stratml', 'import', '/no/such/plan.xml'], cliEnv(database.url));
    assert.equal(run.code, 1);
    assert.match(run.stderr, /Cannot read \/no\/such\/plan\.xml: there is no such file/);
  });

  it('exports a plan to stdout as Part 2 and Part 1, each valid against its XSD', async () => {
    const part2 = await ogp(['stratml', 'export', planId], cliEnv(database.url));
    assert.equal(part2.code, 0, part2.stderr);
    assert.match(part2.stdout, /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<PerformancePlanOrReport /);
    const verdict2 = validateAgainstXsd(part2.stdout, PART2_XSD);
    assert.ok(verdict2.valid, verdict2.errors);
    const part1 = await ogp(['stratml', 'export', planId, '--part', '1'], cliEnv(database.url));
    assert.equal(part1.code, 0, part1.stderr);
    assert.match(part1.stdout, /<StrategicPlan /);
    const verdict1 = validateAgainstXsd(part1.stdout, PART1_XSD);
    assert.ok(verdict1.valid, verdict1.errors);
  });

  it('exports the platform\'s own plan as `default`, and says when there is none', async () => {
    const none = await ogp(['stratml', 'export', 'default'], cliEnv(database.url));
    assert.equal(none.code, 1);
    assert.match(none.stderr, /No plan is the platform's own yet/);
    await db.transaction().execute((trx) => markDefaultPlan(trx, planId));
    const run = await ogp(['stratml', 'export', 'default'], cliEnv(database.url));
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /<Name>2011 Annual Report<\/Name>/);
  });

  it('refuses an unknown plan and an unknown part', async () => {
    const unknown = await ogp(['stratml', 'export', 'not-a-plan'], cliEnv(database.url));
    assert.equal(unknown.code, 1);
    assert.match(unknown.stderr, /There is no plan with the id not-a-plan/);
    const badPart = await ogp(['stratml', 'export', planId, '--part', '3'], cliEnv(database.url));
    assert.notEqual(badPart.code, 0);
    assert.match(badPart.stderr, /Allowed choices are 1, 2/);
  });

  it('explains itself in --help', async () => {
    const run = await ogp(['stratml', '--help'], cliEnv(database.url));
    assert.equal(run.code, 0);
    assert.match(run.stdout, /import <file>/);
    assert.match(run.stdout, /export \[options\] <plan>/);
  });
});
