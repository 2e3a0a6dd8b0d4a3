import type { ConditionLike } from '../call-log';
import type { Metric } from '../schemas/metric';
import { BINARY_FALSE_VALUE, BINARY_TRUE_VALUE, type Condition } from '../schemas/rubric';
import { FIELD_FOR, familyOf, OPS_FOR, type RuleFamily } from './rule';

// Building edited rules. An edited rule is written afresh with the key order of the documentation
// (metric_id, conditions{operator, conditions[{field, op, value}]}); untouched rules are never rebuilt.

export type EditableCondition = { field: 'score' | 'enum'; op: string; value: Condition['value'] };
export type BuiltRule = { metric_id: number | null; conditions: { operator: 'and'; conditions: EditableCondition[] } };

export function buildRule(metricId: number, condition: EditableCondition): BuiltRule {
  return {
    metric_id: metricId,
    conditions: { operator: 'and', conditions: [{ field: condition.field, op: condition.op, value: condition.value }] },
  };
}

/** A rule with several conditions (all must hold), written afresh like buildRule. */
export function buildMultiRule(metricId: number, conditions: readonly EditableCondition[]): BuiltRule {
  return {
    metric_id: metricId,
    conditions: {
      operator: 'and',
      conditions: conditions.map(({ field, op, value }) => ({ field, op, value })),
    },
  };
}

/** A rule added in the builder before its metric is chosen. */
export function pendingRule(): BuiltRule {
  return { metric_id: null, conditions: { operator: 'and', conditions: [] } };
}

/** True/False as written for a new or edited rule (true / false; see BINARY_TRUE_VALUE). */
export function binaryValue(value: boolean): number | boolean {
  return value ? BINARY_TRUE_VALUE : BINARY_FALSE_VALUE;
}

/**
 * The condition a rule starts with when its metric is chosen or changed: the type's first operator and no
 * value (""), which the checks name until the user gives one. Never a silent default value: "is at least 0"
 * or an enum's first value would pass or fail calls without the user having said so.
 */
export function defaultCondition(metric: Metric): EditableCondition {
  const family = familyOf(metric) ?? 'score';
  return { field: FIELD_FOR[family], op: OPS_FOR[family][0], value: '' };
}

/** Metric change: the rule restarts from the new metric's default condition. */
export function ruleForMetric(metric: Metric): BuiltRule {
  return buildRule(metric.id, defaultCondition(metric));
}

/** Operator change: a list becomes its first item, a single value a list of one. */
export function changeOperator(family: RuleFamily, condition: ConditionLike, op: string): EditableCondition {
  return { field: FIELD_FOR[family], op, value: convertValue(condition.value, op === 'in', family) };
}

function convertValue(value: unknown, wantList: boolean, family: RuleFamily): Condition['value'] {
  if (wantList) {
    if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
    return value === '' || value == null ? [] : [String(value)];
  }
  const single = Array.isArray(value) ? value[0] : value;
  if (family === 'score')
    return typeof single === 'number'
      ? single
      : single === undefined || single === ''
        ? ''
        : Number.isFinite(Number(single))
          ? Number(single)
          : String(single);
  if (family === 'enum') return single == null ? '' : String(single);
  // An edited rule is written as a bool: a legacy 5 / 0 becomes true / false (any other number: true).
  if (typeof single === 'boolean') return single;
  return typeof single === 'number' ? binaryValue(single !== 0) : '';
}

/** Score input text -> stored value: a number when the text is one, else the text (flagged by the checks). */
export function scoreFromText(text: string): number | string {
  const trimmed = text.trim();
  return trimmed !== '' && /^-?(\d+\.?\d*|\.\d+)$/.test(trimmed) ? Number(trimmed) : text;
}
