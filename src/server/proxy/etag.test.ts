import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DEMO_PROJECT_ID } from '../emulator/seed';
import { etagBasis, etagOf } from './etag';
import { api, useAdminStack } from './test-support';

const P = DEMO_PROJECT_ID;
const PROJECT = `/api/user/v1/projects/${P}/`;
const sha = (text: string) => `"${createHash('sha256').update(Buffer.from(text, 'utf8')).digest('hex')}"`;
/** The ETag the server must give: a hash of the canonical settings. */
const settingsTag = (text: string) => sha(etagBasis(JSON.parse(text)));

const stack = useAdminStack();

const patch = (body: string, ifMatch?: string, contentType = 'application/json') =>
  api(stack.admin.url, PROJECT, {
    method: 'PATCH',
    headers: { 'content-type': contentType, ...(ifMatch ? { 'if-match': ifMatch } : {}) },
    body,
  });

async function load() {
  const res = await api(stack.admin.url, PROJECT);
  expect(res.status).toBe(200);
  return { etag: res.headers.get('etag') as string, project: res.json(), text: res.text };
}

describe('etagOf', () => {
  it('ignores key order at every level, members and unknown fields; counts the settings and id', () => {
    const a = { id: 1, name: 'A', rubric_config: { rules: [], evaluation_logic: 'and' }, members: [{ id: 1 }] };
    const reordered = '{"members":[],"rubric_config":{"evaluation_logic":"and","rules":[]},"name":"A","id":1,"x":2}';
    expect(etagOf(JSON.stringify(a))).toBe(etagOf(reordered));
    expect(etagOf(JSON.stringify({ ...a, name: 'B' }))).not.toBe(etagOf(JSON.stringify(a)));
    expect(etagOf(JSON.stringify({ ...a, id: 2 }))).not.toBe(etagOf(JSON.stringify(a)));
    expect(etagOf(JSON.stringify({ ...a, webhook_secret_configured: true }))).not.toBe(etagOf(JSON.stringify(a)));
    expect(etagOf('not json')).toBe(sha('not json'));
  });
});

describe('project GET', () => {
  it('carries a strong ETag over the canonical settings (not the bytes), and is never cached', async () => {
    const res = await api(stack.admin.url, PROJECT);
    const direct = await stack.hook.project(P);
    expect(res.text).toBe(direct.text);
    expect(res.headers.get('etag')).toBe(settingsTag(direct.text));
    expect(res.headers.get('etag')).not.toBe(sha(direct.text));
    expect(res.headers.get('cache-control')).toBe('no-store');
  });

  it('keeps the ETag while the settings are unchanged and changes it after a settings change', async () => {
    const first = await load();
    expect((await load()).etag).toBe(first.etag);
    await stack.hook.setRaw(P, { name: 'Changed elsewhere' });
    expect((await load()).etag).not.toBe(first.etag);
  });

  it('a member joining the organisation or an unknown new field is no change; every GET still reaches the upstream', async () => {
    const first = await load();
    await stack.hook.addMember(P);
    await stack.hook.setExtraFields(P, { brand_new_field: 'from a newer API' });
    await stack.hook.clearRequests();
    const after = await load();
    expect(after.project.members.length).toBe(first.project.members.length + 1);
    expect(after.project.brand_new_field).toBe('from a newer API');
    expect(after.etag).toBe(first.etag);
    await load();
    expect((await stack.hook.requests()).filter((r) => r.method === 'GET')).toHaveLength(2);
    // ... so a save with the ETag from before the member change goes through.
    const res = await patch(JSON.stringify({ max_call_duration: 612 }), first.etag);
    expect(res.status).toBe(200);
  });

  it('passes a missing project through as the upstream 404', async () => {
    const res = await api(stack.admin.url, '/api/user/v1/projects/987654/');
    expect(res.status).toBe(404);
    expect(res.json()).toHaveProperty('detail');
    expect(res.headers.get('etag')).toBeNull();
  });
});

describe('project PATCH', () => {
  it('needs If-Match: 428 without it (or with *), and nothing reaches the upstream', async () => {
    await stack.hook.clearRequests();
    const without = await patch('{"name":"x"}');
    expect(without.status).toBe(428);
    expect(without.json().detail).toMatch(/If-Match/);
    expect((await patch('{"name":"x"}', '*')).status).toBe(428);
    expect(await stack.hook.requests()).toEqual([]);
  });

  it('saves with the current ETag and returns the new project with its new ETag', async () => {
    const { etag } = await load();
    const res = await patch('{"name":"Renamed via console"}', etag);
    expect(res.status).toBe(200);
    expect(res.json().name).toBe('Renamed via console');
    expect(res.headers.get('etag')).toBe(settingsTag(res.text));
    expect(res.headers.get('etag')).not.toBe(etag);
    // The new ETag is what a fresh GET gives, so the next save from this state succeeds.
    expect((await load()).etag).toBe(res.headers.get('etag'));
    const second = await patch('{"name":"Renamed twice"}', res.headers.get('etag') as string);
    expect(second.status).toBe(200);
  });

  it('answers 412 with the current project and ETag after a direct change, without patching', async () => {
    const { etag } = await load();
    await stack.hook.setRaw(P, { name: 'Changed by a colleague' });
    await stack.hook.clearRequests();
    const res = await patch('{"name":"My stale edit"}', etag);
    expect(res.status).toBe(412);
    expect((await stack.hook.requests()).map((r) => r.method)).toEqual(['GET']);
    const body = res.json();
    expect(body.detail).toMatch(/changed/);
    expect(body.project.name).toBe('Changed by a colleague');
    const current = await stack.hook.project(P);
    expect(body.project).toEqual(JSON.parse(current.text));
    expect(res.headers.get('etag')).toBe(settingsTag(current.text));
    // Retrying with the ETag from the 412 goes through.
    expect((await patch('{"name":"My edit, rebased"}', res.headers.get('etag') as string)).status).toBe(200);
  });

  it('treats weak or unrelated tags as stale', async () => {
    const { etag } = await load();
    expect((await patch('{"name":"a"}', `W/${etag}`)).status).toBe(412);
    expect((await patch('{"name":"a"}', '"deadbeef"')).status).toBe(412);
    expect((await patch('{"name":"a"}', `"deadbeef", ${etag}`)).status).toBe(200);
  });

  it('lets exactly one of two concurrent saves with the same ETag through', async () => {
    const { etag } = await load();
    await stack.hook.clearRequests();
    const answers = await Promise.all([patch('{"name":"Alice"}', etag), patch('{"name":"Bob"}', etag)]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 412]);
    const loser = answers.find((a) => a.status === 412);
    const winner = answers.find((a) => a.status === 200);
    expect(loser?.json().project.name).toBe(winner?.json().name);
    expect((await stack.hook.requests()).filter((r) => r.method === 'PATCH')).toHaveLength(1);
  });

  it('refuses bodies that are not a JSON object before the upstream', async () => {
    const { etag } = await load();
    await stack.hook.clearRequests();
    // A form's content type is refused before anything else (403, the cross-site rule), so never reaches the upstream.
    expect((await patch('name=x', etag, 'application/x-www-form-urlencoded')).status).toBe(403);
    expect((await patch('{"name":', etag)).status).toBe(400);
    expect((await patch('["name"]', etag)).status).toBe(400);
    expect((await patch('', etag)).status).toBe(400);
    expect(await stack.hook.requests()).toEqual([]);
  });

  it('passes the upstream validation error through with its field errors', async () => {
    const { etag } = await load();
    const res = await patch('{"sample_rate": 7}', etag);
    expect(res.status).toBe(400);
    expect(res.json()).toHaveProperty('sample_rate');
  });

  it('passes a missing project through as 404 on the re-read', async () => {
    const res = await api(stack.admin.url, '/api/user/v1/projects/987654/', {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', 'if-match': '"x"' },
      body: '{"name":"x"}',
    });
    expect(res.status).toBe(404);
  });
});
