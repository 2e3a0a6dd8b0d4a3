import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluateRubric, evaluateRule, resultsById } from './evaluate';
import { computeImpact } from './impact';
import { arbCall, arbValidRule, byName, rubric, rule } from './testing';

const sat = byName('Customer satisfaction').id;
const c = (id: number, score: number | null, success: boolean | null) => ({
  id,
  timestamp: '2026-08-01T00:00:00Z',
  success,
  metrics:
    score === null ? [] : [{ id: sat, name: 's', type: 'continuous_qualitative', score, enum: null, value: null }],
});

describe('computeImpact', () => {
  it('compares pass rates, lists flips with their deciding rule, and measures agreement', () => {
    const saved = rubric(rule(sat, { field: 'score', op: 'gte', value: 3 }));
    const draft = rubric(rule(sat, { field: 'score', op: 'gte', value: 4 }));
    const calls = [c(1, 5, true), c(2, 3.5, true), c(3, 2, true), c(4, null, null)];
    const impact = computeImpact(saved, draft, calls);
    expect(impact.saved).toEqual({ passed: 3, total: 4, rate: 0.75 });
    expect(impact.draft).toEqual({ passed: 2, total: 4, rate: 0.5 });
    expect(impact.flips).toEqual([
      { call: calls[1], direction: 'pass-to-fail', ruleIndex: 0, rule: draft.rules[0], rubric: 'draft' },
    ]);
    expect(impact.agreement).toEqual({ agreed: 2, compared: 3, rate: 2 / 3 });
  });

  it('names the saved rule that no longer fails for a fail-to-pass flip', () => {
    const saved = rubric(rule(sat, { field: 'score', op: 'gte', value: 4 }));
    const impact = computeImpact(saved, {}, [c(1, 2, false)]);
    expect(impact.flips).toMatchObject([
      { direction: 'fail-to-pass', ruleIndex: 0, rubric: 'saved', rule: saved.rules[0] },
    ]);
  });

  it('gives null rates without calls', () => {
    expect(computeImpact({}, {}, [])).toMatchObject({
      saved: { rate: null },
      draft: { rate: null },
      agreement: { rate: null },
    });
  });
});

describe('computeImpact properties', () => {
  const arbRubric = fc.array(arbValidRule, { maxLength: 5 }).map((rules) => rubric(...rules));

  it('counts exactly what the evaluator says, and flips explain the difference', () => {
    fc.assert(
      fc.property(arbRubric, arbRubric, fc.array(arbCall, { maxLength: 30 }), (saved, draft, calls) => {
        const impact = computeImpact(saved, draft, calls);
        expect(impact.saved.passed).toBe(calls.filter((call) => evaluateRubric(saved, call).pass).length);
        expect(impact.draft.passed).toBe(calls.filter((call) => evaluateRubric(draft, call).pass).length);
        const up = impact.flips.filter((f) => f.direction === 'fail-to-pass').length;
        const down = impact.flips.length - up;
        expect(impact.draft.passed - impact.saved.passed).toBe(up - down);
        for (const flip of impact.flips) expect(evaluateRule(flip.rule, resultsById(flip.call))).toBe('fail');
        expect(impact.agreement.compared).toBe(calls.filter((call) => call.success !== null).length);
      }),
    );
  });

  it('a draft equal to the saved rubric flips nothing', () => {
    fc.assert(
      fc.property(arbRubric, fc.array(arbCall, { maxLength: 20 }), (saved, calls) => {
        const impact = computeImpact(saved, structuredClone(saved), calls);
        expect(impact.flips).toEqual([]);
        expect(impact.draft).toEqual(impact.saved);
      }),
    );
  });
});
