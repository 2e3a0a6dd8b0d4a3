import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../schemas/rubric';
import { duplicateRule, insertRule, removeRule, replaceRule, reuseRules, withRules } from './edit';
import { arbValidRule, rubric, rule } from './testing';

const a = rule(1, { field: 'score', op: 'gte', value: 4 });
const b = { conditions: { conditions: [{ value: 5, op: 'eq', field: 'score' }], operator: 'and' }, metric_id: 2 };
const c = rule(3, { field: 'enum', op: 'in', value: ['x'] });

describe('rubric edits', () => {
  it('replaces only the edited rule and keeps every other object', () => {
    const config = rubric(a, b, c);
    const next = replaceRule(config, 1, rule(2, { field: 'score', op: 'eq', value: 0 }));
    expect(next.rules).toHaveLength(3);
    expect((next.rules as unknown[])[0]).toBe(a);
    expect((next.rules as unknown[])[2]).toBe(c);
    expect(config.rules[1]).toBe(b);
  });

  it('adds to an empty rubric with "and" logic first, and clears to {} when the last rule goes', () => {
    expect(JSON.stringify(insertRule({}, 0, a))).toBe(JSON.stringify({ evaluation_logic: 'and', rules: [a] }));
    expect(removeRule(rubric(a), 0)).toEqual({});
    expect(withRules({ evaluation_logic: 'and', rules: [a], note: 'kept' }, [])).toEqual({
      evaluation_logic: 'and',
      rules: [],
      note: 'kept',
    });
  });

  it('duplicates as a separate copy right after the rule', () => {
    const next = duplicateRule(rubric(a, c), 0);
    expect(next.rules).toEqual([a, a, c]);
    expect((next.rules as unknown[])[1]).not.toBe(a);
  });

  it('keeps unchanged rules byte-identical in the JSON sent', () => {
    const config = JSON.parse(JSON.stringify(rubric(a, b, c)));
    const next = insertRule(config, 3, rule(4, { field: 'score', op: 'lt', value: 2 }));
    for (const original of config.rules) expect(JSON.stringify(next)).toContain(JSON.stringify(original));
  });
});

describe('reuseRules (JSON view)', () => {
  it('reuses current objects for rules equal up to key order, one for one', () => {
    const current = rubric(a, b, b);
    const parsed = JSON.parse(
      JSON.stringify({ evaluation_logic: 'and', rules: [b, JSON.parse(canonicalJson(a)), b, b, c] }),
    );
    const next = reuseRules(current, parsed) as { rules: unknown[] };
    expect(next.rules[0]).toBe(b);
    expect(next.rules[1]).toBe(a);
    expect(next.rules[2]).toBe(b);
    expect(next.rules[3]).not.toBe(b);
    expect(next.rules[3]).toEqual(b);
  });

  it('property: the result equals the parsed config canonically', () => {
    fc.assert(
      fc.property(fc.array(arbValidRule, { maxLength: 5 }), fc.array(arbValidRule, { maxLength: 5 }), (now, typed) => {
        const parsed = JSON.parse(JSON.stringify(rubric(...typed)));
        expect(canonicalJson(reuseRules(rubric(...now), parsed))).toBe(canonicalJson(parsed));
      }),
    );
  });
});
