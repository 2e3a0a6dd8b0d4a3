// Processes the benchmark needs: the admin server with its embedded emulator (for the browser figures),
// and a stand-alone emulator with an admin server in live mode pointed at it (for the server's cost).
// Every process binds 127.0.0.1 on a free port, gets a temporary DATA_DIR, and is stopped by close().
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from './free-port';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
const STARTUP_MS = 180_000; // the admin server may build the SPA first

type Proc = { child: ChildProcess; output: () => string; dataDir: string };

// If the benchmark dies half-way, no server may outlive it (the emulator CLI does not watch its stdin).
const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) killGroup(child, 'SIGKILL');
});

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    if (child.pid) process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}

function start(script: string, args: string[], env: NodeJS.ProcessEnv, label: string): Proc {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), `cekura-bench-${label}-`));
  const clean: NodeJS.ProcessEnv = {
    ...process.env,
    ...env,
    DATA_DIR: dataDir,
    HOST: '127.0.0.1',
    EXIT_WITH_STDIN: '1',
  };
  // A developer's real key must never reach a benchmark server unless this script set it.
  if (!env.CEKURA_API_KEY) delete clean.CEKURA_API_KEY;
  if (!env.CEKURA_API_URL) delete clean.CEKURA_API_URL;
  // Own process group, so close() stops the process and anything it spawned (the SPA build).
  // BENCH_CPU_PROF=<dir>: the admin server writes a V8 CPU profile there when it stops (--cpu-prof).
  const profile =
    process.env.BENCH_CPU_PROF && label === 'admin'
      ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`]
      : [];
  const child = spawn(process.execPath, [...profile, '--import', 'tsx', script, ...args], {
    cwd: ROOT,
    env: clean,
    detached: true,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  running.add(child);
  child.once('exit', () => running.delete(child));
  let out = '';
  const keep = (chunk: Buffer) => void (out = (out + chunk.toString()).slice(-10_000));
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return { child, output: () => out, dataDir };
}

async function waitForUrl(url: string, proc: Proc, init?: RequestInit): Promise<void> {
  const deadline = Date.now() + STARTUP_MS;
  while (Date.now() < deadline) {
    if (proc.child.exitCode !== null || proc.child.signalCode !== null)
      throw new Error(`A benchmark server exited during startup:\n${proc.output()}`);
    try {
      const res = await fetch(url, { ...init, signal: AbortSignal.timeout(2000) });
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${url} did not answer within ${STARTUP_MS} ms:\n${proc.output()}`);
}

async function stop(proc: Proc): Promise<void> {
  const { child } = proc;
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    killGroup(child, 'SIGTERM');
    const timer = setTimeout(() => killGroup(child, 'SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  }
  rmSync(proc.dataDir, { recursive: true, force: true });
}

/** scripts/bare-proxy.mjs (plain Node, no tsx), the key on its standard input. */
function startBare(port: number, upstream: string, apiKey: string): Proc {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'cekura-bench-bare-'));
  const child = spawn(process.execPath, ['scripts/bare-proxy.mjs', String(port), upstream], {
    cwd: ROOT,
    detached: true,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  running.add(child);
  child.once('exit', () => running.delete(child));
  child.stdin?.end(apiKey);
  let out = '';
  child.stderr?.on('data', (chunk: Buffer) => void (out = (out + chunk.toString()).slice(-10_000)));
  child.stdout?.resume();
  return { child, output: () => out, dataDir };
}

const key = () => `bench-${randomBytes(18).toString('hex')}`;

export type EmbeddedStack = { baseURL: string; emulatorURL: string; apiKey: string; close(): Promise<void> };

/** `npm start` in emulator mode with test hooks, reset to the demo + scale seed. */
export async function startEmbeddedStack(): Promise<EmbeddedStack> {
  const [port, emulatorPort] = [await freePort(), await freePort()];
  const apiKey = key();
  const proc = start(
    'src/server/main.ts',
    [],
    { PORT: String(port), EMULATOR_PORT: String(emulatorPort), EMULATOR_TEST_HOOKS: '1', EMULATOR_API_KEY: apiKey },
    'app',
  );
  const baseURL = `http://127.0.0.1:${port}`;
  const emulatorURL = `http://127.0.0.1:${emulatorPort}`;
  try {
    await waitForUrl(`${baseURL}/app-api/health`, proc);
    const reset = await fetch(`${emulatorURL}/__emulator/reset`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ scale: true }),
    });
    if (!reset.ok) throw new Error(`Emulator reset failed: ${reset.status}`);
  } catch (error) {
    await stop(proc);
    throw error;
  }
  return { baseURL, emulatorURL, apiKey, close: () => stop(proc) };
}

export type SplitStack = {
  adminURL: string;
  emulatorURL: string;
  /** A bare Node pipe proxy in front of the same emulator (scripts/bare-proxy.mjs): the floor. */
  bareURL: string;
  apiKey: string;
  pids: { admin: number; emulator: number; bare: number };
  close(): Promise<void>;
};

/** A stand-alone emulator process (scale seed) and an admin server in live mode in front of it. */
export async function startSplitStack(): Promise<SplitStack> {
  const [emulatorPort, adminPort] = [await freePort(), await freePort()];
  const apiKey = key();
  const emulatorURL = `http://127.0.0.1:${emulatorPort}`;
  const scaled = start(
    'src/server/emulator/cli.ts',
    ['--scale'],
    { PORT: String(emulatorPort), CEKURA_API_KEY: apiKey },
    'emu',
  );
  let admin: Proc | undefined;
  try {
    await waitForUrl(`${emulatorURL}/user/v1/projects/`, scaled, { headers: { 'X-CEKURA-API-KEY': apiKey } });
    admin = start(
      'src/server/main.ts',
      [],
      { PORT: String(adminPort), CEKURA_API_KEY: apiKey, CEKURA_API_URL: emulatorURL },
      'admin',
    );
    await waitForUrl(`http://127.0.0.1:${adminPort}/app-api/health`, admin);
  } catch (error) {
    await Promise.all([stop(scaled), admin && stop(admin)]);
    throw error;
  }
  const adminProc = admin;
  const barePort = await freePort();
  const bare = startBare(barePort, emulatorURL, apiKey);
  try {
    await waitForUrl(`http://127.0.0.1:${barePort}/api/user/v1/projects/`, bare);
  } catch (error) {
    await Promise.all([stop(scaled), stop(adminProc), stop(bare)]);
    throw error;
  }
  return {
    adminURL: `http://127.0.0.1:${adminPort}`,
    emulatorURL,
    bareURL: `http://127.0.0.1:${barePort}`,
    apiKey,
    pids: { admin: adminProc.child.pid ?? 0, emulator: scaled.child.pid ?? 0, bare: bare.child.pid ?? 0 },
    close: async () => void (await Promise.all([stop(adminProc), stop(scaled), stop(bare)])),
  };
}
