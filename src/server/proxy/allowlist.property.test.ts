// Property: whatever method and request target a client sends (traversal in every encoding, //host, @host,
// backslashes, unicode dots, absolute URLs, query tricks, unknown methods), nothing outside the allowlist
// reaches the upstream. Requests go over raw sockets (fetch would normalise them first); what arrived is read
// from the emulator's request log and from a recording upstream (which also sees /__emulator/* paths, which
// the emulator does not log).
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PROJECT_ID } from '../emulator/seed';
import {
  hooks,
  rawRequest,
  startAdmin,
  startRecorder,
  startTestEmulator,
  type Admin,
  type Emulator,
} from './test-support';

const P = String(DEMO_PROJECT_ID);

// The allowlist as the README states it, written out independently of allowlist.ts.
const ALLOWED: Array<{ method: string; path: RegExp; spec: string }> = [
  { method: 'GET', path: /^\/user\/v1\/projects\/$/, spec: '/user/v1/projects/' },
  { method: 'GET', path: /^\/user\/v1\/projects\/[1-9][0-9]*\/$/, spec: '/user/v1/projects/{id}/' },
  { method: 'PATCH', path: /^\/user\/v1\/projects\/[1-9][0-9]*\/$/, spec: '/user/v1/projects/{id}/' },
  { method: 'POST', path: /^\/user\/v1\/projects\/[1-9][0-9]*\/test-webhook\/$/, spec: '' },
  { method: 'GET', path: /^\/test_framework\/v1\/metrics\/$/, spec: '/test_framework/v1/metrics/' },
  {
    method: 'GET',
    path: /^\/test_framework\/v1\/aiagents\/short_list\/$/,
    spec: '/test_framework/v1/aiagents/short_list/',
  },
  { method: 'GET', path: /^\/dashboards\/dashboards\/$/, spec: '/dashboards/dashboards/' },
  { method: 'GET', path: /^\/observability\/v2\/call-logs\/$/, spec: '/observability/v2/call-logs/' },
];
const openapi = JSON.parse(
  readFileSync(new URL('../../shared/reference/cekura-openapi-subset.json', import.meta.url), 'utf8'),
);
const documentedQuery = (spec: string, method: string): string[] =>
  (openapi.paths[spec]?.[method.toLowerCase()]?.parameters ?? [])
    .filter((p: { in: string }) => p.in === 'query')
    .map((p: { name: string }) => p.name);

/** Why an upstream request is outside the allowlist, or undefined when it is inside. */
function outsideAllowlist(method: string, pathWithQuery: string): string | undefined {
  const [path, query = ''] = pathWithQuery.split(/\?(.*)/s);
  const op = ALLOWED.find((a) => a.method === method && a.path.test(path));
  if (!op) return `${method} ${path} is not an allowed operation`;
  const names = [...new URLSearchParams(query).keys()];
  const allowed = documentedQuery(op.spec, method);
  const bad = names.filter((n, i) => !allowed.includes(n) || names.indexOf(n) !== i);
  return bad.length ? `query ${bad.join(',')} not allowed for ${method} ${path}` : undefined;
}

/** The emulator logs the query parsed; repeated names come back as arrays and must stay repeated. */
function queryText(query: Record<string, string | string[]>): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) for (const v of [value].flat()) params.append(name, v);
  const text = params.toString();
  return text ? `?${text}` : '';
}

let emu: Emulator;
let recorder: Awaited<ReturnType<typeof startRecorder>>;
let viaEmulator: Admin;
let viaRecorder: Admin;
let hook: ReturnType<typeof hooks>;

beforeAll(async () => {
  emu = await startTestEmulator();
  hook = hooks(emu.url);
  recorder = await startRecorder(() => ({ status: 200, body: `{"id": ${P}, "name": "recorded"}` }));
  viaEmulator = await startAdmin(emu.url);
  viaRecorder = await startAdmin(recorder.url);
});
afterAll(async () => {
  await viaEmulator?.close();
  await viaRecorder?.close();
  await recorder?.close();
  await emu?.close();
});

// --- generators -------------------------------------------------------------------------------------------
const real = [
  'user',
  'v1',
  'v2',
  'projects',
  P,
  '1',
  '0',
  '-1',
  '01',
  'test-webhook',
  'test_framework',
  'metrics',
  'aiagents',
  'short_list',
  'dashboards',
  'observability',
  'call-logs',
  'members',
  'get-topic-names',
  '__emulator',
  'requests',
  'reset',
  'faults',
  'api',
  'app-api',
  'API',
];
const dots = [
  '.',
  '..',
  '...',
  '%2e',
  '%2E',
  '%2e%2e',
  '.%2e',
  '%2e.',
  '%252e%252e',
  '%25252e',
  '%c0%ae%c0%ae',
  '%e0%80%ae',
  '%E3%80%82',
  '%e3%80%82%e3%80%82',
  '%EF%BC%8E%EF%BC%8E',
  '\uFF0E\uFF0E',
  '\u3002',
  '\u2024\u2024',
  '%u002e%u002e',
];
const separators = [
  '/',
  '//',
  '///',
  '\\',
  '\\\\',
  '%2f',
  '%2F',
  '%5c',
  '%5C',
  '%252f',
  '%25%32%66',
  '/./',
  ';',
  ';x=1',
  '%00',
  '%0d%0a',
  '%09',
  '%20',
  '@',
  '%40',
  ':',
  '#',
  '%23',
  '?',
  '\uFF0F',
  '%EF%BC%8F',
];
const prefixes = (emuHost: string, adminHost: string) => [
  '/api',
  '/api/',
  '/API/',
  '/Api',
  '//api',
  '/api//',
  '/./api',
  '/api/.',
  '/app-api/../api',
  '/x/../api',
  '/%61pi',
  '/ap%69',
  '',
  '/',
  `//${emuHost}`,
  `http://${emuHost}`,
  `http://${adminHost}/api`,
  `https://${emuHost}`,
  `http://user@${emuHost}`,
  `/api@${emuHost}`,
  `/api/@${emuHost}`,
  `@${emuHost}`,
  `/api\\\\${emuHost}`,
  `http:/${emuHost}`,
  '*',
  `/api/http://${emuHost}`,
];
const queries = [
  '',
  '?',
  '??',
  `?project_id=${P}`,
  `?project_id=${P}&project_id=2`,
  '?x=1',
  `?project_id=${P}%26x=2`,
  `?project_id=${P}&x=1`,
  '?page=1#frag',
  `?%70roject_id=${P}`,
  '?project_id=../../__emulator/reset',
  `?project_id=${P}?x=1`,
  '?project_id[]=1',
  '?__proto__=1',
  '?page=1&page_size=5',
  '?agents=1,2,3',
  '?q=%2e%2e%2f',
  `?project_id=${P}%00`,
  '?project_id=1;x=2',
  '?organization_id=1&organization_id=1',
];
const methods = [
  'GET',
  'GET',
  'GET',
  'PATCH',
  'PATCH',
  'POST',
  'POST',
  'PUT',
  'DELETE',
  'HEAD',
  'OPTIONS',
  'TRACE',
  'get',
  'Patch',
  'PROPFIND',
  'MERGE',
  'FOO',
  'GET /x',
];

/** Real operations (and the emulator's hooks) that a mutation turns into near misses, or leaves intact. */
const goodOps: Array<[string, string]> = [
  ['GET', '/user/v1/projects/'],
  ['GET', `/user/v1/projects/${P}/`],
  ['PATCH', `/user/v1/projects/${P}/`],
  ['POST', `/user/v1/projects/${P}/test-webhook/`],
  ['GET', '/test_framework/v1/metrics/'],
  ['GET', '/test_framework/v1/aiagents/short_list/'],
  ['GET', '/dashboards/dashboards/'],
  ['GET', '/observability/v2/call-logs/'],
  ['GET', '/__emulator/requests'],
  ['POST', '/__emulator/reset'],
];

function requests(emuHost: string, adminHost: string) {
  const method = fc.constantFrom(...methods);
  // No query at all half of the time, so that intact operations really get through.
  const query = fc.oneof(fc.constant(''), fc.constantFrom(...queries));
  const piece = fc.oneof(fc.constantFrom(...real), fc.constantFrom(...dots), fc.constantFrom(...separators));
  const composed = fc
    .tuple(
      method,
      fc.constantFrom(...prefixes(emuHost, adminHost)),
      fc.array(piece, { maxLength: 9 }),
      fc.constantFrom('', '/', '//', '\\'),
      query,
    )
    .map(([m, prefix, pieces, tail, q]) => [m, `${prefix}${pieces.join('')}${tail}${q}`] as const);
  // A real operation with a piece inserted somewhere and/or pieces appended (or neither), mostly with its own method.
  const nearMiss = fc
    .tuple(
      fc.constantFrom(...goodOps),
      fc.nat(),
      fc.option(piece, { freq: 2 }),
      fc.option(fc.array(piece, { minLength: 1, maxLength: 3 }), { freq: 2 }),
      fc.option(method, { freq: 2 }),
      query,
    )
    .map(([[opMethod, good], at, insert, appended, otherMethod, q]) => {
      const path = `/api${good}`;
      const cut = at % (path.length + 1);
      const target = insert === null ? path : `${path.slice(0, cut)}${insert}${path.slice(cut)}`;
      return [otherMethod ?? opMethod, `${target}${(appended ?? []).join('')}${q}`] as const;
    });
  // A real operation extended by plain segments: what a too-loose pattern (a prefix match) would let through.
  const extended = fc
    .tuple(
      fc.constantFrom(...goodOps),
      fc.array(fc.constantFrom(...real), { minLength: 1, maxLength: 3 }),
      fc.constantFrom('', '/'),
    )
    .map(([[m, good], segments, tail]) => [m, `/api${good}${segments.join('/')}${tail}`] as const);
  // Intact operations too, so that forwarding happens often and the property is not vacuous.
  const intact = fc.constantFrom(...goodOps).map(([m, good]) => [m, `/api${good}`] as const);
  return fc.oneof(composed, nearMiss, extended, intact);
}

// --- the property -----------------------------------------------------------------------------------------
describe('the allowlist under generated attacks', () => {
  it('lets nothing outside the allowlist reach the upstream', async () => {
    const emuHost = new URL(emu.url).host;
    const stats = { sent: 0, forwarded: 0 };
    let seq = 0;
    await hook.clearRequests();

    await fc.assert(
      fc.asyncProperty(requests(emuHost, new URL(viaEmulator.url).host), async ([method, target]) => {
        // Sent as the console would (own Origin, JSON, an If-Match), so that only the allowlist stands in the way.
        for (const admin of [viaEmulator, viaRecorder]) {
          const headers = `Origin: ${admin.url}\r\nContent-Type: application/json\r\nIf-Match: "x"\r\n`;
          await rawRequest(admin.port, method, target, headers, method === 'GET' || method === 'HEAD' ? '' : '{}');
          stats.sent += 1;
        }
        const fromEmulator = await hook.requests(seq);
        seq = fromEmulator.at(-1)?.seq ?? seq;
        const received = [
          ...fromEmulator.map((r) => ({ method: r.method, url: `${r.path}${queryText(r.query)}` })),
          ...recorder.seen.splice(0).map((r) => ({ method: r.method, url: r.url })),
        ];
        stats.forwarded += received.length;
        for (const r of received)
          expect(outsideAllowlist(r.method, r.url), `${method} ${target} -> ${r.method} ${r.url}`).toBeUndefined();
      }),
      { numRuns: 1000 },
    );
    // The property was not vacuous: many attacks were sent and some near misses were legitimate and forwarded.
    expect(stats.sent).toBe(2000);
    expect(stats.forwarded).toBeGreaterThan(200);
  }, 120_000);

  it('the checker itself recognises requests outside the allowlist', () => {
    expect(outsideAllowlist('GET', `/user/v1/projects/${P}/`)).toBeUndefined();
    expect(outsideAllowlist('GET', `/user/v1/projects/?project_id=${P}`)).toBeUndefined();
    expect(outsideAllowlist('GET', '/__emulator/reset')).toMatch(/not an allowed operation/);
    expect(outsideAllowlist('DELETE', `/user/v1/projects/${P}/`)).toMatch(/not an allowed operation/);
    expect(outsideAllowlist('GET', `/user/v1/projects/${P}/members/`)).toMatch(/not an allowed operation/);
    expect(outsideAllowlist('GET', '/user/v1/projects/?x=1')).toMatch(/query x/);
    expect(outsideAllowlist('GET', '/user/v1/projects/?project_id=1&project_id=2')).toMatch(/query project_id/);
  });
});
