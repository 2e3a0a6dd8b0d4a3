import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_PROJECT_ID } from '../emulator/seed';
import { buildAdminServer, NoUserError } from '../proxy/index';
import { api, hooks, startAdmin, startTestEmulator, TEST_KEY, type Admin, type Emulator } from '../proxy/test-support';
import { safeNext, SESSION_COOKIE } from './index';
import { verifyPassword } from './password';
import { openSqliteStore as openAuthStore } from '../store/sqlite';
import { SESSION_TTL_MS } from './store';

// Login over real HTTP: users added with the real `npm run user:add` script, sessions, redirects, limits.

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const P = DEMO_PROJECT_ID;
const PROJECT = `/api/user/v1/projects/${P}/`;
const PASSWORD = 'correct horse battery staple';

let emu: Emulator;
let hook: ReturnType<typeof hooks>;
const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'cekura-auth-'));
  dirs.push(dir);
  return dir;
};

/** `npm run user:add -- <name>` with the password on standard input (not a terminal). */
function userAdd(dataDir: string, name: string, password: string) {
  return spawnSync(process.execPath, ['--import', 'tsx', 'scripts/user-add.ts', name], {
    cwd: ROOT,
    env: { ...process.env, DATA_DIR: dataDir },
    input: `${password}\n`,
    encoding: 'utf8',
  });
}

let withUser: string;
beforeAll(async () => {
  emu = await startTestEmulator();
  hook = hooks(emu.url);
  withUser = tempDir();
  const added = userAdd(withUser, 'ann', PASSWORD);
  expect(added.status, added.stderr).toBe(0);
  expect(added.stdout).toContain('User "ann" added');
}, 60_000);
afterAll(async () => {
  await emu?.close();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});
beforeEach(async () => {
  await hook.reset();
});

const json = (body: unknown, extra: Record<string, string> = {}): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', ...extra },
  body: JSON.stringify(body),
});

async function logIn(admin: Admin, name = 'ann', password = PASSWORD, extra: Record<string, string> = {}) {
  const res = await api(admin.url, '/app-api/login', json({ name, password }, extra));
  const setCookie = res.headers.get('set-cookie') ?? '';
  const cookie = setCookie.split(';')[0];
  return { res, setCookie, cookie };
}

describe('user:add', () => {
  it('stores a scrypt hash with a random salt (never the password) and refuses short passwords', async () => {
    const dir = tempDir();
    expect(userAdd(dir, 'bob', PASSWORD).status).toBe(0);
    expect(userAdd(dir, 'cy', PASSWORD).status).toBe(0);
    const short = userAdd(dir, 'dee', 'short');
    expect(short.status).toBe(1);
    expect(short.stderr).toMatch(/at least 10 characters/);
    const store = openAuthStore(dir);
    const [bob, cy] = [(await store.passwordHash('bob')) as string, (await store.passwordHash('cy')) as string];
    expect(bob).toMatch(/^scrypt\$32768\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    expect(bob).not.toBe(cy);
    expect(await store.passwordHash('dee')).toBeUndefined();
    await store.close();
  });

  it('verifies only the right password; a malformed hash never matches', async () => {
    const store = openAuthStore(withUser);
    const hash = (await store.passwordHash('ann')) as string;
    await store.close();
    expect(await verifyPassword(PASSWORD, hash)).toBe(true);
    expect(await verifyPassword(`${PASSWORD} `, hash)).toBe(false);
    expect(await verifyPassword(PASSWORD, 'plain-text')).toBe(false);
  });
});

describe('without users on a loopback address', () => {
  it('needs no login and says so', async () => {
    const admin = await startAdmin(emu.url);
    try {
      expect((await api(admin.url, '/app-api/session')).json()).toEqual({ user: null, authRequired: false });
      expect((await api(admin.url, PROJECT)).status).toBe(200);
      const login = await api(admin.url, '/login?next=/projects/1/general', { redirect: 'manual' });
      expect([login.status, login.headers.get('location')]).toEqual([302, '/projects/1/general']);
    } finally {
      await admin.close();
    }
  });
});

describe('once a user exists', () => {
  let admin: Admin;
  beforeAll(async () => {
    admin = await startAdmin(emu.url, { dataDir: withUser, loginLimit: { max: 1000, windowMs: 60_000 } });
  });
  afterAll(async () => admin?.close());

  it('refuses /api and /app-api with 401 "Log in first", and nothing reaches the upstream', async () => {
    await hook.clearRequests();
    for (const path of [
      PROJECT,
      '/api/user/v1/projects/',
      '/app-api/config',
      `/app-api/projects/${P}/history`,
      '/app-api/nope',
    ]) {
      const res = await api(admin.url, path);
      expect([res.status, res.json()], path).toEqual([401, { detail: 'Log in first' }]);
    }
    const patch = await api(admin.url, PROJECT, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', 'if-match': '"x"' },
      body: '{}',
    });
    expect(patch.status).toBe(401);
    expect(await hook.requests()).toEqual([]);
  });

  it('redirects pages to /login with the page as next, and answers files with 401', async () => {
    for (const [path, next] of [
      ['/', '%2F'],
      ['/projects/1/general?tab=x', '%2Fprojects%2F1%2Fgeneral%3Ftab%3Dx'],
    ]) {
      const res = await api(admin.url, path, { redirect: 'manual' });
      expect([res.status, res.headers.get('location')], path).toEqual([302, `/login?next=${next}`]);
    }
    for (const path of ['/assets/index-abc.js', '/favicon.svg'])
      expect((await api(admin.url, path)).status, path).toBe(401);
  });

  it('keeps health, session, the login page and its script public', async () => {
    expect((await api(admin.url, '/app-api/health')).json()).toEqual({
      ok: true,
      database: { kind: 'sqlite', ok: true },
    });
    expect((await api(admin.url, '/app-api/session')).json()).toEqual({ user: null, authRequired: true });
    const page = await api(admin.url, '/login?next=%2Fprojects%2F1');
    expect(page.status).toBe(200);
    expect(page.text).toContain('<label for="password">Password</label>');
    expect(page.text).toContain('<script src="/login.js"></script>');
    expect(page.text).not.toMatch(/<script>(?!<\/script>)|on(submit|click|load)=/);
    const script = await api(admin.url, '/login.js');
    expect(script.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(script.text).toContain("fetch('/app-api/login'");
  });

  it('logs in with the right password: an HttpOnly SameSite=Strict cookie that opens everything', async () => {
    const { res, setCookie, cookie } = await logIn(admin);
    expect(res.json()).toEqual({ user: 'ann' });
    expect(setCookie).toMatch(
      new RegExp(`^${SESSION_COOKIE}=[\\w-]{43}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${SESSION_TTL_MS / 1000}$`),
    );
    expect((await api(admin.url, '/app-api/session', { headers: { cookie } })).json()).toEqual({
      user: 'ann',
      authRequired: true,
    });
    expect((await api(admin.url, '/app-api/config', { headers: { cookie } })).status).toBe(200);
    const load = await api(admin.url, PROJECT, { headers: { cookie } });
    expect(load.status).toBe(200);
    const saved = await api(admin.url, PROJECT, {
      method: 'PATCH',
      headers: { cookie, 'content-type': 'application/json', 'if-match': load.headers.get('etag') as string },
      body: '{"name":"Saved by Ann"}',
    });
    expect(saved.status).toBe(200);
    const history = (await api(admin.url, `/app-api/projects/${P}/history`, { headers: { cookie } })).json();
    expect(history.results[0]).toMatchObject({ user: 'ann', changes: [{ field: 'name', after: 'Saved by Ann' }] });
    const login = await api(admin.url, '/login?next=%2Fprojects%2F1%2Frubric', {
      headers: { cookie },
      redirect: 'manual',
    });
    expect(login.headers.get('location')).toBe('/projects/1/rubric');
  });

  it('refuses a wrong password and an unknown user alike, and a forged cookie', async () => {
    for (const [name, password] of [
      ['ann', 'wrong password!'],
      ['nobody', PASSWORD],
    ]) {
      const { res, setCookie } = await logIn(admin, name, password);
      expect([res.status, res.json()]).toEqual([401, { detail: 'Wrong user name or password.' }]);
      expect(setCookie).toBe('');
    }
    expect((await api(admin.url, PROJECT, { headers: { cookie: `${SESSION_COOKIE}=${'A'.repeat(43)}` } })).status).toBe(
      401,
    );
    expect((await api(admin.url, '/app-api/login', json({ name: 'ann' }))).status).toBe(400);
  });

  it('logs out: the cookie is cleared and the session no longer works', async () => {
    const { cookie } = await logIn(admin);
    const out = await api(admin.url, '/app-api/logout', { method: 'POST', headers: { cookie } });
    expect(out.status).toBe(200);
    expect(out.headers.get('set-cookie')).toMatch(
      new RegExp(`^${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0$`),
    );
    expect((await api(admin.url, PROJECT, { headers: { cookie } })).status).toBe(401);
  });

  it("a new password (user:add again) ends that user's sessions", async () => {
    const dir = tempDir();
    expect(userAdd(dir, 'eve', PASSWORD).status).toBe(0);
    const other = await startAdmin(emu.url, { dataDir: dir });
    try {
      const { cookie } = await logIn(other, 'eve');
      expect((await api(other.url, PROJECT, { headers: { cookie } })).status).toBe(200);
      expect(userAdd(dir, 'eve', 'a brand new password').stdout).toContain('sessions ended');
      expect((await api(other.url, PROJECT, { headers: { cookie } })).status).toBe(401);
      expect((await logIn(other, 'eve', 'a brand new password')).res.status).toBe(200);
    } finally {
      await other.close();
    }
  });
});

describe('sessions', () => {
  it('expire after SESSION_TTL_MS', async () => {
    const store = openAuthStore(withUser);
    const now = Date.now();
    const token = await store.createSession('ann', now);
    expect(await store.sessionUser(token, now + SESSION_TTL_MS - 1)).toBe('ann');
    expect(await store.sessionUser(token, now + SESSION_TTL_MS)).toBeUndefined();
    await store.close();
  });
});

describe('failed logins per client address', () => {
  it('allows 5 failures per 15 minutes, then 429 with Retry-After even for the right password; other addresses unaffected', async () => {
    // Behind a proxy, so that X-Forwarded-For gives each request its client address.
    const admin = await startAdmin(emu.url, { dataDir: withUser, trustProxy: true });
    try {
      const from = (ip: string) => ({ 'x-forwarded-for': ip });
      for (let i = 0; i < 5; i++)
        expect((await logIn(admin, 'ann', 'wrong password!', from('203.0.113.7'))).res.status).toBe(401);
      const blocked = await logIn(admin, 'ann', PASSWORD, from('203.0.113.7'));
      expect(blocked.res.status).toBe(429);
      expect(Number(blocked.res.headers.get('retry-after'))).toBeGreaterThan(14 * 60);
      expect(Number(blocked.res.headers.get('retry-after'))).toBeLessThanOrEqual(15 * 60);
      expect(blocked.res.json().detail).toMatch(/Too many failed logins/);
      expect(blocked.setCookie).toBe('');
      expect((await logIn(admin, 'ann', PASSWORD, from('198.51.100.2'))).res.status).toBe(200);
    } finally {
      await admin.close();
    }
  });

  it('counts an attempt before checking it: 200 simultaneous wrong passwords from one address get 5 checks', async () => {
    const admin = await startAdmin(emu.url, { dataDir: withUser, trustProxy: 1 });
    try {
      const burst = await Promise.all(
        Array.from({ length: 200 }, () => logIn(admin, 'ann', 'wrong password!', { 'x-forwarded-for': '203.0.113.8' })),
      );
      const statuses = burst.map((b) => b.res.status);
      expect(statuses.filter((s) => s === 401)).toHaveLength(5);
      expect(statuses.filter((s) => s === 429)).toHaveLength(195);
    } finally {
      await admin.close();
    }
  }, 60_000);

  it("a success clears only that user's count from that address, not the guesses at another name", async () => {
    const dir = tempDir();
    expect(userAdd(dir, 'ann', PASSWORD).status).toBe(0);
    expect(userAdd(dir, 'bea', PASSWORD).status).toBe(0);
    const admin = await startAdmin(emu.url, { dataDir: dir, trustProxy: 1 });
    try {
      const from = { 'x-forwarded-for': '203.0.113.9' };
      for (let i = 0; i < 3; i++) expect((await logIn(admin, 'bea', 'wrong password!', from)).res.status).toBe(401);
      expect((await logIn(admin, 'ann', 'wrong password!', from)).res.status).toBe(401);
      // Ann logs in: her own failure is forgotten, the three guesses at Bea stay (3 + this one of 5 used).
      expect((await logIn(admin, 'ann', PASSWORD, from)).res.status).toBe(200);
      expect((await logIn(admin, 'bea', 'wrong password!', from)).res.status).toBe(401);
      expect((await logIn(admin, 'bea', 'wrong password!', from)).res.status).toBe(401);
      expect((await logIn(admin, 'bea', PASSWORD, from)).res.status).toBe(429);
    } finally {
      await admin.close();
    }
  }, 60_000);

  it('limits one user name across addresses with a growing delay, which user:add for that name clears', async () => {
    const dir = tempDir();
    expect(userAdd(dir, 'ann', PASSWORD).status).toBe(0);
    expect(userAdd(dir, 'bea', PASSWORD).status).toBe(0);
    const admin = await startAdmin(emu.url, {
      dataDir: dir,
      trustProxy: 1,
      // A first delay longer than any test run, so that no figure here depends on timing.
      loginLimit: { max: 5, windowMs: 15 * 60_000, userMax: 4, userDelayMs: 10 * 60_000, userMaxDelayMs: 10 * 60_000 },
    });
    try {
      const from = (i: number) => ({ 'x-forwarded-for': `198.51.100.${i}` });
      // A burst from 40 addresses at one name: 4 failures, then one more attempt starts the delay.
      const burst = await Promise.all(
        Array.from({ length: 40 }, (_, i) => logIn(admin, 'ann', 'wrong password!', from(i + 1))),
      );
      const statuses = burst.map((b) => b.res.status);
      expect(statuses.filter((s) => s === 401)).toHaveLength(5);
      const refused = burst.find((b) => b.res.status === 429);
      expect(refused?.res.json().detail).toMatch(/Too many failed logins. Try again in 10 minutes/);
      // Even the right password from a fresh address waits; other names are unaffected.
      expect((await logIn(admin, 'ann', PASSWORD, from(77))).res.status).toBe(429);
      expect((await logIn(admin, 'bea', PASSWORD, from(78))).res.status).toBe(200);
      // A new password for ann (user:add) starts her count over.
      expect(userAdd(dir, 'ann', 'a brand new password').status).toBe(0);
      expect((await logIn(admin, 'ann', 'a brand new password', from(79))).res.status).toBe(200);
    } finally {
      await admin.close();
    }
  }, 60_000);

  it('TRUST_PROXY=N takes the N-th X-Forwarded-For entry from the right, whatever the client put before it', async () => {
    for (const proxies of [1, 2]) {
      const admin = await startAdmin(emu.url, { dataDir: withUser, trustProxy: proxies });
      try {
        // The client sent "X-Forwarded-For: 192.0.2.<i>" itself; the proxies appended the real address(es).
        const chain = (i: number) => ({
          'x-forwarded-for': proxies === 1 ? `192.0.2.${i}, 203.0.113.50` : `192.0.2.${i}, 203.0.113.50, 10.0.0.2`,
        });
        for (let i = 0; i < 5; i++)
          expect((await logIn(admin, 'ann', 'wrong password!', chain(i))).res.status, `${proxies}`).toBe(401);
        // A new spoofed left-most entry does not make a new client.
        expect((await logIn(admin, 'ann', PASSWORD, chain(99))).res.status).toBe(429);
        const other = proxies === 1 ? '192.0.2.1, 203.0.113.51' : '203.0.113.50, 203.0.113.51, 10.0.0.2';
        expect((await logIn(admin, 'ann', PASSWORD, { 'x-forwarded-for': other })).res.status).toBe(200);
      } finally {
        await admin.close();
      }
    }
  });

  it('marks the cookie Secure when the proxy says the browser used https', async () => {
    const admin = await startAdmin(emu.url, { dataDir: withUser, trustProxy: true });
    try {
      const host = new URL(admin.url).host;
      const { res, setCookie } = await logIn(admin, 'ann', PASSWORD, {
        'x-forwarded-proto': 'https',
        origin: `https://${host}`,
      });
      expect(res.status).toBe(200);
      expect(setCookie).toMatch(/; Secure$/);
      // The same request over plain http gets no Secure flag (the cookie must still work on http://localhost).
      expect((await logIn(admin)).setCookie).not.toMatch(/Secure/);
    } finally {
      await admin.close();
    }
  });
});

describe('reachable from other machines', () => {
  const options = (dataDir: string, overrides: object) => ({
    upstreamUrl: emu.url,
    apiKey: TEST_KEY,
    mode: 'emulator' as const,
    timeoutMs: 1000,
    distDir: join(tmpdir(), 'no-dist'),
    dataDir,
    ...overrides,
  });

  it('refuses to start without a user (HOST 0.0.0.0, or TRUST_PROXY) and says how to add one', async () => {
    for (const overrides of [{ host: '0.0.0.0' }, { host: '::' }, { host: '192.168.1.10' }, { trustProxy: true }]) {
      await expect(buildAdminServer(options(tempDir(), overrides))).rejects.toThrow(NoUserError);
    }
    await expect(buildAdminServer(options(tempDir(), { host: '0.0.0.0' }))).rejects.toThrow(
      /npm run user:add -- <name>/,
    );
  });

  it('npm start exits with that message before building anything', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
      cwd: ROOT,
      env: { ...process.env, HOST: '0.0.0.0', PORT: '0', DATA_DIR: tempDir(), CEKURA_API_KEY: '' },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('HOST=0.0.0.0 makes the console reachable from other machines');
    expect(run.stderr).toContain('npm run user:add -- <name>');
    expect(run.stdout).not.toContain('Console:');
  });

  it('starts with a user and requires login even on a loopback connection', async () => {
    const admin = await startAdmin(emu.url, { dataDir: withUser, host: '0.0.0.0' });
    try {
      expect((await api(admin.url, '/app-api/session')).json()).toEqual({ user: null, authRequired: true });
      expect((await api(admin.url, PROJECT)).status).toBe(401);
    } finally {
      await admin.close();
    }
  });
});

describe('safeNext', () => {
  it('keeps same-origin paths and turns everything else into /', () => {
    expect(safeNext('/projects/1/rubric?x=1')).toBe('/projects/1/rubric?x=1');
    expect(safeNext('/\u2028 é')).toBe('/%E2%80%A8%20%C3%A9');
    for (const bad of [
      '//evil.example/',
      '/\\evil.example',
      'https://evil.example/',
      'javascript:alert(1)',
      '',
      undefined,
      ['/'],
      '/\r\nSet-Cookie:x',
      '/a\\b',
      '/\ud800',
    ]) {
      expect(safeNext(bad), String(bad)).toBe('/');
    }
  });
});
