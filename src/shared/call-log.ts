// Reading a call log's metric results (decision 17 in docs/decisions.md).
// Pure (no DOM, no Node): the emulator's call-log generator and the console's rubric evaluation both use it,
// so the two sides cannot drift apart on what a result means.

/** What a metric result says, once read. */
export type MetricOutcome =
  { kind: 'binary'; value: boolean } | { kind: 'score'; value: number } | { kind: 'enum'; value: string };

/** A `metrics[]` entry as it may arrive: read leniently, any key may be missing or odd. */
export type MetricResultLike = {
  id?: unknown;
  name?: unknown;
  type?: unknown;
  score?: unknown;
  enum?: unknown;
  value?: unknown;
};

/** A rubric condition as it may arrive (`{field, op, value}`), read leniently. */
export type ConditionLike = { field?: unknown; op?: unknown; value?: unknown };

/** `binary` now; the two legacy names before 2026-07-10. */
export const BINARY_EVAL_TYPES: readonly string[] = ['binary', 'binary_qualitative', 'binary_workflow_adherence'];
export const SCORE_EVAL_TYPES: readonly string[] = ['numeric', 'continuous_qualitative'];
export const ENUM_EVAL_TYPES: readonly string[] = ['enum'];

/** The ops each kind of metric supports in a rubric condition (and the field they read). */
export const OPS_BY_KIND = {
  binary: { field: 'score', ops: ['eq', 'neq'] },
  score: { field: 'score', ops: ['gt', 'gte', 'lt', 'lte', 'eq'] },
  enum: { field: 'enum', ops: ['eq', 'neq', 'in'] },
} as const;

export type OutcomeKind = MetricOutcome['kind'];

/** Which outcome kind an eval_type produces; null for a type the table does not cover. */
export function outcomeKindOf(evalType: unknown): OutcomeKind | null {
  if (typeof evalType !== 'string') return null;
  if (BINARY_EVAL_TYPES.includes(evalType)) return 'binary';
  if (SCORE_EVAL_TYPES.includes(evalType)) return 'score';
  if (ENUM_EVAL_TYPES.includes(evalType)) return 'enum';
  return null;
}

const isFiniteNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const nonEmptyString = (v: unknown): v is string => typeof v === 'string' && v !== '';

/**
 * The outcome of one metric result, or null when it carries no usable value
 * (then a rubric rule on that metric is skipped for the call).
 */
export function readMetricOutcome(result: MetricResultLike | null | undefined): MetricOutcome | null {
  if (!result || typeof result !== 'object') return null;
  switch (outcomeKindOf(result.type)) {
    case 'binary':
      // 5 = True, 0 = False; any score above 0 reads as True. A boolean score is read as itself.
      if (typeof result.score === 'boolean') return { kind: 'binary', value: result.score };
      return isFiniteNumber(result.score) ? { kind: 'binary', value: result.score > 0 } : null;
    case 'score':
      return isFiniteNumber(result.score) ? { kind: 'score', value: result.score } : null;
    case 'enum':
      // The value is in `value` (and repeated in `enum`); `score` is 0 and ignored.
      if (nonEmptyString(result.value)) return { kind: 'enum', value: result.value };
      if (nonEmptyString(result.enum)) return { kind: 'enum', value: result.enum };
      return null;
    default:
      return null;
  }
}

/** A binary rule value: `true`/`false`, or the legacy 5/0 (any number above 0 reads as True). */
export function readBinaryRuleValue(value: unknown): boolean | null {
  if (typeof value === 'boolean') return value;
  if (isFiniteNumber(value)) return value > 0;
  return null;
}

/**
 * Whether an outcome satisfies one rubric condition. null when the condition does not apply to this
 * kind of outcome (wrong field, unsupported op, value of the wrong type): the caller decides what that means.
 */
export function conditionHolds(outcome: MetricOutcome, condition: ConditionLike): boolean | null {
  const spec = OPS_BY_KIND[outcome.kind];
  if (condition.field !== spec.field) return null;
  const op = condition.op;
  if (typeof op !== 'string' || !(spec.ops as readonly string[]).includes(op)) return null;
  switch (outcome.kind) {
    case 'binary': {
      const expected = readBinaryRuleValue(condition.value);
      if (expected === null) return null;
      return op === 'eq' ? outcome.value === expected : outcome.value !== expected;
    }
    case 'score':
      return compareScore(outcome.value, op, condition.value);
    case 'enum':
      return compareEnum(outcome.value, op, condition.value);
  }
}

function compareScore(score: number, op: string, value: unknown): boolean | null {
  if (!isFiniteNumber(value)) return null;
  switch (op) {
    case 'gt':
      return score > value;
    case 'gte':
      return score >= value;
    case 'lt':
      return score < value;
    case 'lte':
      return score <= value;
    case 'eq':
      return score === value;
    default:
      return null;
  }
}

function compareEnum(actual: string, op: string, value: unknown): boolean | null {
  if (op === 'in') {
    if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) return null;
    return value.includes(actual);
  }
  if (typeof value !== 'string') return null;
  return op === 'eq' ? actual === value : actual !== value;
}
