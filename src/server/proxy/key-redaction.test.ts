// An upstream answer that quotes the API key (an error page echoing the request, say) reaches neither the
// browser nor a log line: the emulator's fault hook answers with the key in the body and in a header.
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_PROJECT_ID } from '../emulator/seed';
import { hooks, startAdmin, startTestEmulator, TEST_KEY, type Admin, type Emulator } from './test-support';
import { redactKey } from './upstream';

const P = DEMO_PROJECT_ID;
let emu: Emulator;
let admin: Admin;
let hook: ReturnType<typeof hooks>;
let logs = '';
const logStream = new PassThrough();
logStream.on('data', (chunk: Buffer) => (logs += chunk.toString()));

beforeAll(async () => {
  emu = await startTestEmulator();
  hook = hooks(emu.url);
  admin = await startAdmin(emu.url, { logger: true, logStream, retry: { tries: 1 } });
});
afterAll(async () => {
  await admin?.close();
  await emu?.close();
});
beforeEach(async () => hook.reset());

/** Plain fetch (not test-support's api(), which would fail on the key before we could look at the answer). */
async function get(path: string) {
  const res = await fetch(`${admin.url}${path}`);
  return {
    status: res.status,
    headers: [...res.headers].map(([n, v]) => `${n}: ${v}`).join('\n'),
    text: await res.text(),
  };
}

describe('an upstream answer that quotes the key', () => {
  for (const status of [400, 404, 500, 200]) {
    it(`is passed on with the key replaced by [redacted] (${status})`, async () => {
      await hook.fault({
        method: 'GET',
        path: `/user/v1/projects/${P}/`,
        kind: 'status',
        status,
        body: {
          detail: `Invalid header X-CEKURA-API-KEY: ${TEST_KEY}`,
          echo: { key: TEST_KEY, url: encodeURIComponent(TEST_KEY) },
        },
        headers: { 'retry-after': TEST_KEY },
      });
      const res = await get(`/api/user/v1/projects/${P}/`);
      expect(res.status).toBe(status);
      expect(JSON.parse(res.text)).toEqual({
        detail: 'Invalid header X-CEKURA-API-KEY: [redacted]',
        echo: { key: '[redacted]', url: '[redacted]' },
      });
      expect(res.headers).not.toContain(TEST_KEY);
      expect(logs).not.toContain(TEST_KEY);
    });
  }

  it('leaves an answer without the key byte-for-byte as it was', () => {
    const body = Buffer.from('{"a":"ck-test-other"}');
    expect(redactKey(body, TEST_KEY)).toBe(body);
  });
});
