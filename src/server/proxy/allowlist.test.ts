import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEMO_PROJECT_ID } from '../emulator/seed';
import { OPERATIONS, classifyRequest, isDateTime } from './allowlist';
import { api, rawRequest, useAdminStack } from './test-support';

const stack = useAdminStack();

describe('allowlist table', () => {
  const spec = JSON.parse(
    readFileSync(new URL('../../shared/reference/cekura-openapi-subset.json', import.meta.url), 'utf8'),
  );

  it('allows exactly the query parameters the vendor documents for each operation', () => {
    const checked: string[] = [];
    for (const op of OPERATIONS) {
      const specPath = op.pattern.source
        .replace(/^\^/, '')
        .replace(/\$$/, '')
        .replace(/\\\//g, '/')
        .replace('([1-9][0-9]{0,9})', '{id}');
      const specOp = spec.paths[specPath]?.[op.method.toLowerCase()];
      expect(specOp, `${op.id} is described in the vendor's OpenAPI subset`).toBeDefined();
      const documented = (specOp.parameters ?? [])
        .filter((p: { in: string }) => p.in === 'query')
        .map((p: { name: string }) => p.name);
      expect(Object.keys(op.query).sort(), op.id).toEqual(documented.sort());
      checked.push(op.id);
    }
    expect(checked).toHaveLength(OPERATIONS.length);
  });

  it('classifies only the raw path, never a normalised one', () => {
    expect(classifyRequest('GET', '/api/user/v1/projects/7/')).toMatchObject({
      kind: 'op',
      projectId: 7,
      upstreamPath: '/user/v1/projects/7/',
    });
    expect(classifyRequest('GET', '/api/user/v1/projects/8/../7/')).toMatchObject({ kind: 'reject', status: 404 });
    expect(classifyRequest('GET', '/projects/7/general')).toEqual({ kind: 'other' });
  });
});

describe('every allowed operation reaches the emulator with the key', () => {
  const P = DEMO_PROJECT_ID;
  const cases: Array<{
    method: string;
    path: string;
    upstream: string;
    query?: Record<string, string>;
    check: (body: any) => void;
  }> = [
    {
      method: 'GET',
      path: '/user/v1/projects/',
      upstream: '/user/v1/projects/',
      check: (b) => expect(Array.isArray(b)).toBe(true),
    },
    {
      method: 'GET',
      path: `/user/v1/projects/?project_id=${P}`,
      upstream: '/user/v1/projects/',
      query: { project_id: String(P) },
      check: (b) => expect(b.map((p: { id: number }) => p.id)).toEqual([P]),
    },
    {
      method: 'GET',
      path: `/user/v1/projects/${P}/`,
      upstream: `/user/v1/projects/${P}/`,
      check: (b) => expect(b.id).toBe(P),
    },
    {
      method: 'GET',
      path: `/test_framework/v1/metrics/?project_id=${P}`,
      upstream: '/test_framework/v1/metrics/',
      query: { project_id: String(P) },
      check: (b) => expect(Array.isArray(b) && b.length > 0).toBe(true),
    },
    {
      method: 'GET',
      path: `/test_framework/v1/aiagents/short_list/?project_id=${P}&page=1&page_size=5`,
      upstream: '/test_framework/v1/aiagents/short_list/',
      query: { project_id: String(P), page: '1', page_size: '5' },
      check: (b) => expect(b).toHaveProperty('count'),
    },
    {
      method: 'GET',
      path: `/dashboards/dashboards/?project_id=${P}`,
      upstream: '/dashboards/dashboards/',
      query: { project_id: String(P) },
      check: (b) => expect(Array.isArray(b.results)).toBe(true),
    },
    {
      method: 'GET',
      path: `/observability/v2/call-logs/?project_id=${P}&page_size=3`,
      upstream: '/observability/v2/call-logs/',
      query: { project_id: String(P), page_size: '3' },
      check: (b) => expect(b.results.length).toBeLessThanOrEqual(3),
    },
  ];

  it.each(cases)('$method $path', async ({ method, path, upstream, query, check }) => {
    await stack.hook.clearRequests();
    const res = await api(stack.admin.url, `/api${path}`, { method });
    expect(res.status).toBe(200);
    check(res.json());
    const [received] = await stack.hook.requests();
    expect(received).toMatchObject({ method, path: upstream, status: 200 });
    if (query) expect(received.query).toMatchObject(query);
  });

  it('POST test-webhook passes through with the emulator status', async () => {
    await stack.hook.clearRequests();
    const res = await api(stack.admin.url, `/api/user/v1/projects/${P}/test-webhook/`, { method: 'POST' });
    const log = await stack.hook.requests();
    expect(log.map((r) => `${r.method} ${r.path}`)).toEqual([`POST /user/v1/projects/${P}/test-webhook/`]);
    expect(res.status).toBe(log[0].status);
    expect(res.status).not.toBe(401);
  });
});

describe('everything else is 404 and never reaches the emulator', () => {
  const P = DEMO_PROJECT_ID;
  const attacks = (emuPort: string, adminPort: number): Array<[string, string]> => [
    ['GET', '/api'],
    ['GET', '/api/'],
    ['GET', '/api/user/v1/projects'],
    ['GET', `/api/user/v1/projects/${P}`],
    ['GET', `/api/user/v1/projects/0${P}/`],
    ['GET', '/api/user/v1/projects/0/'],
    ['GET', '/api/user/v1/projects/-1/'],
    ['GET', '/api/user/v1/projects/12345678901/'],
    ['GET', `/api/user/v1/projects/${P}/get-topic-names/`],
    ['GET', `/api/user/v1/projects/${P}/members/`],
    ['GET', `/api/user/v1/projects/${P}/test-webhook/`],
    ['DELETE', `/api/user/v1/projects/${P}/`],
    ['PUT', `/api/user/v1/projects/${P}/`],
    ['POST', `/api/user/v1/projects/${P}/`],
    ['POST', '/api/user/v1/projects/'],
    ['PATCH', '/api/user/v1/projects/'],
    ['HEAD', '/api/user/v1/projects/'],
    ['OPTIONS', '/api/user/v1/projects/'],
    ['POST', '/api/test_framework/v1/metrics/'],
    ['PATCH', '/api/dashboards/dashboards/'],
    ['GET', '/api/test_framework/v1/metrics/1/'],
    ['GET', '/api/test_framework/v1/aiagents/'],
    ['GET', '/api/observability/v1/call-logs/'],
    ['GET', '/api/dashboards/dashboards/1/'],
    ['GET', `/api/user/v1/projects/${P}/../1/`],
    ['GET', '/api/user/v1/projects/../../__emulator/requests'],
    ['GET', '/api/../__emulator/requests'],
    ['GET', '/api/__emulator/requests'],
    ['GET', `/api/user/v1/projects/${P}/./`],
    ['GET', `/api/user/v1/projects/${P}/.`],
    ['GET', '/api/user/v1/projects/%2e%2e/'],
    ['GET', '/api/user/v1/projects/%2E%2E/%2E%2E/__emulator/requests'],
    ['GET', '/api/user/v1/projects/%252e%252e/'],
    ['GET', '/api/user/v1/projects%2f1/'],
    ['GET', `/api/user/v1/projects/${P}%2F`],
    ['GET', `/api/user/v1/projects/${P}%252F`],
    ['GET', '/api/user/v1/projects/%31/'],
    ['GET', `/api/user/v1/projects/${P}/%2e/`],
    ['GET', `/api/user/v1/projects/${P}/%00`],
    ['GET', `/api/user/v1/projects/${P}/%5c`],
    ['GET', '/api%2fuser/v1/projects/'],
    ['GET', '/%2e%2e/api/user/v1/projects/'],
    ['GET', '/%2561pi/user/v1/projects/'],
    ['GET', '/api/user/v1/projects/%'],
    ['GET', '/api/user/v1/projects/%zz/'],
    ['GET', '/api//user/v1/projects/'],
    ['GET', '/api/user/v1//projects/'],
    ['GET', '//api/user/v1/projects/'],
    ['GET', `//127.0.0.1:${emuPort}/user/v1/projects/`],
    ['GET', `http://127.0.0.1:${emuPort}/user/v1/projects/`],
    ['GET', `http://127.0.0.1:${adminPort}/api/user/v1/projects/`],
    ['GET', '/api\\user\\v1\\projects\\'],
    ['GET', `/api/user/v1/projects/${P}/\\..\\`],
    ['GET', '/api/user/v1/projects/?\\'],
    ['GET', '/API/user/v1/projects/'],
    ['GET', '/Api/user/v1/projects/'],
    ['GET', '/api/USER/v1/projects/'],
    ['GET', `/api/user/v1/projects/${P}/;x=1`],
    ['GET', `/api/user/v1/projects/${P};/`],
    ['GET', '/app-api/../api/user/v1/projects/'],
    ['GET', '/apis/user/v1/projects/'],
  ];

  it('answers 404 to every attack path, and the emulator log stays empty', async () => {
    await stack.hook.clearRequests();
    const list = attacks(new URL(stack.emu.url).port, stack.admin.port);
    const answers = [];
    for (const [method, target] of list) {
      const res = await rawRequest(stack.admin.port, method, target);
      answers.push(`${res.status} ${method} ${target}`);
    }
    expect(answers).toEqual(list.map(([method, target]) => `404 ${method} ${target}`));
    expect(await stack.hook.requests()).toEqual([]);
  });

  it('ignores a browser-sent key header and cannot smuggle a second request line', async () => {
    await stack.hook.clearRequests();
    const res = await rawRequest(
      stack.admin.port,
      'GET',
      `/api/user/v1/projects/${P}/x`,
      'X-CEKURA-API-KEY: attacker\r\n',
    );
    expect(res.status).toBe(404);
    expect(await stack.hook.requests()).toEqual([]);
  });
});

describe('query parameters', () => {
  const P = DEMO_PROJECT_ID;

  it('refuses unknown, repeated or malformed parameters with 400 before the upstream', async () => {
    await stack.hook.clearRequests();
    const bad = [
      `/api/user/v1/projects/?project_id=${P}&format=api`,
      `/api/user/v1/projects/${P}/?fields=id`,
      `/api/test_framework/v1/metrics/?project_id=${P}&project_id=2`,
      '/api/test_framework/v1/metrics/?project_id=1%20OR%201',
      '/api/test_framework/v1/metrics/?agents=1,x',
      '/api/observability/v2/call-logs/?timestamp_from=yesterday',
      '/api/test_framework/v1/aiagents/short_list/?page=-1',
      '/api/dashboards/dashboards/?page_size=',
      '/api/user/v1/projects/?__proto__=1',
      // Values in the vendor's formats, not only the names: RFC 3339 date-times, positive 32-bit ids.
      '/api/observability/v2/call-logs/?timestamp_from=2024-01-01%20junkjunk',
      '/api/observability/v2/call-logs/?timestamp_from=2024-01-01',
      '/api/observability/v2/call-logs/?timestamp_to=2024-02-31T00:00:00Z',
      '/api/observability/v2/call-logs/?timestamp_to=2024-01-01T24:00:00Z',
      '/api/observability/v2/call-logs/?call_ids=5181749,,2',
      '/api/observability/v2/call-logs/?assistant_id=',
      `/api/observability/v2/call-logs/?project_id=0`,
      '/api/dashboards/dashboards/?project_id=2147483648',
      '/api/dashboards/dashboards/?page=01',
      '/api/test_framework/v1/metrics/?include_scores=1',
    ];
    for (const path of bad) {
      const res = await api(stack.admin.url, path);
      expect(res.status, path).toBe(400);
      expect(res.json().detail, path).toMatch(/Query parameter/);
    }
    expect((await api(stack.admin.url, bad[9])).json().detail).toBe(
      'Query parameter "timestamp_from" must be an ISO 8601 date-time such as 2025-01-31T23:59:59Z',
    );
    expect(await stack.hook.requests()).toEqual([]);
  });

  it('accepts date-times with a fraction and any offset, and ids up to 2^31 - 1', async () => {
    for (const from of ['2024-02-29T23:59:59Z', '2024-01-01T00:00:00.123456+05:30', '2024-01-01t00:00:00z']) {
      expect(isDateTime(from), from).toBe(true);
    }
    const ok = await api(stack.admin.url, '/api/dashboards/dashboards/?project_id=2147483647&page=1&page_size=20');
    expect(ok.status).toBe(200);
  });

  it('forwards the documented ones, decoded and re-encoded', async () => {
    await stack.hook.clearRequests();
    const q = 'Support & "sales" +1/2';
    // A recent instant (the API refuses windows over 33 days), written with an explicit +00:00 offset.
    const from = `${new Date(Date.now() - 2 * 86_400_000).toISOString().slice(0, 19)}+00:00`;
    const search = new URLSearchParams({ project_id: String(P), q, page: '1' });
    expect((await api(stack.admin.url, `/api/test_framework/v1/aiagents/short_list/?${search}`)).status).toBe(200);
    const logs = new URLSearchParams({ project_id: String(P), timestamp_from: from, page_size: '2' });
    expect((await api(stack.admin.url, `/api/observability/v2/call-logs/?${logs}`)).status).toBe(200);
    const [agents, calls] = await stack.hook.requests();
    expect(agents.query).toMatchObject({ project_id: String(P), q, page: '1' });
    expect(calls.query).toMatchObject({ timestamp_from: from, page_size: '2' });
  });
});
