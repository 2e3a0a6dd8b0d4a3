// The key never lands in a log line, whatever the requests and failures.
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PROJECT_ID } from '../emulator/seed.ts';
import { TEST_KEY, api, closedPort, hooks, startAdmin, startTestEmulator, type Admin, type Emulator } from './test-support.ts';

let emu: Emulator;
let lines = '';
const stream = new PassThrough();
stream.on('data', (chunk: Buffer) => (lines += chunk.toString()));

let admin: Admin;
let dead: Admin;

beforeAll(async () => {
  emu = await startTestEmulator();
  admin = await startAdmin(emu.url, { logger: true, logStream: stream, timeoutMs: 800 });
  dead = await startAdmin(`http://127.0.0.1:${await closedPort()}`, { logger: true, logStream: stream });
});
afterAll(async () => {
  await admin?.close();
  await dead?.close();
  await emu?.close();
});

describe('logs', () => {
  it('record requests and upstream failures but never the key', async () => {
    const P = `/api/user/v1/projects/${DEMO_PROJECT_ID}/`;
    const browserHeaders = { 'X-CEKURA-API-KEY': TEST_KEY, authorization: `Token ${TEST_KEY}` };
    await api(admin.url, P, { headers: browserHeaders });
    await api(admin.url, `${P}?x=${encodeURIComponent('y')}`);
    await hooks(emu.url).fault({ method: 'GET', path: `/user/v1/projects/${DEMO_PROJECT_ID}/`, kind: 'slow', delayMs: 1500, times: 3 });
    expect((await api(admin.url, P)).status).toBe(504);
    expect((await api(dead.url, P, { headers: browserHeaders })).status).toBe(502);
    await api(admin.url, P, { method: 'PATCH', headers: { 'content-type': 'application/json', 'if-match': '"x"' }, body: '{"bad json' });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(lines).toContain('"url":"/api/user/v1/projects/');
    expect(lines).toContain('upstream call failed');
    expect(lines).not.toContain(TEST_KEY);
  });
});
