// The agent hooks' fetchers against the real admin server and emulator (scale seed: 1,500 agents).
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../server/emulator/index';
import { buildAdminServer } from '../../server/proxy/index';
import { buildScaleSeed, SCALE_PROJECT_ID } from '../../server/emulator/seed';
import { agentPageSchema } from '../../shared/schemas/agent';
import { AGENT_PAGE_SIZE, agentSearchPath, lookUpAgents } from './agents';
import { fetchParsed } from './pages';

let emulator: RunningEmulator;
let admin: FastifyInstance;
let dataDir: string;
const scaleAgents = buildScaleSeed(Date.now()).agents;

async function agentRequests(): Promise<{ query: Record<string, unknown> }[]> {
  const log = await (await fetch(`${emulator.url}/__emulator/requests`)).json();
  return log.requests.filter((r: { path: string }) => r.path === '/test_framework/v1/aiagents/short_list/');
}

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'no-calls-agents-'));
  emulator = await startEmulator({ dataDir, apiKey: 'agents-test-key', testHooks: true, scale: true });
  admin = await buildAdminServer({
    upstreamUrl: emulator.url,
    apiKey: emulator.apiKey,
    mode: 'emulator',
    timeoutMs: 5000,
    distDir: path.join(dataDir, 'no-dist'),
    dataDir,
    logger: false,
  });
  const base = await admin.listen({ host: '127.0.0.1', port: 0 });
  // The browser fetches relative paths; here they go to the admin server.
  const realFetch = globalThis.fetch;
  vi.stubGlobal('fetch', (input: string, init?: RequestInit) =>
    realFetch(input.startsWith('/') ? `${base}${input}` : input, init),
  );
});

afterAll(async () => {
  vi.unstubAllGlobals();
  await admin?.close();
  await emulator?.close();
  rmSync(dataDir, { recursive: true, force: true });
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
    await fetch(`${emulator.url}/__emulator/requests`, { method: 'DELETE' });
    const [first, last] = [scaleAgents[0], scaleAgents[1499]];
    const names = await lookUpAgents(SCALE_PROJECT_ID, [last.id, first.id, 42]);
    expect(names).toEqual({ [first.id]: first.name, [last.id]: last.name });
    const pages = (await agentRequests()).map((r) => Number(r.query.page ?? 1));
    // Every page of the server's real size (the emulator's cap, 25) once: 42 is searched for to the end.
    expect(new Set(pages).size).toBe(1500 / 25);
  });

  it('stops as soon as every id is found', async () => {
    await fetch(`${emulator.url}/__emulator/requests`, { method: 'DELETE' });
    const names = await lookUpAgents(SCALE_PROJECT_ID, [scaleAgents[3].id]);
    expect(names).toEqual({ [scaleAgents[3].id]: scaleAgents[3].name });
    expect((await agentRequests()).map((r) => r.query.page)).toEqual([undefined]);
  });
});
