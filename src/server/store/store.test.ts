// The admin store's contract, run against both implementations: SQLite in a temporary DATA_DIR, and a real
// PostgreSQL server started for this file (src/test-support/postgres.ts), a fresh database per test.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestPostgres, type TestPostgres } from '../../test-support/postgres';
import { isRefusal, LoginLimiter } from '../auth/limiter';
import { SESSION_TTL_MS } from '../auth/store';
import { openAdminStore } from './index';
import { openPostgresStore, POSTGRES_SCHEMA_VERSION, projectLockKey } from './postgres';
import type { AdminStore } from './types';

let server: TestPostgres;
beforeAll(async () => {
  server = await startTestPostgres();
});
afterAll(async () => {
  await server?.stop();
});

const opened: AdminStore[] = [];
const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((store) => store.close().catch(() => {})));
  dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true }));
});

const placeUrls = new WeakMap<object, string>();
function databaseUrlOf(place: object): string {
  const url = placeUrls.get(place);
  if (!url) throw new Error('not a PostgreSQL place');
  return url;
}

let databases = 0;
/** A new, empty place for a store; `open` opens (another handle on) the same one. */
type Place = { open(): Promise<AdminStore> };
const backends: { name: string; shared: boolean; place(): Promise<Place> }[] = [
  {
    name: 'SQLite',
    shared: false,
    async place() {
      const dataDir = mkdtempSync(join(tmpdir(), 'store-test-'));
      dirs.push(dataDir);
      return { open: () => track(openAdminStore({ dataDir })) };
    },
  },
  {
    name: 'PostgreSQL',
    shared: true,
    async place() {
      const databaseUrl = await server.createDatabase(`store_test_${(databases += 1)}`);
      const place = { open: () => track(openAdminStore({ dataDir: '/nonexistent', databaseUrl })) };
      placeUrls.set(place, databaseUrl);
      return place;
    },
  },
];

async function track(store: Promise<AdminStore>): Promise<AdminStore> {
  const s = await store;
  opened.push(s);
  return s;
}

const change = (i: number) => [{ field: 'name', before: `n${i - 1}`, after: `n${i}` }];

describe.each(backends)('$name store', (backend) => {
  it('lists a project newest first, paginated, and keeps it when reopened', async () => {
    const place = await backend.place();
    const store = await place.open();
    for (let i = 1; i <= 5; i++) await store.recordHistory({ user: 'local', projectId: 1, changes: change(i) });
    await store.recordHistory({ user: 'ann', projectId: 2, kind: 'revert', changes: [] });
    await store.close();

    const reopened = await place.open();
    const first = await reopened.list(1, 1, 2);
    expect(first.count).toBe(5);
    expect(first.results.map((e) => (e.changes[0] as { after: string }).after)).toEqual(['n5', 'n4']);
    expect(first.results[0]).toMatchObject({ user: 'local', projectId: 1, kind: 'save' });
    expect((await reopened.list(1, 3, 2)).results).toHaveLength(1);
    const other = await reopened.list(2);
    expect(other.count).toBe(1);
    expect(other.results[0]).toMatchObject({ user: 'ann', projectId: 2, kind: 'revert', changes: [] });
  });

  it('gives the save lock to one holder at a time; its history reads what was recorded', async () => {
    const store = await (await backend.place()).open();
    const first = await store.lockProject(7, 10_000);
    expect(first).not.toBeNull();
    await first!.record({ user: 'ann', changes: change(1) });
    await first!.record({ user: 'ann', changes: [{ field: 'webhook_secret', secret: 'replaced' }] });
    expect(await first!.lastAfter()).toEqual(new Map([['name', 'n1']]));

    let secondHeld = false;
    const second = store.lockProject(7, 10_000).then((lock) => ((secondHeld = true), lock));
    // Another project is not held up.
    const otherProject = await store.lockProject(8, 10_000);
    expect(otherProject).not.toBeNull();
    await otherProject!.release();
    expect(secondHeld).toBe(false);
    await first!.release();
    const next = await second;
    expect(next).not.toBeNull();
    await next!.record({ user: 'bob', changes: change(2) });
    expect(await next!.lastAfter()).toEqual(new Map([['name', 'n2']]));
    await next!.release();
    expect((await store.list(7)).results.map((e) => e.user)).toEqual(['bob', 'ann', 'ann']);
  });

  it('answers null when the lock is not free within the wait', async () => {
    const store = await (await backend.place()).open();
    const held = await store.lockProject(3, 1000);
    expect(await store.lockProject(3, 50)).toBeNull();
    await held!.release();
    const after = await store.lockProject(3, 50);
    expect(after).not.toBeNull();
    await after!.release();
  });

  it('adds users, changes a password (ending that user’s sessions) and expires sessions', async () => {
    const store = await (await backend.place()).open();
    expect(await store.hasUsers()).toBe(false);
    expect(await store.setUser('ann', 'hash-1')).toBe('added');
    expect(await store.hasUsers()).toBe(true);
    expect(await store.passwordHash('ann')).toBe('hash-1');
    expect(await store.passwordHash('nobody')).toBeUndefined();

    const now = Date.now();
    const token = await store.createSession('ann', now);
    expect(await store.sessionUser(token, now + SESSION_TTL_MS - 1)).toBe('ann');
    expect(await store.sessionUser(token, now + SESSION_TTL_MS)).toBeUndefined();
    expect(await store.sessionUser(`${token}x`, now)).toBeUndefined();

    const other = await store.createSession('ann', now);
    await store.deleteSession(other);
    expect(await store.sessionUser(other, now)).toBeUndefined();

    expect(await store.setUser('ann', 'hash-2')).toBe('updated');
    expect(await store.passwordHash('ann')).toBe('hash-2');
    expect(await store.sessionUser(token, now)).toBeUndefined();
  });

  it('keeps the login limits: 5 attempts per address, a success clears only its own user', async () => {
    const store = await (await backend.place()).open();
    const limiter = new LoginLimiter({ max: 5, windowMs: 60_000 }, store.limits);
    const now = 1_000_000;
    const guesses = [];
    for (let i = 0; i < 4; i++) guesses.push(await limiter.reserve('10.0.0.1', 'eve', undefined, now));
    expect(guesses.some(isRefusal)).toBe(false);
    const mine = await limiter.reserve('10.0.0.1', 'ann', 'hash', now);
    expect(isRefusal(mine)).toBe(false);
    const refused = await limiter.reserve('10.0.0.1', 'ann', 'hash', now + 1000);
    expect(refused).toEqual({ reason: 'address', retryAfterSeconds: 59 });
    // ann's success refunds ann's attempt only: one more attempt, then the guesses at eve still count.
    if (!isRefusal(mine)) await limiter.succeed(mine, now + 1000);
    expect(isRefusal(await limiter.reserve('10.0.0.1', 'ann', 'hash', now + 1000))).toBe(false);
    expect(isRefusal(await limiter.reserve('10.0.0.1', 'ann', 'hash', now + 1000))).toBe(true);
    // Another address is counted apart; the window ends.
    expect(isRefusal(await limiter.reserve('10.0.0.2', 'eve', undefined, now + 1000))).toBe(false);
    expect(isRefusal(await limiter.reserve('10.0.0.1', 'eve', undefined, now + 60_001))).toBe(false);
  });

  it('slows a user name down across addresses after userMax failures, and a new password starts over', async () => {
    const store = await (await backend.place()).open();
    const limiter = new LoginLimiter({ max: 5, windowMs: 60_000, userMax: 3, userDelayMs: 1000 }, store.limits);
    const now = 5_000_000;
    for (let i = 0; i < 4; i++) expect(isRefusal(await limiter.reserve(`10.1.0.${i}`, 'ann', 'h1', now))).toBe(false);
    expect(await limiter.reserve('10.1.0.9', 'ann', 'h1', now)).toEqual({ reason: 'user', retryAfterSeconds: 1 });
    expect(isRefusal(await limiter.reserve('10.1.0.9', 'ann', 'h2', now))).toBe(false);
  });

  it('migrates once: opening again (twice at once) finds the schema in place', async () => {
    const place = await backend.place();
    await (await place.open()).recordHistory({ user: 'local', projectId: 1, changes: change(1) });
    const [a, b] = await Promise.all([place.open(), place.open()]);
    expect((await a.list(1)).count).toBe(1);
    expect((await b.list(1)).count).toBe(1);
    await a.ping();
  });

  it.runIf(backend.shared)('shares history, users, sessions and limits between two replicas', async () => {
    const place = await backend.place();
    const [a, b] = [await place.open(), await place.open()];
    await a.setUser('ann', 'hash-1');
    expect(await b.hasUsers()).toBe(true);
    const token = await a.createSession('ann');
    expect(await b.sessionUser(token)).toBe('ann');
    await b.deleteSession(token);
    expect(await a.sessionUser(token)).toBeUndefined();

    const lock = await a.lockProject(5, 1000);
    await lock!.record({ user: 'ann', changes: change(1) });
    await lock!.release();
    expect((await b.list(5)).results[0].user).toBe('ann');
    const onB = await b.lockProject(5, 1000);
    expect(await onB!.lastAfter()).toEqual(new Map([['name', 'n1']]));
    await onB!.release();

    const [la, lb] = [new LoginLimiter(undefined, a.limits), new LoginLimiter(undefined, b.limits)];
    const now = 9_000_000;
    // Simultaneous attempts on two replicas: exactly 5 of 8 are counted, whichever replica took them.
    const all = await Promise.all(
      Array.from({ length: 8 }, (_, i) => (i % 2 ? la : lb).reserve('10.2.0.1', `u${i}`, undefined, now)),
    );
    expect(all.filter((r) => !isRefusal(r))).toHaveLength(5);
  });

  it.runIf(backend.shared)('holds the save lock across replicas; a replica that dies releases it', async () => {
    const place = await backend.place();
    const [a, b] = [await place.open(), await place.open()];
    const onA = await a.lockProject(11, 1000);
    expect(await b.lockProject(11, 100)).toBeNull();
    await onA!.release();
    const onB = await b.lockProject(11, 1000);
    expect(onB).not.toBeNull();
    await onB!.release();

    // A "replica" that takes the lock and dies: its connection goes, and the lock with it.
    const dying = new pg.Client({ connectionString: databaseUrlOf(place) });
    await dying.connect();
    await dying.query('SELECT pg_advisory_lock($1)', [projectLockKey(11)]);
    expect(await b.lockProject(11, 100)).toBeNull();
    const waiting = b.lockProject(11, 15_000);
    dying.on('error', () => {});
    (dying as unknown as { connection: { stream: { destroy(): void } } }).connection.stream.destroy();
    const taken = await waiting;
    expect(taken).not.toBeNull();
    await taken!.release();
  });

  it.runIf(backend.shared)('waiting saves hold no pool connection', async () => {
    const url = await server.createDatabase(`store_test_${(databases += 1)}`);
    const store = await track(openPostgresStore(url, { poolSize: 2 }));
    const held = await store.lockProject(21, 1000);
    const waiters = Array.from({ length: 5 }, () => store.lockProject(21, 20_000));
    // With the holder's connection taken, the one left still serves everything else.
    await store.setUser('ann', 'h');
    expect(await store.passwordHash('ann')).toBe('h');
    await held!.release();
    for (const waiter of waiters) await (await waiter)!.release();
  });

  it.runIf(backend.shared)('records the schema version once', async () => {
    const url = await server.createDatabase(`store_test_${(databases += 1)}`);
    await Promise.all([track(openPostgresStore(url)), track(openPostgresStore(url)), track(openPostgresStore(url))]);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const { rows } = await client.query('SELECT version FROM schema_migrations ORDER BY version');
      expect(rows.map((row) => row.version)).toEqual(Array.from({ length: POSTGRES_SCHEMA_VERSION }, (_, i) => i + 1));
    } finally {
      await client.end();
    }
  });
});
