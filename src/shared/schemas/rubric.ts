import { z } from 'zod/mini';
import { memoByRule } from '../rubric/frozen-rules';

// rubric_config: PATCH replaces the whole value, so the console always sends the complete rubric.
// Strict shapes describe what we send; `rubricConfigReadSchema` accepts whatever the API returned
// (unknown keys and several-condition rules are kept verbatim).

export const CONDITION_OPS = ['gt', 'gte', 'lt', 'lte', 'eq', 'neq', 'in'] as const;

/**
 * New or edited boolean rules are written as true / false, as the vendor's current description asks
 * ("legacy values 5 and 0 are still accepted ... but new rules should use bool"). Rules read as 5 / 0 are
 * left exactly as received until the user edits them.
 */
export const BINARY_TRUE_VALUE: number | boolean = true;
export const BINARY_FALSE_VALUE: number | boolean = false;

export const conditionSchema = z.strictObject({
  field: z.enum(['score', 'enum']),
  op: z.enum(CONDITION_OPS),
  value: z.union([z.number(), z.boolean(), z.string(), z.array(z.string())]),
});
export type Condition = z.infer<typeof conditionSchema>;

export const ruleSchema = z.strictObject({
  metric_id: z.int(),
  conditions: z.strictObject({
    operator: z.literal('and'),
    conditions: z.array(conditionSchema).check(z.minLength(1, 'A rule needs at least one condition.')),
  }),
});
export type Rule = z.infer<typeof ruleSchema>;

/** What we send: `{}` (clears the rubric) or a complete rubric. */
export const rubricConfigSchema = z.union([
  z.strictObject({ evaluation_logic: z.literal('and'), rules: z.array(ruleSchema) }),
  z.strictObject({}),
]);
export type RubricConfig = z.infer<typeof rubricConfigSchema>;

/** What the API may return: any object; rules kept as received. */
export const rubricConfigReadSchema = z.looseObject({
  evaluation_logic: z.optional(z.unknown()),
  rules: z.optional(z.array(z.unknown())),
});
export type RubricConfigRead = z.infer<typeof rubricConfigReadSchema>;

/** A rule's identity is its canonical JSON, keys sorted (decision 2). */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

// A keystroke in one rule must not cost the whole rubric: a rule's identity (its canonical JSON) is looked up
// by its plain JSON text (native JSON.stringify, no key sorting), so only the edited rule is canonicalised
// again. Bounded: cleared whole when full (a 1,000-rule rubric edited for a long session stays far below).
const RULE_KEY_MEMO_LIMIT = 20_000;
const ruleKeys = new Map<string, string>();

const keyByRule = new WeakMap<object, string>();

/** A rule's identity (decision 2): exactly canonicalJson(rule), memoised by the rule's plain JSON text. */
export function ruleKey(rule: unknown): string {
  return memoByRule(keyByRule, rule, () => ruleKeyByText(rule));
}

function ruleKeyByText(rule: unknown): string {
  const text = JSON.stringify(rule) ?? 'undefined';
  let key = ruleKeys.get(text);
  if (key === undefined) {
    key = canonicalJson(rule);
    if (ruleKeys.size >= RULE_KEY_MEMO_LIMIT) ruleKeys.clear();
    ruleKeys.set(text, key);
  }
  return key;
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    const source = value as Record<string, unknown>;
    return Object.fromEntries(
      Object.keys(source)
        .sort()
        .map((key) => [key, sortKeys(source[key])]),
    );
  }
  return value;
}

/** The rules of a rubric as received, or [] for `{}`, null or an odd value. */
export function rulesOf(config: unknown): unknown[] {
  if (config && typeof config === 'object' && Array.isArray((config as { rules?: unknown }).rules)) {
    return (config as { rules: unknown[] }).rules;
  }
  return [];
}
