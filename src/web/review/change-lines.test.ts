import { describe, expect, it } from 'vitest';
import { toFormValues } from '../../shared/form';
import { describeChanges } from '../../shared/merge/review';
import type { Metric } from '../../shared/schemas/metric';
import type { Project } from '../../shared/schemas/project';
import { changeLines, conflictLabel, fieldValueLines, NO_NAMES, ruleListLines, type NameLookups } from './change-lines';

const rule = (metric: number, op: string, value: unknown, field = 'score') => ({
  metric_id: metric,
  conditions: { operator: 'and', conditions: [{ field, op, value }] },
});
const metric = (id: number, name: string, eval_type: string) =>
  ({ id, name, eval_type, enum_values: [] }) as unknown as Metric;

const names: NameLookups = {
  metrics: new Map([
    [1, metric(1, 'Customer satisfaction', 'continuous_qualitative')],
    [2, metric(2, 'Identity verified', 'binary')],
  ]),
  dashboards: new Map([[7702, 'Support quality overview']]),
  agents: new Map([[6204, 'Front desk']]),
};

const base = {
  id: 1,
  name: 'Acme',
  notify_daily_report: false,
  daily_report_dashboard_ids: [7702],
  rubric_config: { evaluation_logic: 'and', rules: [rule(1, 'gte', 4), rule(2, 'eq', 5)] },
  no_calls_notify_time_period: { time_zone: 'UTC', time_periods: [], exception_numbers: [], agents: [] },
} as unknown as Project;

function linesOf(values: ReturnType<typeof toFormValues>, lookups = names) {
  return Object.fromEntries(
    describeChanges(base, values).flatMap((group) =>
      group.entries.map((entry) => [entry.label, changeLines(entry, lookups)]),
    ),
  );
}

describe('review lines', () => {
  it('values before -> after, sets by name, secrets by intent only, rules in words', () => {
    const values = toFormValues(base);
    values.name = 'Acme EU';
    values.notify_daily_report = true;
    values.daily_report_dashboard_ids = [7709];
    values.vapi_api_key = { mode: 'replace', value: 'sk-live-123' };
    values.webhook_secret = { mode: 'clear' };
    values.rubric_config = { evaluation_logic: 'and', rules: [rule(1, 'gte', 3), rule(2, 'eq', 5), rule(3, 'lt', 2)] };
    values.no_calls_notify_time_period = {
      time_zone: 'UTC',
      time_periods: [{ start_time: '09:00', end_time: '17:00', time_frame: 30 }],
      exception_numbers: ['+14155552671'],
      agents: [6204, 6999],
    };
    const lines = linesOf(values);
    expect(lines).toEqual({
      Name: ['Acme → Acme EU'],
      'Daily report': ['Off → On'],
      'Dashboards in the daily report': ['Added: #7709', 'Removed: Support quality overview'],
      'Webhook secret': ['will be cleared'],
      'No-calls schedule': [
        'Added window: 09:00–17:00, alert after 30 minutes without calls',
        'Added exception number: +14155552671',
        'Added excluded agent: Front desk',
        'Added excluded agent: #6999',
      ],
      'Vapi private API key': ['will be set'], // none is stored in `base`
      Rubric: [
        'Added rule: metric #3 is below 2',
        'Changed rule: Customer satisfaction is at least 4 → Customer satisfaction is at least 3',
      ],
    });
    expect(JSON.stringify(lines)).not.toContain('sk-live-123');
  });

  it('without cached names, ids stay ids', () => {
    const values = toFormValues(base);
    values.rubric_config = { evaluation_logic: 'and', rules: [rule(2, 'eq', 5)] };
    expect(linesOf(values, NO_NAMES)).toEqual({ Rubric: ['Removed rule: metric #1 is at least 4'] });
  });
});

describe('conflict words', () => {
  it('names the field or the metric, and shows each side', () => {
    expect(conflictLabel({ kind: 'field', field: 'sample_rate' }, names)).toBe('Sample rate (%)');
    expect(conflictLabel({ kind: 'rubric-metric', metricKey: '1' }, names)).toBe(
      'Rubric rules for Customer satisfaction',
    );
    expect(conflictLabel({ kind: 'rubric-metric', metricKey: '9' }, names)).toBe('Rubric rules for metric #9');
    expect(ruleListLines([rule(1, 'gte', 5)], names)).toEqual(['Customer satisfaction is at least 5']);
    expect(ruleListLines([], names)).toEqual(['(no rules)']);
    expect(fieldValueLines('sample_rate', '12.5', names)).toEqual(['12.5%']);
    expect(fieldValueLines('daily_report_dashboard_ids', [7702, 1], names)).toEqual(['Support quality overview', '#1']);
    expect(fieldValueLines('no_calls_notify_time_period', null, names)).toEqual(['(no schedule)']);
  });
});
