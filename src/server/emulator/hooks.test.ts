// Test hooks: request log (key and secrets redacted), reset, faults (status, 429 + Retry-After, slow, drop,
// drop-after that commits), raw project writes, metric deletion, secrets peek, legacy mode; and hooks off.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { request, startTestEmulator, type TestEmulator } from '../../test-support/emulator';
import { DEMO_METRIC_IDS, DEMO_PROJECT_ID, SECOND_PROJECT_ID } from './seed';

const P = `/user/v1/projects/${DEMO_PROJECT_ID}/`;
let emu: TestEmulator;
beforeAll(async () => {
  emu = await startTestEmulator();
});
afterAll(async () => {
  await emu.close();
});
beforeEach(async () => {
  await emu.hook('POST', 'reset', {});
});

const requests = async (since = 0) => (await emu.hook('GET', `requests?since=${since}`)).json.requests;
const fault = async (spec: object) => expect((await emu.hook('POST', 'faults', spec)).status).toBe(200);

describe('request log', () => {
  it('records every request, 401s included, with query and status, never the API key', async () => {
    await emu.api('GET', '/user/v1/projects/?organization_id=412');
    await emu.api('GET', P, undefined, { 'X-CEKURA-API-KEY': 'wrong-key-123' });
    await emu.api('GET', '/no/such/path/');
    const log = await requests();
    expect(log.map((r: { path: string; status: number }) => [r.path, r.status])).toEqual([
      ['/user/v1/projects/', 200],
      [P, 401],
      ['/no/such/path/', 404],
    ]);
    expect(log[0]).toMatchObject({
      seq: expect.any(Number),
      time: expect.any(String),
      method: 'GET',
      query: { organization_id: '412' },
      body: null,
    });
    const text = JSON.stringify(log);
    expect(text).not.toContain(emu.apiKey);
    expect(text).not.toContain('wrong-key-123');
  });

  it('redacts secrets in bodies but keeps "" (a clear is not a secret)', async () => {
    await emu.api('PATCH', P, { webhook_secret: 'whsec_top_secret', vapi_api_key: '', name: 'Acme' });
    const [entry] = await requests();
    expect(entry.body).toEqual({ webhook_secret: '[redacted]', vapi_api_key: '', name: 'Acme' });
    expect(JSON.stringify(entry)).not.toContain('whsec_top_secret');
  });

  it('filters with since and clears with DELETE', async () => {
    await emu.api('GET', P);
    const [first] = await requests();
    await emu.api('GET', P);
    expect((await requests(first.seq)).length).toBe(1);
    expect((await emu.hook('DELETE', 'requests')).status).toBe(200);
    expect(await requests()).toEqual([]);
  });
});

describe('reset', () => {
  it('reseeds the data and clears the log and the faults', async () => {
    await emu.api('PATCH', P, { name: 'Changed' });
    await fault({ method: 'GET', path: P, kind: 'status', status: 500 });
    expect((await emu.hook('POST', 'reset', {})).status).toBe(200);
    expect(await requests()).toEqual([]);
    const res = await emu.api('GET', P);
    expect(res.status).toBe(200);
    expect(res.json.name).toBe('Acme Support Line');
  });
});

describe('faults', () => {
  it('answers a status once (times defaults to 1), then normally', async () => {
    await fault({ method: 'GET', path: P, kind: 'status', status: 500 });
    const failed = await emu.api('GET', P);
    expect(failed.status).toBe(500);
    expect(failed.json).toEqual({ detail: 'A server error occurred.' });
    expect((await emu.api('GET', P)).status).toBe(200);
    expect((await requests()).map((r: { status: number; fault?: string }) => [r.status, r.fault])).toEqual([
      [500, 'status'],
      [200, undefined],
    ]);
  });

  it('answers 429 with Retry-After and a custom body, as many times as asked', async () => {
    await fault({
      method: 'PATCH',
      path: P,
      kind: 'status',
      status: 429,
      retryAfter: 7,
      times: 2,
      body: { detail: 'Slow down.' },
    });
    for (let i = 0; i < 2; i++) {
      const res = await emu.api('PATCH', P, { name: 'Throttled' });
      expect(res.status).toBe(429);
      expect(res.headers.get('retry-after')).toBe('7');
      expect(res.json).toEqual({ detail: 'Slow down.' });
    }
    expect((await emu.api('GET', P)).json.name).toBe('Acme Support Line'); // the throttled PATCHes did nothing
    expect((await emu.api('PATCH', P, { name: 'Through' })).status).toBe(200);
  });

  it('only matches its method and exact path', async () => {
    await fault({ method: 'PATCH', path: P, kind: 'status', status: 503 });
    expect((await emu.api('GET', P)).status).toBe(200);
    expect((await emu.api('GET', `/user/v1/projects/${SECOND_PROJECT_ID}/`)).status).toBe(200);
    expect((await emu.api('PATCH', P, {})).status).toBe(503);
  });

  it('slows an answer down by delayMs', async () => {
    await fault({ method: 'GET', path: P, kind: 'slow', delayMs: 300 });
    const started = Date.now();
    const res = await emu.api('GET', P);
    expect(res.status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
  });

  it('drops the connection before doing anything', async () => {
    await fault({ method: 'PATCH', path: P, kind: 'drop' });
    await expect(emu.api('PATCH', P, { name: 'Never written' })).rejects.toThrow();
    expect((await emu.api('GET', P)).json.name).toBe('Acme Support Line');
    expect((await requests())[0]).toMatchObject({ method: 'PATCH', status: null, fault: 'drop' });
  });

  it('drops the connection after committing the write (drop-after)', async () => {
    await fault({ method: 'PATCH', path: P, kind: 'drop-after' });
    await expect(emu.api('PATCH', P, { name: 'Written, never acknowledged' })).rejects.toThrow();
    expect((await emu.api('GET', P)).json.name).toBe('Written, never acknowledged');
  });

  it('clears with DELETE and refuses a malformed fault', async () => {
    await fault({ method: 'GET', path: P, kind: 'status', status: 500 });
    expect((await emu.hook('DELETE', 'faults')).status).toBe(200);
    expect((await emu.api('GET', P)).status).toBe(200);
    expect((await emu.hook('POST', 'faults', { method: 'GET', kind: 'explode' })).status).toBe(400);
  });
});

describe('raw project writes, metric deletion, secrets peek', () => {
  it('sets columns verbatim, bypassing validation, and moves updated_at', async () => {
    const before = (await emu.api('GET', P)).json;
    const oddRubric = {
      evaluation_logic: 'and',
      rules: [
        { metric_id: 999999, conditions: { operator: 'and', conditions: [{ field: 'score', op: 'gt', value: 1 }] } },
      ],
    };
    const res = await emu.hook('PUT', `projects/${DEMO_PROJECT_ID}/raw`, {
      sample_rate: 7,
      rubric_config: oddRubric,
      timezone: null,
    });
    expect(res.status).toBe(200);
    const after = (await emu.api('GET', P)).json;
    expect(after).toMatchObject({ sample_rate: 7, rubric_config: oddRubric, timezone: null });
    expect(Date.parse(after.updated_at)).toBeGreaterThan(Date.parse(before.updated_at));
    expect((await emu.hook('PUT', `projects/${DEMO_PROJECT_ID}/raw`, { no_such_column: 1 })).status).toBe(400);
  });

  it('deletes a metric, so a rubric naming it is refused from then on', async () => {
    expect((await emu.hook('DELETE', `metrics/${DEMO_METRIC_IDS.empathy}`)).status).toBe(200);
    const metrics = (await emu.api('GET', `/test_framework/v1/metrics/?project_id=${DEMO_PROJECT_ID}`)).json;
    expect(metrics.map((m: { id: number }) => m.id)).not.toContain(DEMO_METRIC_IDS.empathy);
    const res = await emu.api('PATCH', P, {
      rubric_config: {
        evaluation_logic: 'and',
        rules: [
          {
            metric_id: DEMO_METRIC_IDS.empathy,
            conditions: { operator: 'and', conditions: [{ field: 'score', op: 'gte', value: 3 }] },
          },
        ],
      },
    });
    expect(res.status).toBe(400);
    expect(res.json.rubric_config).toEqual([
      `rules[0].metric_id: metric ${DEMO_METRIC_IDS.empathy} does not belong to this project`,
    ]);
    expect((await emu.hook('DELETE', `metrics/${DEMO_METRIC_IDS.empathy}`)).status).toBe(404);
  });

  it('shows which secrets are stored', async () => {
    const { json } = await emu.hook('GET', `secrets/${SECOND_PROJECT_ID}`);
    expect(json.secrets).toMatchObject({
      webhook_secret: expect.stringMatching(/^whsec_/),
      retell_api_key: expect.any(String),
      vapi_api_key: null,
    });
  });
});

describe('legacy mode (the seed document API version)', () => {
  it('returns webhook_secret in clear and the legacy binary eval types, until the next reset', async () => {
    await emu.hook('POST', 'reset', { legacy: true });
    const bolt = (await emu.api('GET', `/user/v1/projects/${SECOND_PROJECT_ID}/`)).json;
    expect(bolt.webhook_secret).toMatch(/^whsec_/);
    expect(bolt).not.toHaveProperty('retell_api_key'); // provider keys were write-only already
    const metrics = (await emu.api('GET', `/test_framework/v1/metrics/?project_id=${DEMO_PROJECT_ID}`)).json;
    const binaryTypes = new Set(
      metrics
        .filter((m: { enum_values: string[]; eval_type: string }) => m.eval_type.startsWith('binary'))
        .map((m: { eval_type: string }) => m.eval_type),
    );
    expect(binaryTypes).toEqual(new Set(['binary_workflow_adherence']));
    const calls = (await emu.api('GET', `/observability/v2/call-logs/?project_id=${DEMO_PROJECT_ID}&page_size=20`)).json
      .results;
    const types = new Set(calls.flatMap((c: { metrics: { type: string }[] }) => c.metrics.map((m) => m.type)));
    expect(types.has('binary')).toBe(false);
    expect(types.has('binary_workflow_adherence')).toBe(true);
    // A rubric on a legacy binary metric still validates (5/0 as in that version).
    const rubric = {
      evaluation_logic: 'and',
      rules: [
        {
          metric_id: DEMO_METRIC_IDS.identityVerified,
          conditions: { operator: 'and', conditions: [{ op: 'eq', field: 'score', value: 5 }] },
        },
      ],
    };
    expect((await emu.api('PATCH', P, { rubric_config: rubric })).status).toBe(200);

    await emu.hook('POST', 'reset', {});
    expect((await emu.api('GET', `/user/v1/projects/${SECOND_PROJECT_ID}/`)).json).not.toHaveProperty('webhook_secret');
  });
});

describe('without testHooks', () => {
  it('has no hook routes', async () => {
    const plain = await startTestEmulator({ testHooks: false });
    try {
      for (const [method, path] of [
        ['GET', 'requests'],
        ['POST', 'reset'],
        ['POST', 'faults'],
      ]) {
        expect((await plain.hook(method, path, method === 'POST' ? {} : undefined)).status).toBe(404);
      }
      expect((await request(`${plain.url}${P}`, 'GET', undefined, { 'X-CEKURA-API-KEY': plain.apiKey })).status).toBe(
        200,
      );
    } finally {
      await plain.close();
    }
  });
});
