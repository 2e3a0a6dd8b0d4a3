// Playwright fixtures: each worker spawns the real admin server (`src/server/main.ts`) in emulator mode with
// its own temporary DATA_DIR and free ports; every test starts from a freshly reset emulator.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test as base, expect } from '@playwright/test';
import { emulatorHooks, type FaultSpec, type LoggedRequest } from '../src/test-support/emulator-hooks';
import { freePort } from '../scripts/free-port';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const STARTUP_DEADLINE_MS = 150_000; // the first worker may have to build the SPA
const UPSTREAM_TIMEOUT_MS = 10_000; // a 'slow' fault over this gives 504 within one 30 s test; loaded CI stays well under it

/** One request the emulator received (its test-hook log entry). */
export type EmuRequest = LoggedRequest;
export type { FaultSpec };

export type Stack = {
  baseURL: string;
  /** The distinctive API key the server holds: no response and no log line may ever contain it. */
  apiKey: string;
  emulatorURL: string;
  /** UPSTREAM_TIMEOUT_MS the server runs with (a 'slow' fault longer than this gives 504). */
  upstreamTimeoutMs: number;
  /** The server's DATA_DIR (admin.sqlite: history, users, sessions). */
  dataDir: string;
} & Omit<ReturnType<typeof emulatorHooks>, 'project'>;

/** Output kept for the error message when the server fails to start; also watched for the API key. */
function captureOutput(child: ChildProcess, apiKey: string): { output: () => string; keyLogged: () => boolean } {
  let out = '';
  let keyLogged = false;
  const keep = (chunk: Buffer) => {
    out = (out + chunk.toString()).slice(-20_000);
    // The tail overlaps the previous chunk, so a key split across two chunks is still seen.
    if (out.slice(-(chunk.length + apiKey.length)).includes(apiKey)) keyLogged = true;
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return { output: () => out, keyLogged: () => keyLogged };
}

async function waitForHealth(baseURL: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + STARTUP_DEADLINE_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`The admin server exited during startup (${child.exitCode ?? child.signalCode}):\n${output()}`);
    }
    try {
      const res = await fetch(`${baseURL}/app-api/health`, { signal: AbortSignal.timeout(2000) });
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`The admin server did not become healthy within ${STARTUP_DEADLINE_MS} ms:\n${output()}`);
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    if (child.pid) process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}

async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  killGroup(child, 'SIGTERM');
  const timer = setTimeout(() => killGroup(child, 'SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}

function serverEnv(
  port: number,
  emulatorPort: number,
  dataDir: string,
  apiKey: string,
  upstreamTimeoutMs: number,
): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    EMULATOR_PORT: String(emulatorPort),
    EMULATOR_TEST_HOOKS: '1',
    EMULATOR_API_KEY: apiKey,
    UPSTREAM_TIMEOUT_MS: String(upstreamTimeoutMs),
    EXIT_WITH_STDIN: '1',
  };
  // Emulator mode: a real key or URL in the developer's shell must never reach the test server.
  delete env.CEKURA_API_KEY;
  delete env.CEKURA_API_URL;
  // Each worker's history and users in its own DATA_DIR, never a shared PostgreSQL from the shell.
  delete env.DATABASE_URL;
  return env;
}

export const test = base.extend<
  { resetEmulator: void; keyNeverInResponses: void; framesAfterFailure: void },
  { stack: Stack; upstreamTimeoutMs: number }
>({
  // A spec that injects 'slow' faults can shorten the server's timeout for its own workers:
  // `test.use({ upstreamTimeoutMs: 2000 })` (Playwright then gives that file workers of its own).
  upstreamTimeoutMs: [UPSTREAM_TIMEOUT_MS, { option: true, scope: 'worker' }],
  stack: [
    async ({ upstreamTimeoutMs }, use, workerInfo) => {
      const dataDir = mkdtempSync(path.join(os.tmpdir(), `cekura-e2e-w${workerInfo.workerIndex}-`));
      const [port, emulatorPort] = [await freePort(), await freePort()];
      const apiKey = `e2e-LEAKCANARY-${randomBytes(18).toString('hex')}`;
      // Own process group (detached) so teardown can kill the server and anything it spawned; stdin stays a
      // pipe from this worker, and the server exits when it closes (EXIT_WITH_STDIN), even if the worker dies.
      const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
        cwd: ROOT,
        env: serverEnv(port, emulatorPort, dataDir, apiKey, upstreamTimeoutMs),
        detached: true,
        stdio: ['pipe', 'pipe', 'pipe'],
      });
      const { output, keyLogged } = captureOutput(child, apiKey);
      const onExit = () => killGroup(child, 'SIGKILL');
      process.once('exit', onExit);
      const baseURL = `http://127.0.0.1:${port}`;
      const emulatorURL = `http://127.0.0.1:${emulatorPort}`;
      try {
        await waitForHealth(baseURL, child, output);
        await use({ baseURL, emulatorURL, apiKey, upstreamTimeoutMs, dataDir, ...emulatorHooks(emulatorURL, apiKey) });
      } finally {
        await stopServer(child);
        process.off('exit', onExit);
        rmSync(dataDir, { recursive: true, force: true });
      }
      // Checked after every flow of this worker ran, including the log lines of shutdown.
      expect(keyLogged(), 'the admin server wrote its API key to its log').toBe(false);
    },
    { scope: 'worker', timeout: STARTUP_DEADLINE_MS + 30_000 },
  ],
  baseURL: async ({ stack }, use) => use(stack.baseURL),
  resetEmulator: [
    async ({ stack }, use) => {
      await stack.reset();
      await use();
    },
    { auto: true },
  ],
  // After a failed test: whether the page still produced frames and was visible (an action waiting for
  // "stable" needs animation frames), printed with the failure to tell a stalled renderer from an app bug.
  framesAfterFailure: [
    async ({ context }, use, testInfo) => {
      await use();
      if (testInfo.status === testInfo.expectedStatus) return;
      for (const page of context.pages()) {
        const facts = await page
          .evaluate(
            () =>
              new Promise<string>((resolve) => {
                const state = `visibility ${document.visibilityState}, focus ${document.hasFocus()}`;
                const timer = setTimeout(() => resolve(`${state}, no animation frame within 2 s`), 2000);
                requestAnimationFrame(() => {
                  clearTimeout(timer);
                  resolve(`${state}, animation frames run`);
                });
              }),
          )
          .catch((error: unknown) => `page not answering: ${String(error)}`);
        console.log(`[${testInfo.title}] ${page.url()} after the failure: ${facts}`);
      }
    },
    { auto: true },
  ],
  // Every flow runs with a distinctive key: no header or body the browser receives from the console may hold it.
  keyNeverInResponses: [
    async ({ stack, context }, use) => {
      const leaks: string[] = [];
      const checks: Promise<void>[] = [];
      context.on('response', (response) => {
        if (!response.url().startsWith(stack.baseURL)) return;
        checks.push(
          (async () => {
            // Both reads are asked for at once, when the response arrives: a test that reads the same response
            // afterwards is answered after them. A response of a page already closed has nothing left to read.
            const [headers, body] = await Promise.all([
              response.allHeaders().then(JSON.stringify, () => ''),
              response.text().catch(() => ''), // redirects and aborted responses have no body
            ]);
            if (headers.includes(stack.apiKey) || body.includes(stack.apiKey)) leaks.push(response.url());
          })(),
        );
      });
      await use();
      await Promise.allSettled(checks);
      expect(leaks, 'responses that contained the API key').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
