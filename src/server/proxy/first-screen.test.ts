// index.html of a project page carries the config and the project (read from the upstream for that request)
// as inert JSON, plus modulepreloads of its section's chunks; never for a request that is not logged in, and
// never held up by an upstream that fails or does not answer.
import http from 'node:http';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import Fastify from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FIRST_SCREEN_ELEMENT_ID, firstScreenDataSchema } from '../../shared/schemas/first-screen';
import { hashPassword } from '../auth/password';
import { DEMO_PROJECT_ID } from '../emulator/seed';
import { openAdminStore } from '../store/index';
import { firstScreenElement } from './first-screen';
import { NONCE_PLACEHOLDER, registerSpa } from './spa';
import { api, hooks, startAdmin, startTestEmulator, type Admin, type Emulator } from './test-support';

const INDEX = `<!doctype html><html><head><meta property="csp-nonce" nonce="${NONCE_PLACEHOLDER}"><script type="module" crossorigin src="/assets/index-E1.js" nonce="${NONCE_PLACEHOLDER}"></script></head><body><div id="root"></div></body></html>`;
const MANIFEST = {
  'index.html': { file: 'assets/index-E1.js', isEntry: true, imports: ['_shared-S1.js'] },
  '_shared-S1.js': { file: 'assets/shared-S1.js' },
  'src/web/sections/general/index.tsx': {
    file: 'assets/general-G1.js',
    isDynamicEntry: true,
    imports: ['index.html', '_TimeZoneSelect-T1.js', '_shared-S1.js'],
  },
  '_TimeZoneSelect-T1.js': { file: 'assets/TimeZoneSelect-T1.js', imports: ['index.html', '_Autocomplete-A1.js'] },
  '_Autocomplete-A1.js': { file: 'assets/Autocomplete-A1.js', imports: ['index.html'] },
  'src/web/sections/rubric/index.tsx': { file: 'assets/rubric-R1.js', isDynamicEntry: true, imports: ['index.html'] },
  'src/web/api/metrics.ts': { file: 'assets/metrics-M1.js', isDynamicEntry: true, imports: ['index.html'] },
};

const ELEMENT = new RegExp(`<script type="application/json" id="${FIRST_SCREEN_ELEMENT_ID}">(.*?)</script>`, 's');
/** The page's first-screen data, parsed as the app reads it (undefined when the page has none). */
function dataOf(html: string) {
  const text = ELEMENT.exec(html)?.[1];
  return text === undefined ? undefined : firstScreenDataSchema.parse(JSON.parse(text));
}
const preloadsOf = (html: string) =>
  [...html.matchAll(/<link rel="modulepreload" crossorigin href="([^"]+)">/g)].map((m) => m[1]);

let dist: string;
let emu: Emulator;
beforeAll(async () => {
  dist = mkdtempSync(path.join(os.tmpdir(), 'cekura-dist-first-'));
  mkdirSync(path.join(dist, '.vite'));
  writeFileSync(path.join(dist, 'index.html'), INDEX);
  writeFileSync(path.join(dist, '.vite', 'manifest.json'), JSON.stringify(MANIFEST));
  emu = await startTestEmulator();
});
afterAll(async () => {
  await emu?.close();
  rmSync(dist, { recursive: true, force: true });
});
beforeEach(async () => {
  await hooks(emu.url).reset();
});

describe('firstScreenElement', () => {
  it('escapes what could end the element or open a comment, and the JSON reads back the same', () => {
    const hostile = {
      id: 7,
      name: '</script><script>alert(1)</script>',
      description: '<!-- x --> \u2028 \u2029 & " \\',
      nested: { list: ['</SCRIPT>', '<\u2028>'] },
    };
    const element = firstScreenElement({
      config: { mode: 'live', upstreamHost: '</script>' },
      session: { user: '</script><!--', authRequired: true },
      project: { id: 7, etag: '"abc"', writePending: true, body: JSON.stringify(hostile) },
    });
    const inner = element.slice(element.indexOf('>') + 1, element.lastIndexOf('</script>'));
    expect(inner).not.toMatch(/[<\u2028\u2029]/);
    expect(element.match(/<\/script/gi)).toHaveLength(1);
    expect(JSON.parse(inner)).toEqual({
      config: { mode: 'live', upstreamHost: '</script>' },
      session: { user: '</script><!--', authRequired: true },
      project: { id: 7, etag: '"abc"', writePending: true, data: hostile },
    });
  });
});

describe('a project page', () => {
  let admin: Admin;
  beforeAll(async () => {
    admin = await startAdmin(emu.url, { distDir: dist });
  });
  afterAll(async () => admin?.close());

  it('carries the config, the session and the project exactly as the API answers them, read from the upstream each time', async () => {
    const hook = hooks(emu.url);
    await hook.clearRequests();
    const page = await api(admin.url, `/projects/${DEMO_PROJECT_ID}/general`);
    const viaApi = await api(admin.url, `/api/user/v1/projects/${DEMO_PROJECT_ID}/`);
    const config = (await api(admin.url, '/app-api/config')).json();
    const session = (await api(admin.url, '/app-api/session')).json();
    expect(session).toEqual({ user: null, authRequired: false });
    expect(dataOf(page.text)).toEqual({
      config,
      session,
      project: { id: DEMO_PROJECT_ID, etag: viaApi.headers.get('etag'), writePending: false, data: viaApi.json() },
    });
    // The page's read and the API's read both reached the upstream.
    const reads = (await hook.requests()).filter((r) => r.path === `/user/v1/projects/${DEMO_PROJECT_ID}/`);
    expect(reads).toHaveLength(2);

    // A change upstream shows in the next page: nothing is cached.
    await api(admin.url, `/api/user/v1/projects/${DEMO_PROJECT_ID}/`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', 'if-match': viaApi.headers.get('etag') ?? '' },
      body: JSON.stringify({ name: 'Renamed </script> <!--' }),
    });
    const again = dataOf((await api(admin.url, `/projects/${DEMO_PROJECT_ID}`)).text);
    expect(again?.project?.data).toMatchObject({ name: 'Renamed </script> <!--' });
  });

  it("preloads the section's chunks (not the entry's), and for other pages only the config", async () => {
    const general = await api(admin.url, `/projects/${DEMO_PROJECT_ID}/general`);
    expect(preloadsOf(general.text)).toEqual([
      '/assets/general-G1.js',
      '/assets/TimeZoneSelect-T1.js',
      '/assets/Autocomplete-A1.js',
    ]);
    const rubric = await api(admin.url, `/projects/${DEMO_PROJECT_ID}/rubric`);
    expect(preloadsOf(rubric.text)).toEqual(['/assets/rubric-R1.js', '/assets/metrics-M1.js']);

    const history = await api(admin.url, `/projects/${DEMO_PROJECT_ID}/history`);
    expect(preloadsOf(history.text)).toEqual([]);
    expect(dataOf(history.text)?.project?.id).toBe(DEMO_PROJECT_ID);
    const picker = await api(admin.url, '/');
    expect(preloadsOf(picker.text)).toEqual([]);
    expect(dataOf(picker.text)).toEqual({
      config: expect.objectContaining({ mode: 'emulator' }),
      session: { user: null, authRequired: false },
    });
  });

  it('has no project when the upstream refuses it (the app then fetches it and reports why)', async () => {
    const page = await api(admin.url, '/projects/999999/general');
    expect(page.status).toBe(200);
    expect(dataOf(page.text)).toEqual({
      config: expect.objectContaining({ mode: 'emulator' }),
      session: { user: null, authRequired: false },
    });
  });

  it('sends no data with a HEAD request', async () => {
    const res = await api(admin.url, `/projects/${DEMO_PROJECT_ID}/general`, { method: 'HEAD' });
    expect(res.status).toBe(200);
    expect(res.text).toBe('');
  });
});

describe('an upstream that fails or hangs', () => {
  let hanging: http.Server;
  let upstreamUrl: string;
  const held: http.ServerResponse[] = [];
  beforeAll(async () => {
    // Answers the project list with garbage and never answers anything else.
    hanging = http.createServer((req, res) => {
      if (req.url === '/user/v1/projects/1/')
        return res.writeHead(200, { 'content-type': 'application/json' }).end('{');
      if (req.url === '/user/v1/projects/2/')
        return res.writeHead(200, { 'content-type': 'application/json' }).end('[]');
      held.push(res);
    });
    await new Promise<void>((resolve) => hanging.listen(0, '127.0.0.1', resolve));
    upstreamUrl = `http://127.0.0.1:${(hanging.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    for (const res of held) res.destroy();
    hanging.closeAllConnections();
    await new Promise((resolve) => hanging.close(resolve));
  });

  it('still sends the whole page, without the project, once the short wait is over', async () => {
    // The test's own timeout (20 s) is far above the 50 ms wait: a page held by the upstream fails it.
    const admin = await startAdmin(upstreamUrl, { distDir: dist, firstScreenWaitMs: 50 });
    try {
      for (const id of [1, 2, 3]) {
        const page = await api(admin.url, `/projects/${id}/general`);
        expect(page.status).toBe(200);
        expect(page.text).toContain('</html>');
        expect(dataOf(page.text), `project ${id}`).toEqual({
          config: expect.objectContaining({ mode: 'emulator' }),
          session: { user: null, authRequired: false },
        });
      }
    } finally {
      await admin.close();
    }
  });
});

describe('once login is required', () => {
  let admin: Admin;
  let dataDir: string;
  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'cekura-first-login-'));
    const store = await openAdminStore({ dataDir });
    await store.setUser('ann', await hashPassword('correct horse battery staple'));
    await store.close();
    admin = await startAdmin(emu.url, { distDir: dist, dataDir });
  });
  afterAll(async () => {
    await admin?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('a request without a session gets the login redirect, no data, and nothing is read upstream', async () => {
    const hook = hooks(emu.url);
    await hook.clearRequests();
    const res = await api(admin.url, `/projects/${DEMO_PROJECT_ID}/general`, { redirect: 'manual' });
    expect(res.status).toBe(302);
    expect(res.text).not.toContain(FIRST_SCREEN_ELEMENT_ID);
    const stale = await api(admin.url, `/projects/${DEMO_PROJECT_ID}/general`, {
      redirect: 'manual',
      headers: { cookie: 'cekura_session=not-a-session' },
    });
    expect(stale.status).toBe(302);
    expect(await hook.requests()).toEqual([]);
  });

  it('a logged-in request gets the data', async () => {
    const login = await api(admin.url, '/app-api/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'ann', password: 'correct horse battery staple' }),
    });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
    const page = await api(admin.url, `/projects/${DEMO_PROJECT_ID}/general`, { headers: { cookie } });
    expect(dataOf(page.text)?.project?.id).toBe(DEMO_PROJECT_ID);
    // The session as GET /app-api/session answers it for the same cookie.
    expect(dataOf(page.text)?.session).toEqual({ user: 'ann', authRequired: true });
    expect((await api(admin.url, '/app-api/session', { headers: { cookie } })).json()).toEqual({
      user: 'ann',
      authRequired: true,
    });
  });
});

describe('the page itself', () => {
  it('asks whether the request may see project data, and reads nothing when it may not', async () => {
    let reads = 0;
    const app = Fastify();
    await registerSpa(app, dist, {
      admitted: async () => false,
      config: { mode: 'live', upstreamHost: 'api.example' },
      session: async () => ({ user: null, authRequired: false }),
      readProject: async (id) => {
        reads += 1;
        return { id, etag: '"x"', writePending: false, body: '{}' };
      },
    });
    try {
      const res = await app.inject({ method: 'GET', url: '/projects/1/general' });
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain('</html>');
      expect(res.body).not.toContain(FIRST_SCREEN_ELEMENT_ID);
      expect(reads).toBe(0);
    } finally {
      await app.close();
    }
  });
});
