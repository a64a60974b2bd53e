import { randomBytes } from 'node:crypto';
import { parseHTML } from 'linkedom';
import type { Db } from '../../src/db/database.ts';
import { createAccount } from '../../src/modules/accounts/accounts.users.ts';
import { grantRoleInTransaction } from '../../src/modules/roles/roles.service.ts';
import { createSession, SESSION_COOKIE } from '../../src/platform/sessions.ts';
import { type LoadResult, runLoad } from './load.ts';

export interface WritesResult {
  load: LoadResult;
  /** 2xx and 3xx answers: the writes the platform said it made. */
  acknowledged: number;
  rowsAdded: number;
  /** Acknowledged writes with no row to show for them. */
  lost: number;
  /** Rows written whose answer had not arrived when the load stopped. */
  inFlight: number;
  /** Acknowledged writes per second. */
  writesPerSecond: number;
}

const setCookies = (response: Response): string[] => response.headers.getSetCookie();

/**
 * A government point of contact made with the platform's own services (account, grant, session), for the
 * member with the most commitments, and the commitments whose progress they will report.
 */
export async function pointOfContact(db: Db): Promise<{ sessionToken: string; commitments: string[] } | null> {
  const busiest = await db
    .selectFrom('commitments')
    .select(['member_id', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('member_id')
    .orderBy('n', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!busiest) return null;
  const commitments = (await db.selectFrom('commitments').select('ogp_id').where('member_id', '=', busiest.member_id).orderBy('ogp_id').limit(200).execute()).map((c) => c.ogp_id);
  const userId = await db.transaction().execute(async (trx) => {
    const user = await createAccount(trx, null, {
      email: `bench-poc-${randomBytes(4).toString('hex')}@example.org`,
      displayName: 'Bench Point of Contact',
      password: randomBytes(18).toString('base64url'),
      verified: true,
    });
    await grantRoleInTransaction(trx, null, { userId: user.id, role: 'government_poc', memberId: busiest.member_id });
    return user.id;
  });
  return { sessionToken: await createSession(db, userId), commitments };
}

export interface WriteSession {
  cookie: string;
  csrfToken: string;
  paths: string[];
}

/** Opens the progress form as the signed-in point of contact: its CSRF token and cookie, as a browser gets them. */
export async function openProgressForm(baseUrl: string, sessionToken: string, commitments: readonly string[]): Promise<WriteSession | { status: number }> {
  const paths = commitments.map((id) => `/commitments/${encodeURIComponent(id)}/progress/new`);
  const sessionCookie = `${SESSION_COOKIE}=${sessionToken}`;
  const response = await fetch(`${baseUrl}${paths[0]}`, { headers: { cookie: sessionCookie }, redirect: 'manual' });
  if (response.status !== 200) return { status: response.status };
  const { document } = parseHTML(await response.text());
  const csrfToken = document.querySelector('input[name="_csrf"]')?.getAttribute('value') ?? '';
  const csrfCookie = setCookies(response)
    .map((line) => line.split(';')[0]!)
    .find((pair) => pair.startsWith('_csrf='));
  if (!csrfToken || !csrfCookie) throw new Error('the progress form has no CSRF token or cookie');
  return { cookie: `${sessionCookie}; ${csrfCookie}`, csrfToken, paths };
}

/** The request numbers whose update is stored, read back from the narratives this run wrote. */
async function storedRequests(db: Db, runId: string): Promise<Set<number>> {
  const rows = await db.selectFrom('progress_updates').select('narrative').where('narrative', 'like', `%[${runId}]`).execute();
  return new Set(rows.map((r) => Number(/#(\d+) /.exec(r.narrative)?.[1] ?? -1)));
}

/**
 * Progress updates posted through HTTP at fixed concurrency, each with a numbered narrative, then read back:
 * an acknowledged update (2xx or 3xx) whose row is not in progress_updates is lost. Rows whose answer had not
 * arrived when the load stopped are in flight, not lost.
 */
export async function measureWrites(db: Db, baseUrl: string, session: WriteSession, connections: number, seconds: number): Promise<WritesResult> {
  const runId = randomBytes(6).toString('hex');
  const fields = { status: 'limited', percent: '40', evidence: '', milestone: '', _csrf: session.csrfToken };
  const acknowledged = new Set<number>();
  const load = await runLoad({
    baseUrl,
    paths: session.paths,
    method: 'POST',
    headers: { cookie: session.cookie, 'content-type': 'application/x-www-form-urlencoded' },
    bodyFor: (index) => new URLSearchParams({ ...fields, narrative: `Benchmark progress update #${index} [${runId}]` }).toString(),
    onResponse: (status, index) => {
      if (status >= 200 && status < 400) acknowledged.add(index);
    },
    connections,
    seconds,
  });
  const stored = await storedRequests(db, runId);
  const lost = [...acknowledged].filter((index) => !stored.has(index)).length;
  return {
    load,
    acknowledged: acknowledged.size,
    rowsAdded: stored.size,
    lost,
    inFlight: [...stored].filter((index) => !acknowledged.has(index)).length,
    writesPerSecond: acknowledged.size / load.seconds,
  };
}
