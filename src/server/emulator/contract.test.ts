// Contract: every operation's responses validate against the vendor's OpenAPI subset (with only the
// documented generator artefacts allowed), plus the checks ajv does not make. Also the scale seed (once).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  findWriteOnlyKeys,
  PROJECT_WRITE_ONLY_KEYS,
  spec,
  validatePatchBody,
  validateResponse,
} from '../../test-support/contract';
import { startTestEmulator, type TestEmulator } from '../../test-support/emulator';
import { PROJECT_KEYS } from './project-fields';
import {
  DEMO_AGENT_IDS,
  DEMO_METRIC_IDS,
  DEMO_PROJECT_ID,
  SCALE_COUNTS,
  SCALE_PROJECT_ID,
  SECOND_PROJECT_ID,
} from './seed';

let emu: TestEmulator;
beforeAll(async () => {
  emu = await startTestEmulator();
});
afterAll(async () => {
  await emu.close();
});

const get = async (path: string) => {
  const res = await emu.api('GET', path);
  expect(res.status, path).toBe(200);
  return res.json;
};

/** Every page of a paginated list, each validated. */
async function validatePages(
  path: string,
  schema: 'PaginatedAIAgentListList' | 'PaginatedDashboardListList' | 'PaginatedCallLogListList',
) {
  let url: string | null = path;
  let pages = 0;
  while (url) {
    const page: { next: string | null } = await get(url);
    expect(validateResponse(schema, page), url).toEqual([]);
    url = page.next ? page.next.slice(emu.url.length) : null;
    pages++;
  }
  return pages;
}

describe('emulator responses validate against the vendor subset', () => {
  it('GET projects list and every project', async () => {
    const list = await get('/user/v1/projects/');
    expect(validateResponse('Project', list)).toEqual([]);
    for (const p of list) expect(validateResponse('Project', await get(`/user/v1/projects/${p.id}/`))).toEqual([]);
  });

  it('PATCH project responses, with every secret set, webhook_url "" and a new rubric', async () => {
    const P = `/user/v1/projects/${DEMO_PROJECT_ID}/`;
    const body = {
      name: 'Acme Support Line',
      webhook_url: '',
      sample_rate: 0.001,
      webhook_secret: 'a',
      vapi_api_key: 'b',
      retell_api_key: 'c',
      syntflow_api_key: 'd',
      elevenlabs_api_key: 'e',
      livekit_api_key: 'f',
      pipecat_api_key: 'g',
      daily_report_dashboard_ids: [7702],
      rubric_config: {
        evaluation_logic: 'and',
        rules: [
          {
            metric_id: DEMO_METRIC_IDS.latency,
            conditions: { operator: 'and', conditions: [{ field: 'score', op: 'lte', value: 1200 }] },
          },
        ],
      },
    };
    expect(validatePatchBody(body)).toEqual([]);
    const res = await emu.api('PATCH', P, body);
    expect(res.status).toBe(200);
    expect(validateResponse('Project', res.json)).toEqual([]);
    expect(findWriteOnlyKeys(res.json)).toEqual([]);
    const cleared = await emu.api('PATCH', P, {
      webhook_secret: '',
      rubric_config: {},
      webhook_url: 'https://hooks.example.com/x',
    });
    expect(validateResponse('Project', cleared.json)).toEqual([]);
  });

  it('GET metrics, project-scoped and by agents', async () => {
    expect(validateResponse('MetricList', await get('/test_framework/v1/metrics/'))).toEqual([]);
    expect(
      validateResponse('MetricList', await get(`/test_framework/v1/metrics/?project_id=${DEMO_PROJECT_ID}`)),
    ).toEqual([]);
    expect(
      validateResponse(
        'MetricList',
        await get(`/test_framework/v1/metrics/?agents=${Object.values(DEMO_AGENT_IDS).join(',')}`),
      ),
    ).toEqual([]);
  });

  it('GET agents short list, dashboards and call logs, every page', async () => {
    expect(await validatePages('/test_framework/v1/aiagents/short_list/?page_size=3', 'PaginatedAIAgentListList')).toBe(
      4,
    );
    expect(await validatePages('/dashboards/dashboards/?page_size=2', 'PaginatedDashboardListList')).toBe(3);
    for (const projectId of [DEMO_PROJECT_ID, SECOND_PROJECT_ID]) {
      expect(
        await validatePages(
          `/observability/v2/call-logs/?project_id=${projectId}&page_size=100`,
          'PaginatedCallLogListList',
        ),
      ).toBeGreaterThanOrEqual(4);
    }
  });

  it('returns Project keys in the spec order, without write-only keys', async () => {
    const specOrder = Object.keys(spec.components.schemas.Project.properties!).filter(
      (k) => !PROJECT_WRITE_ONLY_KEYS.includes(k),
    );
    expect(Object.keys(await get(`/user/v1/projects/${SECOND_PROJECT_ID}/`))).toEqual(specOrder);
    // The emulator's own field table follows the spec too (write-only keys included).
    expect(PROJECT_KEYS.map((k) => k.key)).toEqual(Object.keys(spec.components.schemas.Project.properties!));
  });
});

describe('contract helper', () => {
  it('refuses PATCH bodies with unknown, read-only or create-only keys, or wrong types', () => {
    expect(validatePatchBody({ synthflow_api_key: 'x' })).toEqual(['/synthflow_api_key is not a PatchedProject field']);
    expect(validatePatchBody({ id: 1, updated_at: '2026-01-01T00:00:00Z', vapi_api_key_configured: true })).toEqual([
      '/id is read-only and must not be sent',
      '/updated_at is read-only and must not be sent',
      '/vapi_api_key_configured is read-only and must not be sent',
    ]);
    expect(validatePatchBody({ organization_id: 412 })).toEqual([
      '/organization_id is only for creating projects and must not be sent',
    ]);
    expect(validatePatchBody({ sample_rate: '0.5' })[0]).toMatch(/^\/sample_rate must be number/);
    expect(validatePatchBody({ webhook_url: 'not a url' }).length).toBeGreaterThan(0);
    expect(validatePatchBody({ frequent_calls_threshold: 2147483648 })[0]).toMatch(
      /^\/frequent_calls_threshold must be <= 2147483647/,
    );
    expect(validatePatchBody([])).toEqual(['/ PATCH body must be a JSON object']);
    expect(
      validatePatchBody({ webhook_url: '', rubric_config: {}, no_calls_notify_time_period: {}, syntflow_api_key: '' }),
    ).toEqual([]);
  });

  it('flags responses that break the spec beyond the allowed artefacts', async () => {
    const project = await get(`/user/v1/projects/${DEMO_PROJECT_ID}/`);
    expect(validateResponse('Project', { ...project, vapi_api_key_configured: 1 })[0]).toMatch(
      /^\/vapi_api_key_configured must be string,boolean/,
    );
    expect(validateResponse('Project', { ...project, webhook_url: 'nope' }).length).toBeGreaterThan(0);
    expect(validateResponse('Project', { ...project, webhook_secret: 'whsec_leak' })).toEqual([
      '/webhook_secret write-only key returned',
    ]);
    expect(findWriteOnlyKeys({ ...project, vapi_api_key: 'x', organization_id: 1 })).toEqual([
      'organization_id',
      'vapi_api_key',
    ]);
    const [metric] = await get(`/test_framework/v1/metrics/?project_id=${DEMO_PROJECT_ID}`);
    expect(validateResponse('MetricList', { ...metric, eval_type: 'binary_qualitative' })[0]).toMatch(
      /^\/eval_type must be equal to one of the allowed values/,
    );
    const calls = await get('/observability/v2/call-logs/?page_size=1');
    const { value: _dropped, ...partial } = calls.results[0].metrics[0];
    const broken = { ...calls, results: [{ ...calls.results[0], metrics: [partial] }] };
    expect(validateResponse('PaginatedCallLogListList', broken)[0]).toMatch(
      /^\/results\/0\/metrics\/0 must have required property 'value'/,
    );
  });
});

describe('scale seed', () => {
  it('adds a project with 1,500 agents, 2,000 metrics, a 300-rule rubric and 2,000 calls, all valid', async () => {
    const started = Date.now();
    expect((await emu.hook('POST', 'reset', { scale: true })).status).toBe(200);
    console.log(`scale reset (demo + scale seed) took ${Date.now() - started} ms`);

    const project = await get(`/user/v1/projects/${SCALE_PROJECT_ID}/`);
    expect(validateResponse('Project', project)).toEqual([]);
    expect(project.rubric_config.rules.length).toBe(SCALE_COUNTS.rules);
    expect((await get(`/test_framework/v1/aiagents/short_list/?project_id=${SCALE_PROJECT_ID}`)).count).toBe(
      SCALE_COUNTS.agents,
    );
    const scoped = await get(`/test_framework/v1/metrics/?project_id=${SCALE_PROJECT_ID}`);
    const agentIds = Array.from({ length: SCALE_COUNTS.agents }, (_, i) => 20_001 + i).join(',');
    const agentOnly = (await get(`/test_framework/v1/metrics/?agents=${agentIds}`)).filter(
      (m: { project: number | null }) => m.project === null,
    );
    expect(scoped.length + agentOnly.length).toBe(SCALE_COUNTS.metrics);
    expect(validateResponse('MetricList', scoped)).toEqual([]);
    const calls = await get(`/observability/v2/call-logs/?project_id=${SCALE_PROJECT_ID}&page_size=100`);
    expect(calls.count).toBe(SCALE_COUNTS.callLogs);
    expect(validateResponse('PaginatedCallLogListList', calls)).toEqual([]);

    // The whole 300-rule rubric sent back unchanged is accepted and stored as sent.
    const res = await emu.api('PATCH', `/user/v1/projects/${SCALE_PROJECT_ID}/`, {
      rubric_config: project.rubric_config,
    });
    expect(res.status).toBe(200);
    expect(res.json.rubric_config).toEqual(project.rubric_config);
  });
});
