// Writes whose answer is late or lost, over real HTTP against the emulator: the per-project lock is held until
// the write settles, a waiting save is checked against the settled state, and the history accounts for it.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEMO_PROJECT_ID } from '../emulator/seed';
import { api, hooks, startAdmin, startTestEmulator, type Admin, type Emulator } from './test-support';

const P = DEMO_PROJECT_ID;
const UPSTREAM_PATH = `/user/v1/projects/${P}/`;
const PROJECT = `/api${UPSTREAM_PATH}`;
const TIMEOUT_MS = 1000;

// One emulator; a fresh admin server (and so a fresh history) for every test.
const stack = {} as { emu: Emulator; admin: Admin; hook: ReturnType<typeof hooks> };
beforeAll(async () => {
  stack.emu = await startTestEmulator();
  stack.hook = hooks(stack.emu.url);
});
afterAll(async () => {
  await stack.emu?.close();
});
beforeEach(async () => {
  await stack.hook.reset();
  stack.admin = await startAdmin(stack.emu.url, { timeoutMs: TIMEOUT_MS });
});
afterEach(async () => {
  await stack.admin?.close();
});

const load = async () => {
  const res = await api(stack.admin.url, PROJECT);
  return { project: res.json(), etag: res.headers.get('etag') as string, pending: res.headers.get('x-write-pending') };
};
const patch = (etag: string, body: object, headers: Record<string, string> = {}) =>
  api(stack.admin.url, PROJECT, {
    method: 'PATCH',
    headers: { 'content-type': 'application/json', 'if-match': etag, ...headers },
    body: JSON.stringify(body),
  });
const history = async () => (await api(stack.admin.url, `/app-api/projects/${P}/history?page_size=100`)).json();
const stored = async () => JSON.parse((await stack.hook.project(P)).text);
// The history's rows oldest first, as [kind, field, before, after] of their first change.
const rows = async () =>
  (await history()).results
    .reverse()
    .map((row: { kind: string; changes: { field: string; before: unknown; after: unknown }[] }) => [
      row.kind,
      ...row.changes.flatMap((c) => [c.field, c.before, c.after]),
    ]);

describe('a save that times out (the issue scenario: UPSTREAM timeout, PATCH slower than it)', () => {
  it('answers 504, keeps the write and the lock until it lands, and the waiting save is checked against it', async () => {
    const { project, etag } = await load();
    // Under 2 x the timeout: the admin server keeps the connection open until the emulator answers.
    await stack.hook.fault({ method: 'PATCH', path: UPSTREAM_PATH, kind: 'slow', delayMs: 1600 });
    const a = await patch(etag, { name: 'Save A' });
    expect(a.status).toBe(504);
    expect(a.json().detail).toMatch(/may or may not have been applied/);
    // B loaded the same version. It waits for A to settle, and A landed: B's ETag is stale now.
    const b = await patch(etag, { name: 'Save B' });
    expect(b.status).toBe(412);
    expect(b.json().project.name).toBe('Save A');
    expect((await stored()).name).toBe('Save A');
    // Recorded under the lock, before B was let in: "applied, answer lost".
    expect(await rows()).toEqual([['answer_lost', 'name', project.name, 'Save A']]);
    // B merges and saves again: nothing lost, and the chain goes on.
    const again = await patch(b.headers.get('etag') as string, { name: 'Save B' });
    expect(again.status).toBe(200);
    expect((await stored()).name).toBe('Save B');
    expect(await rows()).toEqual([
      ['answer_lost', 'name', project.name, 'Save A'],
      ['save', 'name', 'Save A', 'Save B'],
    ]);
  });

  it('says nothing was saved when the read before the write times out, and sends no PATCH', async () => {
    const { etag } = await load();
    // Every try of the save's own read is slower than the timeout (the read is retried within its budget).
    await stack.hook.fault({
      method: 'GET',
      path: UPSTREAM_PATH,
      kind: 'slow',
      delayMs: 2 * TIMEOUT_MS + 500,
      times: 5,
    });
    const res = await patch(etag, { name: 'Never sent' });
    expect(res.status).toBe(504);
    expect(res.json().detail).toMatch(/did not answer .*The change was not sent: nothing was saved\.$/);
    expect((await stack.hook.requests()).filter((r) => r.method === 'PATCH')).toEqual([]);
    expect((await stored()).name).not.toBe('Never sent');
    expect((await history()).results).toEqual([]);
  });

  it('says so on a project read while the write is pending, and not once it settled', async () => {
    const { etag } = await load();
    await stack.hook.fault({ method: 'PATCH', path: UPSTREAM_PATH, kind: 'hold', delayMs: 30_000 });
    expect((await patch(etag, { name: 'Held' })).status).toBe(504);
    const during = await load();
    expect(during.pending).toBe('true');
    expect(during.project.name).not.toBe('Held');
    await stack.hook.release();
    await vi.waitFor(async () => expect((await load()).pending).toBeNull(), { timeout: 10_000, interval: 50 });
    expect((await load()).project.name).toBe('Held');
    expect((await rows()).map((row: unknown[]) => row[0])).toEqual(['answer_lost']);
  });

  it('refuses a save with 409 when the earlier one holds the project longer than the limit', async () => {
    const { etag } = await load();
    await stack.hook.fault({ method: 'PATCH', path: UPSTREAM_PATH, kind: 'hold', delayMs: 30_000 });
    const a = patch(etag, { name: 'Held long' });
    await vi.waitFor(async () => expect((await stack.hook.requests()).some((r) => r.method === 'PATCH')).toBe(true), {
      timeout: 10_000,
      interval: 20,
    });
    // The re-reads after the PATCH hang too: A holds the lock past 2 x the timeout, longer than B may wait.
    await stack.hook.fault({ method: 'GET', path: UPSTREAM_PATH, kind: 'hold', delayMs: 30_000, times: 3 });
    const b = await patch(etag, { name: 'Waiting' });
    expect(b.status).toBe(409);
    expect(b.json()).toEqual({ detail: 'An earlier save of this project is still being processed' });
    expect((await a).status).toBe(504);
    // B never reached the upstream.
    expect((await stack.hook.requests()).filter((r) => r.method === 'PATCH')).toHaveLength(1);
  });
});

describe('the history explains every value', () => {
  it('records a save applied after a dropped answer (drop-after) as "applied, answer lost"', async () => {
    const { project, etag } = await load();
    await stack.hook.fault({ method: 'PATCH', path: UPSTREAM_PATH, kind: 'drop-after' });
    const res = await patch(etag, { name: 'Dropped answer' });
    expect(res.status).toBe(502);
    expect(res.json().detail).toMatch(/may or may not have been applied/);
    await vi.waitFor(async () => expect((await history()).count).toBe(1), { timeout: 10_000, interval: 50 });
    expect(await rows()).toEqual([['answer_lost', 'name', project.name, 'Dropped answer']]);
  });

  it('records nothing when the re-read shows the write did not land', async () => {
    const { etag } = await load();
    // The connection drops before the emulator runs the PATCH: nothing was applied.
    await stack.hook.fault({ method: 'PATCH', path: UPSTREAM_PATH, kind: 'drop' });
    expect((await patch(etag, { name: 'Never applied' })).status).toBe(502);
    await vi.waitFor(async () => expect((await load()).pending).toBeNull(), { timeout: 10_000, interval: 50 });
    expect((await history()).count).toBe(0);
  });

  it('records a change made outside the console before the next save, so the chain stays unbroken', async () => {
    let { project, etag } = await load();
    const first = await patch(etag, { name: 'Through the console', sample_rate: 0.5 });
    expect(first.status).toBe(200);
    await stack.hook.setRaw(P, { name: 'Changed elsewhere' });
    ({ project, etag } = await load());
    expect((await patch(etag, { sample_rate: 0.25 })).status).toBe(200);
    const all = (await history()).results.reverse();
    expect(all.map((row: { kind: string }) => row.kind)).toEqual(['save', 'outside', 'save']);
    expect(all[1].changes).toEqual([{ field: 'name', before: 'Through the console', after: project.name }]);
    expect(all[2].changes).toEqual([{ field: 'sample_rate', before: 0.5, after: 0.25 }]);
  });

  it('marks a save the console sends as a revert', async () => {
    const { etag } = await load();
    expect((await patch(etag, { name: 'Reverted' }, { 'x-save-kind': 'revert' })).status).toBe(200);
    expect((await rows()).map((row: unknown[]) => row[0])).toEqual(['revert']);
  });
});
