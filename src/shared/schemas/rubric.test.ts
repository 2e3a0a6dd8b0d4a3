import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson, ruleKey } from './rubric';

describe('ruleKey', () => {
  it('is exactly canonicalJson, whether or not the memo already holds the rule', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const first = ruleKey(value);
        return first === canonicalJson(value) && ruleKey(structuredClone(value)) === first;
      }),
    );
  });

  it('gives the same key to the same rule written with its keys in another order', () => {
    const rule = { metric_id: 7, operator: '<=', value: 3, extra: { b: 1, a: [2, { d: 1, c: 0 }] } };
    const reordered = { extra: { a: [2, { c: 0, d: 1 }], b: 1 }, value: 3, operator: '<=', metric_id: 7 };
    expect(JSON.stringify(rule)).not.toBe(JSON.stringify(reordered));
    expect(ruleKey(reordered)).toBe(ruleKey(rule));
    expect(ruleKey({ ...rule, value: 4 })).not.toBe(ruleKey(rule));
  });
});
