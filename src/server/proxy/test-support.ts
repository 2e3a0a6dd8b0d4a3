// Test support for the admin server tests: a real emulator (test hooks on, temp DATA_DIR) behind the real
// admin server, both listening on loopback, plus raw-socket requests and a key-leak check on every response.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach, expect } from 'vitest';
import { buildEmulator } from '../emulator/index';
import type { LoggedRequest } from '../emulator/test-hooks';
import { buildAdminServer, type AdminServerOptions } from './index';

/** Distinctive, so that any leak is found by a plain substring search. */
export const TEST_KEY = `ck-test-LEAKCANARY-${randomBytes(12).toString('hex')}`;

export type Emulator = { url: string; dataDir: string; close(): Promise<void> };

/**
 * The real emulator (buildEmulator + listen, as startEmulator does) so that close() can also drop
 * connections a client opened without sending a request (undici reconnects after an aborted fetch), which
 * would otherwise hold the emulator's close until the server's headers timeout.
 */
export async function startTestEmulator(): Promise<Emulator> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'cekura-proxy-test-'));
  const app = await buildEmulator({ dataDir, apiKey: TEST_KEY, testHooks: true, logger: false });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    dataDir,
    close: async () => {
      app.server.closeAllConnections();
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export type Admin = { app: FastifyInstance; url: string; port: number; close(): Promise<void> };

/** The real admin server on a free loopback port, with its own temporary DATA_DIR (history, users, sessions). */
export async function startAdmin(upstreamUrl: string, overrides: Partial<AdminServerOptions> = {}): Promise<Admin> {
  const ownDataDir = overrides.dataDir ? undefined : mkdtempSync(path.join(os.tmpdir(), 'cekura-admin-test-'));
  const app = await buildAdminServer({
    upstreamUrl,
    apiKey: TEST_KEY,
    mode: 'emulator',
    timeoutMs: 5000,
    distDir: path.join(os.tmpdir(), 'cekura-no-dist-here'),
    dataDir: ownDataDir as string,
    logger: false,
    ...overrides,
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as net.AddressInfo;
  return {
    app,
    port,
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      await app.close();
      if (ownDataDir) rmSync(ownDataDir, { recursive: true, force: true });
    },
  };
}

/** Test hooks of the emulator (its own port, no key). */
export function hooks(emulatorUrl: string) {
  const call = async (method: string, p: string, body?: unknown) => {
    const res = await fetch(`${emulatorUrl}/__emulator${p}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${method} /__emulator${p} -> ${res.status} ${await res.text()}`);
    return res.status === 204 ? null : res.json();
  };
  return {
    requests: async (since = 0): Promise<LoggedRequest[]> =>
      ((await call('GET', `/requests?since=${since}`)) as { requests: LoggedRequest[] }).requests,
    clearRequests: () => call('DELETE', '/requests'),
    reset: () => call('POST', '/reset', {}),
    fault: (f: Record<string, unknown>) => call('POST', '/faults', f),
    clearFaults: () => call('DELETE', '/faults'),
    setRaw: (projectId: number, fields: object) => call('PUT', `/projects/${projectId}/raw`, fields),
    addMember: (projectId: number) => call('POST', `/projects/${projectId}/members`, {}),
    setExtraFields: (projectId: number, fields: object) => call('PUT', `/projects/${projectId}/extra-fields`, fields),
    /** Straight from the emulator, with the key: the project as stored. */
    project: async (id: number) => {
      const res = await fetch(`${emulatorUrl}/user/v1/projects/${id}/`, { headers: { 'X-CEKURA-API-KEY': TEST_KEY } });
      return { status: res.status, text: await res.text() };
    },
  };
}

export type Answer = { status: number; headers: Headers; text: string; json(): any };

let checkedResponses = 0;
export const responsesChecked = () => checkedResponses;

/** Fails the test if the key shows up anywhere in a response: body, header names or values. */
export function assertNoKey(status: number, headers: Iterable<[string, string]>, text: string): void {
  checkedResponses += 1;
  expect(text, `key leaked in a ${status} body`).not.toContain(TEST_KEY);
  for (const [name, value] of headers) expect(`${name}: ${value}`, 'key leaked in a header').not.toContain(TEST_KEY);
}

/**
 * fetch against the admin server, as the console page would send it: a write carries the server's own Origin
 * (unless the test sets one). Every answer passes the key-leak check.
 */
export async function api(base: string, p: string, init: RequestInit = {}): Promise<Answer> {
  const headers = new Headers(init.headers);
  const method = (init.method ?? 'GET').toUpperCase();
  if (method !== 'GET' && method !== 'HEAD' && !headers.has('origin')) headers.set('origin', base);
  const res = await fetch(`${base}${p}`, { ...init, headers });
  const text = await res.text();
  assertNoKey(res.status, res.headers, text);
  return { status: res.status, headers: res.headers, text, json: () => JSON.parse(text) };
}

export type RawAnswer = { status: number; headers: Record<string, string>; body: string };

/**
 * Sends a request line exactly as given over a plain socket: fetch and http.request would normalise
 * `..`, `//` or backslashes before they reach the server, which is the very thing under test.
 */
export function rawRequest(
  port: number,
  method: string,
  target: string,
  extraHeaders = '',
  body = '',
): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => {
      // A Host among the extra headers replaces the default one.
      const host = /^host:/im.test(extraHeaders) ? '' : `Host: 127.0.0.1:${port}\r\n`;
      const length = body ? `Content-Length: ${Buffer.byteLength(body)}\r\n` : '';
      socket.write(`${method} ${target} HTTP/1.1\r\n${host}${extraHeaders}${length}Connection: close\r\n\r\n${body}`);
    });
    let data = '';
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => (data += chunk));
    socket.on('error', reject);
    socket.on('close', () => {
      const [head, ...rest] = data.split('\r\n\r\n');
      const [statusLine, ...headerLines] = head.split('\r\n');
      const headers = Object.fromEntries(
        headerLines.map((line) => [
          line.slice(0, line.indexOf(':')).toLowerCase(),
          line.slice(line.indexOf(':') + 1).trim(),
        ]),
      );
      const body = rest.join('\r\n\r\n');
      const status = Number(statusLine.split(' ')[1] ?? 0);
      assertNoKey(status, Object.entries(headers), body);
      resolve({ status, headers, body });
    });
  });
}

export type Recorded = { method: string; url: string; headers: http.IncomingHttpHeaders; body: string };

/**
 * A bare HTTP upstream that records requests byte-for-byte (the emulator's log holds parsed bodies and no
 * headers) and answers with the given handler.
 */
export async function startRecorder(answer: (req: Recorded) => { status: number; body: string }) {
  const seen: Recorded[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const recorded = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      seen.push(recorded);
      const { status, body } = answer(recorded);
      res.writeHead(status, { 'content-type': 'application/json' }).end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A loopback port with nothing listening on it. */
export async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export type AdminStack = { readonly emu: Emulator; readonly admin: Admin; readonly hook: ReturnType<typeof hooks> };

/**
 * The usual setup of a test file: one emulator and one admin server in front of it for the whole file, the
 * emulator reset before each test. The returned object fills in when the file's tests start.
 */
export function useAdminStack(overrides: Partial<AdminServerOptions> = {}): AdminStack {
  const stack = {} as { emu: Emulator; admin: Admin; hook: ReturnType<typeof hooks> };
  beforeAll(async () => {
    stack.emu = await startTestEmulator();
    stack.admin = await startAdmin(stack.emu.url, overrides);
    stack.hook = hooks(stack.emu.url);
  });
  afterAll(async () => {
    await stack.admin?.close();
    await stack.emu?.close();
  });
  beforeEach(async () => {
    await stack.hook.reset();
  });
  return stack;
}
