// Upstream failures over real sockets: refused connections, timeouts, dropped connections, error statuses.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_PROJECT_ID } from '../emulator/seed.ts';
import { api, closedPort, hooks, responsesChecked, startAdmin, startTestEmulator, type Admin, type Emulator } from './test-support.ts';

const P = DEMO_PROJECT_ID;
const UPSTREAM_PATH = `/user/v1/projects/${P}/`;
const PROJECT = `/api${UPSTREAM_PATH}`;

let emu: Emulator;
let admin: Admin;
let hook: ReturnType<typeof hooks>;

beforeAll(async () => {
  emu = await startTestEmulator();
  admin = await startAdmin(emu.url, { timeoutMs: 1000 });
  hook = hooks(emu.url);
});
afterAll(async () => {
  await admin?.close();
  await emu?.close();
  // Every response of this file went through the key check.
  expect(responsesChecked()).toBeGreaterThan(10);
});
beforeEach(async () => {
  await hook.reset();
});

const patchName = (name: string, etag: string) =>
  api(admin.url, PROJECT, { method: 'PATCH', headers: { 'content-type': 'application/json', 'if-match': etag }, body: JSON.stringify({ name }) });

describe('unreachable upstream', () => {
  it('answers 502 {detail} for reads and writes', async () => {
    const dead = await startAdmin(`http://127.0.0.1:${await closedPort()}`);
    try {
      const read = await api(dead.url, '/api/user/v1/projects/');
      expect(read.status).toBe(502);
      expect(read.json().detail).toMatch(/unreachable/);
      const write = await api(dead.url, PROJECT, { method: 'PATCH', headers: { 'content-type': 'application/json', 'if-match': '"x"' }, body: '{}' });
      expect(write.status).toBe(502);
    } finally {
      await dead.close();
    }
  });
});

describe('slow upstream', () => {
  it('answers 504 {detail} once the read has used its retry budget (2 x UPSTREAM_TIMEOUT_MS)', async () => {
    await hook.fault({ method: 'GET', path: UPSTREAM_PATH, kind: 'slow', delayMs: 2500, times: 3 });
    await hook.clearRequests();
    const started = Date.now();
    const res = await api(admin.url, PROJECT);
    expect(res.status).toBe(504);
    expect(res.json().detail).toBe('The Cekura API did not answer in time (2 tries within 2000 ms).');
    // 1000 ms try, ~250 ms wait, the rest of the 2000 ms budget; a third try would not fit.
    expect(Date.now() - started).toBeLessThan(2900);
    expect((await hook.requests()).filter((r) => r.method === 'GET')).toHaveLength(2);
  });

  it('is fine when the delay stays under the timeout', async () => {
    await hook.fault({ method: 'GET', path: UPSTREAM_PATH, kind: 'slow', delayMs: 50 });
    expect((await api(admin.url, PROJECT)).status).toBe(200);
  });
});

describe('dropped connections', () => {
  it('answers 502 "connection dropped" when every try of a read drops', async () => {
    await hook.fault({ method: 'GET', path: UPSTREAM_PATH, kind: 'drop', times: 3 });
    const res = await api(admin.url, PROJECT);
    expect(res.status).toBe(502);
    expect(res.json().detail).toMatch(/connection dropped.*\(3 tries\)/);
  });

  it('answers 502 after a PATCH that was applied but never answered', async () => {
    const etag = (await api(admin.url, PROJECT)).headers.get('etag') as string;
    await hook.fault({ method: 'PATCH', path: UPSTREAM_PATH, kind: 'drop-after' });
    const res = await patchName('Applied but unanswered', etag);
    expect(res.status).toBe(502);
    expect(res.json().detail).toMatch(/connection dropped/);
    expect(JSON.parse((await hook.project(P)).text).name).toBe('Applied but unanswered');
  });

  it('answers 502 when every re-read before a PATCH drops, and does not patch', async () => {
    const etag = (await api(admin.url, PROJECT)).headers.get('etag') as string;
    await hook.fault({ method: 'GET', path: UPSTREAM_PATH, kind: 'drop', times: 3 });
    await hook.clearRequests();
    expect((await patchName('never sent', etag)).status).toBe(502);
    expect((await hook.requests()).filter((r) => r.method === 'PATCH')).toEqual([]);
  });
});

describe('upstream error statuses pass through', () => {
  it('429 with Retry-After and its body', async () => {
    await hook.fault({ method: 'GET', path: '/user/v1/projects/', kind: 'status', status: 429, retryAfter: 7, body: { detail: 'Request was throttled.' } });
    await hook.clearRequests();
    const res = await api(admin.url, '/api/user/v1/projects/');
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('7');
    expect(res.json()).toEqual({ detail: 'Request was throttled.' });
    // 7 s is over the 5 s the server waits for: the client gets the answer at once, after one try.
    expect(await hook.requests()).toHaveLength(1);
  });

  it('500 with its body, on the PATCH itself', async () => {
    const etag = (await api(admin.url, PROJECT)).headers.get('etag') as string;
    await hook.fault({ method: 'PATCH', path: UPSTREAM_PATH, kind: 'status', status: 500, body: { detail: 'Server exploded' } });
    const res = await patchName('x', etag);
    expect(res.status).toBe(500);
    expect(res.json()).toEqual({ detail: 'Server exploded' });
    expect(res.headers.get('etag')).toBeNull();
  });
});
