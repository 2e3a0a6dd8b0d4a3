import { describe, expect, it } from 'vitest';
import { NO_NAMES } from '../review/change-lines';
import { historyLines } from './ChangeList';
import { describeEntry } from './describe-entry';

// The lines under each field of a recorded save (the review's words; secrets in the past tense).

const linesOf = (changes: Parameters<typeof describeEntry>[0]) =>
  describeEntry(changes).flatMap((group) => group.items.map((item) => historyLines(item, NO_NAMES)));

describe('historyLines', () => {
  it('values, sets, secrets and unknown fields', () => {
    expect(
      linesOf([
        { field: 'name', before: 'Acme', after: 'Acme EU' },
        { field: 'daily_report_dashboard_ids', before: [1], after: [2] },
        { field: 'webhook_secret', secret: 'cleared' },
        { field: 'future_flag', before: null, after: 1 },
      ]),
    ).toEqual([
      ['Acme → Acme EU'],
      ['Added: #2', 'Removed: #1'],
      ['cleared (secret values are never recorded)'],
      ['null → 1'],
    ]);
  });

  it('rules by metric, without names: the metric id', () => {
    const rule = {
      metric_id: 9,
      conditions: { operator: 'and', conditions: [{ field: 'score', op: 'gte', value: 4 }] },
    };
    expect(
      linesOf([
        {
          field: 'rubric_config',
          before: { evaluation_logic: 'and', rules: [rule] },
          after: { evaluation_logic: 'and', rules: [] },
        },
      ]),
    ).toEqual([['Removed rule: metric #9 is at least 4']]);
  });
});
