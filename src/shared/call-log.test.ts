import { describe, expect, it } from 'vitest';
import { conditionHolds, outcomeKindOf, readBinaryRuleValue, readMetricOutcome, type MetricOutcome } from './call-log';

const entry = (type: string, score: unknown, enumValue = '', value = '') => ({
  id: 1,
  name: 'm',
  type,
  score,
  enum: enumValue,
  value,
});

describe('readMetricOutcome (decision 17)', () => {
  it.each([
    ['binary', 5, true],
    ['binary', 0, false],
    ['binary', 3, true], // any score above 0 reads as True
    ['binary', -1, false],
    ['binary', true, true],
    ['binary_qualitative', 5, true], // legacy eval types read like binary
    ['binary_workflow_adherence', 0, false],
  ])('%s with score %s reads as %s', (type, score, expected) => {
    expect(readMetricOutcome(entry(type, score))).toEqual({ kind: 'binary', value: expected });
  });

  it.each([
    ['numeric', 1234],
    ['numeric', 0],
    ['continuous_qualitative', 4],
    ['continuous_qualitative', 3.5],
  ])('%s reads its score %s', (type, score) => {
    expect(readMetricOutcome(entry(type, score))).toEqual({ kind: 'score', value: score });
  });

  it('reads an enum from value, falling back to enum, and ignores its score', () => {
    expect(readMetricOutcome(entry('enum', 0, 'resolved', 'resolved'))).toEqual({ kind: 'enum', value: 'resolved' });
    expect(readMetricOutcome(entry('enum', 0, 'partially_resolved', ''))).toEqual({
      kind: 'enum',
      value: 'partially_resolved',
    });
    expect(readMetricOutcome(entry('enum', 5, '', 'unresolved'))).toEqual({ kind: 'enum', value: 'unresolved' });
  });

  it.each([
    ['binary', null],
    ['binary', '5'],
    ['numeric', null],
    ['numeric', Number.NaN],
    ['continuous_qualitative', undefined],
  ])('%s with score %s has no usable value', (type, score) => {
    expect(readMetricOutcome(entry(type, score))).toBeNull();
  });

  it('has no usable value for an empty enum, an unknown type or no entry at all', () => {
    expect(readMetricOutcome(entry('enum', 0, '', ''))).toBeNull();
    expect(readMetricOutcome(entry('sentiment_v2', 5))).toBeNull();
    expect(readMetricOutcome({})).toBeNull();
    expect(readMetricOutcome(null)).toBeNull();
    expect(readMetricOutcome(undefined)).toBeNull();
  });
});

describe('outcomeKindOf and readBinaryRuleValue', () => {
  it('maps eval types to outcome kinds', () => {
    expect(
      [
        'binary',
        'binary_qualitative',
        'binary_workflow_adherence',
        'numeric',
        'continuous_qualitative',
        'enum',
        'x',
        3,
      ].map(outcomeKindOf),
    ).toEqual(['binary', 'binary', 'binary', 'score', 'score', 'enum', null, null]);
  });

  it('reads true/false and the legacy 5/0', () => {
    expect([true, false, 5, 0, 'true', null].map(readBinaryRuleValue)).toEqual([true, false, true, false, null, null]);
  });
});

describe('conditionHolds', () => {
  const yes: MetricOutcome = { kind: 'binary', value: true };
  const no: MetricOutcome = { kind: 'binary', value: false };

  it('compares binary outcomes with true/false and 5/0', () => {
    expect(conditionHolds(yes, { field: 'score', op: 'eq', value: 5 })).toBe(true);
    expect(conditionHolds(yes, { field: 'score', op: 'eq', value: true })).toBe(true);
    expect(conditionHolds(no, { field: 'score', op: 'eq', value: 5 })).toBe(false);
    expect(conditionHolds(no, { field: 'score', op: 'eq', value: 0 })).toBe(true);
    expect(conditionHolds(no, { field: 'score', op: 'neq', value: true })).toBe(true);
    expect(conditionHolds(yes, { field: 'score', op: 'neq', value: false })).toBe(true);
  });

  it.each([
    ['gt', 4, false],
    ['gt', 3, true],
    ['gte', 4, true],
    ['lt', 4, false],
    ['lt', 5, true],
    ['lte', 4, true],
    ['eq', 4, true],
    ['eq', 4.5, false],
  ])('score 4 %s %s is %s', (op, value, expected) => {
    expect(conditionHolds({ kind: 'score', value: 4 }, { field: 'score', op, value })).toBe(expected);
  });

  it('compares enums with eq, neq and in', () => {
    const resolved: MetricOutcome = { kind: 'enum', value: 'resolved' };
    expect(conditionHolds(resolved, { field: 'enum', op: 'eq', value: 'resolved' })).toBe(true);
    expect(conditionHolds(resolved, { field: 'enum', op: 'neq', value: 'resolved' })).toBe(false);
    expect(conditionHolds(resolved, { field: 'enum', op: 'in', value: ['resolved', 'partially_resolved'] })).toBe(true);
    expect(conditionHolds(resolved, { field: 'enum', op: 'in', value: ['unresolved'] })).toBe(false);
  });

  it('says null when the condition does not fit the outcome', () => {
    expect(conditionHolds(yes, { field: 'enum', op: 'eq', value: 5 })).toBeNull(); // wrong field
    expect(conditionHolds(yes, { field: 'score', op: 'gt', value: 0 })).toBeNull(); // op not for binary
    expect(conditionHolds(yes, { field: 'score', op: 'eq', value: 'yes' })).toBeNull();
    expect(conditionHolds({ kind: 'score', value: 3 }, { field: 'score', op: 'neq', value: 3 })).toBeNull();
    expect(conditionHolds({ kind: 'score', value: 3 }, { field: 'score', op: 'gt', value: '2' })).toBeNull();
    expect(conditionHolds({ kind: 'enum', value: 'a' }, { field: 'enum', op: 'in', value: 'a' })).toBeNull();
    expect(conditionHolds({ kind: 'enum', value: 'a' }, { field: 'enum', op: 'eq', value: ['a'] })).toBeNull();
  });
});
