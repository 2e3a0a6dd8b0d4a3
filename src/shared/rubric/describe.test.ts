import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { describeCondition, describeRubric, describeRule } from './describe';
import { arbAnyRule, arbValidRule, byName, METRIC_MAP, rubric, rule } from './testing';

const sat = byName('Customer satisfaction').id;
const booked = byName('Booking confirmed').id;
const resolution = byName('Call resolution').id;

describe('describeRubric', () => {
  it('reads the documentation example as a sentence', () => {
    const config = rubric(
      rule(sat, { field: 'score', op: 'gte', value: 4 }),
      rule(resolution, { field: 'enum', op: 'in', value: ['resolved', 'partially_resolved'] }),
      rule(booked, { field: 'score', op: 'eq', value: 5 }),
    );
    expect(describeRubric(config, METRIC_MAP)).toBe(
      'A call passes when Customer satisfaction is at least 4, Call resolution is resolved or partially resolved, and Booking confirmed is true.',
    );
  });

  it('says what an empty rubric means', () => {
    expect(describeRubric({}, METRIC_MAP)).toBe('There is no rubric: every call passes.');
    expect(describeRubric(rubric(), null)).toBe('There is no rubric: every call passes.');
  });

  it('joins two rules with "and" and shortens long rubrics', () => {
    const two = rubric(
      rule(sat, { field: 'score', op: 'lt', value: 2 }),
      rule(booked, { field: 'score', op: 'neq', value: true }),
    );
    expect(describeRubric(two, METRIC_MAP)).toBe(
      'A call passes when Customer satisfaction is below 2 and Booking confirmed is false.',
    );
    const many = rubric(
      ...Array.from({ length: 12 }, (_, i) => rule(sat, { field: 'score', op: 'gte', value: i % 6 })),
    );
    expect(describeRubric(many, METRIC_MAP, { maxRules: 3 })).toMatch(/, and 9 more rules\.$/);
  });

  it('names unknown metrics by id and joins several conditions', () => {
    expect(describeRule(rule(42, { field: 'score', op: 'lte', value: 3 }), METRIC_MAP)).toBe('metric #42 is at most 3');
    expect(
      describeRule(
        rule(sat, { field: 'score', op: 'gte', value: 2 }, { field: 'score', op: 'lt', value: 4 }),
        METRIC_MAP,
      ),
    ).toBe('Customer satisfaction is at least 2 and is below 4');
    expect(describeRule({ metric_id: null, conditions: { operator: 'and', conditions: [] } }, METRIC_MAP)).toMatch(
      /without a metric/,
    );
  });

  it('words every operator', () => {
    expect(describeCondition('score', { op: 'gt', value: 4 })).toBe('is above 4');
    expect(describeCondition('score', { op: 'eq', value: 5 })).toBe('is 5');
    expect(describeCondition('enum', { op: 'neq', value: 'unresolved' })).toBe('is not unresolved');
    expect(describeCondition('enum', { op: 'in', value: ['a', 'b', 'c'] })).toBe('is a, b or c');
    expect(describeCondition('enum', { op: 'in', value: [] })).toMatch(/never pass/);
    expect(describeCondition('binary', { op: 'eq', value: 0 })).toBe('is false');
  });

  it('names a value not given yet (a metric just chosen) as such, never as ""', () => {
    expect(describeRule(rule(sat, { field: 'score', op: 'gte', value: '' }), METRIC_MAP)).toBe(
      'Customer satisfaction is at least (no value yet)',
    );
    expect(describeCondition('enum', { op: 'eq', value: '' })).toBe('is (no value yet)');
    expect(describeCondition('score', { op: 'lt', value: undefined })).toBe('is below (no value yet)');
  });
});

describe('describeRubric properties', () => {
  it('never throws and always makes one sentence', () => {
    fc.assert(
      fc.property(fc.array(arbAnyRule, { maxLength: 8 }), fc.boolean(), (rules, known) => {
        const text = describeRubric(rubric(...rules), known ? METRIC_MAP : null);
        expect(text).toMatch(/^(A call passes when .+|There is no rubric: every call passes)\.$/s);
      }),
    );
  });

  it('mentions every metric the rules are about, in order', () => {
    fc.assert(
      fc.property(fc.array(arbValidRule, { minLength: 1, maxLength: 6 }), (rules) => {
        const text = describeRubric(rubric(...rules), METRIC_MAP);
        let from = 0;
        for (const r of rules) {
          const at = text.indexOf(METRIC_MAP.get(r.metric_id)!.name, from);
          expect(at).toBeGreaterThanOrEqual(from);
          from = at + 1;
        }
      }),
    );
  });
});
