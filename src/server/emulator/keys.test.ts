// Key scopes: the organisation key sees every project, a project key one project, a read-only key reads
// everything and writes nothing; and through the admin server the project list shows what the key sees.
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request, startTestEmulator, type TestEmulator } from '../../test-support/emulator';
import { buildAdminServer } from '../proxy/index';
import { OTHER_PROJECT_DETAIL, READ_ONLY_DETAIL } from './index';
import { DEMO_PROJECT_ID, SECOND_PROJECT_ID } from './seed';

const PROJECT_KEY = 'project-key-0123456789';
const READ_ONLY_KEY = 'read-only-key-0123456789';
let emu: TestEmulator;
const as = (key: string, method: string, p: string, body?: unknown) =>
  emu.api(method, p, body, { 'X-CEKURA-API-KEY': key });

beforeAll(async () => {
  emu = await startTestEmulator({ projectKey: PROJECT_KEY, readOnlyKey: READ_ONLY_KEY });
});
afterAll(async () => emu?.close());

describe('key scopes', () => {
  it('organisation key: every project', async () => {
    const list = await emu.api('GET', '/user/v1/projects/');
    expect(list.json.map((p: { id: number }) => p.id)).toEqual(
      expect.arrayContaining([DEMO_PROJECT_ID, SECOND_PROJECT_ID]),
    );
  });

  it('project key: its project only; another project by path or project_id is 403 with a detail', async () => {
    const list = await as(PROJECT_KEY, 'GET', '/user/v1/projects/');
    expect(list.json.map((p: { id: number }) => p.id)).toEqual([DEMO_PROJECT_ID]);
    expect((await as(PROJECT_KEY, 'GET', `/user/v1/projects/${DEMO_PROJECT_ID}/`)).status).toBe(200);
    for (const p of [
      `/user/v1/projects/${SECOND_PROJECT_ID}/`,
      `/dashboards/dashboards/?project_id=${SECOND_PROJECT_ID}`,
      `/observability/v2/call-logs/?project_id=${SECOND_PROJECT_ID}`,
    ]) {
      const res = await as(PROJECT_KEY, 'GET', p);
      expect([p, res.status, res.json]).toEqual([p, 403, { detail: OTHER_PROJECT_DETAIL }]);
    }
    const patch = await as(PROJECT_KEY, 'PATCH', `/user/v1/projects/${SECOND_PROJECT_ID}/`, { name: 'x' });
    expect(patch.status).toBe(403);
    // A list without project_id is narrowed to the key's project.
    const agents = await as(PROJECT_KEY, 'GET', '/test_framework/v1/aiagents/short_list/?page_size=25');
    const own = await emu.api('GET', `/test_framework/v1/aiagents/short_list/?project_id=${DEMO_PROJECT_ID}`);
    expect(agents.json.count).toBe(own.json.count);
  });

  it('read-only key: reads work, writes get 403 with a detail and change nothing', async () => {
    const before = await emu.api('GET', `/user/v1/projects/${SECOND_PROJECT_ID}/`);
    expect((await as(READ_ONLY_KEY, 'GET', `/user/v1/projects/${SECOND_PROJECT_ID}/`)).text).toBe(before.text);
    const patch = await as(READ_ONLY_KEY, 'PATCH', `/user/v1/projects/${SECOND_PROJECT_ID}/`, { name: 'nope' });
    expect([patch.status, patch.json]).toEqual([403, { detail: READ_ONLY_DETAIL }]);
    const test = await as(READ_ONLY_KEY, 'POST', `/user/v1/projects/${SECOND_PROJECT_ID}/test-webhook/`);
    expect(test.status).toBe(403);
    expect((await emu.api('GET', `/user/v1/projects/${SECOND_PROJECT_ID}/`)).text).toBe(before.text);
  });

  it('an unknown key is 401', async () => {
    expect((await as('no-such-key-0123456789', 'GET', '/user/v1/projects/')).status).toBe(401);
  });
});

describe('the admin server with a project key', () => {
  let admin: FastifyInstance;
  let base: string;
  beforeAll(async () => {
    admin = await buildAdminServer({
      upstreamUrl: emu.url,
      apiKey: PROJECT_KEY,
      mode: 'live',
      timeoutMs: 5000,
      distDir: path.join(emu.dataDir, 'no-dist'),
      dataDir: emu.dataDir,
      logger: false,
    });
    base = await admin.listen({ host: '127.0.0.1', port: 0 });
  });
  afterAll(async () => admin?.close());

  it('lists just that project and passes the 403 detail of another one through', async () => {
    const list = await request(`${base}/api/user/v1/projects/`, 'GET');
    expect(list.json.map((p: { id: number }) => p.id)).toEqual([DEMO_PROJECT_ID]);
    const other = await request(`${base}/api/user/v1/projects/${SECOND_PROJECT_ID}/`, 'GET');
    expect([other.status, other.json]).toEqual([403, { detail: OTHER_PROJECT_DETAIL }]);
  });
});
