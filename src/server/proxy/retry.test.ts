// Retries of upstream reads against the real emulator's fault hooks; its request log shows every try.
import { describe, expect, it } from 'vitest';
import { DEMO_PROJECT_ID } from '../emulator/seed';
import { retryAfterMs } from './retry';
import { api, useAdminStack } from './test-support';

const P = DEMO_PROJECT_ID;
const UPSTREAM_PATH = `/user/v1/projects/${P}/`;
const PROJECT = `/api${UPSTREAM_PATH}`;
const WEBHOOK = `/user/v1/projects/${P}/test-webhook/`;

const stack = useAdminStack({ timeoutMs: 1000 });

/** What the browser sends with a write: JSON from the console's own origin. */
const headers = (extra: Record<string, string> = {}) => ({
  'content-type': 'application/json',
  origin: stack.admin.url,
  ...extra,
});
const tries = async (method: string, path: string) =>
  (await stack.hook.requests()).filter((r) => r.method === method && r.path === path);

describe('reads are retried on transient failures', () => {
  it.each([
    ['a dropped connection', { kind: 'drop' as const }],
    ['a timeout', { kind: 'slow' as const, delayMs: 1500 }],
    ['502', { kind: 'status' as const, status: 502 }],
    ['503', { kind: 'status' as const, status: 503 }],
    ['504', { kind: 'status' as const, status: 504 }],
    ['429 without Retry-After', { kind: 'status' as const, status: 429 }],
  ])('%s, then success: 200 after two tries', async (_name, fault) => {
    await stack.hook.fault({ method: 'GET', path: UPSTREAM_PATH, ...fault });
    const res = await api(stack.admin.url, PROJECT);
    expect(res.status).toBe(200);
    expect(res.json().id).toBe(P);
    expect(res.headers.get('etag')).toMatch(/^"[0-9a-f]{64}"$/);
    const log = await tries('GET', UPSTREAM_PATH);
    expect(log).toHaveLength(2);
    expect(log[0].fault).toBe(fault.kind);
    expect(log[1]).toMatchObject({ status: 200 });
    expect(log[1].fault).toBeUndefined();
  });

  it('does not retry a 500 (not transient): it passes through after one try', async () => {
    await stack.hook.fault({
      method: 'GET',
      path: UPSTREAM_PATH,
      kind: 'status',
      status: 500,
      body: { detail: 'Boom' },
    });
    const res = await api(stack.admin.url, PROJECT);
    expect(res.status).toBe(500);
    expect(res.json()).toEqual({ detail: 'Boom' });
    expect(await tries('GET', UPSTREAM_PATH)).toHaveLength(1);
  });

  it('gives up after three tries and passes the last answer through (status and body)', async () => {
    await stack.hook.fault({
      method: 'GET',
      path: '/user/v1/projects/',
      kind: 'status',
      status: 503,
      times: 5,
      body: { detail: 'Down for maintenance' },
    });
    const res = await api(stack.admin.url, '/api/user/v1/projects/');
    expect(res.status).toBe(503);
    expect(res.json()).toEqual({ detail: 'Down for maintenance' });
    expect(await tries('GET', '/user/v1/projects/')).toHaveLength(3);
  });

  it('waits as long as Retry-After asks before the next try', async () => {
    await stack.hook.fault({ method: 'GET', path: UPSTREAM_PATH, kind: 'status', status: 429, retryAfter: 1 });
    const started = Date.now();
    const res = await api(stack.admin.url, PROJECT);
    expect(res.status).toBe(200);
    const [first, second] = await tries('GET', UPSTREAM_PATH);
    expect(first.status).toBe(429);
    // Log times have millisecond resolution; allow a few ms of clock rounding.
    expect(Date.parse(second.time) - Date.parse(first.time)).toBeGreaterThanOrEqual(990);
    expect(Date.now() - started).toBeGreaterThanOrEqual(990);
  });

  it('retries the re-read inside a PATCH, and sends the PATCH once', async () => {
    const etag = (await api(stack.admin.url, PROJECT)).headers.get('etag') as string;
    await stack.hook.clearRequests();
    await stack.hook.fault({ method: 'GET', path: UPSTREAM_PATH, kind: 'drop' });
    const res = await api(stack.admin.url, PROJECT, {
      method: 'PATCH',
      headers: headers({ 'if-match': etag }),
      body: '{"name":"After a dropped re-read"}',
    });
    expect(res.status).toBe(200);
    expect((await stack.hook.requests()).map((r) => `${r.method} ${r.fault ?? r.status}`)).toEqual([
      'GET drop',
      'GET 200',
      'PATCH 200',
    ]);
  });
});

describe('writes are never retried', () => {
  it.each([
    ['drop', { kind: 'drop' as const }, 502],
    ['drop-after (applied, unanswered)', { kind: 'drop-after' as const }, 502],
    ['503', { kind: 'status' as const, status: 503 }, 503],
    ['a timeout', { kind: 'slow' as const, delayMs: 1500 }, 504],
  ])('PATCH with %s: one PATCH reaches the upstream', async (_name, fault, status) => {
    const etag = (await api(stack.admin.url, PROJECT)).headers.get('etag') as string;
    await stack.hook.fault({ method: 'PATCH', path: UPSTREAM_PATH, ...fault });
    await stack.hook.clearRequests();
    const res = await api(stack.admin.url, PROJECT, {
      method: 'PATCH',
      headers: headers({ 'if-match': etag }),
      body: '{"name":"Once only"}',
    });
    expect(res.status).toBe(status);
    // Let a (wrong) delayed retry show up in the log before counting.
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect(await tries('PATCH', UPSTREAM_PATH)).toHaveLength(1);
  });

  it('the test-webhook POST with 503: one POST reaches the upstream', async () => {
    await stack.hook.fault({ method: 'POST', path: WEBHOOK, kind: 'status', status: 503 });
    const res = await api(stack.admin.url, `/api${WEBHOOK}`, { method: 'POST', headers: headers(), body: '{}' });
    expect(res.status).toBe(503);
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect(await tries('POST', WEBHOOK)).toHaveLength(1);
  });
});

describe('retryAfterMs', () => {
  it('reads delta-seconds and HTTP dates, and ignores anything else', () => {
    expect(retryAfterMs('3')).toBe(3000);
    expect(retryAfterMs(new Date(10_000).toUTCString(), 4_000)).toBe(6000);
    expect(retryAfterMs('soon')).toBeUndefined();
    expect(retryAfterMs(null)).toBeUndefined();
  });
});
