// Randomised: several clients save two projects at once through the real admin server while the emulator
// injects faults (a PATCH slower than UPSTREAM_TIMEOUT_MS, an answer dropped after the write, a dropped
// connection, 5xx, 429). Afterwards, for every project: each field the history knows holds its last recorded
// "after" in the emulator, each row's "before" is the previous "after" (the chain is unbroken), and no row
// says "changed outside the console" (nothing but these saves touched the projects, so such a row would be
// an accepted save overwritten by an earlier one). The counts are printed; README quotes them.
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { HistoryEntry } from '../../shared/schemas/history';
import type { FaultSpec } from '../../test-support/emulator-hooks';
import { DEMO_PROJECT_ID, SECOND_PROJECT_ID } from '../emulator/seed';
import { api, hooks, startAdmin, startTestEmulator, type Admin, type Emulator } from './test-support';

// Short, so a run stays small; a slow PATCH takes 1.25 x this, well inside the 2 x the server waits for it.
const TIMEOUT_MS = 400;
const SLOW_MS = 500;
const PROJECTS = [DEMO_PROJECT_ID, SECOND_PROJECT_ID];
const FIELDS = ['name', 'max_messages_chat_runs_limit'] as const;
const FAULTS = ['none', 'none', 'slow', 'drop-after', 'drop', '500', '429'] as const;
type Fault = (typeof FAULTS)[number];
type Op = { project: number; fields: (typeof FIELDS)[number][]; fault: Fault };

const totals = {
  runs: 0,
  saves: 0,
  accepted: 0,
  conflicts412: 0,
  busy409: 0,
  unknownOutcome: 0,
  notSent: 0,
  readRetries: 0,
  refused: 0,
  faultsInjected: 0,
  answerLostRows: 0,
  lostUpdates: 0,
};

let emu: Emulator;
let hook: ReturnType<typeof hooks>;
beforeAll(async () => {
  emu = await startTestEmulator();
  hook = hooks(emu.url);
});
afterAll(async () => {
  await emu?.close();
  console.log(`write-integrity property test: ${JSON.stringify(totals)}`);
});

const path = (project: number) => `/user/v1/projects/${project}/`;

function faultSpec(fault: Fault, project: number): FaultSpec | null {
  const base = { method: 'PATCH' as const, path: path(project) };
  switch (fault) {
    case 'none':
      return null;
    case 'slow':
      return { ...base, kind: 'slow', delayMs: SLOW_MS };
    case 'drop-after':
    case 'drop':
      return { ...base, kind: fault };
    case '500':
      return { ...base, kind: 'status', status: 500 };
    case '429':
      return { ...base, kind: 'status', status: 429, retryAfter: 1 };
  }
}

/**
 * A read as the console makes it: a 502/504 (on a loaded machine a plain GET can outlast the short timeout)
 * is read again, as the console's Retry would; anything else but 200 fails the test.
 */
async function read(admin: Admin, project: number) {
  for (;;) {
    const res = await api(admin.url, `/api${path(project)}`);
    if (res.status === 502 || res.status === 504) {
      totals.readRetries += 1;
      continue;
    }
    expect(res.status).toBe(200);
    return {
      project: res.json(),
      etag: res.headers.get('etag') as string,
      pending: res.headers.get('x-write-pending'),
    };
  }
}

/** One client: its saves one after the other, as the console sends them (re-read, then wait out a pending write). */
async function client(admin: Admin, id: number, ops: Op[]): Promise<void> {
  for (const [i, op] of ops.entries()) {
    const { etag } = await read(admin, op.project);
    const spec = faultSpec(op.fault, op.project);
    if (spec) await hook.fault(spec);
    const body = Object.fromEntries(
      op.fields.map((field) => [field, field === 'name' ? `c${id}-${i}-${totals.saves}` : 1000 * id + i]),
    );
    totals.saves += 1;
    const res = await api(admin.url, `/api${path(op.project)}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', 'if-match': etag },
      body: JSON.stringify(body),
    });
    if (res.status === 200) totals.accepted += 1;
    else if (res.status === 412) totals.conflicts412 += 1;
    else if (res.status === 409) totals.busy409 += 1;
    else if ((res.status === 502 || res.status === 504) && /nothing was saved/.test(res.json().detail)) {
      // The save's own read failed (a loaded machine can make it slower than the short timeout): never sent.
      totals.notSent += 1;
    } else if (res.status === 502 || res.status === 504) {
      totals.unknownOutcome += 1;
      expect(res.json().detail).toMatch(/may or may not have been applied/);
      await waitSettled(admin, op.project);
    } else totals.refused += 1;
  }
}

async function waitSettled(admin: Admin, project: number): Promise<void> {
  await vi.waitFor(async () => expect((await read(admin, project)).pending).toBeNull(), {
    timeout: 20_000,
    interval: 50,
  });
}

async function historyOf(admin: Admin, project: number): Promise<HistoryEntry[]> {
  const rows: HistoryEntry[] = [];
  for (let page = 1; ; page++) {
    const res = (await api(admin.url, `/app-api/projects/${project}/history?page=${page}&page_size=100`)).json();
    rows.push(...res.results);
    if (rows.length >= res.count) return rows.reverse();
  }
}

const opArb: fc.Arbitrary<Op> = fc.record({
  project: fc.constantFrom(...PROJECTS),
  fields: fc.subarray([...FIELDS], { minLength: 1 }),
  fault: fc.constantFrom(...FAULTS),
});

describe('saves from several clients with random upstream faults', () => {
  it('leave every project equal to its history, the chain unbroken and no accepted save overwritten', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(opArb, { minLength: 2, maxLength: 5 }), { minLength: 3, maxLength: 3 }),
        async (plans) => {
          await hook.reset();
          const admin = await startAdmin(emu.url, { timeoutMs: TIMEOUT_MS });
          try {
            const initial = new Map<number, Record<string, unknown>>();
            for (const project of PROJECTS) initial.set(project, (await read(admin, project)).project);
            await Promise.all(plans.map((ops, id) => client(admin, id + 1, ops)));
            for (const project of PROJECTS) await waitSettled(admin, project);
            totals.runs += 1;
            totals.faultsInjected += (await hook.requests()).filter((r) => r.fault !== undefined).length;
            await hook.clearFaults();
            for (const project of PROJECTS) {
              const rows = await historyOf(admin, project);
              const start = initial.get(project) as Record<string, unknown>;
              const last = new Map<string, unknown>();
              for (const row of rows) {
                if (row.kind === 'answer_lost') totals.answerLostRows += 1;
                if (row.kind === 'outside') totals.lostUpdates += 1;
                expect(row.kind).not.toBe('outside');
                for (const change of row.changes) {
                  if ('secret' in change) continue;
                  const previous = last.has(change.field) ? last.get(change.field) : (start[change.field] ?? null);
                  expect(change.before, `project ${project} row ${row.id} ${change.field}: before`).toEqual(previous);
                  last.set(change.field, change.after);
                }
              }
              const stored = JSON.parse((await hook.project(project)).text) as Record<string, unknown>;
              for (const [field, after] of last) {
                if (!isDeepStrictEqual(stored[field] ?? null, after)) totals.lostUpdates += 1;
                expect(stored[field] ?? null, `project ${project} ${field}: emulator vs last history after`).toEqual(
                  after,
                );
              }
            }
          } finally {
            await admin.close();
          }
        },
      ),
      { numRuns: 8, endOnFailure: true },
    );
    expect(totals.lostUpdates).toBe(0);
  }, 180_000);
});
