// No request input produces a 5xx: random paths (with odd percent-escapes, dots, backslashes, non-ASCII),
// query strings, headers and bodies, over a raw socket to the real admin server in front of a healthy emulator,
// on every route (login page and script, /app-api, /api, static files, app pages). Every answer must be below
// 500, carry the security headers and show no stack trace or internal name.
import fc from 'fast-check';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../auth/password';
import { openSqliteStore } from '../store/sqlite';
import { DEMO_PROJECT_ID } from '../emulator/seed';
import { rawRequest, startAdmin, startTestEmulator, type Admin, type Emulator } from './test-support';

const P = DEMO_PROJECT_ID;
let emu: Emulator;
let admin: Admin;
let guarded: Admin;
let userDir: string;
let dist: string;

beforeAll(async () => {
  emu = await startTestEmulator();
  // A small built app, so that static files and the history fallback are served as in production.
  dist = mkdtempSync(path.join(os.tmpdir(), 'cekura-fuzz-dist-'));
  mkdirSync(path.join(dist, 'assets'));
  writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>app</title><div id="root"></div>');
  writeFileSync(path.join(dist, 'assets', 'index-abc123.js'), 'console.log(1);');
  admin = await startAdmin(emu.url, { distDir: dist });
  // The same with a user: every route is then behind the login check.
  userDir = mkdtempSync(path.join(os.tmpdir(), 'cekura-fuzz-users-'));
  const store = openSqliteStore(userDir);
  await store.setUser('ann', await hashPassword('correct horse battery staple'));
  await store.close();
  guarded = await startAdmin(emu.url, { distDir: dist, dataDir: userDir });
}, 60_000);

afterAll(async () => {
  await admin?.close();
  await guarded?.close();
  await emu?.close();
  rmSync(dist, { recursive: true, force: true });
  rmSync(userDir, { recursive: true, force: true });
});

const ROUTES = [
  '/',
  '/login',
  '/login.js',
  '/projects/1/general',
  '/assets/index-abc123.js',
  '/assets/',
  '/index.html',
  '/favicon.svg',
  '/app-api/health',
  '/app-api/session',
  '/app-api/config',
  '/app-api/login',
  '/app-api/logout',
  `/app-api/projects/${P}/history`,
  `/app-api/projects/${P}/history/1`,
  '/api/user/v1/projects/',
  `/api/user/v1/projects/${P}/`,
  '/api/observability/v2/call-logs/',
  '/api/test_framework/v1/metrics/',
  '/api/test_framework/v1/aiagents/short_list/',
  '/api/dashboards/dashboards/',
  '/api/nope/',
];

/** Pieces a path or query may be built from: the tricky ones by hand, the rest random (percent-encoded). */
const TRICKY = [
  '%',
  '%zz',
  '%E2%80%A8',
  '%00',
  '%2F',
  '%2e%2e',
  '..',
  '.',
  '//',
  '\\',
  '%5C',
  '%C0%AF',
  '%ED%A0%80',
  '%FF',
  ';',
  '~',
  '@',
  ':',
  '*',
  "'",
  '"',
  '<',
  '>',
  '{',
];
// Random text goes out percent-encoded as UTF-8: a raw space or CR would make Node's parser answer before us.
const encodedText = fc.string({ unit: 'grapheme', maxLength: 12 }).map((s) => {
  try {
    return encodeURIComponent(s);
  } catch {
    return '%ED%A0%80';
  }
});
const piece = fc.oneof(fc.constantFrom(...TRICKY), encodedText, fc.constantFrom('1', '0', '-1', '1e9', '99999999999'));
const pathArb = fc.oneof(
  fc.constantFrom(...ROUTES),
  fc
    .tuple(fc.constantFrom(...ROUTES), fc.array(piece, { maxLength: 4 }))
    .map(([route, extra]) => route + extra.join('')),
  fc
    .tuple(fc.constantFrom(...ROUTES), fc.array(piece, { maxLength: 3 }))
    .map(([route, extra]) => `${route}${extra.join('/')}/`),
);
const KEYS = ['next', 'project_id', 'page', 'page_size', 'timestamp_from', 'timestamp_to', 'id', 'search', 'x', ''];
const queryArb = fc
  .array(fc.tuple(fc.oneof(fc.constantFrom(...KEYS), piece), fc.array(piece, { maxLength: 3 })), { maxLength: 4 })
  .map((pairs) => (pairs.length ? `?${pairs.map(([k, v]) => `${k}=${v.join('')}`).join('&')}` : ''));

// Header values Node's parser accepts (printable ASCII and Latin-1), so that our server is the one answering.
const headerValue = fc.oneof(
  fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength: 40 }),
  fc.constantFrom('*', 'W/"x"', '"', '', 'application/json', 'text/plain', 'cekura_session=abc', 'null', 'é'),
);
const HEADER_NAMES = [
  'cookie',
  'content-type',
  'if-match',
  'if-none-match',
  'origin',
  'accept',
  'accept-encoding',
  'range',
  'x-forwarded-for',
  'x-forwarded-proto',
  'sec-fetch-site',
  'if-modified-since',
];
const headersArb = fc.dictionary(fc.constantFrom(...HEADER_NAMES), headerValue, { maxKeys: 4 });
const bodyArb = fc.oneof(
  fc.constant(''),
  fc.json({ maxDepth: 2 }),
  fc.string({ maxLength: 60 }),
  fc.constantFrom('{"name":"x","password":"y"}', '{"name":"Fuzzed"}', '[]', 'null', '{"rubric_config":1}'),
);
const methodArb = fc.constantFrom('GET', 'HEAD', 'POST', 'PATCH', 'PUT', 'DELETE', 'OPTIONS');

const SECURITY = ['content-security-policy', 'x-content-type-options', 'referrer-policy', 'x-frame-options'];
// What a crash or a leaked internal would show: a stack frame, a Node or Fastify error code, a source path.
const INTERNALS = /\bat .+:\d+:\d+|node:internal|FST_ERR|ERR_[A-Z_]{3,}|node_modules|\/src\/server|\.ts:\d+/;

describe('fuzzing every route', () => {
  it('never answers 5xx, always with the security headers and without internals', async () => {
    const seen = new Set<number>();
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(
        methodArb,
        pathArb,
        queryArb,
        headersArb,
        bodyArb,
        fc.boolean(),
        async (method, target, query, headers, body, withUsers) => {
          const server = withUsers ? guarded : admin;
          const headerText = Object.entries(headers)
            .map(([name, value]) => `${name}: ${value}\r\n`)
            .join('');
          // Writes carry the server's own origin half of the time, so they also get past the cross-site check.
          const origin = 'origin' in headers ? '' : `Origin: http://127.0.0.1:${server.port}\r\n`;
          const sent = method === 'GET' || method === 'HEAD' ? '' : body;
          const res = await rawRequest(server.port, method, `${target}${query}`, headerText + origin, sent);
          seen.add(res.status);
          runs += 1;
          const what = `${method} ${target}${query} ${JSON.stringify(headers)} ${JSON.stringify(sent)}`;
          expect(res.status, what).toBeGreaterThanOrEqual(200);
          expect(res.status, what).toBeLessThan(500);
          for (const name of SECURITY) expect(res.headers[name], `${name}: ${what}`).toBeDefined();
          // A successful answer carries the upstream's data (a call's transcript may say anything); errors are ours.
          if (res.status >= 300) expect(res.body, what).not.toMatch(INTERNALS);
        },
      ),
      // Bounded for a busy machine: the run stops early (without failing) once the time is up.
      {
        numRuns: 400,
        interruptAfterTimeLimit: 40_000,
        // Inputs that once answered 500 or without the headers: always tried first.
        examples: [
          ['GET', '/login', '?next=/%E2%80%A8', {}, '', false],
          ['GET', '/login', '?next=/%ED%A0%80', {}, '', false],
          ['GET', '/%', '', {}, '', true],
        ],
      },
    );
    // The inputs reached the routes, not only the guards.
    expect([...seen].some((s) => s === 200)).toBe(true);
    console.log(`fuzz: ${runs} requests, statuses ${[...seen].sort().join(', ')}`);
  }, 90_000);
});
