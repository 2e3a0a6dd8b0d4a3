// The load test's parts, shared by `npm run load` (figures) and scripts/load.test.ts (correctness):
// a stack of real processes (emulator + admin server in live mode against it, temporary DATA_DIR; or, with
// `replicas`, a temporary PostgreSQL and several admin servers on it), the clients (mixed GETs and If-Match
// PATCHes over two projects, spread over the replicas) and the checks of what they leave behind.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEMO_PROJECT_ID, SECOND_PROJECT_ID } from '../src/server/emulator/seed';
import { hashPassword } from '../src/server/auth/password';
import { openSqliteStore } from '../src/server/store/sqlite';
import { openPostgresStore } from '../src/server/store/postgres';
import { startTestPostgres, type TestPostgres } from '../src/test-support/postgres';
import { ensureSpaBuilt } from '../src/server/proxy/spa-build';
import { freePort } from './free-port';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const LOAD_PROJECTS = [DEMO_PROJECT_ID, SECOND_PROJECT_ID] as const;

// ---- the stack ----------------------------------------------------------------------------------------------

export type Stack = {
  baseURL: string;
  adminPid: number;
  /** Every replica's URL (one without `replicas`). */
  baseURLs: string[];
  adminPids: () => number[];
  /** SIGKILL replica i (no shutdown: its connections, and PostgreSQL locks, just go). */
  kill(i: number): Promise<void>;
  /** Start replica i again, on its port, with its environment. */
  restart(i: number): Promise<void>;
  close(): Promise<void>;
};

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
  /** Admin servers on one temporary PostgreSQL (DATABASE_URL) instead of one on SQLite. */
  replicas?: number;
};

/** Emulator and admin server as separate processes, so the admin server's RSS is its own. */
export async function startStack(opts: StackOptions = {}): Promise<Stack> {
  // Build a stale SPA here, not inside the admin server (`npm start` would, and its RSS would then hold Vite).
  await ensureSpaBuilt(ROOT, () => {});
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'cekura-load-'));
  const key = `load-${randomBytes(16).toString('hex')}`;
  const replicas = opts.replicas ?? 0;
  const emuPort = await freePort();
  const adminPorts: number[] = [];
  for (let i = 0; i < Math.max(1, replicas); i++) adminPorts.push(await freePort());
  const base = { ...process.env, CEKURA_API_URL: '', HOST: '127.0.0.1', DATABASE_URL: '' };
  let postgres: TestPostgres | undefined;
  let databaseUrl = '';
  if (replicas) {
    postgres = await startTestPostgres();
    databaseUrl = await postgres.createDatabase('cekura_load');
  }
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
  const admins: (Awaited<ReturnType<typeof startProcess>> | undefined)[] = [];
  const cleanup = () => {
    emulator.child.kill('SIGKILL');
    for (const admin of admins) admin?.child.kill('SIGKILL');
  };
  process.once('exit', cleanup);
  const adminEnv = (i: number): NodeJS.ProcessEnv => ({
    ...base,
    PORT: String(adminPorts[i]),
    DATA_DIR: path.join(dataDir, `admin${i || ''}`),
    DATABASE_URL: databaseUrl,
    CEKURA_API_KEY: key,
    CEKURA_API_URL: `http://127.0.0.1:${emuPort}`,
    EXIT_WITH_STDIN: '1',
    TRUST_PROXY: String(opts.trustProxy ?? 0),
  });
  try {
    if (opts.user) {
      const store = replicas ? await openPostgresStore(databaseUrl) : openSqliteStore(path.join(dataDir, 'admin'));
      await store.setUser(opts.user.name, await hashPassword(opts.user.password));
      await store.close();
    }
    // Replicas start at once: their migrations take turns (an advisory lock), as in a rolling deployment.
    const started = await Promise.all(
      adminPorts.map((_port, i) => startProcess('src/server/main.ts', adminEnv(i), /Console: /)),
    );
    admins.push(...started);
  } catch (error) {
    cleanup();
    await stop(emulator.child);
    await postgres?.stop();
    throw error;
  }
  const urls = adminPorts.map((port) => `http://127.0.0.1:${port}`);
  return {
    baseURL: urls[0],
    adminPid: admins[0]?.child.pid as number,
    baseURLs: urls,
    adminPids: () => admins.map((admin) => admin?.child.pid as number),
    async kill(i) {
      const child = admins[i]?.child;
      if (!child || child.exitCode !== null || child.signalCode !== null) return;
      await new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGKILL');
      });
    },
    async restart(i) {
      admins[i] = await startProcess('src/server/main.ts', adminEnv(i), /Console: /);
    },
    close: async () => {
      for (const admin of admins) if (admin) await stop(admin.child);
      await stop(emulator.child);
      await postgres?.stop();
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
/** A save whose replica died under it: it may or may not have reached the upstream. */
export type UnknownSave = { projectId: number; ifMatch: string; body: Record<string, unknown> };
export type LoadResult = {
  unknown: UnknownSave[];
  /** Requests sent again to another replica because theirs refused the connection (it was down). */
  failedOver: number;
  /** Requests per replica (by index). */
  perReplica: number[];
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
  /** A session cookie every request carries (made on one replica, used on all). */
  cookie?: string;
};

export async function runLoad(baseURLs: string | string[], opts: LoadOptions): Promise<LoadResult> {
  const urls = typeof baseURLs === 'string' ? [baseURLs] : baseURLs;
  const result: LoadResult = {
    unknown: [],
    failedOver: 0,
    perReplica: urls.map(() => 0),
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
  const refused = (error: unknown) => (error as { cause?: { code?: string } }).cause?.code === 'ECONNREFUSED';
  /**
   * One request to the client's own replica; a refused connection (the replica is down: nothing was sent) goes
   * to the next one, as a load balancer would. `lost` is set when the connection broke after sending.
   */
  const timed = async (
    id: number,
    url: string,
    init: RequestInit = {},
  ): Promise<Answer | { lost: true } | undefined> => {
    const headers = { ...(init.headers as Record<string, string>), ...(opts.cookie ? { cookie: opts.cookie } : {}) };
    for (let attempt = 0; attempt < urls.length; attempt++) {
      const replica = (id + attempt) % urls.length;
      const base = urls[replica];
      const started = performance.now();
      try {
        const method = init.method ?? 'GET';
        const res = await fetch(`${base}${url}`, {
          ...init,
          headers: method === 'GET' ? headers : { ...headers, origin: base },
        });
        const text = await res.text();
        result.latenciesMs.push(performance.now() - started);
        result.requests += 1;
        result.perReplica[replica] += 1;
        result.statuses[res.status] = (result.statuses[res.status] ?? 0) + 1;
        return { status: res.status, etag: res.headers.get('etag'), text };
      } catch (error) {
        if (refused(error) && attempt + 1 < urls.length) {
          result.failedOver += 1;
          continue;
        }
        result.requests += 1;
        // A replica killed with the request in flight: a read is just lost, a save's outcome is unknown.
        if (urls.length > 1) return { lost: true };
        result.errors.push(`${init.method ?? 'GET'} ${url}: ${(error as Error).message}`);
        return undefined;
      }
    }
    return undefined;
  };
  const answered = (res: Answer | { lost: true } | undefined): res is Answer => res !== undefined && !('lost' in res);

  async function client(id: number): Promise<void> {
    const etags = new Map<number, string>();
    let n = 0;
    while (running()) {
      const projectId = LOAD_PROJECTS[(id + n) % LOAD_PROJECTS.length];
      n += 1;
      if (Math.random() >= saveShare) {
        const url = READS(projectId)[Math.floor(Math.random() * 7)];
        const res = await timed(id, url);
        if (!answered(res)) continue;
        if (res.status !== 200) result.errors.push(`GET ${url}: ${res.status} ${res.text.slice(0, 200)}`);
        if (res.status === 200 && res.etag) etags.set(projectId, res.etag);
        continue;
      }
      // A save: half the time right after loading the project (a race with another save gives 412), half the
      // time with the ETag this client last saw (stale when someone else saved since: 412, as in real use).
      if (!etags.has(projectId) || Math.random() < 0.5) {
        const res = await timed(id, `/api/user/v1/projects/${projectId}/`);
        if (!answered(res) || res.status !== 200 || !res.etag) continue;
        etags.set(projectId, res.etag);
      }
      const ifMatch = etags.get(projectId) as string;
      const body = saveBody(id, n);
      const res = await timed(id, `/api/user/v1/projects/${projectId}/`, {
        method: 'PATCH',
        headers: { 'content-type': 'application/json', 'if-match': ifMatch },
        body: JSON.stringify(body),
      });
      if (res && 'lost' in res) {
        result.unknown.push({ projectId, ifMatch, body });
        etags.delete(projectId);
        continue;
      }
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
  kind: string;
  changes: Array<{ field: string; before?: unknown; after?: unknown }>;
};

async function getJson(baseURL: string, url: string, cookie?: string): Promise<{ etag: string | null; body: any }> {
  const res = await fetch(`${baseURL}${url}`, { headers: cookie ? { cookie } : {} });
  if (!res.ok) throw new Error(`GET ${url} -> ${res.status}`);
  return { etag: res.headers.get('etag'), body: await res.json() };
}

async function fullHistory(baseURL: string, projectId: number, cookie?: string): Promise<HistoryEntry[]> {
  const entries: HistoryEntry[] = [];
  for (let page = 1; ; page++) {
    const { body } = await getJson(
      baseURL,
      `/app-api/projects/${projectId}/history?page=${page}&page_size=100`,
      cookie,
    );
    entries.push(...body.results);
    if (entries.length >= body.count || body.results.length === 0) return entries.reverse(); // oldest first
  }
}

export type ProjectSnapshot = { etag: string; project: Record<string, unknown> };

export async function snapshot(baseURL: string, projectId: number, cookie?: string): Promise<ProjectSnapshot> {
  const { etag, body } = await getJson(baseURL, `/api/user/v1/projects/${projectId}/`, cookie);
  return { etag: etag as string, project: body };
}

const recordedAfter = (entry: HistoryEntry) =>
  JSON.stringify(Object.fromEntries(entry.changes.map((c) => [c.field, c.after])));

/**
 * Problems with what the load left behind (empty = consistent): per project, the accepted saves form one
 * chain of ETags from the starting one to the final one (no two saves passed the same If-Match: no lost
 * update); the history holds exactly those saves in that order; each field ends at its last accepted value.
 * Saves whose replica was killed under them (`result.unknown`) may have landed: each may start a new chain
 * (the next save's If-Match is the ETag it made), be in the history or not, and show up as one "changed
 * outside the console" row; the checks loosen by exactly that much, and only for a project that had such saves.
 */
export async function verifyLoad(
  baseURL: string,
  result: LoadResult,
  before: Map<number, ProjectSnapshot>,
  cookie?: string,
): Promise<string[]> {
  const problems: string[] = [];
  for (const projectId of LOAD_PROJECTS) {
    const saves = result.accepted.filter((s) => s.projectId === projectId);
    const unknown = (result.unknown ?? []).filter((s) => s.projectId === projectId);
    const start = before.get(projectId)?.etag as string;
    const byIfMatch = new Map<string, AcceptedSave>();
    for (const save of saves) {
      if (byIfMatch.has(save.ifMatch))
        problems.push(`project ${projectId}: two saves accepted with If-Match ${save.ifMatch}`);
      byIfMatch.set(save.ifMatch, save);
    }
    // Chains: from the starting ETag, and from each ETag no accepted save produced (made by a lost save).
    const produced = new Set(saves.map((save) => save.etag));
    const heads = [
      start,
      ...saves.filter((s) => s.ifMatch !== start && !produced.has(s.ifMatch)).map((s) => s.ifMatch),
    ];
    if (heads.length - 1 > unknown.length)
      problems.push(
        `project ${projectId}: ${heads.length - 1} saves accepted on an ETag no accepted save produced, but only ${unknown.length} saves had an unknown outcome`,
      );
    const chain: AcceptedSave[] = [];
    for (const head of heads)
      for (let etag = head; byIfMatch.has(etag); etag = chain[chain.length - 1].etag) {
        chain.push(byIfMatch.get(etag) as AcceptedSave);
        if (chain.length > saves.length) break;
      }
    if (chain.length !== saves.length)
      problems.push(
        `project ${projectId}: ${saves.length} saves accepted but only ${chain.length} chain from the starting ETag`,
      );
    const after = await snapshot(baseURL, projectId, cookie);
    const history = await fullHistory(baseURL, projectId, cookie);

    if (unknown.length === 0) {
      const last = chain.at(-1)?.etag ?? start;
      if (after.etag !== last) problems.push(`project ${projectId}: final ETag is not the last accepted save's`);
      if (history.length !== chain.length)
        problems.push(`project ${projectId}: ${chain.length} accepted saves, ${history.length} history entries`);
      history.forEach((entry, i) => {
        const expected = JSON.stringify(chain[i]?.body ?? {});
        if (recordedAfter(entry) !== expected)
          problems.push(`project ${projectId}: history entry ${i + 1} ${recordedAfter(entry)} != save ${expected}`);
      });
    } else {
      const rows = new Map<string, number>();
      for (const entry of history)
        if (entry.kind !== 'outside') rows.set(recordedAfter(entry), (rows.get(recordedAfter(entry)) ?? 0) + 1);
      for (const save of saves)
        if (rows.get(JSON.stringify(save.body)) !== 1)
          problems.push(`project ${projectId}: accepted save ${JSON.stringify(save.body)} is not in the history once`);
      const lost = new Set(unknown.map((save) => JSON.stringify(save.body)));
      const extra = history.filter(
        (e) => e.kind !== 'outside' && !saves.some((s) => JSON.stringify(s.body) === recordedAfter(e)),
      );
      for (const entry of extra)
        if (!lost.has(recordedAfter(entry)))
          problems.push(`project ${projectId}: history row ${recordedAfter(entry)} matches no save`);
      const outside = history.filter((e) => e.kind === 'outside').length;
      if (outside > unknown.length)
        problems.push(`project ${projectId}: ${outside} "changed outside" rows for ${unknown.length} lost saves`);
    }

    const lastValue = new Map<string, unknown>();
    for (const save of chain) for (const [field, value] of Object.entries(save.body)) lastValue.set(field, value);
    for (const [field, value] of lastValue) {
      const stored = JSON.stringify(after.project[field]);
      // A lost save that landed after the last accepted one may hold the field instead.
      const fromLost = unknown.some(
        (save) => Object.hasOwn(save.body, field) && JSON.stringify(save.body[field]) === stored,
      );
      if (stored !== JSON.stringify(value) && !fromLost) {
        problems.push(`project ${projectId}: ${field} is ${stored}, last accepted write ${JSON.stringify(value)}`);
      }
    }
  }
  return problems;
}
