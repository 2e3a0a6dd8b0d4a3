import { readBinaryRuleValue, type ConditionLike } from '../call-log';
import type { Metric } from '../schemas/metric';
import { rulesOf } from '../schemas/rubric';
import { familyOf, guessFamily, parseRule, type RuleFamily } from './rule';

// Plain-language words for rules and rubrics: "A call passes when Customer satisfaction is at least 4,
// Call resolution is resolved or partially resolved, and Booking confirmed is true."

export type MetricLookup = ReadonlyMap<number, Metric> | null;

/** "partially_resolved" -> "partially resolved". */
export function humanizeEnumValue(value: string): string {
  return value.replace(/_/g, ' ');
}

/** An enum value as a list shows it: "partially_resolved" -> "Partially resolved" (sent as the API spells it). */
export function enumLabel(value: string): string {
  const words = humanizeEnumValue(value);
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** A rule whose metric was just chosen has no value yet (""): named as such, never as `""`. */
const NO_VALUE_YET = '(no value yet)';
const isMissing = (value: unknown) => value === '' || value === undefined || value === null;

function formatNumber(value: unknown): string {
  if (isMissing(value)) return NO_VALUE_YET;
  return typeof value === 'number' ? String(value) : (JSON.stringify(value) ?? String(value));
}

/** "a", "a or b", "a, b or c". */
function orList(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

/** "A", "A and B", "A, B, and C" (with the serial comma, as in the product's examples). */
export function andList(items: readonly string[]): string {
  if (items.length <= 2) return items.join(' and ');
  return `${items.slice(0, -1).join(', ')}, and ${items[items.length - 1]}`;
}

function enumWords(value: unknown): string {
  return typeof value === 'string' && value !== '' ? humanizeEnumValue(value) : formatNumber(value);
}

/** The condition without its metric: "is at least 4", "is resolved or partially resolved", "is true". */
export function describeCondition(family: RuleFamily | null, condition: ConditionLike): string {
  const kind = family ?? guessFamily(condition);
  const { op, value } = condition;
  if (kind === 'binary') {
    const expected = readBinaryRuleValue(value);
    if (expected !== null && (op === 'eq' || op === 'neq'))
      return `is ${(op === 'eq') === expected ? 'true' : 'false'}`;
  }
  if (kind === 'enum' || op === 'in') {
    if (op === 'in') {
      const values = Array.isArray(value) ? value.map(enumWords) : [enumWords(value)];
      return values.length ? `is ${orList(values)}` : 'is one of no values (can never pass)';
    }
    if (op === 'eq') return `is ${enumWords(value)}`;
    if (op === 'neq') return `is not ${enumWords(value)}`;
  }
  switch (op) {
    case 'gt':
      return `is above ${formatNumber(value)}`;
    case 'gte':
      return `is at least ${formatNumber(value)}`;
    case 'lt':
      return `is below ${formatNumber(value)}`;
    case 'lte':
      return `is at most ${formatNumber(value)}`;
    case 'eq':
      return `is ${formatNumber(value)}`;
    case 'neq':
      return `is not ${formatNumber(value)}`;
    default:
      return `${formatNumber(op)} ${formatNumber(value)}`;
  }
}

export function metricLabel(metricId: number, metrics: MetricLookup): string {
  return metrics?.get(metricId)?.name ?? `metric #${metricId}`;
}

/** "Customer satisfaction is at least 4"; several conditions are joined with "and". */
export function describeRule(rule: unknown, metrics: MetricLookup): string {
  const parsed = parseRule(rule);
  switch (parsed.kind) {
    case 'pending':
      return 'a new rule without a metric yet';
    case 'malformed':
      return parsed.metricId === null
        ? 'a rule the console cannot read'
        : `${metricLabel(parsed.metricId, metrics)} (a rule the console cannot read)`;
    case 'single':
    case 'multi': {
      const metric = metrics?.get(parsed.metricId);
      const conditions = parsed.kind === 'single' ? [parsed.condition] : parsed.conditions;
      const family = familyOf(metric);
      return `${metricLabel(parsed.metricId, metrics)} ${conditions.map((c) => describeCondition(family, c)).join(' and ')}`;
    }
  }
}

/** The whole rubric in one sentence; maxRules shortens a long rubric ("... and 290 more rules"). */
export function describeRubric(config: unknown, metrics: MetricLookup, options: { maxRules?: number } = {}): string {
  const rules = rulesOf(config);
  if (rules.length === 0) return 'There is no rubric: every call passes.';
  const max = options.maxRules ?? Infinity;
  const parts = rules.slice(0, max).map((rule) => describeRule(rule, metrics));
  const rest = rules.length - parts.length;
  if (rest > 0) parts.push(`${rest} more ${rest === 1 ? 'rule' : 'rules'}`);
  return `A call passes when ${andList(parts)}.`;
}

/** A rule's conditions without the leading "is": "above 4 and below 5" (for "cannot be ... at once"). */
export function conditionWords(rule: unknown, metrics: MetricLookup): string {
  const parsed = parseRule(rule);
  if (parsed.kind !== 'single' && parsed.kind !== 'multi') return describeRule(rule, metrics);
  const family = familyOf(metrics?.get(parsed.metricId));
  const conditions = parsed.kind === 'single' ? [parsed.condition] : parsed.conditions;
  return conditions.map((c) => describeCondition(family, c).replace(/^is /, '')).join(' and ');
}
