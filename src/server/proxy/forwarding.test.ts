// What exactly goes upstream: the key (and only ours), no browser headers, and the PATCH body byte-for-byte.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { etagOf } from './etag';
import { DEMO_PROJECT_ID, exampleRubricForDemo } from '../emulator/seed';
import { TEST_KEY, api, startAdmin, startRecorder, type Admin, useAdminStack } from './test-support';

const P = DEMO_PROJECT_ID;
const PROJECT = `/api/user/v1/projects/${P}/`;

const stack = useAdminStack();

/** The demo rubric with every object's keys in reverse order: a re-serialising proxy would reorder them. */
function reversedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reversedKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .reverse()
        .map(([k, v]) => [k, reversedKeys(v)]),
    );
  }
  return value;
}

describe('PATCH body against the emulator', () => {
  it('arrives with rubric_config key order intact and is stored that way', async () => {
    const rubric = reversedKeys(exampleRubricForDemo());
    const sent = JSON.stringify({ rubric_config: rubric });
    expect(sent).not.toBe(JSON.stringify({ rubric_config: exampleRubricForDemo() }));
    const etag = (await api(stack.admin.url, PROJECT)).headers.get('etag') as string;
    await stack.hook.clearRequests();
    const res = await api(stack.admin.url, PROJECT, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', 'if-match': etag },
      body: sent,
    });
    expect(res.status).toBe(200);
    const patchLog = (await stack.hook.requests()).find((r) => r.method === 'PATCH');
    expect(JSON.stringify(patchLog?.body)).toBe(sent);
    const stored = JSON.parse((await stack.hook.project(P)).text);
    expect(JSON.stringify(stored.rubric_config)).toBe(JSON.stringify(rubric));
  });
});

describe('against a recording upstream', () => {
  const project = '{"id": 5, "name":"Recorder"}';
  let recorder: Awaited<ReturnType<typeof startRecorder>>;
  let viaRecorder: Admin;

  beforeAll(async () => {
    recorder = await startRecorder((req) => ({ status: 200, body: req.method === 'PATCH' ? req.body : project }));
    viaRecorder = await startAdmin(recorder.url);
  });
  afterAll(async () => {
    await viaRecorder?.close();
    await recorder?.close();
  });

  it('forwards the PATCH body byte-for-byte, whitespace and escapes included', async () => {
    const etag = etagOf(project);
    const body =
      '{ "name" :"Caf\\u00e9 \u2615",\n  "rubric_config": {"rules": [], "evaluation_logic" : "and"}, "sample_rate": 1.0 }';
    recorder.seen.length = 0;
    const res = await api(viaRecorder.url, '/api/user/v1/projects/5/', {
      method: 'PATCH',
      headers: { 'content-type': 'application/json; charset=utf-8', 'if-match': etag },
      body,
    });
    expect(res.status).toBe(200);
    expect(recorder.seen.map((r) => r.method)).toEqual(['GET', 'PATCH']);
    expect(recorder.seen[1].body).toBe(body);
    expect(res.text).toBe(body);
    expect(recorder.seen[1].headers['content-type']).toBe('application/json');
  });

  it('sends our key and nothing of the browser request but path and query', async () => {
    recorder.seen.length = 0;
    await api(viaRecorder.url, '/api/user/v1/projects/?organization_id=3', {
      headers: {
        'X-CEKURA-API-KEY': 'attacker-key',
        Authorization: 'Bearer browser',
        Cookie: 'session=abc',
        'X-Forwarded-For': '10.0.0.1',
        'X-Custom': 'y',
      },
    });
    const [seen] = recorder.seen;
    expect(seen.url).toBe('/user/v1/projects/?organization_id=3');
    expect(seen.headers['x-cekura-api-key']).toBe(TEST_KEY);
    for (const name of ['authorization', 'cookie', 'x-forwarded-for', 'x-custom'])
      expect(seen.headers).not.toHaveProperty(name);
  });
});

describe('the configured key', () => {
  it('is what the emulator authenticates: a wrong key gets the upstream 401 passed through', async () => {
    const wrong = await startAdmin(stack.emu.url, { apiKey: 'ck-wrong-key-0000000000' });
    try {
      await stack.hook.clearRequests();
      const res = await api(wrong.url, PROJECT);
      expect(res.status).toBe(401);
      expect(res.json()).toHaveProperty('detail');
      expect(await stack.hook.requests()).toMatchObject([
        { method: 'GET', path: `/user/v1/projects/${P}/`, status: 401 },
      ]);
    } finally {
      await wrong.close();
    }
  });

  it('is refused at build time when undici would quote it in an error', async () => {
    await expect(startAdmin(stack.emu.url, { apiKey: 'has a space' })).rejects.toThrow(/printable ASCII/);
  });
});
