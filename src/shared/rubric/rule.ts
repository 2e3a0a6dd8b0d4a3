import { outcomeKindOf, type ConditionLike, type OutcomeKind } from '../call-log';
import type { Metric } from '../schemas/metric';

// How the builder reads one stored rule. Rules arrive as untyped JSON (the API returns whatever was stored),
// so every reader here is lenient and never throws; the strict shapes live in schemas/rubric.ts.

/** binary (True/False), score (numbers) or enum (strings): what a rule on a metric compares. */
export type RuleFamily = OutcomeKind;

export type ParsedRule =
  /** One condition: the builder edits it. */
  | { kind: 'single'; metricId: number; condition: ConditionLike }
  /** Several conditions (all must hold): valid for the API; edited condition by condition, never added by the builder. */
  | { kind: 'multi'; metricId: number; conditions: ConditionLike[] }
  /** A rule just added in the builder, waiting for its metric (metric_id null). */
  | { kind: 'pending' }
  /** Not in a shape the API accepts: kept verbatim, flagged, removable. */
  | { kind: 'malformed'; metricId: number | null; reason: string };

const RULE_KEYS = ['metric_id', 'conditions'];
const GROUP_KEYS = ['operator', 'conditions'];
const CONDITION_KEYS = ['field', 'op', 'value'];

const isObject = (value: unknown): value is Record<string, unknown> =>
  !!value && typeof value === 'object' && !Array.isArray(value);

export function parseRule(rule: unknown): ParsedRule {
  if (!isObject(rule)) return { kind: 'malformed', metricId: null, reason: 'This rule is not an object.' };
  const rawId = rule.metric_id;
  if (rawId === null && isObject(rule.conditions) && isEmptyList(rule.conditions.conditions))
    return { kind: 'pending' };
  const metricId = Number.isInteger(rawId) ? (rawId as number) : null;
  if (metricId === null)
    return { kind: 'malformed', metricId, reason: 'This rule has no metric (metric_id must be a whole number).' };
  const extra = Object.keys(rule).find((key) => !RULE_KEYS.includes(key));
  if (extra) return { kind: 'malformed', metricId, reason: `This rule has a key the API does not accept: "${extra}".` };
  const group = rule.conditions;
  if (!isObject(group)) return { kind: 'malformed', metricId, reason: 'This rule has no conditions object.' };
  const extraGroupKey = Object.keys(group).find((key) => !GROUP_KEYS.includes(key));
  if (extraGroupKey)
    return {
      kind: 'malformed',
      metricId,
      reason: `This rule's conditions have a key the API does not accept: "${extraGroupKey}".`,
    };
  if (group.operator !== 'and')
    return { kind: 'malformed', metricId, reason: 'The conditions\' operator must be "and".' };
  const list = group.conditions;
  if (!Array.isArray(list) || list.length === 0)
    return { kind: 'malformed', metricId, reason: 'This rule has no condition.' };
  for (const condition of list) {
    if (!isObject(condition))
      return { kind: 'malformed', metricId, reason: 'A condition of this rule is not an object.' };
    const extraConditionKey = Object.keys(condition).find((key) => !CONDITION_KEYS.includes(key));
    if (extraConditionKey)
      return {
        kind: 'malformed',
        metricId,
        reason: `A condition has a key the API does not accept: "${extraConditionKey}".`,
      };
    if (!('value' in condition))
      return { kind: 'malformed', metricId, reason: 'A condition of this rule has no value.' };
  }
  const conditions = list as ConditionLike[];
  return conditions.length === 1
    ? { kind: 'single', metricId, condition: conditions[0] }
    : { kind: 'multi', metricId, conditions };
}

function isEmptyList(value: unknown): boolean {
  return Array.isArray(value) && value.length === 0;
}

/** The rule's metric id when it is a whole number, else null (lenient). */
export function ruleMetricId(rule: unknown): number | null {
  const id = isObject(rule) ? rule.metric_id : undefined;
  return Number.isInteger(id) ? (id as number) : null;
}

/** The conditions a rule carries, whatever its shape ([] when none can be read). */
export function ruleConditions(rule: unknown): ConditionLike[] {
  const group = isObject(rule) ? rule.conditions : undefined;
  const list = isObject(group) ? group.conditions : undefined;
  return Array.isArray(list) ? list.filter(isObject) : [];
}

export function familyOf(metric: Pick<Metric, 'eval_type'> | undefined): RuleFamily | null {
  return metric ? outcomeKindOf(metric.eval_type) : null;
}

/** The family a condition looks like when its metric is unknown (for words only). */
export function guessFamily(condition: ConditionLike): RuleFamily {
  if (condition.field === 'enum') return 'enum';
  return typeof condition.value === 'boolean' ? 'binary' : 'score';
}

/** Operators valid for each family, in the order the builder offers them. */
export const OPS_FOR: Record<RuleFamily, readonly string[]> = {
  binary: ['eq', 'neq'],
  score: ['gte', 'gt', 'lte', 'lt', 'eq'],
  enum: ['eq', 'neq', 'in'],
};

export const FIELD_FOR: Record<RuleFamily, 'score' | 'enum'> = { binary: 'score', score: 'score', enum: 'enum' };

const OP_WORDS: Record<string, string> = {
  gt: 'is above',
  gte: 'is at least',
  lt: 'is below',
  lte: 'is at most',
  eq: 'is',
  neq: 'is not',
  in: 'is one of',
};

/** An operator in words, as the builder's operator picker shows it. */
export function opLabel(family: RuleFamily | null, op: string): string {
  if (family === 'score' && op === 'eq') return 'is exactly';
  return OP_WORDS[op] ?? `"${op}"`;
}

/** Scale of continuous_qualitative scores (the documentation's "qualitative scores 0-5"). */
export const QUALITATIVE_SCALE = { min: 0, max: 5 } as const;

export function isQualitative(metric: Pick<Metric, 'eval_type'> | undefined): boolean {
  return metric?.eval_type === 'continuous_qualitative';
}

/**
 * A numeric metric's unit: the catalogue's `unit` when it sends one, else a unit the name ends with in
 * parentheses ("Latency (ms)" -> "ms"). null when neither says.
 */
export function metricUnit(metric: Pick<Metric, 'name'> & { unit?: unknown }): string | null {
  if (typeof metric.unit === 'string' && metric.unit.trim()) return metric.unit.trim();
  const match = /\(([^()]{1,12})\)\s*$/.exec(metric.name);
  return match ? match[1].trim() : null;
}

/** A rule number as people count (rule 1 is the first). */
export const ruleNumber = (index: number): number => index + 1;
