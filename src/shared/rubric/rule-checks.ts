import type { ConditionLike } from '../call-log';
import { enumValuesOf, type Metric } from '../schemas/metric';
import { CONDITION_OPS, rulesOf } from '../schemas/rubric';
import { describeCondition, enumLabel, type MetricLookup } from './describe';
import {
  FIELD_FOR,
  familyOf,
  isQualitative,
  opLabel,
  OPS_FOR,
  parseRule,
  QUALITATIVE_SCALE,
  type RuleFamily,
} from './rule';

// The checks of each rule on its own, in words: what the API would reject (errors, which block saving the
// rubric) and a metric type the console does not know (a warning). Kept apart from the whole-rubric checks
// (duplicates, rules that can never pass together) so the form's validator stays small in the first load.

export type Severity = 'error' | 'warning';
export type IssueCode =
  | 'malformed'
  | 'pending'
  | 'unknown-metric'
  | 'unknown-type'
  | 'field'
  | 'op'
  | 'binary-value'
  | 'score-nan'
  | 'score-range'
  | 'empty-in'
  | 'enum-value'
  | 'duplicate'
  | 'never-pass'
  | 'always-passes'
  | 'no-fails';

export interface RuleIssue {
  severity: Severity;
  code: IssueCode;
  message: string;
}

const FAMILY_WORDS: Record<RuleFamily, string> = { binary: 'True/False', score: 'score', enum: 'list-of-values' };
const error = (code: IssueCode, message: string): RuleIssue => ({ severity: 'error', code, message });

/** Only the blocking issues: per rule, and about the rubric as a whole. */
export function rubricErrors(config: unknown, metrics: MetricLookup): { byRule: RuleIssue[][]; general: RuleIssue[] } {
  const errorsOnly = (issues: RuleIssue[]) => issues.filter((issue) => issue.severity === 'error');
  return {
    byRule: rulesOf(config).map((rule) => errorsOnly(checkRule(rule, metrics))),
    general: errorsOnly(checkGeneral(config, rulesOf(config).length)),
  };
}

export function checkGeneral(config: unknown, ruleCount: number): RuleIssue[] {
  if (!config || typeof config !== 'object' || Array.isArray(config))
    return [error('malformed', 'The rubric must be a JSON object ({} for no rubric).')];
  const raw = config as Record<string, unknown>;
  if ('rules' in raw && !Array.isArray(raw.rules)) return [error('malformed', 'The rubric\'s "rules" must be a list.')];
  if ((ruleCount > 0 || 'evaluation_logic' in raw) && raw.evaluation_logic !== 'and') {
    return [error('malformed', 'The rubric\'s evaluation logic must be "and" (every rule must pass).')];
  }
  return [];
}

export function checkRule(rule: unknown, metrics: MetricLookup): RuleIssue[] {
  const parsed = parseRule(rule);
  if (parsed.kind === 'pending') return [error('pending', 'Choose a metric for this rule, or remove the rule.')];
  if (parsed.kind === 'malformed')
    return [
      error('malformed', `${parsed.reason} The API would reject it: remove the rule or fix it in the JSON view.`),
    ];
  const conditions = parsed.kind === 'single' ? [parsed.condition] : parsed.conditions;
  if (!metrics) return conditions.flatMap(checkConditionShape);
  const metric = metrics.get(parsed.metricId);
  if (!metric) {
    return [
      error(
        'unknown-metric',
        `Metric #${parsed.metricId} is not one of this project's metrics (it was deleted, or belongs elsewhere). The API rejects a rubric with this rule: remove the rule to save.`,
      ),
    ];
  }
  const family = familyOf(metric);
  if (!family) {
    return [
      {
        severity: 'warning',
        code: 'unknown-type',
        message: `The console does not know metric type "${metric.eval_type}": check this rule yourself.`,
      },
    ];
  }
  const issues = conditions.flatMap((condition) => checkCondition(family, metric, condition));
  if (issues.some((issue) => issue.severity === 'error')) return issues;
  const always = conditions.filter((condition) => alwaysPasses(family, metric, condition));
  if (!always.length) return issues;
  const words = always.map((condition) => `"${describeCondition(family, condition)}"`).join(' and ');
  const message =
    always.length === conditions.length
      ? `Every possible value passes ${words}${rangeWords(family)}: this rule can never fail a call.`
      : `Every possible value passes ${words}${rangeWords(family)}: that condition changes nothing.`;
  return [...issues, { severity: 'warning', code: 'always-passes', message }];
}

const rangeWords = (family: RuleFamily) =>
  family === 'score'
    ? ` (this metric scores from ${QUALITATIVE_SCALE.min} to ${QUALITATIVE_SCALE.max})`
    : family === 'enum'
      ? " (it lists all of this metric's values)"
      : '';

/**
 * Whether every value the catalogue allows passes this (valid) condition: only where the catalogue gives
 * the range, i.e. a 0-5 qualitative score or an enum's listed values. A plain number has no known range.
 */
export function alwaysPasses(family: RuleFamily, metric: Metric, { op, value }: ConditionLike): boolean {
  if (family === 'score') {
    if (!isQualitative(metric) || typeof value !== 'number') return false;
    const { min, max } = QUALITATIVE_SCALE;
    return (
      (op === 'gte' && value <= min) ||
      (op === 'gt' && value < min) ||
      (op === 'lte' && value >= max) ||
      (op === 'lt' && value > max)
    );
  }
  if (family === 'enum') {
    const allowed = enumValuesOf(metric);
    if (!allowed.length) return false;
    if (op === 'in') return Array.isArray(value) && allowed.every((v) => value.includes(v));
    // "is not" a value outside the list would pass every call too; the API rejects such a value, so it is an
    // error (checkValue) before it gets here.
    return op === 'neq' && typeof value === 'string' && !allowed.includes(value);
  }
  return false;
}

/** What can be said without the metric: a known field and operator, a non-empty "is one of". */
function checkConditionShape(condition: ConditionLike): RuleIssue[] {
  if (condition.field !== 'score' && condition.field !== 'enum')
    return [error('field', `The condition's field must be "score" or "enum", not ${JSON.stringify(condition.field)}.`)];
  if (!(CONDITION_OPS as readonly unknown[]).includes(condition.op))
    return [error('op', `${JSON.stringify(condition.op)} is not an operator the API knows.`)];
  if (condition.op === 'in' && Array.isArray(condition.value) && condition.value.length === 0) return [emptyIn()];
  return [];
}

const emptyIn = () => error('empty-in', 'Choose at least one value: "is one of" with an empty list can never pass.');

export function checkCondition(family: RuleFamily, metric: Metric, condition: ConditionLike): RuleIssue[] {
  const field = FIELD_FOR[family];
  const ops = OPS_FOR[family];
  if (typeof condition.op !== 'string' || !ops.includes(condition.op)) {
    const shown =
      typeof condition.op === 'string'
        ? `"${opLabel(family, condition.op)}" (${condition.op})`
        : JSON.stringify(condition.op);
    return [
      error(
        'op',
        `${shown} does not apply to a ${FAMILY_WORDS[family]} metric. Choose one of: ${ops.map((op) => opLabel(family, op)).join(', ')}.`,
      ),
    ];
  }
  const issues: RuleIssue[] = [];
  if (condition.field !== field)
    issues.push(
      error(
        'field',
        `A ${FAMILY_WORDS[family]} metric is compared on its "${field}", not on ${JSON.stringify(condition.field)}.`,
      ),
    );
  return [...issues, ...checkValue(family, metric, condition)];
}

function checkValue(family: RuleFamily, metric: Metric, { op, value }: ConditionLike): RuleIssue[] {
  if (family === 'binary') {
    if (value === true || value === false || value === 5 || value === 0) return [];
    if (value === '' || value == null) return [error('binary-value', 'Choose True or False for this condition.')];
    return [
      error(
        'binary-value',
        `A True/False metric takes True or False (stored as 5 or 0), not ${JSON.stringify(value)}.`,
      ),
    ];
  }
  if (family === 'score') {
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      return [
        error(
          'score-nan',
          value === '' || value == null
            ? 'Enter a number for this condition.'
            : `The value must be a number, not ${JSON.stringify(value)}.`,
        ),
      ];
    }
    if (isQualitative(metric) && (value < QUALITATIVE_SCALE.min || value > QUALITATIVE_SCALE.max)) {
      return [
        error(
          'score-range',
          `This metric scores from ${QUALITATIVE_SCALE.min} to ${QUALITATIVE_SCALE.max}: ${value} is outside the scale.`,
        ),
      ];
    }
    return [];
  }
  const allowed = enumValuesOf(metric);
  const notAllowed = (v: unknown) =>
    error(
      'enum-value',
      allowed.length
        ? `${JSON.stringify(v)} is not one of this metric's values (${allowed.map(enumLabel).join(', ')}).`
        : `${JSON.stringify(v)} cannot be checked: this metric lists no values.`,
    );
  if (op === 'in') {
    if (!Array.isArray(value)) return [error('enum-value', '"is one of" needs a list of values.')];
    if (value.length === 0) return [emptyIn()];
    return value.filter((v) => typeof v !== 'string' || !allowed.includes(v)).map(notAllowed);
  }
  if (value === '' || value == null) return [error('enum-value', 'Choose a value.')];
  return typeof value === 'string' && allowed.includes(value) ? [] : [notAllowed(value)];
}
