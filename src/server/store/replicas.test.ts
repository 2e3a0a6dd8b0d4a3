// Two admin servers ("replicas") on one real PostgreSQL, over real HTTP against the emulator: no save passes an
// If-Match that another replica's save made stale, the lock waits for the other replica's write to settle, and
// sessions, login limits, users (npm run user:add), the copy from admin.sqlite and the health check are shared.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestPostgres, type TestPostgres } from '../../test-support/postgres';
import { hashPassword } from '../auth/password';
import { DEMO_PROJECT_ID } from '../emulator/seed';
import { api, hooks, startAdmin, startTestEmulator, type Admin, type Emulator } from '../proxy/test-support';
import { projectLockKey } from './postgres';
import { openSqliteStore } from './sqlite';

const P = DEMO_PROJECT_ID;
const UPSTREAM_PATH = `/user/v1/projects/${P}/`;
const PROJECT = `/api${UPSTREAM_PATH}`;
const PASSWORD = 'correct horse battery staple';

let server: TestPostgres;
let emu: Emulator;
let hook: ReturnType<typeof hooks>;
beforeAll(async () => {
  [server, emu] = await Promise.all([startTestPostgres(), startTestEmulator()]);
  hook = hooks(emu.url);
});
afterAll(async () => {
  await Promise.all([server?.stop(), emu?.close()]);
});

let n = 0;
let databaseUrl: string;
let a: Admin;
let b: Admin;
const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'replicas-'));
  dirs.push(dir);
  return dir;
};
beforeEach(async () => {
  await hook.reset();
  databaseUrl = await server.createDatabase(`replicas_${(n += 1)}`);
  // Started at once: the second start's migration waits for the first's, then finds nothing to do.
  [a, b] = await Promise.all([startAdmin(emu.url, { databaseUrl }), startAdmin(emu.url, { databaseUrl })]);
});
afterEach(async () => {
  await Promise.all([a?.close(), b?.close()]);
  dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true }));
});

const load = async (admin: Admin) => (await api(admin.url, PROJECT)).headers.get('etag') as string;
const patch = (admin: Admin, etag: string, body: object) =>
  api(admin.url, PROJECT, {
    method: 'PATCH',
    headers: { 'content-type': 'application/json', 'if-match': etag },
    body: JSON.stringify(body),
  });
const history = async (admin: Admin, cookie?: string) =>
  (
    await api(admin.url, `/app-api/projects/${P}/history?page_size=100`, { headers: cookie ? { cookie } : {} })
  ).json() as Promise<{
    count: number;
    results: { user: string; kind: string; changes: { field: string; after?: unknown }[] }[];
  }>;

/** Waits until PostgreSQL shows the project's advisory lock as wanted (how many sessions hold it, how many wait). */
async function waitForLock(want: (state: { held: number; waiting: number }) => boolean): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    for (;;) {
      const { rows } = await client.query<{ granted: boolean }>(
        `SELECT granted FROM pg_locks WHERE locktype = 'advisory' AND objsubid = 1
         AND ((classid::bigint << 32) | objid::bigint) = $1`,
        [projectLockKey(P)],
      );
      if (want({ held: rows.filter((r) => r.granted).length, waiting: rows.filter((r) => !r.granted).length })) return;
    }
  } finally {
    await client.end();
  }
}

describe('saves through two replicas', () => {
  it('accept exactly one of many saves carrying the same ETag, and both replicas show its one history row', async () => {
    const etag = await load(a);
    const answers = await Promise.all(
      Array.from({ length: 8 }, (_, i) => patch(i % 2 ? a : b, etag, { name: `Replica save ${i}` })),
    );
    const statuses = answers.map((res) => res.status).sort();
    expect(statuses).toEqual([200, 412, 412, 412, 412, 412, 412, 412]);
    const winner = answers.find((res) => res.status === 200)!.json().name;
    expect((await hook.getProject(P)).name).toBe(winner);
    for (const admin of [a, b]) {
      const rows = await history(admin);
      expect(rows.count).toBe(1);
      expect(rows.results[0].changes).toEqual([expect.objectContaining({ field: 'name', after: winner })]);
    }
  });

  it('wait for the other replica’s write to settle, then check against it (412); the history is one chain', async () => {
    const etag = await load(a);
    await hook.fault({ method: 'PATCH', path: UPSTREAM_PATH, kind: 'hold', delayMs: 60_000 });
    const first = patch(a, etag, { name: 'Held on A' });
    await waitForLock((s) => s.held === 1);
    const second = patch(b, etag, { name: 'Same ETag on B' });
    // B's save waits on PostgreSQL for A's lock (not in B's process): seen as a waiting advisory lock.
    await waitForLock((s) => s.waiting === 1);
    await hook.release();
    expect((await first).status).toBe(200);
    const late = await second;
    expect(late.status).toBe(412);
    expect(late.json().project.name).toBe('Held on A');
    const again = await patch(b, late.headers.get('etag') as string, { name: 'Merged on B' });
    expect(again.status).toBe(200);
    const rows = (await history(a)).results.reverse();
    expect(rows.map((row) => [row.kind, row.changes[0].after])).toEqual([
      ['save', 'Held on A'],
      ['save', 'Merged on B'],
    ]);
  });

  it('answer 409 when the other replica holds the lock longer than the bound', async () => {
    const quick = await startAdmin(emu.url, { databaseUrl, timeoutMs: 200 });
    try {
      const etag = await load(a);
      await hook.fault({ method: 'PATCH', path: UPSTREAM_PATH, kind: 'hold', delayMs: 60_000 });
      const first = patch(a, etag, { name: 'Held on A' });
      await waitForLock((s) => s.held === 1);
      const refused = await patch(quick, etag, { name: 'Gives up' });
      expect(refused.status).toBe(409);
      expect(refused.json().detail).toBe('An earlier save of this project is still being processed');
      await hook.release();
      expect((await first).status).toBe(200);
    } finally {
      await quick.close();
    }
  });
});

describe('login across replicas', () => {
  it('a session made on one works on the other; logging out on the other ends it; limits count on both', async () => {
    // npm run user:add with DATABASE_URL: one user for every replica.
    const add = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/user-add.ts', 'ann'], {
      input: `${PASSWORD}\n`,
      env: { ...process.env, DATABASE_URL: databaseUrl, DATA_DIR: tempDir() },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(add.stderr).toBe('');
    expect(add.stdout).toContain('User "ann" added (postgres://postgres@127.0.0.1:');
    expect((await api(b.url, PROJECT)).status).toBe(401);

    const login = await api(a.url, '/app-api/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'ann', password: PASSWORD }),
    });
    expect(login.status).toBe(200);
    const cookie = (login.headers.get('set-cookie') as string).split(';')[0];
    expect((await api(b.url, PROJECT, { headers: { cookie } })).status).toBe(200);
    expect((await api(b.url, '/app-api/session', { headers: { cookie } })).json().user).toBe('ann');
    await api(b.url, '/app-api/logout', { method: 'POST', headers: { cookie } });
    expect((await api(a.url, PROJECT, { headers: { cookie } })).status).toBe(401);

    // One client address, wrong passwords spread over both replicas: the 6th attempt is refused on either.
    for (let i = 0; i < 5; i++) {
      const res = await api(i % 2 ? a.url : b.url, '/app-api/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'ann', password: `wrong password ${i}` }),
      });
      expect(res.status).toBe(401);
    }
    for (const admin of [b, a]) {
      const res = await api(admin.url, '/app-api/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'ann', password: PASSWORD }),
      });
      expect(res.status).toBe(429);
      expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    }
  });
});

describe('the health check and the copy from admin.sqlite', () => {
  it('reports PostgreSQL', async () => {
    const res = await api(a.url, '/app-api/health');
    expect(res.status).toBe(200);
    expect(res.json()).toEqual({ ok: true, database: { kind: 'postgres', ok: true } });
  });

  it('with PostgreSQL down, a save and a read get 503 (never 500) and nothing reaches the upstream; the health check answers 503', async () => {
    const own = await startTestPostgres(); // its own server, stopped below: the shared one stays up
    const admin = await startAdmin(emu.url, { databaseUrl: await own.createDatabase('goes_down') });
    try {
      const etag = await load(admin);
      await own.stop();
      await hook.clearRequests();
      const refused = await patch(admin, etag, { name: 'Never sent' });
      expect([refused.status, refused.json(), refused.headers.get('retry-after')]).toEqual([
        503,
        { detail: 'The console database does not answer. Try again in a moment.' },
        '5',
      ]);
      expect((await hook.requests()).filter((r) => r.method === 'PATCH')).toEqual([]);
      // A read (the GET fast path) says the same: the session cannot be checked.
      const read = await api(admin.url, PROJECT);
      expect([read.status, read.json().detail]).toEqual([
        503,
        'The console database does not answer. Try again in a moment.',
      ]);
      const health = await api(admin.url, '/app-api/health');
      expect(health.status).toBe(503);
      expect(health.json()).toMatchObject({ ok: false, database: { kind: 'postgres', ok: false } });
    } finally {
      await admin.close();
      await own.stop();
    }
  });

  it('copies users and history once; a second copy is refused and changes nothing', async () => {
    const dir = tempDir();
    const sqlite = openSqliteStore(dir);
    await sqlite.setUser('bob', await hashPassword(PASSWORD));
    for (let i = 1; i <= 3; i++)
      await sqlite.recordHistory({
        user: 'bob',
        projectId: P,
        kind: i === 3 ? 'revert' : 'save',
        changes: [{ field: 'name', before: `v${i - 1}`, after: `v${i}` }],
      });
    await sqlite.close();
    const copy = () =>
      spawnSync(process.execPath, ['--import', 'tsx', 'scripts/db-copy.ts'], {
        env: { ...process.env, DATABASE_URL: databaseUrl, DATA_DIR: dir },
        encoding: 'utf8',
        timeout: 60_000,
      });
    const first = copy();
    expect(first.stderr).toBe('');
    expect(first.stdout).toContain('Copied 1 users and 3 history rows');
    // The copied user logs in (on either replica); the copied history reads as it was written.
    const login = await api(a.url, '/app-api/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'bob', password: PASSWORD }),
    });
    expect(login.status).toBe(200);
    const cookie = (login.headers.get('set-cookie') as string).split(';')[0];
    const rows = (await history(b, cookie)).results;
    expect(rows.map((row) => [row.user, row.kind, row.changes[0].after])).toEqual([
      ['bob', 'revert', 'v3'],
      ['bob', 'save', 'v2'],
      ['bob', 'save', 'v1'],
    ]);

    const second = copy();
    expect(second.status).toBe(1);
    expect(second.stderr).toMatch(/already holds 3 rows: the copy goes only into an empty history/);
    expect((await history(a, cookie)).count).toBe(3);
  });
});
