import { describe, expect, it } from 'vitest';
import { checkRubric } from '../../../shared/rubric/check';
import { rubricFormMessages } from './form-messages';

const noIssues = checkRubric({}, null);

describe('rubricFormMessages', () => {
  it("keeps server messages on their rule and drops the resolver's copies of the checks", () => {
    const errors = {
      type: 'server',
      message: "rules[1].conditions.conditions[0].value: 'maybe' is not allowed",
      rules: {
        1: { type: 'server', message: "'maybe' is not allowed" },
        2: { type: 'validate', message: 'Choose a metric for this rule, or remove the rule.' },
      },
    };
    const result = rubricFormMessages(errors, noIssues);
    expect([...result.byRule]).toEqual([[1, ["'maybe' is not allowed"]]]);
    expect(result.general).toEqual([]);
  });

  it('puts a server message without rule path in the banner, and a rule-path one on its rule', () => {
    expect(rubricFormMessages({ type: 'server', message: 'Rubric too large' }, noIssues).general).toEqual([
      'Rubric too large',
    ]);
    expect([...rubricFormMessages({ type: 'server', message: 'rules[0]: unknown metric' }, noIssues).byRule]).toEqual([
      [0, ['unknown metric']],
    ]);
  });

  it("drops the shape check's rule messages (the rows say it in words) and the section's own general ones", () => {
    expect(rubricFormMessages({ type: 'validate', message: 'rules.3.metric_id: Invalid input' }, noIssues)).toEqual({
      byRule: new Map(),
      general: [],
    });
    // A whole-rubric "Invalid input" while the rules already say what is wrong: not repeated in the banner.
    const pending = checkRubric({ evaluation_logic: 'and', rules: [{ metric_id: null, conditions: {} }] }, null);
    expect(rubricFormMessages({ type: 'validate', message: 'Invalid input' }, pending, true).general).toEqual([]);
    expect(rubricFormMessages({ type: 'validate', message: 'Invalid input' }, noIssues, false).general).toEqual([
      'Invalid input',
    ]);
    const check = checkRubric({ evaluation_logic: 'or', rules: [] }, null);
    expect(rubricFormMessages({ type: 'validate', message: `${check.general[0].message}` }, check).general).toEqual([]);
  });
});
