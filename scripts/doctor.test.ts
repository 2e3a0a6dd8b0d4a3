// npm run doctor's report against the real emulator in its variations. It must never write.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEmulator, type TestEmulator } from '../src/test-support/emulator';
import { DEMO_PROJECT_ID } from '../src/server/emulator/seed';
import { runDoctor } from './doctor-core';

const PROJECT_KEY = 'doctor-project-key-0123';
const READ_ONLY_KEY = 'doctor-read-only-key-0123';
let emu: TestEmulator;

const doctor = (apiKey = emu.apiKey) => runDoctor({ baseUrl: emu.url, apiKey, timeoutMs: 10_000 });
const text = (r: { lines: string[] }) => r.lines.join('\n');
async function writes(): Promise<number> {
  const log = (await emu.hook('GET', '/requests')).json as { requests: { method: string }[] };
  return log.requests.filter((r) => r.method !== 'GET').length;
}

beforeAll(async () => {
  emu = await startTestEmulator({ projectKey: PROJECT_KEY, readOnlyKey: READ_ONLY_KEY });
});
afterAll(async () => emu?.close());

describe('doctor', () => {
  it('compatible with the emulator as it is (pages capped at 25, next followed): exit 0, no write', async () => {
    await emu.hook('POST', '/reset', {});
    const result = await doctor();
    expect(result.exitCode, text(result)).toBe(0);
    expect(text(result)).toContain('key valid');
    expect(text(result)).toContain('/test_framework/v1/aiagents/short_list/: paginates with next');
    expect(text(result)).toContain('Compatible');
    expect(await writes()).toBe(0);
  });

  it('a cap below the probe size is still compatible, since next pages correctly', async () => {
    await emu.hook('POST', '/reset', { maxPageSize: 3 });
    const result = await doctor();
    expect(result.exitCode, text(result)).toBe(0);
    expect(text(result)).toContain('returned 3 rows for page_size=5 (a cap)');
    expect(text(result)).toContain('/dashboards/dashboards/: paginates with next');
  });

  it('legacy mode: reported, with its exit code', async () => {
    await emu.hook('POST', '/reset', { legacy: true });
    const result = await doctor();
    expect(result.exitCode, text(result)).toBe(0);
    expect(text(result)).toContain('rubric: all');
  });

  it('an unknown extra field is named (shown read-only by the console), still compatible', async () => {
    await emu.hook('POST', '/reset', {});
    await emu.hook('PUT', `/projects/${DEMO_PROJECT_ID}/extra-fields`, { voice_region: 'eu-west' });
    const result = await doctor();
    expect(result.exitCode).toBe(0);
    expect(text(result)).toContain('fields unknown to the console (shown read-only, never sent): voice_region');
  });

  it('a value the read schemas reject and a rule the builder cannot represent: exit 1', async () => {
    await emu.hook('POST', '/reset', {});
    await emu.hook('PUT', `/projects/${DEMO_PROJECT_ID}/raw`, {
      sample_rate: 7,
      rubric_config: { evaluation_logic: 'and', rules: [{ metric_id: 'x' }] },
    });
    const result = await doctor();
    expect(result.exitCode).toBe(1);
    expect(text(result)).toContain(
      "values the console's read schemas reject (shown as warnings at the fields): sample_rate",
    );
    expect(text(result)).toContain('rubric rules the builder cannot represent: rule 1');
    await emu.hook('POST', '/reset', {});
  });

  it('project key: one project in scope; read-only key: compatible (reads only)', async () => {
    const scoped = await doctor(PROJECT_KEY);
    expect(scoped.exitCode, text(scoped)).toBe(0);
    expect(text(scoped)).toMatch(new RegExp(`Key scope: 1 project\\(s\\): ${DEMO_PROJECT_ID} `));
    const readOnly = await doctor(READ_ONLY_KEY);
    expect(readOnly.exitCode, text(readOnly)).toBe(0);
  });

  it('exit 2 for a refused key and for an unreachable API', async () => {
    const refused = await doctor('not-a-key-0123456789');
    expect(refused.exitCode).toBe(2);
    expect(text(refused)).toContain('the key was refused (401)');
    const down = await runDoctor({ baseUrl: 'http://127.0.0.1:9', apiKey: 'x', timeoutMs: 2000 });
    expect(down.exitCode).toBe(2);
    expect(text(down)).toContain('not reachable');
  });
});
