import { describe, expect, it } from 'vitest';
import { checkRubric } from '../../../shared/rubric/check';
import { pendingRule } from '../../../shared/rubric/convert';
import { visibleCheck } from './visible-check';

const config = {
  evaluation_logic: 'and',
  rules: [pendingRule(), { metric_id: 1, conditions: { operator: 'and', conditions: [] } }],
};

describe('visibleCheck', () => {
  it('hides an untouched new rule from its row and from the counts, and shows it once touched', () => {
    const check = checkRubric(config, null);
    expect(check.errorCount).toBe(2);
    const hidden = visibleCheck(check, ['a', 'b'], new Set(['a']));
    expect(hidden.byRule[0]).toEqual([]);
    expect(hidden.byRule[1]).toEqual(check.byRule[1]);
    expect(hidden.errorCount).toBe(1);
    expect(visibleCheck(check, ['a', 'b'], new Set()).errorCount).toBe(2);
  });

  it('adds issues from elsewhere to the rows and the counts', () => {
    const check = checkRubric({ evaluation_logic: 'and', rules: [] }, null);
    const extra = visibleCheck({ ...check, byRule: [[]] }, ['a'], new Set(), [
      [{ severity: 'warning', code: 'no-fails', message: 'x' }],
    ]);
    expect(extra.byRule[0].map((issue) => issue.code)).toEqual(['no-fails']);
    expect(extra.warningCount).toBe(1);
  });
});
