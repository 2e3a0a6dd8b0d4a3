import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { freezeRules, memoByRule } from './frozen-rules';
import { canonicalJson, ruleKey } from '../schemas/rubric';

describe('frozen rules', () => {
  it('freezes every rule deeply, so a change in place throws', () => {
    const rule = {
      metric_id: 3,
      conditions: { operator: 'and', conditions: [{ field: 'score', op: 'lte', value: 5 }] },
    };
    freezeRules([rule, null, 'text']);
    expect(() => {
      (rule.conditions.conditions[0] as { value: number }).value = 6;
    }).toThrow(TypeError);
    expect(rule.conditions.conditions[0].value).toBe(5);
  });

  it('remembers by the object only for frozen rules', () => {
    const memo = new WeakMap<object, number>();
    let computed = 0;
    const compute = () => ++computed;
    const loose = { metric_id: 1 };
    memoByRule(memo, loose, compute);
    memoByRule(memo, loose, compute);
    expect(computed).toBe(2);
    const frozen = { metric_id: 2 };
    freezeRules([frozen]);
    expect(memoByRule(memo, frozen, compute)).toBe(3);
    expect(memoByRule(memo, frozen, compute)).toBe(3);
    expect(memoByRule(memo, 'not a rule', compute)).toBe(4);
  });

  it("keeps ruleKey equal to the rule's canonical JSON, frozen or not", () => {
    fc.assert(
      fc.property(fc.array(fc.jsonValue(), { maxLength: 6 }), (rules) => {
        const before = rules.map((rule) => ruleKey(rule));
        freezeRules(rules);
        rules.forEach((rule, i) => {
          expect(ruleKey(rule)).toBe(canonicalJson(rule));
          expect(ruleKey(rule)).toBe(before[i]);
        });
      }),
    );
  });
});
