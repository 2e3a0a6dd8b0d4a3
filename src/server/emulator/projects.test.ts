// Project operations over HTTP against a real emulator (temporary DATA_DIR): auth, list, GET, PATCH
// semantics (the rubric hazard, write-only secrets), persistence across a restart.
import Database from 'better-sqlite3';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestEmulator, type TestEmulator } from '../../test-support/emulator';
import { dbFile } from './db';
import {
  DELETED_PROJECT_ID,
  DEMO_METRIC_IDS,
  DEMO_PROJECT_ID,
  exampleNoCallsForDemo,
  exampleRubricForDemo,
  ORGANIZATION_ID,
  SECOND_PROJECT_ID,
} from './seed';

const SECRETS = [
  'webhook_secret',
  'vapi_api_key',
  'retell_api_key',
  'syntflow_api_key',
  'elevenlabs_api_key',
  'livekit_api_key',
  'pipecat_api_key',
];
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

const oneRule = (metricId: number, condition: object) => ({
  metric_id: metricId,
  conditions: { operator: 'and', conditions: [condition] },
});

describe('authentication', () => {
  it('answers 401 {"detail"} without the key or with a wrong one', async () => {
    const missing = await emu.api('GET', P, undefined, { 'X-CEKURA-API-KEY': '' });
    expect(missing.status).toBe(401);
    expect(missing.json).toEqual({ detail: 'Authentication credentials were not provided.' });
    const wrong = await emu.api('GET', '/user/v1/projects/', undefined, { 'X-CEKURA-API-KEY': 'nope' });
    expect(wrong.status).toBe(401);
    expect(wrong.json).toEqual({ detail: 'Invalid API key.' });
    expect((await emu.api('GET', P)).status).toBe(200);
  });

  it('refuses a PATCH without the key and writes nothing', async () => {
    const before = (await emu.api('GET', P)).text;
    const res = await emu.api('PATCH', P, { name: 'Hijacked' }, { 'X-CEKURA-API-KEY': 'wrong' });
    expect(res.status).toBe(401);
    expect((await emu.api('GET', P)).text).toBe(before);
  });
});

describe('GET /user/v1/projects/ and /{id}/', () => {
  it('lists every project as a plain array, the deleted one included', async () => {
    const res = await emu.api('GET', '/user/v1/projects/');
    expect(res.status).toBe(200);
    expect(Array.isArray(res.json)).toBe(true);
    const byId = new Map(res.json.map((p: { id: number }) => [p.id, p]));
    expect([...byId.keys()]).toEqual(expect.arrayContaining([DEMO_PROJECT_ID, SECOND_PROJECT_ID, DELETED_PROJECT_ID]));
    expect(byId.get(DELETED_PROJECT_ID)).toMatchObject({ is_deleted: true, name: 'Legacy IVR Pilot' });
    expect(byId.get(DEMO_PROJECT_ID)).toMatchObject({
      name: 'Acme Support Line',
      timezone: 'America/New_York',
      is_deleted: false,
    });
    expect(byId.get(SECOND_PROJECT_ID)).toMatchObject({ name: 'Bolt Sales Outbound', timezone: 'Europe/Berlin' });
  });

  it('filters by project_id and organization_id', async () => {
    const one = await emu.api('GET', `/user/v1/projects/?project_id=${SECOND_PROJECT_ID}`);
    expect(one.json.map((p: { id: number }) => p.id)).toEqual([SECOND_PROJECT_ID]);
    const org = await emu.api('GET', `/user/v1/projects/?organization_id=${ORGANIZATION_ID}`);
    expect(org.json.length).toBe(3);
    expect((await emu.api('GET', '/user/v1/projects/?organization_id=999999')).json).toEqual([]);
    const bad = await emu.api('GET', '/user/v1/projects/?project_id=abc');
    expect(bad.status).toBe(400);
    expect(bad.json).toEqual({ project_id: ['Enter a whole number.'] });
  });

  it('answers 404 {"detail": "Not found."} for unknown or malformed ids, on every project operation', async () => {
    for (const [method, path] of [
      ['GET', '/user/v1/projects/424242/'],
      ['GET', '/user/v1/projects/abc/'],
      ['PATCH', '/user/v1/projects/424242/'],
      ['POST', '/user/v1/projects/424242/test-webhook/'],
    ]) {
      const res = await emu.api(method, path, method === 'GET' ? undefined : {});
      expect(res.status, `${method} ${path}`).toBe(404);
      expect(res.json).toEqual({ detail: 'Not found.' });
    }
  });

  it('answers 405 for a method the path does not support', async () => {
    const res = await emu.api('PUT', P, { name: 'x' });
    expect(res.status).toBe(405);
    expect(res.json).toEqual({ detail: 'Method "PUT" not allowed.' });
  });

  it('gives identical bytes for identical state', async () => {
    const a = await emu.api('GET', P);
    const b = await emu.api('GET', P);
    expect(a.text).toBe(b.text);
    const list = await emu.api('GET', `/user/v1/projects/?project_id=${DEMO_PROJECT_ID}`);
    expect(list.text).toBe(`[${a.text}]`);
  });

  it('seeds the demo project with the documentation examples, adapted to its ids, key order kept', async () => {
    const { json, text } = await emu.api('GET', P);
    expect(json.rubric_config).toEqual(exampleRubricForDemo());
    expect(text).toContain(`"rubric_config":${JSON.stringify(exampleRubricForDemo())}`);
    expect(text).toContain(`"no_calls_notify_time_period":${JSON.stringify(exampleNoCallsForDemo())}`);
    expect(json.rubric_config.rules.map((r: { metric_id: number }) => r.metric_id)).toEqual([
      DEMO_METRIC_IDS.identityVerified,
      DEMO_METRIC_IDS.customerSatisfaction,
      DEMO_METRIC_IDS.callResolution,
    ]);
    expect(json.members.some((m: { is_email_notify_enabled: boolean }) => m.is_email_notify_enabled)).toBe(true);
    expect(json.members.some((m: { is_email_notify_enabled: boolean }) => !m.is_email_notify_enabled)).toBe(true);
    expect(json.organization).toMatchObject({ id: ORGANIZATION_ID, name: 'Northwind Voice' });
  });

  it('seeds the second project with a webhook, webhook notifications and provider secrets', async () => {
    const { json } = await emu.api('GET', `/user/v1/projects/${SECOND_PROJECT_ID}/`);
    expect(json.webhook_url).toMatch(/^https:\/\//);
    expect(json).toMatchObject({
      webhook_secret_configured: true,
      retell_api_key_configured: true,
      elevenlabs_api_key_configured: true,
      vapi_api_key_configured: false,
      notify_result_webhook_failed: true,
    });
  });
});

describe('PATCH /user/v1/projects/{id}/', () => {
  it('changes only the fields sent and returns the full project', async () => {
    const before = (await emu.api('GET', P)).json;
    const res = await emu.api('PATCH', P, { outbound_timeout: 120, notify_cron_success: true });
    expect(res.status).toBe(200);
    const { outbound_timeout, notify_cron_success, updated_at, ...rest } = res.json;
    expect({ outbound_timeout, notify_cron_success }).toEqual({ outbound_timeout: 120, notify_cron_success: true });
    const { outbound_timeout: _a, notify_cron_success: _b, updated_at: _c, ...restBefore } = before;
    expect(rest).toEqual(restBefore);
    expect(Date.parse(updated_at)).toBeGreaterThan(Date.parse(before.updated_at));
    expect((await emu.api('GET', P)).json).toEqual(res.json);
  });

  it('moves updated_at forward on every write, even an empty one', async () => {
    const stamps: number[] = [];
    for (const body of [{}, { name: 'Acme Support Line' }, {}])
      stamps.push(Date.parse((await emu.api('PATCH', P, body)).json.updated_at));
    expect(stamps[1]).toBeGreaterThan(stamps[0]);
    expect(stamps[2]).toBeGreaterThan(stamps[1]);
  });

  it('replaces rubric_config wholesale: a PATCH with one rule leaves one rule (the hazard)', async () => {
    const before = (await emu.api('GET', P)).json.rubric_config;
    expect(before.rules.length).toBe(3);
    const rule = oneRule(DEMO_METRIC_IDS.latency, { field: 'score', op: 'lte', value: 1500 });
    const res = await emu.api('PATCH', P, { rubric_config: { evaluation_logic: 'and', rules: [rule] } });
    expect(res.status).toBe(200);
    const after = (await emu.api('GET', P)).json.rubric_config;
    expect(after).toEqual({ evaluation_logic: 'and', rules: [rule] });
  });

  it('clears the rubric with {}', async () => {
    const res = await emu.api('PATCH', P, { rubric_config: {} });
    expect(res.status).toBe(200);
    expect((await emu.api('GET', P)).json.rubric_config).toEqual({});
  });

  it('stores JSON values as received: key order and unknown keys kept', async () => {
    const rubric = `{"rules":[{"conditions":{"conditions":[{"value":3,"op":"gte","field":"score"}],"operator":"and"},"metric_id":${DEMO_METRIC_IDS.empathy},"note":"kept"}],"evaluation_logic":"and","owner":"qa-team"}`;
    const noCalls =
      '{"agents":[],"exception_numbers":["+14155552671"],"time_periods":[{"time_frame":15,"end_time":"12:00","start_time":"08:30"}],"time_zone":"Asia/Kolkata","x":1}';
    const res = await emu.api('PATCH', P, `{"rubric_config":${rubric},"no_calls_notify_time_period":${noCalls}}`);
    expect(res.status).toBe(200);
    const text = (await emu.api('GET', P)).text;
    expect(text).toContain(`"rubric_config":${rubric}`);
    expect(text).toContain(`"no_calls_notify_time_period":${noCalls}`);
  });

  it('ignores read-only, create-only and unknown keys, as DRF does', async () => {
    const before = (await emu.api('GET', P)).json;
    const res = await emu.api('PATCH', P, {
      id: 1,
      organization: { id: 1 },
      organization_id: 1,
      members: [],
      created_at: '2020-01-01T00:00:00Z',
      vapi_api_key_configured: false,
      webhook_secret_configured: true,
      favourite_colour: 'teal',
      name: 'Acme Support (renamed)',
    });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({
      id: DEMO_PROJECT_ID,
      name: 'Acme Support (renamed)',
      created_at: before.created_at,
      vapi_api_key_configured: true,
      webhook_secret_configured: false,
      organization: before.organization,
      members: before.members,
    });
    expect(res.json).not.toHaveProperty('favourite_colour');
    expect(res.json).not.toHaveProperty('organization_id');
  });

  it('never returns a write-only secret and reports it through *_configured', async () => {
    const body = Object.fromEntries(SECRETS.map((s) => [s, `${s}-value-1234`]));
    const res = await emu.api('PATCH', P, body);
    expect(res.status).toBe(200);
    for (const s of SECRETS) {
      expect(res.json).not.toHaveProperty(s);
      expect(res.json[`${s}_configured`]).toBe(true);
    }
    expect(res.text).not.toContain('-value-1234');
    const stored = (await emu.hook('GET', `secrets/${DEMO_PROJECT_ID}`)).json.secrets;
    for (const s of SECRETS) expect(stored[s]).toBe(`${s}-value-1234`);
  });

  it('clears a secret with "" and leaves the others alone', async () => {
    await emu.api('PATCH', P, { webhook_secret: 'whsec_one', retell_api_key: 'retell_two' });
    const res = await emu.api('PATCH', P, { webhook_secret: '' });
    expect(res.json).toMatchObject({
      webhook_secret_configured: false,
      retell_api_key_configured: true,
      vapi_api_key_configured: true,
    });
    const stored = (await emu.hook('GET', `secrets/${DEMO_PROJECT_ID}`)).json.secrets;
    expect(stored).toMatchObject({ webhook_secret: null, retell_api_key: 'retell_two' });
  });

  it('soft-deletes and restores a project; a deleted one stays listed and readable', async () => {
    expect((await emu.api('PATCH', P, { is_deleted: true })).json.is_deleted).toBe(true);
    const listed = (await emu.api('GET', '/user/v1/projects/')).json.find(
      (p: { id: number }) => p.id === DEMO_PROJECT_ID,
    );
    expect(listed.is_deleted).toBe(true);
    expect((await emu.api('GET', P)).status).toBe(200);
    expect((await emu.api('PATCH', P, { is_deleted: false })).json.is_deleted).toBe(false);
  });
});

describe('storage', () => {
  it('keeps a change across a restart on the same DATA_DIR; a reset reseeds', async () => {
    await emu.api('PATCH', P, { name: 'Survives restarts', sample_rate: 0.125, vapi_api_key: '' });
    await emu.restart();
    const after = (await emu.api('GET', P)).json;
    expect(after).toMatchObject({ name: 'Survives restarts', sample_rate: 0.125, vapi_api_key_configured: false });
    await emu.hook('POST', 'reset', {});
    expect((await emu.api('GET', P)).json).toMatchObject({
      name: 'Acme Support Line',
      sample_rate: 0.5,
      vapi_api_key_configured: true,
    });
  });

  it('moves call logs to the present on start when the newest is over a day old', async () => {
    // The newest call of all projects is the one that is moved to now.
    const newest = async () =>
      Date.parse((await emu.api('GET', '/observability/v2/call-logs/?page_size=1')).json.results[0].timestamp);
    const before = await newest();
    // Age the data by 5 days, as if the emulator had not run for a while, then start it again.
    const fileDb = new Database(dbFile(emu.dataDir));
    fileDb.prepare('UPDATE call_logs SET ts = ts - ?').run(5 * 86_400_000);
    fileDb.close();
    await emu.restart();
    const after = await newest();
    expect(Math.abs(after - Date.now())).toBeLessThan(60_000);
    expect(after).toBeGreaterThanOrEqual(before);
  });
});
