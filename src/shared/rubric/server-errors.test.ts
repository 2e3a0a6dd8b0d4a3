import { describe, expect, it } from 'vitest';
import { ruleIndexOfPath, ruleOfMessage, sortMessages } from './server-errors';

describe('server messages on rules', () => {
  it('reads DRF-style prefixes and form paths', () => {
    expect(
      ruleOfMessage("rules[1].conditions.conditions[0].value: 'maybe' is not one of the metric's enum_values"),
    ).toEqual({
      index: 1,
      message: "'maybe' is not one of the metric's enum_values",
    });
    expect(ruleOfMessage('rules.3.metric_id: Invalid input')).toEqual({ index: 3, message: 'Invalid input' });
    expect(ruleOfMessage('rules[2]: unknown metric 9')).toEqual({ index: 2, message: 'unknown metric 9' });
    expect(ruleOfMessage('evaluation_logic: must be and')).toBeNull();
    expect(ruleIndexOfPath('rubric_config.rules.12')).toBe(12);
    expect(ruleIndexOfPath('rubric_config.rules.12.conditions')).toBe(12);
    expect(ruleIndexOfPath('rubric_config')).toBeNull();
  });

  it('sorts messages onto rules, the rest into the section', () => {
    const sorted = sortMessages([
      { path: 'rubric_config', message: 'rules[0].metric_id: metric 5 does not belong to the project' },
      { path: 'rubric_config.rules.2', message: 'Choose a metric' },
      { path: 'rubric_config', message: 'Something else' },
      { path: 'rubric_config', message: 'Something else' },
    ]);
    expect([...sorted.byRule]).toEqual([
      [0, ['metric 5 does not belong to the project']],
      [2, ['Choose a metric']],
    ]);
    expect(sorted.general).toEqual(['Something else']);
  });
});
