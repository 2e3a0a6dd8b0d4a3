// The load test's parts, shared by `npm run load` (figures) and scripts/load.test.ts (correctness):
// a stack of real processes (emulator + admin server in live mode against it, temporary DATA_DIR), the
// clients (mixed GETs and If-Match PATCHes over two projects) and the checks of what they leave behind.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEMO_PROJECT_ID, SECOND_PROJECT_ID } from '../src/server/emulator/seed';
import { hashPassword } from '../src/server/auth/password';
import { openSqliteStore } from '../src/server/store/sqlite';
import { ensureSpaBuilt } from '../src/server/proxy/spa-build';
import { freePort } from './free-port';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const LOAD_PROJECTS = [DEMO_PROJECT_ID, SECOND_PROJECT_ID] as const;

// ---- the stack ----------------------------------------------------------------------------------------------

export type Stack = { baseURL: string; adminPid: number; close(): Promise<void> };

function startProcess(
  script: string,
  env: NodeJS.ProcessEnv,
  ready: RegExp,
): Promise<{ child: ChildProcess; output: () => string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    cwd: ROOT,
    env,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-20_000));
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${script} did not start within 120 s:\n${output}`)), 120_000);
    const check = () => {
      if (!ready.test(output)) return;
      clearTimeout(timer);
      child.stdout?.off('data', check);
      resolve({ child, output: () => output });
    };
    child.stdout?.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${script} exited (${code}) during startup:\n${output}`));
    });
  });
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

export type StackOptions = {
  /** TRUST_PROXY for the admin server (it then requires a user: give `user`). */
  trustProxy?: number;
  /** A console user created before the start. */
  user?: { name: string; password: string };
};

/** Emulator and admin server as separate processes, so the admin server's RSS is its own. */
export async function startStack(opts: StackOptions = {}): Promise<Stack> {
  // Build a stale SPA here, not inside the admin server (`npm start` would, and its RSS would then hold Vite).
  await ensureSpaBuilt(ROOT, () => {});
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'cekura-load-'));
  const key = `load-${randomBytes(16).toString('hex')}`;
  const [emuPort, adminPort] = [await freePort(), await freePort()];
  const base = { ...process.env, CEKURA_API_URL: '', HOST: '127.0.0.1' };
  const emulator = await startProcess(
    'src/server/emulator/cli.ts',
    {
      ...base,
      PORT: String(emuPort),
      CEKURA_API_KEY: key,
      DATA_DIR: path.join(dataDir, 'emulator'),
      EMULATOR_TEST_HOOKS: '0',
    },
    /Cekura emulator: /,
  );
  const cleanup = () => {
    emulator.child.kill('SIGKILL');
    admin?.child.kill('SIGKILL');
  };
  process.once('exit', cleanup);
  let admin: Awaited<ReturnType<typeof startProcess>> | undefined;
  try {
    if (opts.user) {
      const store = openSqliteStore(path.join(dataDir, 'admin'));
      await store.setUser(opts.user.name, await hashPassword(opts.user.password));
      await store.close();
    }
    admin = await startProcess(
      'src/server/main.ts',
      {
        ...base,
        PORT: String(adminPort),
        DATA_DIR: path.join(dataDir, 'admin'),
        CEKURA_API_KEY: key,
        CEKURA_API_URL: `http://127.0.0.1:${emuPort}`,
        EXIT_WITH_STDIN: '1',
        TRUST_PROXY: String(opts.trustProxy ?? 0),
      },
      /Console: /,
    );
  } catch (error) {
    await stop(emulator.child);
    throw error;
  }
  const started = admin;
  return {
    baseURL: `http://127.0.0.1:${adminPort}`,
    adminPid: started.child.pid as number,
    close: async () => {
      await stop(started.child);
      await stop(emulator.child);
      process.off('exit', cleanup);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Resident set size of a process in bytes (Linux /proc). */
export function rssOf(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) * 1024 : NaN;
}

// ---- the clients --------------------------------------------------------------------------------------------

export type AcceptedSave = { projectId: number; ifMatch: string; etag: string; body: Record<string, unknown> };
export type LoadResult = {
  requests: number;
  seconds: number;
  latenciesMs: number[];
  statuses: Record<string, number>;
  errors: string[];
  conflicts: number;
  accepted: AcceptedSave[];
};

const READS = (p: number) => [
  `/api/user/v1/projects/${p}/`,
  '/api/user/v1/projects/',
  `/api/test_framework/v1/metrics/?project_id=${p}`,
  `/api/test_framework/v1/aiagents/short_list/?project_id=${p}&page=1&page_size=20`,
  `/api/dashboards/dashboards/?project_id=${p}`,
  `/api/observability/v2/call-logs/?project_id=${p}&page_size=20`,
  `/app-api/projects/${p}/history?page_size=10`,
];

/** One save's body: a unique name (so every accepted save leaves distinct bytes) and one more field. */
function saveBody(client: number, n: number): Record<string, unknown> {
  const body: Record<string, unknown> = { name: `Load c${client} #${n}` };
  const pick = n % 3;
  if (pick === 0) body.max_messages_chat_runs_limit = 1 + ((client * 7919 + n) % 1000);
  else if (pick === 1) body.notify_cron_failure = (client + n) % 2 === 0;
  else body.frequent_calls_threshold = 1 + ((client + n * 31) % 50);
  return body;
}

export type LoadOptions = {
  clients: number;
  seconds: number;
  saveShare?: number;
  /**
   * Correctness runs: keep going after `seconds` until every project has this many accepted saves and some
   * save got 412 (however slow the machine), but never past `maxSeconds`.
   */
  atLeast?: { savesPerProject: number; maxSeconds: number };
};

export async function runLoad(baseURL: string, opts: LoadOptions): Promise<LoadResult> {
  const result: LoadResult = {
    requests: 0,
    seconds: opts.seconds,
    latenciesMs: [],
    statuses: {},
    errors: [],
    conflicts: 0,
    accepted: [],
  };
  const started = performance.now();
  const saveShare = opts.saveShare ?? 0.3;
  const enough = () =>
    !opts.atLeast ||
    (result.conflicts > 0 &&
      LOAD_PROJECTS.every(
        (p) => result.accepted.filter((s) => s.projectId === p).length >= (opts.atLeast?.savesPerProject ?? 0),
      ));
  const running = () => {
    const elapsed = (performance.now() - started) / 1000;
    return elapsed < opts.seconds || (!enough() && elapsed < (opts.atLeast?.maxSeconds ?? 0));
  };

  type Answer = { status: number; etag: string | null; text: string };
  const timed = async (url: string, init?: RequestInit): Promise<Answer | undefined> => {
    const started = performance.now();
    try {
      const res = await fetch(`${baseURL}${url}`, init);
      const text = await res.text();
      result.latenciesMs.push(performance.now() - started);
      result.requests += 1;
      result.statuses[res.status] = (result.statuses[res.status] ?? 0) + 1;
      return { status: res.status, etag: res.headers.get('etag'), text };
    } catch (error) {
      result.requests += 1;
      result.errors.push(`${init?.method ?? 'GET'} ${url}: ${(error as Error).message}`);
      return undefined;
    }
  };

  async function client(id: number): Promise<void> {
    const etags = new Map<number, string>();
    let n = 0;
    while (running()) {
      const projectId = LOAD_PROJECTS[(id + n) % LOAD_PROJECTS.length];
      n += 1;
      if (Math.random() >= saveShare) {
        const url = READS(projectId)[Math.floor(Math.random() * 7)];
        const res = await timed(url);
        if (res && res.status !== 200) result.errors.push(`GET ${url}: ${res.status} ${res.text.slice(0, 200)}`);
        if (res?.status === 200 && res.etag) etags.set(projectId, res.etag);
        continue;
      }
      // A save: half the time right after loading the project (a race with another save gives 412), half the
      // time with the ETag this client last saw (stale when someone else saved since: 412, as in real use).
      if (!etags.has(projectId) || Math.random() < 0.5) {
        const res = await timed(`/api/user/v1/projects/${projectId}/`);
        if (res?.status !== 200 || !res.etag) continue;
        etags.set(projectId, res.etag);
      }
      const ifMatch = etags.get(projectId) as string;
      const body = saveBody(id, n);
      const res = await timed(`/api/user/v1/projects/${projectId}/`, {
        method: 'PATCH',
        headers: { 'content-type': 'application/json', origin: baseURL, 'if-match': ifMatch },
        body: JSON.stringify(body),
      });
      if (!res) continue;
      const { etag } = res;
      if (res.status === 200 && etag) {
        result.accepted.push({ projectId, ifMatch, etag, body });
        etags.set(projectId, etag);
      } else if (res.status === 412 && etag) {
        result.conflicts += 1;
        etags.set(projectId, etag);
      } else {
        result.errors.push(`PATCH ${projectId}: ${res.status} ${res.text.slice(0, 200)}`);
      }
    }
  }

  await Promise.all(Array.from({ length: opts.clients }, (_, id) => client(id)));
  return result;
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

// ---- the checks ---------------------------------------------------------------------------------------------

type HistoryEntry = {
  user: string;
  projectId: number;
  changes: Array<{ field: string; before?: unknown; after?: unknown }>;
};

async function getJson(baseURL: string, url: string): Promise<{ etag: string | null; body: any }> {
  const res = await fetch(`${baseURL}${url}`);
  if (!res.ok) throw new Error(`GET ${url} -> ${res.status}`);
  return { etag: res.headers.get('etag'), body: await res.json() };
}

async function fullHistory(baseURL: string, projectId: number): Promise<HistoryEntry[]> {
  const entries: HistoryEntry[] = [];
  for (let page = 1; ; page++) {
    const { body } = await getJson(baseURL, `/app-api/projects/${projectId}/history?page=${page}&page_size=100`);
    entries.push(...body.results);
    if (entries.length >= body.count || body.results.length === 0) return entries.reverse(); // oldest first
  }
}

export type ProjectSnapshot = { etag: string; project: Record<string, unknown> };

export async function snapshot(baseURL: string, projectId: number): Promise<ProjectSnapshot> {
  const { etag, body } = await getJson(baseURL, `/api/user/v1/projects/${projectId}/`);
  return { etag: etag as string, project: body };
}

/**
 * Problems with what the load left behind (empty = consistent): per project, the accepted saves form one
 * chain of ETags from the starting one to the final one (no two saves passed the same If-Match: no lost
 * update); the history holds exactly those saves in that order; each field ends at its last accepted value.
 */
export async function verifyLoad(
  baseURL: string,
  result: LoadResult,
  before: Map<number, ProjectSnapshot>,
): Promise<string[]> {
  const problems: string[] = [];
  for (const projectId of LOAD_PROJECTS) {
    const saves = result.accepted.filter((s) => s.projectId === projectId);
    const byIfMatch = new Map<string, AcceptedSave>();
    for (const save of saves) {
      if (byIfMatch.has(save.ifMatch))
        problems.push(`project ${projectId}: two saves accepted with If-Match ${save.ifMatch}`);
      byIfMatch.set(save.ifMatch, save);
    }
    const chain: AcceptedSave[] = [];
    for (let etag = before.get(projectId)?.etag as string; byIfMatch.has(etag); etag = chain[chain.length - 1].etag) {
      chain.push(byIfMatch.get(etag) as AcceptedSave);
      if (chain.length > saves.length) break;
    }
    if (chain.length !== saves.length)
      problems.push(
        `project ${projectId}: ${saves.length} saves accepted but only ${chain.length} chain from the starting ETag`,
      );
    const after = await snapshot(baseURL, projectId);
    const last = chain.at(-1)?.etag ?? before.get(projectId)?.etag;
    if (after.etag !== last) problems.push(`project ${projectId}: final ETag is not the last accepted save's`);

    const history = await fullHistory(baseURL, projectId);
    if (history.length !== chain.length)
      problems.push(`project ${projectId}: ${chain.length} accepted saves, ${history.length} history entries`);
    history.forEach((entry, i) => {
      const expected = chain[i]?.body ?? {};
      const recorded = Object.fromEntries(entry.changes.map((c) => [c.field, c.after]));
      if (JSON.stringify(recorded) !== JSON.stringify(expected))
        problems.push(
          `project ${projectId}: history entry ${i + 1} ${JSON.stringify(recorded)} != save ${JSON.stringify(expected)}`,
        );
    });

    const lastValue = new Map<string, unknown>();
    for (const save of chain) for (const [field, value] of Object.entries(save.body)) lastValue.set(field, value);
    for (const [field, value] of lastValue) {
      if (JSON.stringify(after.project[field]) !== JSON.stringify(value)) {
        problems.push(
          `project ${projectId}: ${field} is ${JSON.stringify(after.project[field])}, last accepted write ${JSON.stringify(value)}`,
        );
      }
    }
  }
  return problems;
}
