import { describe, expect, it } from 'vitest';
import type { HistoryChange } from '../api/history';
import { describeEntry } from './describe-entry';

const rule = (metric: number, op: string, value: unknown) => ({
  metric_id: metric,
  conditions: { operator: 'and', conditions: [{ field: 'score', op, value }] },
});

describe('describeEntry', () => {
  it('groups the changes by section in navigation order, with labels and values as the form shows them', () => {
    const changes: HistoryChange[] = [
      { field: 'sample_rate', before: 0.5, after: 0.125 },
      { field: 'name', before: 'Acme', after: 'Acme EU' },
      { field: 'end_call_enabled', before: true, after: false },
      { field: 'daily_report_dashboard_ids', before: [1, 2], after: [2, 3] },
    ];
    const groups = describeEntry(changes);
    expect(groups.map((group) => group.label)).toEqual(['General', 'Limits', 'Notifications']);
    expect(groups[0].items).toEqual([
      { field: 'name', label: 'Name', kind: 'value', before: 'Acme', after: 'Acme EU' },
      { field: 'end_call_enabled', label: 'End call', kind: 'value', before: 'On', after: 'Off' },
    ]);
    expect(groups[1].items[0]).toMatchObject({ label: 'Sample rate (%)', before: '50%', after: '12.5%' });
    expect(groups[2].items[0]).toMatchObject({ kind: 'set', added: [3], removed: [1] });
  });

  it('secrets only by what was done to them', () => {
    const groups = describeEntry([
      { field: 'vapi_api_key', secret: 'replaced' },
      { field: 'webhook_secret', secret: 'cleared' },
    ]);
    expect(groups.map((group) => group.section)).toEqual(['notifications', 'integrations']);
    expect(groups[0].items[0]).toEqual({
      field: 'webhook_secret',
      label: 'Webhook secret',
      kind: 'secret',
      action: 'cleared',
    });
    expect(groups[1].items[0]).toEqual({
      field: 'vapi_api_key',
      label: 'Vapi private API key',
      kind: 'secret',
      action: 'replaced',
    });
  });

  it('rubric rules: added, removed, and a rule edited on the same metric shown as changed', () => {
    const before = { evaluation_logic: 'and', rules: [rule(1, 'gte', 4), rule(2, 'eq', 5)] };
    const after = { evaluation_logic: 'and', rules: [rule(1, 'gte', 3), rule(3, 'eq', 0)] };
    const [group] = describeEntry([{ field: 'rubric_config', before, after }]);
    expect(group.section).toBe('rubric');
    const item = group.items[0];
    expect(item.kind).toBe('rules');
    if (item.kind !== 'rules') return;
    expect(item.diff.added).toEqual([rule(3, 'eq', 0)]);
    expect(item.diff.removed).toEqual([rule(2, 'eq', 5)]);
    expect(item.diff.changed).toEqual([{ metricKey: '1', before: [rule(1, 'gte', 4)], after: [rule(1, 'gte', 3)] }]);
  });

  it('a recorded change that reads the same in the form (null -> "") is still listed, as recorded', () => {
    const [group] = describeEntry([{ field: 'webhook_url', before: null, after: '' }]);
    expect(group.items).toEqual([
      { field: 'webhook_url', label: 'Webhook URL', kind: 'value', before: 'null', after: '""' },
    ]);
  });

  it('fields the console does not know go under "Other fields"', () => {
    const groups = describeEntry([{ field: 'brand_new_flag', before: false, after: true }]);
    expect(groups).toEqual([
      {
        section: 'other',
        label: 'Other fields',
        items: [
          {
            field: 'brand_new_flag',
            label: 'Field brand_new_flag changed',
            kind: 'unknown',
            before: 'false',
            after: 'true',
          },
        ],
      },
    ]);
  });

  it('lists a row whose values the console cannot read as recorded, never failing', () => {
    const changes: HistoryChange[] = [
      { field: 'rubric_config', before: 'not a rubric', after: { rules: 'nope' } },
      { field: 'daily_report_dashboard_ids', before: 7, after: { x: 1 } },
      { field: 'constructor', before: null, after: null },
      { field: '(unreadable)', before: null, after: '"x"' },
    ];
    const labels = describeEntry(changes).flatMap((group) => group.items.map((item) => item.label));
    expect(labels).toEqual(expect.arrayContaining(['Field constructor changed', 'Field (unreadable) changed']));
    expect(labels.length).toBeGreaterThanOrEqual(4);
  });
});
