import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileRubric, evaluateRubric, evaluateRule, resultsById } from './evaluate';
import { arbAnyRule, arbCall, arbValidRule, byName, rubric, rule } from './testing';

const sat = byName('Customer satisfaction').id;
const booked = byName('Booking confirmed').id;
const resolution = byName('Call resolution').id;
const legacy = byName('Script adherence').id;

const result = (
  id: number,
  type: string,
  fields: { score?: number | null; enum?: string | null; value?: unknown },
) => ({
  id,
  name: 'm',
  type,
  score: fields.score ?? null,
  enum: fields.enum ?? null,
  value: fields.value ?? null,
});
const call = (...metrics: ReturnType<typeof result>[]) => ({ metrics });

const example = rubric(
  rule(sat, { field: 'score', op: 'gte', value: 4 }),
  rule(resolution, { field: 'enum', op: 'in', value: ['resolved', 'partially_resolved'] }),
  rule(booked, { field: 'score', op: 'eq', value: 5 }),
);

describe('evaluateRubric', () => {
  it('passes a call that meets every rule of the documentation example', () => {
    const c = call(
      result(sat, 'continuous_qualitative', { score: 4.5 }),
      result(resolution, 'enum', { score: 0, enum: 'partially_resolved', value: 'partially_resolved' }),
      result(booked, 'binary', { score: 5 }),
    );
    expect(evaluateRubric(example, c)).toEqual({ pass: true, failedRuleIndex: null, allSkipped: false });
  });

  it('names the first failing rule as the deciding one', () => {
    const c = call(
      result(sat, 'continuous_qualitative', { score: 4 }),
      result(resolution, 'enum', { value: 'unresolved', enum: 'unresolved', score: 0 }),
      result(booked, 'binary', { score: 0 }),
    );
    expect(evaluateRubric(example, c)).toEqual({ pass: false, failedRuleIndex: 1, allSkipped: false });
  });

  it('skips a rule whose metric has no value, and passes a call whose rules are all skipped', () => {
    expect(evaluateRubric(example, call(result(sat, 'continuous_qualitative', { score: null })))).toEqual({
      pass: true,
      failedRuleIndex: null,
      allSkipped: true,
    });
    expect(evaluateRubric(example, { metrics: null })).toMatchObject({ pass: true, allSkipped: true });
    expect(evaluateRubric(example, call(result(booked, 'binary', { score: 0 })))).toEqual({
      pass: false,
      failedRuleIndex: 2,
      allSkipped: false,
    });
  });

  it('reads boolean rules written as true/false or 5/0, on current and legacy binary types', () => {
    const trueCall = call(result(legacy, 'binary_workflow_adherence', { score: 5 }));
    for (const value of [true, 5])
      expect(evaluateRubric(rubric(rule(legacy, { field: 'score', op: 'eq', value })), trueCall).pass).toBe(true);
    for (const value of [false, 0])
      expect(evaluateRubric(rubric(rule(legacy, { field: 'score', op: 'eq', value })), trueCall).pass).toBe(false);
    expect(evaluateRubric(rubric(rule(legacy, { field: 'score', op: 'neq', value: 0 })), trueCall).pass).toBe(true);
  });

  it('reads an enum result from value, falling back to enum', () => {
    const r = rubric(rule(resolution, { field: 'enum', op: 'eq', value: 'resolved' }));
    expect(evaluateRubric(r, call(result(resolution, 'enum', { enum: 'resolved', value: null, score: 0 }))).pass).toBe(
      true,
    );
    expect(
      evaluateRubric(r, call(result(resolution, 'enum', { enum: null, value: 'unresolved', score: 0 }))).pass,
    ).toBe(false);
  });

  it('counts a condition that cannot apply (wrong op for the type) as failed', () => {
    const r = rubric(rule(booked, { field: 'score', op: 'gte', value: 4 }));
    expect(evaluateRubric(r, call(result(booked, 'binary', { score: 5 })))).toMatchObject({
      pass: false,
      failedRuleIndex: 0,
    });
  });

  it('requires every condition of a several-condition rule', () => {
    const r = rubric(rule(sat, { field: 'score', op: 'gte', value: 2 }, { field: 'score', op: 'lt', value: 4 }));
    expect(evaluateRubric(r, call(result(sat, 'continuous_qualitative', { score: 3 }))).pass).toBe(true);
    expect(evaluateRubric(r, call(result(sat, 'continuous_qualitative', { score: 4 }))).pass).toBe(false);
  });

  it('treats {} and a missing or odd rubric as no rules', () => {
    const c = call(result(booked, 'binary', { score: 0 }));
    for (const config of [{}, null, { rules: 'x' }, []])
      expect(evaluateRubric(config, c)).toEqual({ pass: true, failedRuleIndex: null, allSkipped: true });
  });
});

describe('evaluateRubric properties', () => {
  const arbRules = fc.array(arbAnyRule, { maxLength: 8 });

  it('passes exactly when no rule fails on its own, and names the first failing rule', () => {
    fc.assert(
      fc.property(arbRules, arbCall, (rules, c) => {
        const outcome = evaluateRubric(rubric(...rules), c);
        const verdicts = rules.map((r) => evaluateRule(r, resultsById(c)));
        const firstFail = verdicts.indexOf('fail');
        expect(outcome.pass).toBe(firstFail === -1);
        expect(outcome.failedRuleIndex).toBe(firstFail === -1 ? null : firstFail);
        expect(outcome.allSkipped).toBe(verdicts.every((v) => v === 'skip'));
      }),
    );
  });

  it('never turns a failing call into a passing one by adding a rule', () => {
    fc.assert(
      fc.property(arbRules, arbAnyRule, fc.nat(), arbCall, (rules, extra, at, c) => {
        const more = rules.slice();
        more.splice(at % (rules.length + 1), 0, extra);
        if (!evaluateRubric(rubric(...rules), c).pass) expect(evaluateRubric(rubric(...more), c).pass).toBe(false);
      }),
    );
  });

  it('does not depend on the order of the rules', () => {
    fc.assert(
      fc.property(
        fc
          .array(arbValidRule, { maxLength: 6 })
          .chain((rules) => fc.tuple(fc.constant(rules), fc.shuffledSubarray(rules, { minLength: rules.length }))),
        arbCall,
        ([rules, shuffled], c) => {
          expect(evaluateRubric(rubric(...shuffled), c).pass).toBe(evaluateRubric(rubric(...rules), c).pass);
        },
      ),
    );
  });

  it('ignores rules on metrics the call has no value for', () => {
    fc.assert(
      fc.property(fc.array(arbValidRule, { maxLength: 6 }), arbCall, (rules, c) => {
        const present = new Set(c.metrics.map((m) => m.id));
        const kept = rules.filter((r) => present.has(r.metric_id));
        expect(evaluateRubric(rubric(...rules), c).pass).toBe(evaluateRubric(rubric(...kept), c).pass);
      }),
    );
  });

  it('compiles once and gives the same answer as evaluating call by call', () => {
    fc.assert(
      fc.property(arbRules, fc.array(arbCall, { maxLength: 5 }), (rules, calls) => {
        const compiled = compileRubric(rubric(...rules));
        for (const c of calls) expect(compiled(c)).toEqual(evaluateRubric(rubric(...rules), c));
      }),
    );
  });
});
