// What a project PATCH may carry, over real HTTP: only the settings the console edits, text SQLite and the API
// keep as sent, valid UTF-8, bounded nesting. Everything else is refused with 400 before the upstream and
// before the history.
import { describe, expect, it } from 'vitest';
import { DEMO_PROJECT_ID } from '../emulator/seed';
import { api, TEST_KEY, useAdminStack } from './test-support';

const P = DEMO_PROJECT_ID;
const UPSTREAM_PATH = `/user/v1/projects/${P}/`;
const PROJECT = `/api${UPSTREAM_PATH}`;

const stack = useAdminStack();

async function sendRaw(body: string | Blob) {
  const etag = (await api(stack.admin.url, PROJECT)).headers.get('etag') as string;
  await stack.hook.clearRequests();
  const res = await api(stack.admin.url, PROJECT, {
    method: 'PATCH',
    headers: { 'content-type': 'application/json', 'if-match': etag },
    body,
  });
  return { res, etag };
}

/** The refusal reached neither the upstream nor the history, and the project is as it was. */
async function expectUntouched(etag: string) {
  expect(await stack.hook.requests()).toEqual([]);
  expect((await api(stack.admin.url, `/app-api/projects/${P}/history`)).json().count).toBe(0);
  expect((await api(stack.admin.url, PROJECT)).headers.get('etag')).toBe(etag);
}

const nested = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;

describe('keys that are not writable console settings', () => {
  it.each([
    ['constructor', '{"constructor":{"prototype":{"x":1}}}', ['constructor']],
    ['__proto__', '{"__proto__":{"polluted":true},"name":"ok"}', ['__proto__']],
    ['read-only organization', '{"organization":7}', ['organization']],
    ['organization_id (only for creating)', '{"organization_id":7}', ['organization_id']],
    ['unknown names', '{"name":"ok","colour":"red","size":3}', ['colour', 'size']],
  ])('%s: 400 {detail, fields} naming them', async (_label, body, fields) => {
    const { res, etag } = await sendRaw(body);
    expect(res.status).toBe(400);
    expect(res.json().fields).toEqual(fields);
    for (const field of fields) expect(res.json().detail).toContain(`"${field}"`);
    await expectUntouched(etag);
  });
});

describe('text that cannot be stored as sent', () => {
  it.each([
    ['a NUL character', '{"name":"bad\\u0000name"}', 'name'],
    ['a lone surrogate', '{"name":"ok","timezone":"UTC\\ud800"}', 'timezone'],
    ['a NUL inside a JSON setting', '{"rubric_config":{"rules":[{"name":"a\\u0000"}]}}', 'rubric_config'],
  ])('%s: 400 naming the field', async (_label, body, field) => {
    const { res, etag } = await sendRaw(body);
    expect(res.status).toBe(400);
    expect(res.json().fields).toEqual([field]);
    expect(res.json().detail).toMatch(/NUL character or an unpaired surrogate/);
    await expectUntouched(etag);
  });

  it('a body that is not valid UTF-8: 400, never turned into U+FFFD', async () => {
    const bytes = Buffer.concat([Buffer.from('{"name":"caf'), Buffer.from([0xe9]), Buffer.from('"}')]);
    const { res, etag } = await sendRaw(new Blob([bytes]));
    expect(res.status).toBe(400);
    expect(res.json().detail).toBe('The request body is not valid UTF-8.');
    await expectUntouched(etag);
  });

  it('JSON nested deeper than 64 levels: 400 saying so; 64 levels pass the check', async () => {
    const { res, etag } = await sendRaw(`{"rubric_config":${nested(64)}}`);
    expect(res.status).toBe(400);
    expect(res.json().detail).toBe('The request body nests arrays or objects deeper than 64 levels.');
    await expectUntouched(etag);
    // One level less: the admin server forwards it, and the emulator judges the value itself.
    const ok = await sendRaw(`{"rubric_config":${nested(63)}}`);
    expect(ok.res.status).toBe(400);
    expect(ok.res.json().rubric_config).toBeDefined();
  });
});

describe('the emulator and deep nesting', () => {
  it('answers a 60,000-deep array with 400, and its request log still works', async () => {
    const res = await fetch(`${stack.emu.url}${UPSTREAM_PATH}`, {
      method: 'PATCH',
      headers: { 'X-CEKURA-API-KEY': TEST_KEY, 'content-type': 'application/json' },
      body: `{"rubric_config":${nested(60_000)}}`,
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { detail: string }).detail).toMatch(/nested deeper than 100 levels/);
    const log = await stack.hook.requests();
    expect(log.at(-1)).toMatchObject({ method: 'PATCH', path: UPSTREAM_PATH, status: 400 });
  });
});
