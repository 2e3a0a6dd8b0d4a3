// The agent hooks' fetchers against the real admin server and emulator (scale seed: 1,500 agents).
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startTestEmulator, type TestEmulator } from '../../test-support/emulator';
import { browserFetch, startTestAdmin, type TestAdmin } from '../../test-support/admin-server';
import { buildScaleSeed, SCALE_PROJECT_ID } from '../../server/emulator/seed';
import { agentPageSchema } from '../../shared/schemas/agent';
import { AGENT_PAGE_SIZE, agentSearchPath, lookUpAgents } from './agents';
import { fetchParsed } from './pages';

let emulator: TestEmulator;
let admin: TestAdmin;
const scaleAgents = buildScaleSeed(Date.now()).agents;

async function agentRequests() {
  const log = await emulator.hooks.requests();
  return log.filter((r) => r.path === '/test_framework/v1/aiagents/short_list/');
}

beforeAll(async () => {
  emulator = await startTestEmulator({ scale: true });
  admin = await startTestAdmin(emulator);
  // The browser fetches relative paths; here they go to the admin server.
  vi.stubGlobal('fetch', browserFetch(admin.url));
});

afterAll(async () => {
  vi.unstubAllGlobals();
  await admin?.close();
  await emulator?.close();
});

describe('agents', () => {
  it('searches by name on the server, asking 50 a page (the emulator returns at most 25), then follows next', async () => {
    const target = scaleAgents[1234];
    const found = await fetchParsed(agentSearchPath(SCALE_PROJECT_ID, target.name), agentPageSchema, 'agents');
    expect(found.results.map((a) => a.id)).toContain(target.id);
    const first = await fetchParsed(agentSearchPath(SCALE_PROJECT_ID, ''), agentPageSchema, 'agents');
    expect([first.count, first.results.length]).toEqual([1500, 25]);
    const second = await fetchParsed(first.next as string, agentPageSchema, 'agents');
    expect(second.results.map((a) => a.id)).toEqual(scaleAgents.slice(25, 50).map((a) => a.id));
    expect(second.next).toBe(
      `/api/test_framework/v1/aiagents/short_list/?page=3&page_size=${AGENT_PAGE_SIZE}&project_id=${SCALE_PROJECT_ID}`,
    );
  });

  it('looks up names page by page until found, and leaves out ids the project does not have', async () => {
    await emulator.hooks.clearRequests();
    const [first, last] = [scaleAgents[0], scaleAgents[1499]];
    const names = await lookUpAgents(SCALE_PROJECT_ID, [last.id, first.id, 42]);
    expect(names).toEqual({ [first.id]: first.name, [last.id]: last.name });
    const pages = (await agentRequests()).map((r) => Number(r.query.page ?? 1));
    // Every page of the server's real size (the emulator's cap, 25) once: 42 is searched for to the end.
    expect(new Set(pages).size).toBe(1500 / 25);
  });

  it('stops as soon as every id is found', async () => {
    await emulator.hooks.clearRequests();
    const names = await lookUpAgents(SCALE_PROJECT_ID, [scaleAgents[3].id]);
    expect(names).toEqual({ [scaleAgents[3].id]: scaleAgents[3].name });
    expect((await agentRequests()).map((r) => r.query.page)).toEqual([undefined]);
  });
});
