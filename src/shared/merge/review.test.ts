import { describe, expect, it } from 'vitest';
import { toFormValues } from '../form';
import type { Project } from '../schemas/project';
import { describeChanges, setDelta } from './review';

const rule = (metric: number, value: number) => ({
  metric_id: metric,
  conditions: { operator: 'and', conditions: [{ field: 'score', op: 'gte', value }] },
});

const base = {
  id: 1,
  name: 'Acme',
  sample_rate: 0.5,
  notify_daily_report: false,
  daily_report_dashboard_ids: [1, 2],
  rubric_config: { evaluation_logic: 'and', rules: [rule(1, 4), rule(2, 3)] },
  no_calls_notify_time_period: { time_zone: 'UTC', time_periods: [], exception_numbers: ['+14155552671'], agents: [] },
} as unknown as Project;

describe('describeChanges', () => {
  it('lists nothing for an untouched or reordered draft', () => {
    const values = toFormValues(base);
    values.daily_report_dashboard_ids = [2, 1];
    expect(describeChanges(base, values)).toEqual([]);
  });

  it('groups every pending change by section, in section order', () => {
    const values = toFormValues(base);
    values.name = 'Acme support';
    values.sample_rate = '25';
    values.notify_daily_report = true;
    values.daily_report_dashboard_ids = [2, 3];
    values.vapi_api_key = { mode: 'replace', value: 'secret-value' };
    values.webhook_secret = { mode: 'clear' };
    values.rubric_config = { evaluation_logic: 'and', rules: [rule(1, 5), rule(2, 3), rule(3, 1)] };
    values.no_calls_notify_time_period = { ...values.no_calls_notify_time_period!, exception_numbers: [] };

    const groups = describeChanges(base, values);
    expect(groups.map((g) => g.section)).toEqual([
      'general',
      'limits',
      'notifications',
      'no-calls',
      'integrations',
      'rubric',
    ]);
    const all = groups.flatMap((g) => g.entries);
    expect(all).toContainEqual({ field: 'name', label: 'Name', kind: 'value', before: 'Acme', after: 'Acme support' });
    expect(all).toContainEqual({
      field: 'sample_rate',
      label: 'Sample rate (%)',
      kind: 'value',
      before: '50%',
      after: '25%',
    });
    expect(all).toContainEqual(
      expect.objectContaining({ field: 'daily_report_dashboard_ids', added: [3], removed: [1] }),
    );
    // No Vapi key is stored in `base`: giving one sets it; with one stored, the same edit replaces it.
    expect(all).toContainEqual(expect.objectContaining({ field: 'vapi_api_key', kind: 'secret', action: 'set' }));
    const stored = describeChanges({ ...base, vapi_api_key_configured: true } as Project, values).flatMap(
      (g) => g.entries,
    );
    expect(stored).toContainEqual(
      expect.objectContaining({ field: 'vapi_api_key', kind: 'secret', action: 'replaced' }),
    );
    expect(all).toContainEqual(expect.objectContaining({ field: 'webhook_secret', kind: 'secret', action: 'cleared' }));
    expect(JSON.stringify(all)).not.toContain('secret-value');
    const rubric = all.find((entry) => entry.field === 'rubric_config');
    expect(rubric).toMatchObject({
      kind: 'rules',
      diff: {
        added: [rule(3, 1)],
        removed: [],
        changed: [{ metricKey: '1', before: [rule(1, 4)], after: [rule(1, 5)] }],
      },
    });
    expect(all.find((entry) => entry.field === 'no_calls_notify_time_period')).toMatchObject({
      parts: [{ part: 'exception_numbers', added: [], removed: ['+14155552671'] }],
    });
  });
});

describe('setDelta', () => {
  it('compares as multisets', () => {
    expect(setDelta([1, 1, 2], [1, 2, 2])).toEqual({ added: [2], removed: [1] });
  });
});
