import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluateRubric } from './evaluate';
import { pairWithSaved, ruleFailCounts } from './rule-figures';
import { arbAnyRule, arbCall, arbValidRule, byName, rubric, rule } from './testing';

const sat = byName('Customer satisfaction').id;
const handle = byName('Handle time').id;
const score = (op: string, value: unknown) => ({ field: 'score', op, value });

describe('ruleFailCounts', () => {
  it('counts the calls each rule fails on its own, and those where it had a value', () => {
    const call = (s: number | null) => ({
      metrics: s === null ? [] : [{ id: sat, type: 'continuous_qualitative', score: s }],
    });
    const config = rubric(rule(sat, score('gte', 3)), rule(sat, score('lte', 5)), rule(handle, score('lt', 9)));
    expect(ruleFailCounts(config, [call(1), call(4), call(2), call(null)])).toEqual([
      { fails: 2, evaluated: 3 },
      { fails: 0, evaluated: 3 },
      { fails: 0, evaluated: 0 },
    ]);
  });

  // The direct evaluation: the rule alone as a rubric fails the call exactly when the rule fails on it.
  it('property: each count equals a direct evaluation of the rule alone on every call', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(arbValidRule, arbAnyRule), { maxLength: 6 }),
        fc.array(arbCall, { maxLength: 25 }),
        (rules, calls) => {
          const config = rubric(...rules);
          const counts = ruleFailCounts(config, calls);
          expect(counts).toHaveLength(rules.length);
          rules.forEach((r, i) => {
            const alone = calls.map((call) => evaluateRubric(rubric(r), call));
            expect(counts[i].fails).toBe(alone.filter((e) => !e.pass).length);
            expect(counts[i].evaluated).toBe(alone.filter((e) => !e.allSkipped).length);
          });
        },
      ),
    );
  });
});

describe('pairWithSaved', () => {
  it('pairs identical rules one for one, an edited rule with the one it replaced, and leaves new ones alone', () => {
    const a = rule(sat, score('gte', 3));
    const b = rule(handle, score('lt', 9));
    const edited = rule(handle, score('lt', 5));
    const added = rule(sat, score('lte', 4));
    expect(pairWithSaved([a, b], [structuredClone(a), edited, added])).toEqual([0, 1, null]);
    expect(pairWithSaved([a, a], [a, a, a])).toEqual([0, 1, null]);
  });
});
