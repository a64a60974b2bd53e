import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import { importedTables, US_TRACKER_DIR } from '../../../test/support/commitment-data-factories.ts';
import { useTestApp } from '../../../test/support/test-app.ts';
import { newId, nowIso } from '../../platform/ids.ts';
import { seedDemoData } from '../../seed/seed.ts';
import { htmlToText } from './html-text.ts';
import { readUsTracker, TrackerDataError } from './us-tracker.ts';
import { importUsTrackerInTransaction, type TrackerReport } from './us-tracker.service.ts';

describe('reading the US fifth action plan tracker', () => {
  const commitments = readUsTracker(US_TRACKER_DIR);
  const milestones = commitments.flatMap((c) => c.milestones);

  it('reads every commitment and sub-commitment, in id order', () => {
    assert.equal(commitments.length, 36);
    assert.deepEqual([commitments[0]?.ogpId, commitments.at(-1)?.ogpId], ['US0113', 'US0148']);
    assert.equal(milestones.length, 70);
    const us0113 = commitments[0]!;
    assert.equal(us0113.title, 'Expand the Production, Dissemination, and Use of Equitable Data');
    assert.equal(us0113.theme, 'Improve Access to Government Data, Research, and Information');
    assert.equal(us0113.url, 'https://open.usa.gov/national-action-plan/5/US0113/');
    assert.deepEqual(
      us0113.milestones.map((m) => m.ogpId),
      ['US0113.1', 'US0113.2', 'US0113.3', 'US0113.4', 'US0113.5', 'US0113.6', 'US0113.7'],
    );
    // Jekyll's unindented multi-line front matter is read whole.
    assert.match(us0113.text, /^Sub-Commitments:\n1\) The Federal Government commits/);
    assert.match(us0113.text, /\n7\) In addition, the Director of OMB/);
  });

  it('takes status and agency from each sub-commitment', () => {
    const count = (status: string) => milestones.filter((m) => m.status === status).length;
    assert.deepEqual([count('complete'), count('limited'), count('not_started')], [33, 36, 1]);
    assert.ok(milestones.every((m) => (m.status === 'complete') === (m.percent === 100)));
    const first = milestones[0]!;
    assert.deepEqual(first.agencies, ['Executive Office of the President', 'Office of Science and Technology Policy']);
  });

  it('keeps the progress texts as plain text and their links as evidence', () => {
    for (const m of milestones) assert.doesNotMatch(m.narrative, /<a |<br|\]\(http/, m.ogpId);
    const us0114 = milestones.find((m) => m.ogpId === 'US0114.0')!;
    assert.match(us0114.narrative, /^The Working Group is employing a variety of outreach/);
    assert.match(us0114.narrative, /\n\nProgress Update:\nThe Office of the Chief Statistician/);
    // An empty link's address stands in for it in the text, and every link is evidence.
    assert.match(us0114.narrative, /a dedicated public website https:\/\/spd15revision\.gov\//);
    assert.deepEqual(us0114.links, [
      'https://spd15revision.gov/',
      'https://spd15revision.gov',
      'https://www.federalregister.gov/documents/2023/01/27/2023-01635/initial-proposals-for-updating-ombs-race-and-ethnicity-statistical-standards',
    ]);
    assert.ok(milestones.some((m) => m.links.includes('https://www.performance.gov/participation')), 'a doubled "https:https://" is repaired');
  });

  it('turns HTML and Markdown into text with its links', () => {
    assert.deepEqual(htmlToText('Plan &amp; report<br>See <a href="https://a.example/x">the plan</a> and [notes](https://b.example/y z).'), {
      text: 'Plan & report\nSee the plan and notes.',
      links: ['https://a.example/x', 'https://b.example/y%20z'],
    });
    assert.deepEqual(htmlToText('<a href="javascript:alert(1)">x</a>'), { text: 'x', links: [] });
  });

  it('says which file it cannot read', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ogp-tracker-'));
    try {
      assert.throws(() => readUsTracker(dir), (e: unknown) => e instanceof TrackerDataError && e.message.includes('_commitments'));
      fs.mkdirSync(path.join(dir, '_commitments'));
      fs.mkdirSync(path.join(dir, '_subcommitments'));
      fs.writeFileSync(path.join(dir, '_commitments', 'US0001.md'), '---\ncommitment_id: US0001\ntitle: A\npermalink: /a/\n---\n');
      fs.writeFileSync(path.join(dir, '_subcommitments', 'us0001-1.md'), '---\ncommitment_detail_sub_id: "US0001.1"\ncommitment_detail_sub: x\ncommitment_agency: GSA\ncommitment_status: Maybe\n---\n');
      assert.throws(() => readUsTracker(dir), (e: unknown) => e instanceof TrackerDataError && e.message.includes('us0001-1.md') && e.message.includes('"Maybe"'));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('importing the US tracker', () => {
  const t = useTestApp();
  const commitments = readUsTracker(US_TRACKER_DIR);
  let report: TrackerReport;
  const importIt = (data = commitments) => t.ctx.db.transaction().execute((trx) => importUsTrackerInTransaction(trx, data, { actorId: null, source: 'gsa-open.usa.gov-nap5' }));

  before(async () => {
    await seedDemoData(t.ctx, { includeDemoAccounts: false });
    report = await importIt();
  });

  it('creates the commitments under plan AP_USA05 of the United States, with their milestones and progress', async () => {
    assert.deepEqual(report.commitments, { created: 36, updated: 0, unchanged: 0 });
    assert.deepEqual(report.milestones, { created: 70, updated: 0, unchanged: 0 });
    assert.equal(report.progressUpdates, 70);
    assert.deepEqual([report.memberCreated, report.planCreated], [false, true]);
    const plan = await t.ctx.db
      .selectFrom('action_plans as p')
      .innerJoin('members as m', 'm.id', 'p.member_id')
      .select(['p.ogp_id', 'p.number', 'p.start_date', 'p.end_date', 'm.name', 'm.ogp_code', 'm.region'])
      .where('p.ogp_id', '=', 'AP_USA05')
      .executeTakeFirstOrThrow();
    assert.deepEqual(plan, { ogp_id: 'AP_USA05', number: 5, start_date: '2022-01-01', end_date: '2024-12-31', name: 'United States', ogp_code: 'USA', region: 'Americas' });
  });

  it('rolls each commitment\'s status up from its milestones', async () => {
    const rows = await t.ctx.db.selectFrom('commitments').select(['ogp_id', 'implementation_status', 'progress_percent', 'source', 'source_url']).where('ogp_id', 'in', ['US0115', 'US0114', 'US0113']).orderBy('ogp_id').execute();
    assert.deepEqual(
      rows.map((r) => [r.ogp_id, r.implementation_status, r.progress_percent, r.source]),
      [
        ['US0113', 'substantial', 86],
        ['US0114', 'limited', 0],
        ['US0115', 'complete', 100],
      ].map((r) => [...r, 'us_tracker']),
    );
  });

  it('makes sub-commitments milestones, with the agency, and their texts dated progress updates', async () => {
    const milestone = await t.ctx.db.selectFrom('milestones').selectAll().where('ogp_id', '=', 'US0114.0').executeTakeFirstOrThrow();
    assert.equal(milestone.status, 'limited');
    assert.equal(milestone.description, 'Lead agency: Executive Office of the President / Office of Management and Budget / Office of the Chief Statistician');
    const updates = await t.ctx.db.selectFrom('progress_updates').selectAll().where('milestone_id', '=', milestone.id).execute();
    assert.equal(updates.length, 1);
    assert.deepEqual([updates[0]?.source, updates[0]?.reported_on, updates[0]?.author_id, updates[0]?.status], ['import', '2023-08-01', null, 'limited']);
    assert.ok(JSON.parse(updates[0]?.evidence_links ?? '[]').includes('https://spd15revision.gov/'));
    const lead = await t.ctx.db
      .selectFrom('commitment_institutions as ci')
      .innerJoin('organisations as o', 'o.id', 'ci.organisation_id')
      .innerJoin('commitments as c', 'c.id', 'ci.commitment_id')
      .select(['o.name'])
      .where('c.ogp_id', '=', 'US0114')
      .where('ci.role', '=', 'lead')
      .orderBy('ci.position')
      .execute();
    assert.deepEqual(lead.map((l) => l.name), ['Executive Office of the President', 'Office of Management and Budget / Office of the Chief Statistician']);
  });

  it('audits the import, and changes nothing on a second one', async () => {
    const events = await t.ctx.db.selectFrom('audit_events').select('action').where('action', 'in', ['us_tracker.imported', 'plan.created']).execute();
    assert.deepEqual(events.map((e) => e.action).sort(), ['plan.created', 'us_tracker.imported']);
    const { audit_events: _a, ...before } = await importedTables(t.ctx.db);
    const again = await importIt();
    assert.deepEqual([again.commitments, again.milestones, again.progressUpdates], [{ created: 0, updated: 0, unchanged: 36 }, { created: 0, updated: 0, unchanged: 70 }, 0]);
    const { audit_events: _b, ...after } = await importedTables(t.ctx.db);
    assert.deepEqual(after, before);
  });

  it('updates what changed in the tracker, and leaves progress people reported on the platform alone', async () => {
    const { db } = t.ctx;
    const commitment = await db.selectFrom('commitments').select(['id']).where('ogp_id', '=', 'US0114').executeTakeFirstOrThrow();
    await db
      .insertInto('progress_updates')
      .values({ id: newId(), commitment_id: commitment.id, milestone_id: null, author_id: null, status: 'substantial', percent_complete: 60, narrative: 'Reported by the point of contact', evidence_links: '[]', reported_on: '2024-05-01', source: 'platform', created_at: nowIso() })
      .execute();
    const changed = commitments.map((c) => (c.ogpId !== 'US0114' ? c : { ...c, milestones: c.milestones.map((m) => ({ ...m, status: 'complete' as const, percent: 100, narrative: 'Done.' })) }));
    const again = await importIt(changed);
    assert.deepEqual([again.commitments.unchanged, again.milestones.updated, again.progressUpdates], [36, 1, 1]);
    const updates = await db.selectFrom('progress_updates').select(['source', 'narrative', 'status']).where('commitment_id', '=', commitment.id).orderBy('source').execute();
    assert.deepEqual(updates, [
      { source: 'import', narrative: 'Done.', status: 'complete' },
      { source: 'platform', narrative: 'Reported by the point of contact', status: 'substantial' },
    ]);
    const rolled = await db.selectFrom('commitments').select(['implementation_status', 'progress_percent']).where('id', '=', commitment.id).executeTakeFirstOrThrow();
    assert.deepEqual(rolled, { implementation_status: 'complete', progress_percent: 100 });
  });
});
