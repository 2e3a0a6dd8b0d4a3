// Test support for the admin server tests: a real emulator (test hooks on, temp DATA_DIR) behind the real
// admin server, both listening on loopback, plus raw-socket requests and a key-leak check on every response.
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import net from 'node:net';
import { afterAll, beforeAll, beforeEach, expect } from 'vitest';
import { startTestEmulator as startSharedEmulator, type TestEmulator } from '../../test-support/emulator';
import { emulatorHooks, type EmulatorHooks } from '../../test-support/emulator-hooks';
import { startTestAdmin, type TestAdmin } from '../../test-support/admin-server';
import type { AdminServerOptions } from './index';

/** Distinctive, so that any leak is found by a plain substring search. */
export const TEST_KEY = `ck-test-LEAKCANARY-${randomBytes(12).toString('hex')}`;

export type Emulator = TestEmulator;

/** The shared emulator harness (src/test-support), holding this file's distinctive key. */
export const startTestEmulator = (): Promise<Emulator> => startSharedEmulator({ apiKey: TEST_KEY });

export type Admin = TestAdmin;

/** The real admin server (the shared harness, src/test-support/admin-server.ts) holding this file's key. */
export const startAdmin = (upstreamUrl: string, overrides: Partial<AdminServerOptions> = {}): Promise<Admin> =>
  startTestAdmin({ url: upstreamUrl, apiKey: TEST_KEY }, overrides);

/** The emulator's test hooks (the one client, src/test-support/emulator-hooks.ts), with this file's key. */
export const hooks = (emulatorUrl: string): EmulatorHooks => emulatorHooks(emulatorUrl, TEST_KEY);

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
