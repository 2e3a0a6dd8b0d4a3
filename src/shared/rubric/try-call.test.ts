import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluateRubric, evaluateRule, resultsById } from './evaluate';
import { rubricOnCall } from './try-call';
import { arbAnyRule, arbCall, arbValidRule, byName, rubric, rule } from './testing';

const sat = byName('Customer satisfaction').id;
const resolution = byName('Call resolution').id;

describe('rubricOnCall', () => {
  it('gives each rule its result and the value it read, and names the deciding rule', () => {
    const config = rubric(
      rule(resolution, { field: 'enum', op: 'eq', value: 'resolved' }),
      rule(sat, { field: 'score', op: 'gte', value: 4 }),
      rule(sat, { field: 'score', op: 'gte', value: 1 }),
    );
    const call = { metrics: [{ id: sat, type: 'continuous_qualitative', score: 3 }] };
    expect(rubricOnCall(config, call)).toEqual({
      pass: false,
      decidingIndex: 1,
      allSkipped: false,
      rules: [
        { verdict: 'skip', outcome: null },
        { verdict: 'fail', outcome: { kind: 'score', value: 3 } },
        { verdict: 'pass', outcome: { kind: 'score', value: 3 } },
      ],
    });
  });

  it('property: agrees with the evaluator on the call and on each rule', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(arbValidRule, arbAnyRule), { maxLength: 6 }), arbCall, (rules, call) => {
        const config = rubric(...rules);
        const tried = rubricOnCall(config, call);
        const direct = evaluateRubric(config, call);
        expect(tried.pass).toBe(direct.pass);
        expect(tried.decidingIndex).toBe(direct.failedRuleIndex);
        expect(tried.allSkipped).toBe(direct.allSkipped);
        rules.forEach((r, i) => expect(tried.rules[i].verdict).toBe(evaluateRule(r, resultsById(call))));
      }),
    );
  });
});
