// The short version of `npm run load`, for correctness only (no timing): 10 clients for ~3 s of mixed GETs and
// If-Match PATCHes against real processes; no error but 412s, and nothing lost.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  LOAD_PROJECTS,
  runLoad,
  snapshot,
  startStack,
  verifyLoad,
  type LoadResult,
  type ProjectSnapshot,
  type Stack,
} from './load-driver';

let stack: Stack;
let result: LoadResult;
const before = new Map<number, ProjectSnapshot>();

beforeAll(async () => {
  stack = await startStack();
  for (const id of LOAD_PROJECTS) before.set(id, await snapshot(stack.baseURL, id));
  // ~3 s; longer only if a slow machine has not yet produced a few saves and a 412 on each project.
  result = await runLoad(stack.baseURL, { clients: 10, seconds: 3, atLeast: { savesPerProject: 3, maxSeconds: 60 } });
}, 200_000);
afterAll(async () => {
  await stack?.close();
});

describe('under concurrent load', () => {
  it('answers every request with 200, or 412 for a stale save', () => {
    expect(result.errors).toEqual([]);
    expect(Object.keys(result.statuses).sort()).toEqual(['200', '412']);
    // Both outcomes happened, on both projects: the run exercised the If-Match path for real.
    for (const id of LOAD_PROJECTS)
      expect(result.accepted.filter((s) => s.projectId === id).length, `project ${id}`).toBeGreaterThanOrEqual(3);
    expect(result.conflicts).toBeGreaterThan(0);
  });

  it('loses nothing: one ETag chain per project, every accepted save in the history, last writes stored', async () => {
    expect(await verifyLoad(stack.baseURL, result, before)).toEqual([]);
  });

  it('the check itself notices a save missing from the record, or a field not at its last write', async () => {
    const dropped = { ...result, accepted: result.accepted.filter((_s, i) => i !== 1) };
    expect((await verifyLoad(stack.baseURL, dropped, before)).join('\n')).toMatch(
      /saves accepted but only|history entries/,
    );
    const last = result.accepted.filter((s) => s.projectId === LOAD_PROJECTS[0]).at(-1);
    const altered = {
      ...result,
      accepted: result.accepted.map((s) => (s === last ? { ...s, body: { ...s.body, name: 'never written' } } : s)),
    };
    expect((await verifyLoad(stack.baseURL, altered, before)).join('\n')).toMatch(
      /name is .* last accepted write "never written"/,
    );
  });
});
