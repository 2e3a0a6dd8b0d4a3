// The fast path for proxied GETs (read-path.ts) answers exactly as the Fastify route does: same status, body and
// headers, for successes, upstream failures, rewritten page links and ETags; and it leaves to Fastify every
// request it must not answer itself (a refused URL, a foreign Host, a GET with a body).
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PROJECT_ID } from '../emulator/seed';
import { hooks, rawRequest, startAdmin, startTestEmulator, type Admin, type Emulator } from './test-support';

const P = DEMO_PROJECT_ID;
let emu: Emulator;
let admin: Admin;
let hook: ReturnType<typeof hooks>;

beforeAll(async () => {
  emu = await startTestEmulator();
  admin = await startAdmin(emu.url, { retry: { tries: 1 } });
  hook = hooks(emu.url);
});
afterAll(async () => {
  await admin?.close();
  await emu?.close();
});

// Headers that differ between any two answers whatever path they took.
const VOLATILE = new Set(['date', 'connection', 'keep-alive', 'transfer-encoding']);

// What a browser sends: both ways get it, so that both compress (compression.ts) and must agree byte for byte.
const ACCEPT = { 'accept-encoding': 'gzip, deflate, br' };

/** The body as sent (fetch decodes it; inject does not). */
function decoded(raw: Buffer, encoding: string | undefined): string {
  if (encoding === 'br') return brotliDecompressSync(raw).toString();
  if (encoding === 'gzip') return gunzipSync(raw).toString();
  return raw.toString();
}

/** Over real HTTP (the fast path takes it) and through app.inject (Fastify's route, the path it bypasses). */
async function bothWays(path: string) {
  const res = await fetch(`${admin.url}${path}`, { headers: ACCEPT });
  const fast = {
    status: res.status,
    headers: Object.fromEntries([...res.headers].filter(([name]) => !VOLATILE.has(name))),
    body: await res.text(),
  };
  const injected = await admin.app.inject({ method: 'GET', url: path, headers: { host: '127.0.0.1', ...ACCEPT } });
  const slow = {
    status: injected.statusCode,
    headers: Object.fromEntries(
      Object.entries(injected.headers)
        .filter(([name]) => !VOLATILE.has(name))
        .map(([name, value]) => [name, String(value)]),
    ),
    body: decoded(injected.rawPayload, injected.headers['content-encoding'] as string | undefined),
  };
  return { fast, slow };
}

describe('the GET fast path', () => {
  it('answers a project GET as the Fastify route does, ETag and security headers included', async () => {
    await hook.reset();
    const { fast, slow } = await bothWays(`/api/user/v1/projects/${P}/`);
    expect(fast.status).toBe(200);
    expect(fast.headers.etag).toMatch(/^"[0-9a-f]{64}"$/);
    expect(fast.headers['cache-control']).toBe('no-store');
    expect(fast.headers['content-security-policy']).toContain("default-src 'self'");
    expect(JSON.parse(fast.body).id).toBe(P);
    // The demo project (4.6 KB) is under the compression threshold: sent as is on both paths.
    expect(fast.headers['content-encoding']).toBeUndefined();
    expect(fast).toEqual(slow);
  });

  it('answers a list with its next link rewritten as the Fastify route does', async () => {
    await hook.reset();
    const { fast, slow } = await bothWays(`/api/test_framework/v1/aiagents/short_list/?project_id=${P}&page_size=2`);
    expect(fast.status).toBe(200);
    const next = JSON.parse(fast.body).next as string | null;
    if (next !== null) expect(next.startsWith('/api/test_framework/v1/aiagents/short_list/?')).toBe(true);
    expect(fast).toEqual(slow);
  });

  it('passes an upstream failure on as the Fastify route does', async () => {
    await hook.reset();
    await hook.fault({ method: 'GET', path: `/user/v1/projects/${P}/`, kind: 'status', status: 503, times: 2 });
    const { fast, slow } = await bothWays(`/api/user/v1/projects/${P}/`);
    expect(fast.status).toBe(503);
    expect(fast.headers.etag).toBeUndefined();
    expect(fast).toEqual(slow);
  });

  it('leaves a refused URL and a foreign Host to Fastify, which answers them as before', async () => {
    const refused = await fetch(`${admin.url}/api/user/v1/projects/${P}/?nope=1`);
    expect(refused.status).toBe(400);
    expect(refused.headers.get('content-security-policy')).toContain("default-src 'self'");
    const foreign = await rawRequest(admin.port, 'GET', `/api/user/v1/projects/${P}/`, 'Host: evil.example\r\n');
    expect(foreign.status).toBe(421);
    // A GET with a body goes through Fastify, as before the fast path existed.
    const withBody = await rawRequest(admin.port, 'GET', `/api/user/v1/projects/${P}/`, '', 'x');
    const injected = await admin.app.inject({
      method: 'GET',
      url: `/api/user/v1/projects/${P}/`,
      headers: { host: '127.0.0.1' },
      payload: 'x',
    });
    expect(withBody.status).toBe(injected.statusCode);
  });
});
