import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkCondition } from './check';
import { buildMultiRule, buildRule, changeOperator, defaultCondition, ruleForMetric, scoreFromText } from './convert';
import { familyOf, OPS_FOR } from './rule';
import { arbMetric, arbValidCondition, byName, METRICS } from './testing';
import { BINARY_TRUE_VALUE } from '../schemas/rubric';

describe('convert', () => {
  it('writes edited rules in the documentation key order', () => {
    const text = JSON.stringify(buildRule(7, { field: 'score', op: 'gte', value: 4 }));
    expect(text).toBe(
      '{"metric_id":7,"conditions":{"operator":"and","conditions":[{"field":"score","op":"gte","value":4}]}}',
    );
  });

  it('writes an edited several-condition rule in the same key order, every condition kept', () => {
    const text = JSON.stringify(
      buildMultiRule(7, [
        { value: 1500, op: 'lt', field: 'score' },
        { field: 'score', op: 'gte', value: 100 },
      ]),
    );
    expect(text).toBe(
      '{"metric_id":7,"conditions":{"operator":"and","conditions":[{"field":"score","op":"lt","value":1500},{"field":"score","op":"gte","value":100}]}}',
    );
  });

  it('converts a single value to a list of one and a list to its first item', () => {
    expect(changeOperator('enum', { field: 'enum', op: 'eq', value: 'resolved' }, 'in')).toEqual({
      field: 'enum',
      op: 'in',
      value: ['resolved'],
    });
    expect(changeOperator('enum', { field: 'enum', op: 'in', value: ['a', 'b'] }, 'neq')).toEqual({
      field: 'enum',
      op: 'neq',
      value: 'a',
    });
    expect(changeOperator('enum', { field: 'enum', op: 'in', value: [] }, 'eq')).toEqual({
      field: 'enum',
      op: 'eq',
      value: '',
    });
    expect(changeOperator('enum', { field: 'enum', op: 'eq', value: '' }, 'in')).toEqual({
      field: 'enum',
      op: 'in',
      value: [],
    });
    expect(changeOperator('score', { field: 'score', op: 'gte', value: 4 }, 'lt')).toEqual({
      field: 'score',
      op: 'lt',
      value: 4,
    });
  });

  it('writes an edited legacy 5 / 0 boolean rule as true / false', () => {
    expect(changeOperator('binary', { field: 'score', op: 'eq', value: 5 }, 'neq').value).toBe(true);
    expect(changeOperator('binary', { field: 'score', op: 'eq', value: 0 }, 'neq').value).toBe(false);
    expect(changeOperator('binary', { field: 'score', op: 'eq', value: false }, 'neq').value).toBe(false);
  });

  it("starts a rule with the type's first operator and no value: never a silent default", () => {
    expect(ruleForMetric(byName('Booking confirmed')).conditions.conditions[0]).toEqual({
      field: 'score',
      op: 'eq',
      value: '',
    });
    expect(BINARY_TRUE_VALUE).toBe(true); // new boolean rules use bool, as the vendor now asks
    expect(defaultCondition(byName('Customer satisfaction'))).toEqual({ field: 'score', op: 'gte', value: '' });
    expect(defaultCondition(byName('Handle time'))).toEqual({ field: 'score', op: 'gte', value: '' });
    expect(defaultCondition(byName('Call resolution'))).toEqual({ field: 'enum', op: 'eq', value: '' });
  });

  it('keeps typed text that is not a number (so the checks can say so)', () => {
    expect(scoreFromText('4.5')).toBe(4.5);
    expect(scoreFromText(' 3 ')).toBe(3);
    expect(scoreFromText('4.')).toBe(4);
    expect(scoreFromText('')).toBe('');
    expect(scoreFromText('four')).toBe('four');
  });
});

describe('convert properties', () => {
  it("every metric's starting condition blocks saving until it has a value", () => {
    for (const m of METRICS) {
      const issues = checkCondition(familyOf(m)!, m, defaultCondition(m));
      expect(issues.map((issue) => issue.severity)).toEqual(['error']);
    }
  });

  it('an operator change keeps a list exactly for "is one of", and stays valid for enum values', () => {
    const arbCase = arbMetric.chain((m) =>
      fc.tuple(fc.constant(m), arbValidCondition(m), fc.constantFrom(...OPS_FOR[familyOf(m)!])),
    );
    fc.assert(
      fc.property(arbCase, ([m, condition, op]) => {
        const family = familyOf(m)!;
        const next = changeOperator(family, condition, op);
        expect(Array.isArray(next.value)).toBe(op === 'in');
        if (
          family !== 'enum' ||
          (op !== 'in' && condition.op !== 'in') ||
          (Array.isArray(next.value) ? next.value.length : next.value !== '')
        ) {
          expect(checkCondition(family, m, next)).toEqual([]);
        }
      }),
    );
  });

  it('eq -> in -> eq gives the value back', () => {
    fc.assert(
      fc.property(fc.constantFrom('resolved', 'partially_resolved', 'unresolved'), (value) => {
        const back = changeOperator('enum', changeOperator('enum', { field: 'enum', op: 'eq', value }, 'in'), 'eq');
        expect(back.value).toBe(value);
      }),
    );
  });
});
