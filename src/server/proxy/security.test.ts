// Cross-site writes, DNS-rebinding Host names, security headers on every response, and the body size limit.
import { describe, expect, it } from 'vitest';
import { DEMO_PROJECT_ID, SCALE_PROJECT_ID } from '../emulator/seed';
import { api, rawRequest, useAdminStack } from './test-support';

const P = DEMO_PROJECT_ID;
const PROJECT = `/api/user/v1/projects/${P}/`;

const stack = useAdminStack();

const etagNow = async () => (await api(stack.admin.url, PROJECT)).headers.get('etag') as string;

/** The writes the console makes, each with a body it would send. */
const writes = () => [
  { method: 'PATCH', path: PROJECT, body: '{"name":"cross-site"}' },
  { method: 'POST', path: `/api/user/v1/projects/${P}/test-webhook/`, body: '{}' },
  { method: 'POST', path: '/app-api/login', body: '{"name":"x","password":"y"}' },
  { method: 'POST', path: '/app-api/logout', body: '{}' },
];

describe('writes must be same-origin JSON', () => {
  it('refuses other origins, missing provenance and non-JSON bodies with 403; nothing reaches the upstream', async () => {
    const own = stack.admin.url;
    const other = own.replace(/:(\d+)$/, (_m, port) => `:${Number(port) + 1}`);
    const refused: Array<[string, Record<string, string>]> = [
      ['another site', { origin: 'https://evil.example', 'content-type': 'application/json' }],
      ['another port', { origin: other, 'content-type': 'application/json' }],
      ['https instead of http', { origin: own.replace('http:', 'https:'), 'content-type': 'application/json' }],
      ['Origin null', { origin: 'null', 'content-type': 'application/json' }],
      ['no Origin, no Sec-Fetch-Site', { 'content-type': 'application/json' }],
      ['no Origin, cross-site', { 'sec-fetch-site': 'cross-site', 'content-type': 'application/json' }],
      ['no Origin, same-site', { 'sec-fetch-site': 'same-site', 'content-type': 'application/json' }],
      ['text/plain body', { origin: own, 'content-type': 'text/plain' }],
      ['form body', { origin: own, 'content-type': 'application/x-www-form-urlencoded' }],
      ['multipart body', { origin: own, 'content-type': 'multipart/form-data; boundary=x' }],
      ['a JSON look-alike', { origin: own, 'content-type': 'application/json-patch+json' }],
      ['body without Content-Type', { origin: own }],
    ];
    const etag = await etagNow();
    await stack.hook.clearRequests();
    for (const write of writes()) {
      for (const [name, headers] of refused) {
        // Bytes, not a string: fetch would add text/plain to a string body on its own.
        const body = new TextEncoder().encode(write.body);
        const res = await fetch(`${stack.admin.url}${write.path}`, {
          method: write.method,
          headers: { ...headers, 'if-match': etag },
          body,
        });
        const text = await res.text();
        expect(res.status, `${write.method} ${write.path}: ${name}`).toBe(403);
        expect(JSON.parse(text).detail, name).toMatch(/refused/);
      }
    }
    expect(await stack.hook.requests()).toEqual([]);
    expect(JSON.parse((await stack.hook.project(P)).text).name).not.toBe('cross-site');
  });

  it("accepts the console's own writes: own Origin (or Sec-Fetch-Site same-origin) and JSON", async () => {
    const etag = await etagNow();
    const viaOrigin = await fetch(`${stack.admin.url}${PROJECT}`, {
      method: 'PATCH',
      headers: { origin: stack.admin.url, 'content-type': 'application/json; charset=utf-8', 'if-match': etag },
      body: '{"name":"same-origin"}',
    });
    expect(viaOrigin.status).toBe(200);
    const viaFetchMetadata = await fetch(`${stack.admin.url}${PROJECT}`, {
      method: 'PATCH',
      headers: {
        'sec-fetch-site': 'same-origin',
        'content-type': 'application/json',
        'if-match': viaOrigin.headers.get('etag') as string,
      },
      body: '{"name":"fetch metadata"}',
    });
    expect(viaFetchMetadata.status).toBe(200);
    // A body-less POST (the console's test-webhook button) needs no Content-Type, only the origin.
    const webhook = await fetch(`${stack.admin.url}/api/user/v1/projects/${P}/test-webhook/`, {
      method: 'POST',
      headers: { origin: stack.admin.url },
    });
    expect(webhook.status).not.toBe(403);
    expect((await stack.hook.requests()).map((r) => r.method)).toEqual(['GET', 'GET', 'PATCH', 'GET', 'PATCH', 'POST']);
  });

  it('leaves reads alone: GET needs no Origin', async () => {
    expect((await fetch(`${stack.admin.url}${PROJECT}`)).status).toBe(200);
  });
});

describe('Host names (DNS rebinding)', () => {
  it('answers only to loopback names on a loopback address', async () => {
    await stack.hook.clearRequests();
    for (const host of [
      'evil.example',
      `evil.example:${stack.admin.port}`,
      `127.0.0.1.evil.example:${stack.admin.port}`,
      `10.0.0.1:${stack.admin.port}`,
    ]) {
      for (const target of [PROJECT, '/', '/app-api/config']) {
        const res = await rawRequest(stack.admin.port, 'GET', target, `Host: ${host}\r\n`);
        expect(res.status, `${host} ${target}`).toBe(421);
      }
    }
    expect(await stack.hook.requests()).toEqual([]);
    for (const host of [
      `localhost:${stack.admin.port}`,
      `127.0.0.1:${stack.admin.port}`,
      `[::1]:${stack.admin.port}`,
    ]) {
      expect((await rawRequest(stack.admin.port, 'GET', PROJECT, `Host: ${host}\r\n`)).status, host).toBe(200);
    }
  });
});

describe('security headers', () => {
  it('are on every response: pages, files, JSON, errors and refusals', async () => {
    const etag = await etagNow();
    const responses = [
      await api(stack.admin.url, '/'),
      await api(stack.admin.url, '/projects/1/general'),
      await api(stack.admin.url, '/assets/missing.js'),
      await api(stack.admin.url, PROJECT),
      await api(stack.admin.url, '/api/nope/'),
      await api(stack.admin.url, '/api/user/v1/projects/?bad=1'),
      await api(stack.admin.url, '/app-api/health'),
      await api(stack.admin.url, PROJECT, {
        method: 'PATCH',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      }),
      await api(stack.admin.url, PROJECT, {
        method: 'PATCH',
        headers: { 'content-type': 'application/json', 'if-match': etag, origin: 'https://evil.example' },
        body: '{}',
      }),
      await api(stack.admin.url, PROJECT, {
        method: 'PATCH',
        headers: { 'content-type': 'application/json', 'if-match': etag },
        body: 'x'.repeat(300_000),
      }),
    ];
    expect(responses.map((r) => r.status)).toEqual([200, 200, 404, 200, 404, 400, 200, 428, 403, 413]);
    for (const res of responses) {
      const csp = res.headers.get('content-security-policy') ?? '';
      for (const directive of [
        "default-src 'self'",
        "script-src 'self'",
        "frame-ancestors 'none'",
        "object-src 'none'",
        "base-uri 'self'",
      ]) {
        expect(csp).toContain(directive);
      }
      expect(csp).not.toMatch(/script-src[^;]*(unsafe|\*|data:)/);
      expect(csp).toMatch(/style-src 'self'( 'nonce-[\w+/=]{24}')?;/);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      expect(res.headers.get('x-frame-options')).toBe('DENY');
    }
  });
});

describe('request body size', () => {
  it('answers 413 {detail} over 256 KB, before the upstream', async () => {
    const etag = await etagNow();
    await stack.hook.clearRequests();
    const big = JSON.stringify({ name: 'x'.repeat(256 * 1024) });
    const res = await api(stack.admin.url, PROJECT, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', 'if-match': etag },
      body: big,
    });
    expect(res.status).toBe(413);
    expect(res.json().detail).toMatch(/larger than 256 KB/);
    expect(await stack.hook.requests()).toEqual([]);
    // Just under the limit goes through (the emulator judges the content).
    const under = JSON.stringify({ description_that_does_not_exist: 'x'.repeat(256 * 1024 - 100) });
    expect(
      (
        await api(stack.admin.url, PROJECT, {
          method: 'PATCH',
          headers: { 'content-type': 'application/json', 'if-match': etag },
          body: under,
        })
      ).status,
    ).not.toBe(413);
  });

  it("leaves room for the largest real save: the scale project's 300-rule rubric", async () => {
    await fetch(`${stack.emu.url}/__emulator/reset`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"scale":true}',
    });
    const path = `/api/user/v1/projects/${SCALE_PROJECT_ID}/`;
    const loaded = await api(stack.admin.url, path);
    const rubric = loaded.json().rubric_config;
    expect(rubric.rules).toHaveLength(300);
    // Every rule re-sent (as a save that changed one rule does): still far below the limit.
    const body = JSON.stringify({ rubric_config: { ...rubric, rules: [...rubric.rules].reverse() } });
    expect(Buffer.byteLength(body)).toBeLessThan(100 * 1024);
    const res = await api(stack.admin.url, path, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', 'if-match': loaded.headers.get('etag') as string },
      body,
    });
    expect(res.status).toBe(200);
    expect(res.json().rubric_config.rules).toHaveLength(300);
  });
});
