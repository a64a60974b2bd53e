import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { TestClient } from '../../../test/support/client.ts';
import { createUser, signedInClient } from '../../../test/support/factories.ts';
import { dataValues, decodeEntities } from '../../../test/support/html.ts';
import { useTestApp } from '../../../test/support/test-app.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { UserRow } from '../accounts/accounts.repository.ts';
import { grantRole } from '../roles/roles.service.ts';
import { AUDIT_PER_PAGE, isCalendarDate } from './audit.service.ts';

const eventIds = (body: string): string[] => dataValues(body, 'data-audit-id');
const today = (): string => new Date().toISOString().slice(0, 10);
const shiftDays = (days: number): string => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

describe('the audit log page', () => {
  const t = useTestApp();
  let client: TestClient;
  let admin: UserRow;
  let person: UserRow;

  before(async () => {
    admin = await createUser(t.ctx.db, { displayName: 'Audrey Auditor', roles: ['support_unit'] });
    client = await signedInClient(t.app, admin);
    person = await createUser(t.ctx.db, { displayName: 'Perry Person' });
    await grantRole(t.ctx.db, admin.id, { userId: person.id, role: 'irm_staff' });
    await t.ctx.db.transaction().execute((trx) =>
      recordAudit(trx, { actorId: null, action: 'widget.tuned', entityType: 'widget', entityId: 'w-1', summary: 'Tuned <the> widget', before: { pitch: 1 }, after: { pitch: 2 }, isPublic: true }),
    );
  });

  async function eventsWhere(where: { action?: string; actorId?: string | null; entityType?: string }): Promise<string[]> {
    let query = t.ctx.db.selectFrom('audit_events').select('id');
    if (where.action) query = query.where('action', '=', where.action);
    if (where.entityType) query = query.where('entity_type', '=', where.entityType);
    if (where.actorId !== undefined) query = where.actorId === null ? query.where('actor_id', 'is', null) : query.where('actor_id', '=', where.actorId);
    return (await query.execute()).map((r) => r.id).sort();
  }

  it('lists every event, newest first, with who, what and the values before and after', async () => {
    const response = await client.get('/admin/audit');
    assert.equal(response.status, 200);
    const all = await eventsWhere({});
    assert.deepEqual([...eventIds(response.body)].sort(), all);
    const times = new Map((await t.ctx.db.selectFrom('audit_events').select(['id', 'occurred_at']).execute()).map((r) => [r.id, r.occurred_at]));
    const shown = eventIds(response.body).map((id) => times.get(id) ?? '');
    assert.deepEqual(shown, [...shown].sort().reverse(), 'the newest comes first');
    assert.match(response.body, /Tuned &lt;the&gt; widget/);
    assert.match(response.body, /The platform/, 'an event with no actor is the platform’s');
    assert.match(response.body, /Audrey Auditor/);
    assert.match(response.body, /<details class="govuk-details/);
    const before = /<pre class="ogp-pre">([^<]*pitch[^<]*)<\/pre>/.exec(response.body)?.[1];
    assert.equal(decodeEntities(before ?? ''), JSON.stringify({ pitch: 1 }, null, 2));
    // The action dropdown offers exactly the actions that have happened.
    assert.match(response.body, /<option value="role.granted">role.granted<\/option>/);
    assert.match(response.body, /<option value="widget.tuned">widget.tuned<\/option>/);
  });

  it('filters by action', async () => {
    const response = await client.get('/admin/audit?action=role.granted');
    assert.deepEqual(eventIds(response.body).sort(), await eventsWhere({ action: 'role.granted' }));
    assert.match(response.body, /<option value="role.granted" selected>/);
  });

  it('filters by type of record and by record', async () => {
    const byType = await client.get('/admin/audit?entityType=widget');
    assert.deepEqual(eventIds(byType.body).sort(), await eventsWhere({ entityType: 'widget' }));
    const byRecord = await client.get(`/admin/audit?entityType=user&entityId=${person.id}`);
    const ids = eventIds(byRecord.body);
    assert.equal(ids.length, 2, 'the account’s creation and its grant');
  });

  it('filters by the email address of the person who acted, in any case', async () => {
    const response = await client.get(`/admin/audit?actor=${encodeURIComponent(admin.email.toUpperCase())}`);
    assert.deepEqual(eventIds(response.body).sort(), await eventsWhere({ actorId: admin.id }));
    assert.ok(eventIds(response.body).length >= 2);
  });

  it('finds nothing, and says why, for an email address no account uses', async () => {
    const response = await client.get('/admin/audit?actor=nobody%40example.org');
    assert.equal(response.status, 200);
    assert.deepEqual(eventIds(response.body), []);
    assert.match(response.body, /No account uses the email address nobody@example.org/);
  });

  it('filters by dates, including the whole of the last day', async () => {
    const all = await eventsWhere({});
    assert.deepEqual(eventIds((await client.get(`/admin/audit?from=${today()}&to=${today()}`)).body).sort(), all);
    assert.deepEqual(eventIds((await client.get(`/admin/audit?from=${shiftDays(1)}`)).body), []);
    assert.deepEqual(eventIds((await client.get(`/admin/audit?to=${shiftDays(-1)}`)).body), []);
    assert.deepEqual(eventIds((await client.get(`/admin/audit?from=${shiftDays(-1)}&action=widget.tuned`)).body).sort(), await eventsWhere({ action: 'widget.tuned' }));
  });

  it('shows a date that is not real as an error, with the filters kept and no results', async () => {
    const response = await client.get('/admin/audit?from=2026-02-30&to=27%2F03%2F2026&action=role.granted');
    assert.equal(response.status, 400);
    assert.match(response.body, /class="govuk-error-summary"/);
    assert.match(response.body, /<a href="#from">Enter a real date in the format YYYY-MM-DD/);
    assert.match(response.body, /<a href="#to">Enter a real date in the format YYYY-MM-DD/);
    assert.match(response.body, /id="from" name="from" type="text" spellcheck="false" value="2026-02-30"/);
    assert.match(response.body, /<option value="role.granted" selected>/);
    assert.deepEqual(eventIds(response.body), []);
  });

  it('refuses a range that ends before it starts', async () => {
    const response = await client.get('/admin/audit?from=2026-03-02&to=2026-03-01');
    assert.equal(response.status, 400);
    assert.match(response.body, /<a href="#to">The ‘to’ date must be the same as or after the ‘from’ date<\/a>/);
  });

  it('pages through the log fifty events at a time, keeping the filters', async () => {
    await t.ctx.db.transaction().execute(async (trx) => {
      for (let i = 0; i < AUDIT_PER_PAGE + 5; i++) {
        await recordAudit(trx, { actorId: admin.id, action: 'bulk.test', entityType: 'bulk', entityId: `b-${i}`, summary: `Bulk ${i}` });
      }
    });
    const first = await client.get('/admin/audit?action=bulk.test');
    assert.equal(eventIds(first.body).length, AUDIT_PER_PAGE);
    assert.match(first.body, /Changes found: 55/);
    assert.match(first.body, /href="\/admin\/audit\?action=bulk.test&amp;page=2"/);
    const second = await client.get('/admin/audit?action=bulk.test&page=2');
    assert.equal(eventIds(second.body).length, 5);
    assert.equal(new Set([...eventIds(first.body), ...eventIds(second.body)]).size, AUDIT_PER_PAGE + 5, 'no event shows twice');
  });
});

describe('calendar dates', () => {
  it('accepts real days only', () => {
    for (const good of ['2026-01-31', '2024-02-29', '2000-12-01']) assert.equal(isCalendarDate(good), true, good);
    for (const bad of ['2026-02-29', '2026-13-01', '2026-1-1', '26-01-01', '2026-01-01T00:00', '', 'yesterday']) assert.equal(isCalendarDate(bad), false, bad);
  });
});

describe('the audit log itself', () => {
  const t = useTestApp();

  it(`is append-only: the database refuses to change or delete an event (${process.env.TEST_DB === 'postgres' ? 'PostgreSQL' : 'SQLite'})`, async () => {
    await t.ctx.db.transaction().execute((trx) =>
      recordAudit(trx, { actorId: null, action: 'test.appended', entityType: 'test', entityId: 't-1', summary: 'Original' }),
    );
    const row = await t.ctx.db.selectFrom('audit_events').selectAll().where('action', '=', 'test.appended').executeTakeFirstOrThrow();

    await assert.rejects(t.ctx.db.updateTable('audit_events').set({ summary: 'Rewritten' }).where('id', '=', row.id).execute(), /append-only/);
    await assert.rejects(t.ctx.db.deleteFrom('audit_events').where('id', '=', row.id).execute(), /append-only/);
    await assert.rejects(t.ctx.db.deleteFrom('audit_events').execute(), /append-only/);

    assert.deepEqual(await t.ctx.db.selectFrom('audit_events').selectAll().where('id', '=', row.id).executeTakeFirst(), row);
    // Adding goes on working after a refusal.
    await t.ctx.db.transaction().execute((trx) => recordAudit(trx, { actorId: null, action: 'test.appended', entityType: 'test', entityId: 't-2' }));
    assert.equal((await t.ctx.db.selectFrom('audit_events').select('id').where('action', '=', 'test.appended').execute()).length, 2);
  });
});
