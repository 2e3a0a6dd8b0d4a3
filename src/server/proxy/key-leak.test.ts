// The API key never leaks: not in any response (body or header, success or error, from the admin server or
// passed through from the upstream), not in the built bundle (even one built with the key in its
// environment), not in any log line, including those of a real `npm start` process in live mode.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DEMO_PROJECT_ID } from '../emulator/seed';
import {
  TEST_KEY,
  api,
  closedPort,
  hooks,
  rawRequest,
  responsesChecked,
  startAdmin,
  startTestEmulator,
  type Admin,
  type Emulator,
} from './test-support';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const P = DEMO_PROJECT_ID;
const PROJECT = `/api/user/v1/projects/${P}/`;
const UPSTREAM_PATH = `/user/v1/projects/${P}/`;
/** A second distinctive key, for an admin server whose key the emulator refuses. */
const WRONG_KEY = `ck-wrong-LEAKCANARY-${Date.now()}`;

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    return statSync(file).isDirectory() ? filesUnder(file) : [file];
  });
}

let emu: Emulator;
let hook: ReturnType<typeof hooks>;
let dist: string;
let logs = '';
const logStream = new PassThrough();
logStream.on('data', (chunk: Buffer) => (logs += chunk.toString()));
const admins: Admin[] = [];

beforeAll(async () => {
  emu = await startTestEmulator();
  hook = hooks(emu.url);
  // The SPA built with the key in every environment variable a careless config could read it from.
  dist = mkdtempSync(path.join(os.tmpdir(), 'cekura-canary-dist-'));
  const build = spawnSync(
    process.execPath,
    ['node_modules/vite/bin/vite.js', 'build', '--outDir', dist, '--emptyOutDir', '--logLevel', 'error'],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        CEKURA_API_KEY: TEST_KEY,
        EMULATOR_API_KEY: TEST_KEY,
        VITE_CEKURA_API_KEY: TEST_KEY,
        VITE_API_KEY: TEST_KEY,
      },
      encoding: 'utf8',
      timeout: 240_000,
    },
  );
  expect(build.status, `vite build: ${build.error?.message ?? ''}\n${build.stderr}`).toBe(0);
}, 270_000);
afterAll(async () => {
  for (const admin of admins) await admin.close();
  await emu?.close();
  rmSync(dist, { recursive: true, force: true });
});

async function admin(upstreamUrl: string, overrides: Parameters<typeof startAdmin>[1] = {}): Promise<Admin> {
  const started = await startAdmin(upstreamUrl, {
    distDir: dist,
    logger: true,
    logStream,
    timeoutMs: 800,
    ...overrides,
  });
  admins.push(started);
  return started;
}

describe('the built bundle', () => {
  it('holds no key, even when built with the key in the environment', () => {
    const files = filesUnder(dist);
    expect(files.some((f) => f.endsWith('index.html'))).toBe(true);
    expect(files.filter((f) => f.endsWith('.js')).length).toBeGreaterThan(3);
    for (const file of files) expect(readFileSync(file).includes(TEST_KEY), file).toBe(false);
  });

  it('holds no key in the dist/ that `npm start` serves, nor the header that carries it', () => {
    const served = path.join(ROOT, 'dist');
    if (!existsSync(served)) return; // built by the first `npm start`; the canary build above covers the build itself
    for (const file of filesUnder(served)) {
      const bytes = readFileSync(file);
      expect(bytes.includes(TEST_KEY), file).toBe(false);
      // Only the server sets X-CEKURA-API-KEY: a bundle that mentions it is trying to talk to Cekura itself.
      expect(bytes.toString('latin1').toLowerCase().includes('x-cekura-api-key'), file).toBe(false);
    }
  });
});

describe('responses and logs', () => {
  it('never carry the key, across every endpoint, error and failure', async () => {
    const good = await admin(emu.url);
    const wrongKey = await admin(emu.url, { apiKey: WRONG_KEY });
    const dead = await admin(`http://127.0.0.1:${await closedPort()}`);
    const before = responsesChecked();
    const browser = { 'X-CEKURA-API-KEY': TEST_KEY, authorization: `Token ${TEST_KEY}`, cookie: `k=${TEST_KEY}` };
    const etag = (await api(good.url, PROJECT)).headers.get('etag') as string;
    const patch = (base: string, body: string, extra: Record<string, string> = {}) =>
      api(base, PROJECT, {
        method: 'PATCH',
        headers: { 'content-type': 'application/json', 'if-match': etag, ...extra },
        body,
      });

    // Pages and every file of the bundle, as served.
    for (const file of filesUnder(dist)) await api(good.url, `/${path.relative(dist, file).split(path.sep).join('/')}`);
    for (const page of ['/', '/projects/1/general', '/login', '/login.js', '/robots.txt', '/.env'])
      await api(good.url, page);
    // The console's own endpoints.
    for (const p of [
      '/app-api/health',
      '/app-api/config',
      '/app-api/session',
      `/app-api/projects/${P}/history`,
      '/app-api/projects/x/history',
      '/app-api/nope',
    ]) {
      await api(good.url, p, { headers: browser });
    }
    await api(good.url, '/app-api/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'x', password: TEST_KEY }),
    });
    await api(good.url, '/app-api/logout', { method: 'POST' });
    // Every allowed operation, and refusals of every kind.
    for (const p of [
      '/user/v1/projects/',
      PROJECT.slice(4),
      `/test_framework/v1/metrics/?project_id=${P}`,
      `/dashboards/dashboards/?project_id=${P}`,
    ]) {
      await api(good.url, `/api${p}`, { headers: browser });
    }
    await api(good.url, `/api/test_framework/v1/aiagents/short_list/?project_id=${P}&q=Support`);
    await api(good.url, `/api/observability/v2/call-logs/?project_id=${P}&page_size=1`);
    await api(good.url, `/api/user/v1/projects/${P}/test-webhook/`, { method: 'POST' });
    await api(good.url, '/api/user/v1/projects/?format=api');
    await api(good.url, '/api/user/v1/projects/1/members/');
    await rawRequest(good.port, 'GET', `/api/user/v1/projects/${P}/../../__emulator/requests`);
    await rawRequest(good.port, 'GET', PROJECT, 'Host: evil.example\r\n');
    await patch(good.url, '{"name": "saved"}');
    await patch(good.url, '{"name": "stale"}');
    await patch(good.url, '{"sample_rate": 7}', { 'if-match': '"x"' });
    await api(good.url, PROJECT, { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: '{}' });
    await patch(good.url, '{"bad json');
    await patch(good.url, JSON.stringify({ name: 'x'.repeat(300_000) }));
    await patch(good.url, '{}', { origin: 'https://evil.example' });
    // Upstream failures: refused key, unreachable, timeout, dropped, throttled, upstream validation error.
    await api(wrongKey.url, PROJECT, { headers: browser });
    await api(wrongKey.url, '/api/user/v1/projects/');
    await api(dead.url, PROJECT, { headers: browser });
    await hook.fault({ method: 'GET', path: UPSTREAM_PATH, kind: 'slow', delayMs: 1200, times: 3 });
    await api(good.url, PROJECT);
    await hook.fault({ method: 'GET', path: UPSTREAM_PATH, kind: 'drop', times: 3 });
    await api(good.url, PROJECT);
    await hook.fault({ method: 'GET', path: '/user/v1/projects/', kind: 'status', status: 429, retryAfter: 30 });
    await api(good.url, '/api/user/v1/projects/');
    const current = (await api(good.url, PROJECT)).headers.get('etag') as string;
    await patch(good.url, '{"sample_rate": 7}', { 'if-match': current });

    // Every answer above went through the key check (api() and rawRequest() assert it).
    expect(responsesChecked() - before).toBeGreaterThan(40);
    await new Promise((resolve) => setTimeout(resolve, 100));
    // The logs saw all of it (requests, upstream failures) and never the key.
    expect(logs).toContain('upstream call failed');
    expect(logs).toContain('"statusCode":504');
    expect(logs).toContain('failed login');
    expect(logs).not.toContain(TEST_KEY);
    expect(logs).not.toContain(WRONG_KEY);
  }, 60_000);
});

describe('a real `npm start` in live mode', () => {
  it('prints and logs nothing with the key, from start to shutdown', async () => {
    const free = await new Promise<number>((resolve) => {
      const server = net.createServer().listen(0, '127.0.0.1', () => {
        const { port } = server.address() as net.AddressInfo;
        server.close(() => resolve(port));
      });
    });
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'cekura-live-'));
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
      cwd: ROOT,
      env: {
        ...process.env,
        PORT: String(free),
        DATA_DIR: dataDir,
        CEKURA_API_KEY: TEST_KEY,
        CEKURA_API_URL: emu.url,
        UPSTREAM_TIMEOUT_MS: '3000',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise((resolve) => child.once('exit', resolve));
    try {
      const base = `http://127.0.0.1:${free}`;
      // It may first rebuild dist/ when the web sources are newer. Its last start-up line is the upstream's
      // (two writes: on a loaded machine the second can arrive in a later chunk than "Console:").
      await vi.waitFor(() => expect(output).toContain(`Upstream: ${new URL(emu.url).host} (live)`), {
        timeout: 60_000,
        interval: 100,
      });
      expect((await api(base, PROJECT)).status).toBe(200);
      expect((await api(base, '/app-api/config')).json()).toEqual({
        mode: 'live',
        upstreamHost: new URL(emu.url).host,
      });
      await hook.fault({ method: 'GET', path: UPSTREAM_PATH, kind: 'drop', times: 3 });
      expect((await api(base, PROJECT, { headers: { 'X-CEKURA-API-KEY': TEST_KEY } })).status).toBe(502);
      await api(base, '/api/nope/');
    } finally {
      child.kill('SIGTERM');
      await exited;
      rmSync(dataDir, { recursive: true, force: true });
    }
    expect(output).toContain('upstream call failed');
    expect(output).toContain('Shutting down (SIGTERM)');
    expect(output).not.toContain(TEST_KEY);
  }, 90_000);
});
