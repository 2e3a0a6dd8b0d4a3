// Read-only lists over HTTP: metrics, agents short list, dashboards and call logs (filters, pagination,
// time window), and the seeded data's shape (metric results per the call-log table, success vs rubric).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conditionHolds, readMetricOutcome } from '../../shared/call-log';
import { startTestEmulator, type TestEmulator } from '../../test-support/emulator';
import { DEMO_AGENT_IDS, DEMO_METRIC_IDS, DEMO_PROJECT_ID, SECOND_AGENT_IDS, SECOND_PROJECT_ID } from './seed';

let emu: TestEmulator;
beforeAll(async () => {
  emu = await startTestEmulator();
});
afterAll(async () => {
  await emu.close();
});

const get = async (path: string) => {
  const res = await emu.api('GET', path);
  expect(res.status, `${path}: ${res.text.slice(0, 200)}`).toBe(200);
  return res.json;
};
const ids = (items: { id: number }[]) => items.map((i) => i.id);
const DAY = 86_400_000;

type Metric = {
  id: number;
  project: number | null;
  agents: number[];
  eval_type: string;
  enum_values: string[];
  name: string;
};
type CallMetric = { id: number; name: string; type: string; score: number; enum: string; value: string };
type Call = { id: number; timestamp: string; success: boolean | null; agent: number; metrics: CallMetric[] };

/** Every call of a project in the default window, through the pages. */
async function allCalls(projectId: number): Promise<Call[]> {
  const calls: Call[] = [];
  let url: string | null = `/observability/v2/call-logs/?project_id=${projectId}&page_size=100`;
  while (url) {
    const page: { results: Call[]; next: string | null } = await get(url);
    calls.push(...page.results);
    url = page.next ? page.next.slice(emu.url.length) : null;
  }
  return calls;
}

describe('GET /test_framework/v1/metrics/', () => {
  it('lists project-scoped metrics with ?project_id and agent-only ones with ?agents', async () => {
    const scoped: Metric[] = await get(`/test_framework/v1/metrics/?project_id=${DEMO_PROJECT_ID}`);
    expect(scoped.length).toBeGreaterThanOrEqual(7);
    expect(scoped.every((m) => m.project === DEMO_PROJECT_ID)).toBe(true);
    const agentIds = Object.values(DEMO_AGENT_IDS);
    const byAgents: Metric[] = await get(`/test_framework/v1/metrics/?agents=${agentIds.join(',')}`);
    const agentOnly = byAgents.filter((m) => m.project === null);
    expect(ids(agentOnly)).toEqual([
      DEMO_METRIC_IDS.bookingConfirmed,
      DEMO_METRIC_IDS.paymentPlanOffered,
      DEMO_METRIC_IDS.spanishGreeting,
    ]);
    expect(agentOnly.every((m) => m.agents.some((a) => (agentIds as number[]).includes(a)))).toBe(true);
    const one: Metric[] = await get(`/test_framework/v1/metrics/?agents=${DEMO_AGENT_IDS.frontDesk}`);
    expect(ids(one)).toEqual([DEMO_METRIC_IDS.bookingConfirmed]);
  });

  it('covers every eval type, with enum_values on enum metrics, across 12+ metrics', async () => {
    const all: Metric[] = await get('/test_framework/v1/metrics/');
    expect(all.length).toBeGreaterThanOrEqual(12);
    expect(new Set(all.map((m) => m.eval_type))).toEqual(
      new Set(['binary', 'numeric', 'continuous_qualitative', 'enum']),
    );
    const resolution = all.find((m) => m.id === DEMO_METRIC_IDS.callResolution)!;
    expect(resolution).toMatchObject({
      name: 'Call resolution',
      eval_type: 'enum',
      enum_values: ['resolved', 'partially_resolved', 'unresolved'],
    });
    expect(all.filter((m) => m.eval_type !== 'enum').every((m) => m.enum_values.length === 0)).toBe(true);
  });

  it('gives the union with project_id and agent_id, and 400 on a malformed filter', async () => {
    const union: Metric[] = await get(
      `/test_framework/v1/metrics/?project_id=${SECOND_PROJECT_ID}&agent_id=${SECOND_AGENT_IDS.renewals}`,
    );
    expect(union.some((m) => m.project === null && m.agents.includes(SECOND_AGENT_IDS.renewals))).toBe(true);
    expect(union.some((m) => m.project === SECOND_PROJECT_ID)).toBe(true);
    const bad = await emu.api('GET', '/test_framework/v1/metrics/?agents=1,two');
    expect(bad.status).toBe(400);
    expect(bad.json).toEqual({ agents: ['Enter a whole number.'] });
  });
});

describe('GET /test_framework/v1/aiagents/short_list/', () => {
  it('pages {count, next, previous, results} with absolute links that work', async () => {
    const first = await get(`/test_framework/v1/aiagents/short_list/?project_id=${DEMO_PROJECT_ID}&page_size=3`);
    expect(first).toMatchObject({ count: 4, previous: null });
    expect(first.results.length).toBe(3);
    expect(first.next).toBe(
      `${emu.url}/test_framework/v1/aiagents/short_list/?page=2&page_size=3&project_id=${DEMO_PROJECT_ID}`,
    );
    const second = await get(first.next.slice(emu.url.length));
    expect(second.results.length).toBe(1);
    expect(second.next).toBeNull();
    // DRF drops the page parameter when linking back to the first page.
    expect(second.previous).toBe(
      `${emu.url}/test_framework/v1/aiagents/short_list/?page_size=3&project_id=${DEMO_PROJECT_ID}`,
    );
    expect(ids([...first.results, ...second.results]).sort()).toEqual(Object.values(DEMO_AGENT_IDS).sort());
    expect(first.results[0]).toMatchObject({
      project: DEMO_PROJECT_ID,
      agent_name: 'Acme Front Desk',
      contact_number: '+12125550143',
    });
  });

  it('searches names case-insensitively with q (a number also matches the id)', async () => {
    expect(ids((await get('/test_framework/v1/aiagents/short_list/?q=FRONT')).results)).toEqual([
      DEMO_AGENT_IDS.frontDesk,
    ]);
    expect((await get(`/test_framework/v1/aiagents/short_list/?q=acme&project_id=${DEMO_PROJECT_ID}`)).count).toBe(4);
    expect(ids((await get('/test_framework/v1/aiagents/short_list/?q=español')).results)).toEqual([
      DEMO_AGENT_IDS.spanish,
    ]);
    expect(ids((await get(`/test_framework/v1/aiagents/short_list/?q=${SECOND_AGENT_IDS.renewals}`)).results)).toEqual([
      SECOND_AGENT_IDS.renewals,
    ]);
    expect((await get(`/test_framework/v1/aiagents/short_list/?q=acme&project_id=${SECOND_PROJECT_ID}`)).count).toBe(0);
  });

  it('defaults to 10 per page, caps page_size at 25 and answers 404 "Invalid page." past the end', async () => {
    const all = await get('/test_framework/v1/aiagents/short_list/');
    expect(all.count).toBe(10);
    expect(all.results.length).toBe(10);
    expect(all.next).toBeNull();
    const small = await get('/test_framework/v1/aiagents/short_list/?page_size=4&page=3');
    expect(small.results.length).toBe(2);
    const capped = await get('/test_framework/v1/aiagents/short_list/?page_size=5000');
    expect(capped.results.length).toBe(10);
    for (const page of ['2', '0', 'x']) {
      const res = await emu.api('GET', `/test_framework/v1/aiagents/short_list/?page=${page}`);
      expect(res.status).toBe(404);
      expect(res.json).toEqual({ detail: 'Invalid page.' });
    }
  });
});

describe('GET /dashboards/dashboards/', () => {
  it('pages the dashboards of a project', async () => {
    const page = await get(`/dashboards/dashboards/?project_id=${DEMO_PROJECT_ID}`);
    expect(page.count).toBeGreaterThanOrEqual(2);
    expect(page.results.every((d: { project: number }) => d.project === DEMO_PROJECT_ID)).toBe(true);
    const { json: project } = await emu.api('GET', `/user/v1/projects/${DEMO_PROJECT_ID}/`);
    expect(ids(page.results)).toEqual(expect.arrayContaining(project.daily_report_dashboard_ids));
    const second = await get(`/dashboards/dashboards/?project_id=${DEMO_PROJECT_ID}&page_size=1&page=2`);
    expect(second.results.length).toBe(1);
    expect(second.previous).toContain('page_size=1');
  });
});

describe('GET /observability/v2/call-logs/', () => {
  it('seeds 300+ calls per demo project over the last 14 days, newest first', async () => {
    for (const projectId of [DEMO_PROJECT_ID, SECOND_PROJECT_ID]) {
      const calls = await allCalls(projectId);
      expect(calls.length).toBeGreaterThanOrEqual(300);
      const times = calls.map((c) => Date.parse(c.timestamp));
      expect(times).toEqual([...times].sort((a, b) => b - a));
      expect(Date.now() - times[times.length - 1]).toBeLessThanOrEqual(14 * DAY + 60_000);
      expect(Date.now() - times[0]).toBeLessThan(DAY);
    }
  });

  it('writes metric results per the call-log table: six keys, empty unused strings, absent when no result', async () => {
    const calls = await allCalls(DEMO_PROJECT_ID);
    const metrics: Metric[] = await get(`/test_framework/v1/metrics/?project_id=${DEMO_PROJECT_ID}`);
    const entries = calls.flatMap((c) => c.metrics);
    for (const e of entries) {
      expect(Object.keys(e).sort()).toEqual(['enum', 'id', 'name', 'score', 'type', 'value']);
      if (e.type === 'enum') expect([e.score, e.enum]).toEqual([0, e.value]);
      else expect([e.enum, e.value]).toEqual(['', '']);
      if (e.type === 'binary') expect([0, 5]).toContain(e.score);
      if (e.type === 'continuous_qualitative') expect(e.score >= 0 && e.score <= 5).toBe(true);
    }
    // Some calls lack some project metrics (no result = absent, not a null entry).
    expect(calls.some((c) => c.metrics.length < metrics.length)).toBe(true);
    // Agent-only metrics appear only on their agents' calls.
    const booking = calls.filter((c) => c.metrics.some((m) => m.id === DEMO_METRIC_IDS.bookingConfirmed));
    expect(booking.length).toBeGreaterThan(0);
    expect(booking.every((c) => c.agent === DEMO_AGENT_IDS.frontDesk)).toBe(true);
  });

  it("sets success mostly as the project's rubric says, with deliberate disagreements and a few nulls", async () => {
    for (const projectId of [DEMO_PROJECT_ID, SECOND_PROJECT_ID]) {
      const { json: project } = await emu.api('GET', `/user/v1/projects/${projectId}/`);
      const calls = await allCalls(projectId);
      const verdict = (c: Call) =>
        project.rubric_config.rules.every((rule: { metric_id: number; conditions: { conditions: object[] } }) => {
          const outcome = readMetricOutcome(c.metrics.find((m) => m.id === rule.metric_id));
          return !outcome || rule.conditions.conditions.every((cond) => conditionHolds(outcome, cond) === true);
        });
      const decided = calls.filter((c) => c.success !== null);
      const agreement = decided.filter((c) => c.success === verdict(c)).length / decided.length;
      expect(agreement).toBeGreaterThan(0.8);
      expect(agreement).toBeLessThan(0.97);
      expect(calls.length - decided.length).toBeGreaterThan(0);
      expect(calls.length - decided.length).toBeLessThan(calls.length * 0.1);
      // Both outcomes occur.
      expect(new Set(decided.map((c) => c.success))).toEqual(new Set([true, false]));
    }
  });

  it('filters by agent_id and by timestamp_from / timestamp_to', async () => {
    const byAgent = await get(`/observability/v2/call-logs/?agent_id=${DEMO_AGENT_IDS.billing}&page_size=100`);
    expect(byAgent.count).toBeGreaterThan(0);
    expect(byAgent.results.every((c: Call) => c.agent === DEMO_AGENT_IDS.billing)).toBe(true);
    const from = new Date(Date.now() - 3 * DAY).toISOString();
    const to = new Date(Date.now() - DAY).toISOString();
    const window = await get(
      `/observability/v2/call-logs/?project_id=${DEMO_PROJECT_ID}&timestamp_from=${from}&timestamp_to=${to}&page_size=100`,
    );
    expect(window.count).toBeGreaterThan(0);
    expect(window.results.every((c: Call) => c.timestamp >= from && c.timestamp <= to)).toBe(true);
    const all = await get(`/observability/v2/call-logs/?project_id=${DEMO_PROJECT_ID}`);
    expect(window.count).toBeLessThan(all.count);
  });

  it('defaults to the last 30 days and refuses a range over 33 days', async () => {
    const old = new Date(Date.now() - 40 * DAY).toISOString();
    const tooWide = await emu.api('GET', `/observability/v2/call-logs/?timestamp_from=${old}`);
    expect(tooWide.status).toBe(400);
    expect(tooWide.json.detail).toMatch(/33 days/);
    // An explicit range of exactly 33 days is allowed, however old.
    const end = Date.now() - 7 * DAY;
    const explicit = await emu.api(
      'GET',
      `/observability/v2/call-logs/?timestamp_from=${new Date(end - 33 * DAY).toISOString()}&timestamp_to=${new Date(end).toISOString()}`,
    );
    expect(explicit.status, explicit.text).toBe(200);
    const beforeWindow = await get(
      `/observability/v2/call-logs/?timestamp_to=${new Date(Date.now() - 20 * DAY).toISOString()}`,
    );
    expect(beforeWindow.count).toBe(0); // the seeded calls are all within the last 14 days
    const bad = await emu.api('GET', '/observability/v2/call-logs/?timestamp_from=yesterday');
    expect(bad.status).toBe(400);
    expect(bad.json).toEqual({ timestamp_from: ['Enter a valid date/time.'] });
  });

  it('caps page_size at 25 by default (a reset may change the cap) and filters by call_ids', async () => {
    const page = await get('/observability/v2/call-logs/?page_size=1000');
    expect(page.results.length).toBe(25);
    expect(page.next).toContain('page=2');
    expect(page.next).toContain('page_size=1000'); // the link repeats what was asked, as DRF does
    await emu.hook('POST', '/reset', { maxPageSize: 7 });
    expect((await get('/observability/v2/call-logs/?page_size=100')).results.length).toBe(7);
    await emu.hook('POST', '/reset', {});
    expect((await get('/observability/v2/call-logs/?page_size=100')).results.length).toBe(25);
    expect(page.next).toContain('page=2');
    const picked = ids(page.results.slice(3, 5));
    const byIds = await get(`/observability/v2/call-logs/?call_ids=${picked.join(',')}`);
    expect(ids(byIds.results).sort()).toEqual(picked.sort());
  });
});
