// Upstream failures over real sockets: refused connections, timeouts, dropped connections, error statuses.
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_PROJECT_ID } from '../emulator/seed';
import { api, closedPort, responsesChecked, startAdmin, useAdminStack } from './test-support';

const P = DEMO_PROJECT_ID;
const UPSTREAM_PATH = `/user/v1/projects/${P}/`;
const PROJECT = `/api${UPSTREAM_PATH}`;

const stack = useAdminStack({ timeoutMs: 1000 });
afterAll(() => {
  // Every response of this file went through the key check.
  expect(responsesChecked()).toBeGreaterThan(10);
});

const patchName = (name: string, etag: string) =>
  api(stack.admin.url, PROJECT, {
    method: 'PATCH',
    headers: { 'content-type': 'application/json', 'if-match': etag },
    body: JSON.stringify({ name }),
  });

describe('unreachable upstream', () => {
  it('answers 502 {detail} for reads and writes', async () => {
    const dead = await startAdmin(`http://127.0.0.1:${await closedPort()}`);
    try {
      const read = await api(dead.url, '/api/user/v1/projects/');
      expect(read.status).toBe(502);
      expect(read.json().detail).toMatch(/unreachable/);
      const write = await api(dead.url, PROJECT, {
        method: 'PATCH',
        headers: { 'content-type': 'application/json', 'if-match': '"x"' },
        body: '{}',
      });
      expect(write.status).toBe(502);
    } finally {
      await dead.close();
    }
  });
});

describe('slow upstream', () => {
  it('answers 504 {detail} once the read has used its retry budget (2 x UPSTREAM_TIMEOUT_MS)', async () => {
    await stack.hook.fault({ method: 'GET', path: UPSTREAM_PATH, kind: 'slow', delayMs: 2500, times: 3 });
    await stack.hook.clearRequests();
    const started = Date.now();
    const res = await api(stack.admin.url, PROJECT);
    expect(res.status).toBe(504);
    expect(res.json().detail).toBe('The Cekura API did not answer in time (2 tries within 2000 ms).');
    // 1000 ms try, ~250 ms wait, the rest of the 2000 ms budget; a third try would not fit.
    expect(Date.now() - started).toBeLessThan(2900);
    expect((await stack.hook.requests()).filter((r) => r.method === 'GET')).toHaveLength(2);
  });

  it('is fine when the delay stays under the timeout', async () => {
    await stack.hook.fault({ method: 'GET', path: UPSTREAM_PATH, kind: 'slow', delayMs: 50 });
    expect((await api(stack.admin.url, PROJECT)).status).toBe(200);
  });
});

describe('dropped connections', () => {
  it('answers 502 "connection dropped" when every try of a read drops', async () => {
    await stack.hook.fault({ method: 'GET', path: UPSTREAM_PATH, kind: 'drop', times: 3 });
    const res = await api(stack.admin.url, PROJECT);
    expect(res.status).toBe(502);
    expect(res.json().detail).toMatch(/connection dropped.*\(3 tries\)/);
  });

  it('answers 502 after a PATCH that was applied but never answered', async () => {
    const etag = (await api(stack.admin.url, PROJECT)).headers.get('etag') as string;
    await stack.hook.fault({ method: 'PATCH', path: UPSTREAM_PATH, kind: 'drop-after' });
    const res = await patchName('Applied but unanswered', etag);
    expect(res.status).toBe(502);
    expect(res.json().detail).toMatch(/connection dropped/);
    expect(JSON.parse((await stack.hook.project(P)).text).name).toBe('Applied but unanswered');
  });

  it('answers 502 when every re-read before a PATCH drops, and does not patch', async () => {
    const etag = (await api(stack.admin.url, PROJECT)).headers.get('etag') as string;
    await stack.hook.fault({ method: 'GET', path: UPSTREAM_PATH, kind: 'drop', times: 3 });
    await stack.hook.clearRequests();
    expect((await patchName('never sent', etag)).status).toBe(502);
    expect((await stack.hook.requests()).filter((r) => r.method === 'PATCH')).toEqual([]);
  });
});

describe('upstream error statuses pass through', () => {
  it('429 with Retry-After and its body', async () => {
    await stack.hook.fault({
      method: 'GET',
      path: '/user/v1/projects/',
      kind: 'status',
      status: 429,
      retryAfter: 7,
      body: { detail: 'Request was throttled.' },
    });
    await stack.hook.clearRequests();
    const res = await api(stack.admin.url, '/api/user/v1/projects/');
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('7');
    expect(res.json()).toEqual({ detail: 'Request was throttled.' });
    // 7 s is over the 5 s the server waits for: the client gets the answer at once, after one try.
    expect(await stack.hook.requests()).toHaveLength(1);
  });

  it('500 with its body, on the PATCH itself', async () => {
    const etag = (await api(stack.admin.url, PROJECT)).headers.get('etag') as string;
    await stack.hook.fault({
      method: 'PATCH',
      path: UPSTREAM_PATH,
      kind: 'status',
      status: 500,
      body: { detail: 'Server exploded' },
    });
    const res = await patchName('x', etag);
    expect(res.status).toBe(500);
    expect(res.json()).toEqual({ detail: 'Server exploded' });
    expect(res.headers.get('etag')).toBeNull();
  });
});
