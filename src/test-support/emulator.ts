// The test harness of the emulator, for unit, contract and admin-server tests (the e2e fixture runs the real
// server as a process, with the same hook client): a real emulator on a free loopback port with a temporary
// DATA_DIR, a small HTTP client, and the typed client of its test hooks (emulator-hooks.ts).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startEmulator, type EmulatorOptions, type RunningEmulator } from '../server/emulator/index';
import { emulatorHooks, type EmulatorHooks } from './emulator-hooks';

export type HttpResult = { status: number; headers: Headers; text: string; json: any };

export type TestEmulator = {
  readonly url: string;
  readonly apiKey: string;
  readonly dataDir: string;
  /** a request with the API key (unless `headers` overrides it) */
  api(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<HttpResult>;
  /** a raw request to a test hook (`/__emulator/...`), no key: for tests of the hooks themselves */
  hook(method: string, path: string, body?: unknown): Promise<HttpResult>;
  /** the typed hook client (throws when a hook fails) */
  readonly hooks: EmulatorHooks;
  /** close and start again on the same DATA_DIR (a new port) */
  restart(extra?: Partial<EmulatorOptions>): Promise<void>;
  /** close and remove the DATA_DIR */
  close(): Promise<void>;
};

export async function request(
  url: string,
  method: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<HttpResult> {
  const init: RequestInit = { method, headers: { ...headers } };
  if (body !== undefined) {
    init.body = typeof body === 'string' ? body : JSON.stringify(body);
    (init.headers as Record<string, string>)['content-type'] ??= 'application/json';
  }
  const res = await fetch(url, init);
  const text = await res.text();
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  return { status: res.status, headers: res.headers, text, json };
}

export async function startTestEmulator(opts: Partial<EmulatorOptions> = {}): Promise<TestEmulator> {
  const dataDir = opts.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'cekura-emu-'));
  const apiKey = opts.apiKey ?? `test-key-${process.pid}-${Date.now()}`;
  const base: EmulatorOptions = { testHooks: true, ...opts, dataDir, apiKey };
  let running: RunningEmulator = await startEmulator(base);
  return {
    get url() {
      return running.url;
    },
    apiKey,
    dataDir,
    api: (method, p, body, headers) =>
      request(`${running.url}${p}`, method, body, { 'X-CEKURA-API-KEY': apiKey, ...headers }),
    hook: (method, p, body) => request(`${running.url}/__emulator/${p.replace(/^\//, '')}`, method, body),
    get hooks() {
      return emulatorHooks(running.url, apiKey);
    },
    async restart(extra = {}) {
      await running.close();
      running = await startEmulator({ ...base, ...extra });
    },
    async close() {
      await running.close();
      if (!opts.dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
