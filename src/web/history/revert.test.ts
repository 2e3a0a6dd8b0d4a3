import { describe, expect, it } from 'vitest';
import { buildPatch } from '../../shared/patch';
import { toFormValues } from '../../shared/form';
import type { HistoryChange } from '../api/history';
import { testProject } from '../settings/test-project';
import { planRevert } from './revert';

const rule = (metric: number, value: number) => ({
  metric_id: metric,
  conditions: { operator: 'and', conditions: [{ op: 'gte', field: 'score', value }] },
});

describe('planRevert', () => {
  it('gives the old values as form values; applied to the form they PATCH exactly those values back', () => {
    const current = testProject({ name: 'Acme EU', sample_rate: 0.125, daily_report_dashboard_ids: [7709] });
    const changes: HistoryChange[] = [
      { field: 'name', before: 'Acme Support Line', after: 'Acme EU' },
      { field: 'sample_rate', before: 0.5, after: 0.125 },
      { field: 'daily_report_dashboard_ids', before: [7702, 7709], after: [7709] },
    ];
    const plan = planRevert(changes, current);
    expect(plan.values).toEqual({
      name: 'Acme Support Line',
      sample_rate: '50',
      daily_report_dashboard_ids: [7702, 7709],
    });
    expect(plan.firstSection).toBe('general');
    expect(plan.changedSince).toEqual([]);
    const draft = { ...toFormValues(current), ...plan.values };
    expect(buildPatch(current, draft)).toEqual({
      name: 'Acme Support Line',
      sample_rate: 0.5,
      daily_report_dashboard_ids: [7702, 7709],
    });
  });

  it('restores the rubric whole, and an absent rubric as {} (the API clears with {})', () => {
    const before = { evaluation_logic: 'and', rules: [rule(1, 4), rule(2, 3)] };
    const current = testProject({ rubric_config: { evaluation_logic: 'and', rules: [rule(1, 5)] } });
    expect(
      planRevert([{ field: 'rubric_config', before, after: current.rubric_config }], current).values.rubric_config,
    ).toEqual(before);
    expect(
      planRevert([{ field: 'rubric_config', before: null, after: current.rubric_config }], current).values
        .rubric_config,
    ).toEqual({});
  });

  it('skips secrets (never recorded), unknown fields and a schedule that did not exist', () => {
    const plan = planRevert(
      [
        { field: 'vapi_api_key', secret: 'replaced' },
        { field: 'mystery', before: 1, after: 2 },
        { field: 'no_calls_notify_time_period', before: null, after: { time_zone: 'UTC', time_periods: [] } },
        { field: 'max_call_duration', before: 600, after: 900 },
      ],
      testProject(),
    );
    expect(plan.fields).toEqual(['max_call_duration']);
    expect(plan.secrets).toEqual(['vapi_api_key']);
    expect(plan.skipped.map((skip) => skip.field)).toEqual(['mystery', 'no_calls_notify_time_period']);
    expect(plan.firstSection).toBe('limits');
  });

  it('names fields changed again after the save (the revert would replace that later change)', () => {
    const plan = planRevert(
      [{ field: 'outbound_timeout', before: 120, after: 200 }],
      testProject({ outbound_timeout: 240 }),
    );
    expect(plan.changedSince).toEqual(['outbound_timeout']);
  });

  it('nothing restorable: no section to open', () => {
    expect(planRevert([{ field: 'webhook_secret', secret: 'cleared' }], testProject()).firstSection).toBeUndefined();
  });
});
