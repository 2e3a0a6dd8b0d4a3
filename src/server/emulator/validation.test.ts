// The API's validation over HTTP: DRF-shaped 400s, JSON fields reported as flat lists of path-prefixed
// messages, and the valid shapes that must be accepted.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestEmulator, type TestEmulator } from '../../test-support/emulator';
import { DEMO_METRIC_IDS as M, DEMO_PROJECT_ID, exampleNoCallsForDemo, SECOND_METRIC_IDS } from './seed';

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

const rule = (metricId: unknown, ...conditions: object[]) => ({
  metric_id: metricId,
  conditions: { operator: 'and', conditions },
});
const rubric = (...rules: unknown[]) => ({ evaluation_logic: 'and', rules });
const cond = (field: unknown, op: unknown, value?: unknown) =>
  value === undefined ? { field, op } : { field, op, value };
const at = (i: number, c = 0) => `rules[${i}].conditions.conditions[${c}]`;

const patch = (body: unknown) => emu.api('PATCH', P, body);

describe('scalar fields', () => {
  it.each<[string, object, Record<string, string[]>]>([
    ['blank name', { name: '' }, { name: ['This field may not be blank.'] }],
    ['whitespace name', { name: '   ' }, { name: ['This field may not be blank.'] }],
    ['null name', { name: null }, { name: ['This field may not be null.'] }],
    ['number as name', { name: 42 }, { name: ['Not a valid string.'] }],
    ['long name', { name: 'x'.repeat(256) }, { name: ['Ensure this field has no more than 255 characters.'] }],
    ['unknown time zone', { timezone: 'Mars/Olympus' }, { timezone: ['"Mars/Olympus" is not a valid choice.'] }],
    ['integer as string', { outbound_timeout: '300' }, { outbound_timeout: ['A valid integer is required.'] }],
    ['fractional integer', { outbound_timeout: 12.5 }, { outbound_timeout: ['A valid integer is required.'] }],
    ['boolean as integer', { max_call_duration: true }, { max_call_duration: ['A valid integer is required.'] }],
    [
      'above int32',
      { frequent_calls_threshold: 2147483648 },
      { frequent_calls_threshold: ['Ensure this value is less than or equal to 2147483647.'] },
    ],
    [
      'below int32',
      { frequent_calls_cooldown: -2147483649 },
      { frequent_calls_cooldown: ['Ensure this value is greater than or equal to -2147483648.'] },
    ],
    ['sample_rate above 1', { sample_rate: 1.5 }, { sample_rate: ['Ensure this value is less than or equal to 1.0.'] }],
    [
      'sample_rate below 0',
      { sample_rate: -0.1 },
      { sample_rate: ['Ensure this value is greater than or equal to 0.0.'] },
    ],
    ['sample_rate as string', { sample_rate: '0.5' }, { sample_rate: ['A valid number is required.'] }],
    ['boolean as string', { notify_no_calls: 'yes' }, { notify_no_calls: ['Must be a valid boolean.'] }],
    ['ftp webhook_url', { webhook_url: 'ftp://files.example.com/hook' }, { webhook_url: ['Enter a valid URL.'] }],
    ['text webhook_url', { webhook_url: 'not a url' }, { webhook_url: ['Enter a valid URL.'] }],
    ['webhook_url without a domain', { webhook_url: 'https://intranet/hook' }, { webhook_url: ['Enter a valid URL.'] }],
    [
      'dashboard ids not a list',
      { daily_report_dashboard_ids: 7702 },
      { daily_report_dashboard_ids: ['Expected a list of items but got type "int".'] },
    ],
    [
      'dashboard id not an integer',
      { daily_report_dashboard_ids: [7702, 'x'] },
      { daily_report_dashboard_ids: ['[1]: A valid integer is required.'] },
    ],
    ['secret not a string', { vapi_api_key: 123 }, { vapi_api_key: ['Not a valid string.'] }],
    ['null secret', { webhook_secret: null }, { webhook_secret: ['This field may not be null.'] }],
  ])('%s -> 400', async (_label, body, errors) => {
    const res = await patch(body);
    expect(res.status).toBe(400);
    expect(res.json).toEqual(errors);
  });

  it('reports every invalid field together and writes nothing, not even the valid ones', async () => {
    const before = (await emu.api('GET', P)).text;
    const res = await patch({ name: 'Valid name', sample_rate: 2, min_call_duration: 'ten' });
    expect(res.status).toBe(400);
    expect(res.json).toEqual({
      min_call_duration: ['A valid integer is required.'],
      sample_rate: ['Ensure this value is less than or equal to 1.0.'],
    });
    expect((await emu.api('GET', P)).text).toBe(before);
  });

  it('accepts the edges of every range', async () => {
    const body = {
      sample_rate: 0,
      frequent_calls_threshold: 2147483647,
      frequent_calls_cooldown: -2147483648,
      outbound_timeout: 0,
      webhook_url: 'http://localhost:8080/hook',
      timezone: 'Asia/Kolkata',
      daily_report_dashboard_ids: [],
      name: '  Trimmed like DRF  ',
    };
    const res = await patch(body);
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ ...body, name: 'Trimmed like DRF' });
    for (const extra of [
      { sample_rate: 1 },
      { webhook_url: '' },
      { webhook_url: 'https://hooks.example.com/cekura?x=1' },
      { timezone: 'UTC' },
    ]) {
      expect((await patch(extra)).json).toMatchObject(extra);
    }
  });

  it('refuses a body that is not an object, bad JSON and other media types', async () => {
    const list = await patch([1, 2]);
    expect(list.status).toBe(400);
    expect(list.json).toEqual({ non_field_errors: ['Invalid data. Expected a dictionary, but got list.'] });
    const broken = await patch('{"name": ');
    expect(broken.status).toBe(400);
    expect(broken.json.detail).toMatch(/^JSON parse error - /);
    const text = await emu.api('PATCH', P, 'name=x', { 'content-type': 'text/plain' });
    expect(text.status).toBe(415);
    expect(text.json).toEqual({ detail: 'Unsupported media type "text/plain" in request.' });
  });
});

describe('no_calls_notify_time_period', () => {
  const nc = (value: unknown) => ({ no_calls_notify_time_period: value });
  const period = (p: object) => ({ time_periods: [{ start_time: '09:00', end_time: '17:00', time_frame: 30, ...p }] });

  it.each<[string, unknown, string[]]>([
    ['a list', [], ['Expected a JSON object.']],
    ['an unknown time zone', { time_zone: 'Mars/Olympus' }, ["time_zone: 'Mars/Olympus' is not a valid time zone"]],
    ['time_periods not a list', { time_periods: 'all day' }, ['time_periods: must be a list']],
    [
      'a time without its leading zero',
      period({ start_time: '9:00' }),
      ["time_periods[0].start_time: '9:00' is not a time in HH:MM format"],
    ],
    ['24:00', period({ end_time: '24:00' }), ["time_periods[0].end_time: '24:00' is not a time in HH:MM format"]],
    ['time_frame as string', period({ time_frame: '30' }), ['time_periods[0].time_frame: must be an integer']],
    [
      'a missing time_frame',
      { time_periods: [{ start_time: '09:00', end_time: '17:00' }] },
      ['time_periods[0].time_frame: this field is required'],
    ],
    [
      'numbers not in E.164',
      { exception_numbers: ['+15551234567', '5551234567', '+0123456789'] },
      ['exception_numbers[1]: not an E.164 number', 'exception_numbers[2]: not an E.164 number'],
    ],
    [
      'agent ids that are not integers',
      { agents: [6204, '6205', 1.5] },
      ['agents[1]: must be an integer agent id', 'agents[2]: must be an integer agent id'],
    ],
  ])('refuses %s', async (_label, value, messages) => {
    const res = await patch(nc(value));
    expect(res.status).toBe(400);
    expect(res.json).toEqual({ no_calls_notify_time_period: messages });
  });

  it('accepts the documentation example, {} and unknown agent ids (no such check is documented)', async () => {
    for (const value of [
      exampleNoCallsForDemo(),
      {},
      { time_zone: 'Europe/Kyiv', agents: [1, 10, 90], exception_numbers: [] },
    ]) {
      const res = await patch(nc(value));
      expect(res.status).toBe(200);
      expect(res.json.no_calls_notify_time_period).toEqual(value);
    }
  });
});

describe('rubric_config', () => {
  const rc = (value: unknown) => ({ rubric_config: value });
  const okEnum = rule(M.callResolution, cond('enum', 'eq', 'resolved'));

  it.each<[string, unknown, string[]]>([
    ['a list', [], ['Expected a JSON object.']],
    ['evaluation_logic "or"', { evaluation_logic: 'or', rules: [] }, [`evaluation_logic: must be "and" (got 'or')`]],
    ['no evaluation_logic', { rules: [] }, ['evaluation_logic: this field is required']],
    ['no rules', { evaluation_logic: 'and' }, ['rules: this field is required']],
    ['rules not a list', { evaluation_logic: 'and', rules: {} }, ['rules: must be a list']],
    ['a rule that is not an object', rubric('x'), ['rules[0]: must be an object']],
    [
      'an unknown metric',
      rubric(rule(999999, cond('score', 'eq', 5))),
      ['rules[0].metric_id: metric 999999 does not belong to this project'],
    ],
    [
      "another project's metric",
      rubric(rule(SECOND_METRIC_IDS.meetingBooked, cond('score', 'eq', 5))),
      [`rules[0].metric_id: metric ${SECOND_METRIC_IDS.meetingBooked} does not belong to this project`],
    ],
    [
      "an agent-only metric of another project's agents",
      rubric(rule(SECOND_METRIC_IDS.gdprConsent, cond('score', 'eq', true))),
      [`rules[0].metric_id: metric ${SECOND_METRIC_IDS.gdprConsent} does not belong to this project`],
    ],
    [
      'a metric id as string',
      rubric(rule(String(M.empathy), cond('score', 'gte', 3))),
      ['rules[0].metric_id: must be an integer'],
    ],
    [
      'operator "or"',
      rubric({ metric_id: M.empathy, conditions: { operator: 'or', conditions: [cond('score', 'gte', 3)] } }),
      ['rules[0].conditions.operator: must be "and"'],
    ],
    ['no conditions', rubric(rule(M.empathy)), ['rules[0].conditions.conditions: must be a non-empty list']],
    [
      'conditions not an object',
      rubric({ metric_id: M.empathy, conditions: [] }),
      ['rules[0].conditions: must be an object'],
    ],
    [
      'gt on a binary metric',
      rubric(rule(M.identityVerified, cond('score', 'gt', 0))),
      [`${at(0)}.op: 'gt' is not supported for a binary metric (use eq, neq)`],
    ],
    [
      '"yes" on a binary metric',
      rubric(rule(M.identityVerified, cond('score', 'eq', 'yes'))),
      [`${at(0)}.value: 'yes' is not one of true, false, 5, 0`],
    ],
    [
      '1 on a binary metric',
      rubric(rule(M.identityVerified, cond('score', 'eq', 1))),
      [`${at(0)}.value: 1 is not one of true, false, 5, 0`],
    ],
    [
      'field enum on a binary metric',
      rubric(rule(M.identityVerified, cond('enum', 'eq', true))),
      [`${at(0)}.field: must be "score" for a binary metric (got 'enum')`],
    ],
    [
      'a string score',
      rubric(rule(M.customerSatisfaction, cond('score', 'gte', '4'))),
      [`${at(0)}.value: '4' is not a number`],
    ],
    [
      'in on a score metric',
      rubric(rule(M.latency, cond('score', 'in', [1]))),
      [`${at(0)}.op: 'in' is not supported for a numeric metric (use gt, gte, lt, lte, eq)`],
    ],
    [
      'an enum value outside enum_values',
      rubric(okEnum, rule(M.callResolution, cond('enum', 'eq', 'maybe'))),
      [`${at(1)}.value: 'maybe' is not one of the metric's enum_values`],
    ],
    [
      'one bad value in an in-list',
      rubric(rule(M.callResolution, cond('enum', 'in', ['resolved', 'nope']))),
      [`${at(0)}.value[1]: 'nope' is not one of the metric's enum_values`],
    ],
    [
      'an empty in-list',
      rubric(rule(M.callResolution, cond('enum', 'in', []))),
      [`${at(0)}.value: must be a non-empty list of strings for op 'in'`],
    ],
    [
      'field score on an enum metric',
      rubric(rule(M.escalationReason, cond('score', 'eq', 'none'))),
      [`${at(0)}.field: must be "enum" for a enum metric (got 'score')`],
    ],
    ['a missing value', rubric(rule(M.empathy, cond('score', 'gte'))), [`${at(0)}.value: this field is required`]],
    [
      'a bad second condition',
      rubric(rule(M.empathy, cond('score', 'gte', 2), cond('score', 'lte', 'high'))),
      [`${at(0, 1)}.value: 'high' is not a number`],
    ],
  ])('refuses %s', async (_label, value, messages) => {
    const before = (await emu.api('GET', P)).text;
    const res = await patch(rc(value));
    expect(res.status).toBe(400);
    expect(res.json).toEqual({ rubric_config: messages });
    expect((await emu.api('GET', P)).text).toBe(before);
  });

  it('accepts every documented shape, several conditions in one rule, and agent-only metrics of its agents', async () => {
    const value = rubric(
      rule(M.identityVerified, cond('score', 'eq', true)),
      rule(M.identityVerified, cond('score', 'neq', false)),
      rule(M.identityVerified, cond('score', 'eq', 5)),
      rule(M.identityVerified, cond('score', 'neq', 0)),
      rule(M.customerSatisfaction, cond('score', 'gte', 2), cond('score', 'lte', 4.5)),
      rule(M.latency, cond('score', 'lt', 1500.5)),
      rule(M.interruptions, cond('score', 'eq', 0)),
      rule(M.callResolution, cond('enum', 'in', ['resolved', 'partially_resolved'])),
      rule(M.escalationReason, cond('enum', 'neq', 'billing_dispute')),
      rule(M.bookingConfirmed, cond('score', 'eq', true)),
      rule(M.spanishGreeting, cond('score', 'eq', 5)),
    );
    const res = await patch(rc(value));
    expect(res.status).toBe(200);
    expect(res.json.rubric_config).toEqual(value);
  });
});
