// fetchAllPages against the real admin server and emulator (scale seed), with the emulator's page cap moved
// below, at and above what the console asks for; then the paths no emulator takes (cursor links, a list
// that changes while read, a link to another host) with a scripted fetch.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startTestEmulator, type TestEmulator } from '../../test-support/emulator';
import { browserFetch, startTestAdmin, type TestAdmin } from '../../test-support/admin-server';
import { SCALE_PROJECT_ID } from '../../server/emulator/seed';
import { agentPageSchema } from '../../shared/schemas/agent';
import { fetchAllAgents } from './agents';
import { fetchRecentCalls, MAX_PREVIEW_CALLS, previewStart } from './call-logs';
import { fetchAllDashboards } from './dashboards';
import { fetchAllPages } from './pages';

let emulator: TestEmulator;
let admin: TestAdmin;
const realFetch = globalThis.fetch;

const reset = (maxPageSize?: number) => emulator.hooks.reset({ scale: true, maxPageSize });
async function requestsTo(upstreamPath: string) {
  return (await emulator.hooks.requests()).filter((r) => r.path === upstreamPath);
}

beforeAll(async () => {
  emulator = await startTestEmulator({ scale: true });
  admin = await startTestAdmin(emulator);
});

afterAll(async () => {
  vi.unstubAllGlobals();
  await admin?.close();
  await emulator?.close();
});

describe('fetchAllPages through the admin server', () => {
  beforeAll(() => {
    // The browser fetches relative paths; here they go to the admin server.
    vi.stubGlobal('fetch', browserFetch(admin.url, realFetch));
  });
  afterAll(() => vi.unstubAllGlobals());

  it('reads all 1,500 agents whatever the cap: 10 and 25 (below the 100 asked) and 1000 (honoured)', async () => {
    for (const [cap, requests] of [
      [10, 150],
      [25, 60],
      [1000, 15],
    ]) {
      await reset(cap);
      const agents = await fetchAllAgents(SCALE_PROJECT_ID);
      expect(new Set(agents.map((a) => a.id)).size, `cap ${cap}`).toBe(1500);
      const log = await requestsTo('/test_framework/v1/aiagents/short_list/');
      expect(log.length, `cap ${cap}`).toBe(requests);
      expect(log.every((r) => r.query.page_size === '100')).toBe(true);
    }
  });

  it('reads the call logs up to the preview limit, and the dashboards, under a cap of 10', async () => {
    await reset(10);
    const recent = await fetchRecentCalls(SCALE_PROJECT_ID, previewStart(7));
    expect(recent.total).toBeGreaterThan(MAX_PREVIEW_CALLS);
    expect(recent.calls).toHaveLength(MAX_PREVIEW_CALLS);
    expect(new Set(recent.calls.map((c) => c.id)).size).toBe(MAX_PREVIEW_CALLS);
    const dashboards = await fetchAllDashboards(SCALE_PROJECT_ID);
    const direct = await (await emulator.api('GET', `/dashboards/dashboards/?project_id=${SCALE_PROJECT_ID}`)).json;
    expect(dashboards).toHaveLength(direct.count);
  });

  it('gets next/previous links rewritten to the console’s own /api path, never the upstream host', async () => {
    await reset(10);
    const res = await realFetch(`${admin.url}/api/dashboards/dashboards/?project_id=${SCALE_PROJECT_ID}&page=2`);
    const page = await res.json();
    expect(page.next).toBe(`/api/dashboards/dashboards/?page=3&project_id=${SCALE_PROJECT_ID}`);
    expect(page.previous).toBe(`/api/dashboards/dashboards/?project_id=${SCALE_PROJECT_ID}`);
    expect(JSON.stringify(page)).not.toContain(emulator.url);
  });
});

// A scripted server for what the emulator never does: answers by exact path.
function scripted(pages: Record<string, unknown>) {
  const asked: string[] = [];
  vi.stubGlobal('fetch', async (input: string) => {
    asked.push(input);
    const body = pages[input];
    return new Response(JSON.stringify(body ?? { detail: 'Not found.' }), { status: body ? 200 : 404 });
  });
  return asked;
}
const agent = (id: number) => ({ id, agent_name: `A${id}` });
const L = '/api/test_framework/v1/aiagents/short_list/';

describe('fetchAllPages, paths the emulator does not take', () => {
  afterAll(() => vi.unstubAllGlobals());

  it('follows cursor links (no page number) one by one', async () => {
    const asked = scripted({
      [`${L}?page_size=2`]: { count: 5, next: `${L}?cursor=b`, results: [agent(1), agent(2)] },
      [`${L}?cursor=b`]: { count: 5, next: `${L}?cursor=c`, results: [agent(3), agent(4)] },
      [`${L}?cursor=c`]: { count: 5, next: null, results: [agent(5)] },
    });
    const { items } = await fetchAllPages(`${L}?page_size=2`, agentPageSchema, 'the agent list');
    expect(items.map((a) => a.id)).toEqual([1, 2, 3, 4, 5]);
    expect(asked).toHaveLength(3);
  });

  it('falls back to the next links when a numbered page comes back short, and drops duplicates', async () => {
    scripted({
      [`${L}`]: { count: 5, next: `${L}?page=2`, results: [agent(1), agent(2)] },
      [`${L}?page=2`]: { count: 5, next: `${L}?page=3`, results: [agent(3)] }, // shorter than page 1
      [`${L}?page=3`]: { count: 5, next: null, results: [agent(3), agent(4), agent(5)] },
    });
    const { items } = await fetchAllPages(L, agentPageSchema, 'the agent list');
    expect(items.map((a) => a.id)).toEqual([1, 2, 3, 4, 5]);
  });

  it('says so when the pages do not add up to count', async () => {
    scripted({
      [`${L}`]: { count: 6, next: `${L}?page=2`, results: [agent(1), agent(2)] },
      [`${L}?page=2`]: { count: 6, next: null, results: [agent(3), agent(4)] },
      [`${L}?page=3`]: { count: 6, next: null, results: [] },
    });
    await expect(fetchAllPages(L, agentPageSchema, 'the agent list')).rejects.toThrow(
      'The API said the agent list holds 6 items but its pages gave 4',
    );
  });

  it('never follows a link off the console', async () => {
    const asked = scripted({
      [`${L}`]: { count: 4, next: 'https://elsewhere.example/x?page=2', results: [agent(1), agent(2)] },
    });
    await expect(fetchAllPages(L, agentPageSchema, 'the agent list')).rejects.toThrow('does not follow');
    expect(asked).toEqual([L]);
  });

  it('names the list when an answer has the wrong shape', async () => {
    scripted({ [`${L}`]: { count: 'many', results: [] } });
    await expect(fetchAllPages(L, agentPageSchema, 'the agent list')).rejects.toThrow(
      'The API answered the agent list in a shape the console does not understand.',
    );
  });
});
