import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_PROJECT_ID, SECOND_PROJECT_ID } from '../emulator/seed';
import { api, hooks, startAdmin, startTestEmulator, type Admin, type Emulator } from '../proxy/test-support';

// The save history through the real admin server and emulator: what a successful PATCH records, and the API.

const P = DEMO_PROJECT_ID;
const SECRET = `sk-history-CANARY-${Date.now()}`;

let emu: Emulator;
let admin: Admin;
let hook: ReturnType<typeof hooks>;
let dataDir: string;

beforeAll(async () => {
  emu = await startTestEmulator();
  hook = hooks(emu.url);
});
afterAll(async () => {
  await emu?.close();
});
// A fresh emulator state and a fresh history (own DATA_DIR) for every test.
beforeEach(async () => {
  await hook.reset();
  dataDir = mkdtempSync(join(tmpdir(), 'cekura-history-api-'));
  admin = await startAdmin(emu.url, { dataDir });
});
afterEach(async () => {
  await admin?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function load(id = P) {
  const res = await api(admin.url, `/api/user/v1/projects/${id}/`);
  return { project: res.json(), etag: res.headers.get('etag') as string };
}

const patch = (etag: string, body: object, id = P) =>
  api(admin.url, `/api/user/v1/projects/${id}/`, {
    method: 'PATCH',
    headers: { 'content-type': 'application/json', origin: admin.url, 'if-match': etag },
    body: JSON.stringify(body),
  });

const history = async (id = P, query = '') => api(admin.url, `/app-api/projects/${id}/history${query}`);

describe('a successful save', () => {
  it('is recorded with time, user, project and each field before and after; secrets only by intent', async () => {
    const { project: before, etag } = await load();
    const started = Date.now();
    const body = { name: 'Renamed for history', sample_rate: 0.25, vapi_api_key: SECRET, webhook_secret: '' };
    const saved = await patch(etag, body);
    expect(saved.status).toBe(200);

    const res = await history();
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const page = res.json();
    expect(page).toMatchObject({ count: 1, page: 1, pageSize: 20 });
    const [entry] = page.results;
    expect(entry).toMatchObject({ user: 'local', projectId: P });
    expect(Date.parse(entry.time)).toBeGreaterThanOrEqual(started - 1000);
    expect(Date.parse(entry.time)).toBeLessThanOrEqual(Date.now());
    expect(entry.changes).toEqual([
      { field: 'name', before: before.name, after: 'Renamed for history' },
      { field: 'sample_rate', before: before.sample_rate, after: 0.25 },
      { field: 'vapi_api_key', secret: 'replaced' },
      { field: 'webhook_secret', secret: 'cleared' },
    ]);
    expect(res.text).not.toContain(SECRET);
  });

  it('never writes a secret value to the database files', async () => {
    const { etag } = await load();
    expect((await patch(etag, { vapi_api_key: SECRET, name: 'with a secret' })).status).toBe(200);
    const files = readdirSync(dataDir).filter((f) => f.startsWith('admin.sqlite'));
    expect(files).toContain('admin.sqlite');
    for (const file of files) expect(readFileSync(join(dataDir, file)).includes(SECRET), file).toBe(false);
    // The recording really happened in these files (so the check above looked at the right place).
    expect(files.some((file) => readFileSync(join(dataDir, file)).includes('with a secret'))).toBe(true);
  });

  it('records nothing for a stale ETag (412), an upstream refusal or a failed connection', async () => {
    const { etag } = await load();
    expect((await patch('"stale"', { name: 'stale' })).status).toBe(412);
    await hook.fault({
      method: 'PATCH',
      path: `/user/v1/projects/${P}/`,
      kind: 'status',
      status: 400,
      body: { name: ['bad'] },
    });
    expect((await patch(etag, { name: 'refused' })).status).toBe(400);
    await hook.fault({ method: 'PATCH', path: `/user/v1/projects/${P}/`, kind: 'drop' });
    expect((await patch(etag, { name: 'dropped' })).status).toBe(502);
    expect((await history()).json().count).toBe(0);
  });
});

describe('GET /app-api/projects/:id/history', () => {
  it('pages newest first, per project', async () => {
    let { etag } = await load();
    for (let i = 1; i <= 5; i++) {
      const res = await patch(etag, { max_messages_chat_runs_limit: 100 + i });
      expect(res.status).toBe(200);
      etag = res.headers.get('etag') as string;
    }
    const other = await load(SECOND_PROJECT_ID);
    expect((await patch(other.etag, { name: 'Other project' }, SECOND_PROJECT_ID)).status).toBe(200);

    const afterOf = (page: { results: { changes: { after: number }[] }[] }) =>
      page.results.map((e) => e.changes[0].after);
    const first = (await history(P, '?page=1&page_size=2')).json();
    expect(first).toMatchObject({ count: 5, page: 1, pageSize: 2 });
    expect(afterOf(first)).toEqual([105, 104]);
    expect(afterOf((await history(P, '?page=2&page_size=2')).json())).toEqual([103, 102]);
    expect(afterOf((await history(P, '?page=3&page_size=2')).json())).toEqual([101]);
    expect((await history(P, '?page=4&page_size=2')).json().results).toEqual([]);
    // Each entry's before is the previous one's after: nothing lost or reordered.
    const all = (await history(P, '?page_size=100')).json().results.reverse();
    for (let i = 1; i < all.length; i++) expect(all[i].changes[0].before).toBe(all[i - 1].changes[0].after);
    expect((await history(SECOND_PROJECT_ID)).json().count).toBe(1);
  });

  it('refuses bad paging parameters with 400 and a bad id with 404', async () => {
    for (const query of ['?page=0', '?page=-1', '?page=x', '?page_size=101', '?page_size=0', '?page=1&page=2']) {
      const res = await history(P, query);
      expect(res.status, query).toBe(400);
      expect(res.json().detail, query).toMatch(/page/);
    }
    for (const id of ['0', 'abc', '12345678901'])
      expect((await api(admin.url, `/app-api/projects/${id}/history`)).status, id).toBe(404);
  });
});
