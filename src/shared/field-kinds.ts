import { z } from 'zod/mini';
import type { FieldKind } from './schemas/fields';
import { noCallsConfigSchema, type NoCallsConfigRead } from './schemas/no-calls';
import {
  canonicalJson,
  rubricConfigSchema,
  ruleKey,
  ruleSchema,
  rulesOf,
  type RubricConfigRead,
} from './schemas/rubric';
import { memoByRule } from './rubric/frozen-rules';
import { isValidTimeZone } from './schemas/time-zone';
import { webhookUrlMessage } from './schemas/webhook-url';

// What each field kind does, in one table: how a server value becomes a form value and back, what the
// form checks, the text the dirty check compares, the strict schema of the PATCH value and whether a
// stored draft value has the kind's shape. form.ts, patch.ts, schemas/project.ts and the draft storage
// read it; per-field rules (strictOverrides, FIELD_BOUNDS) stay declared beside the fields.
// This module imports no project schema: schemas/project.ts reads the strict schemas from here.

/** A secret's form value is an intent: the stored value is never read back. */
export type SecretEdit = { mode: 'keep' } | { mode: 'replace'; value: string } | { mode: 'clear' };

/**
 * One kind's behaviour. `Form` is what the form holds (numbers as the typed text, so "12." or "" survive an
 * error; sample_rate as a percentage; secrets as an intent), `Api` what a PATCH sends.
 * Methods (not function properties) so that any kind's entry reads as FieldKindSpec<unknown, unknown>.
 */
export interface FieldKindSpec<Form, Api> {
  /** Server value -> form value. Total: the lenient read keeps whatever the API returned. */
  toForm(value: unknown): Form;
  /** Form value -> PATCH value; undefined = nothing to send (a kept secret). */
  fromForm(value: Form): Api | undefined;
  /**
   * The kind's own checks on what the user entered; undefined = valid. `check` is the field's strict
   * schema (its override, if any) on a PATCH value, returning its first issue.
   */
  validate(value: Form, check: (apiValue: unknown) => string | undefined): string | undefined;
  /** The canonical text the dirty check compares: equal texts = no change. */
  normalise(value: Form): string;
  /** The strict reading of a PATCH value of this kind. */
  strict: z.ZodMiniType;
  /** Whether a value read back from a stored draft has this kind's form shape (false: never stored). */
  fitsDraft(value: unknown): boolean;
  /** The API returns null for "not set": the lenient read takes it without a note. */
  nullFromServer: boolean;
  /** A JSON object the form edits by path: a server error's path inside it is shown at that form path. */
  editedByPath: boolean;
}

// Explicit type arguments give each kind its exact form and PATCH types (derived below).
const kind = <Form, Api>(spec: FieldKindSpec<Form, Api>): FieldKindSpec<Form, Api> => spec;

const INT32_MAX = 2147483647;
const PERCENT_DECIMALS = 3;
/** Text of a whole number, blanks around it allowed. */
export const INTEGER_TEXT = /^\s*-?\d+\s*$/;
const NUMBER_TEXT = /^\s*-?(\d+\.?\d*|\.\d+)\s*$/;

/** sample_rate fraction -> percentage text, rounded to 3 decimals (never rewritten unless edited). */
export function fractionToPercentText(value: unknown): string {
  if (typeof value !== 'number' || !Number.isFinite(value)) return value == null ? '' : textOf(value);
  return String(Number((value * 100).toFixed(PERCENT_DECIMALS)));
}

export function percentTextToFraction(text: string): number {
  return Number((Number(text.trim()) / 100).toFixed(PERCENT_DECIMALS + 2));
}

const isObject = (value: unknown) => !!value && typeof value === 'object' && !Array.isArray(value);

// The rubric is validated on every keystroke: rules already found valid (remembered by their frozen objects,
// frozen-rules.ts) are not parsed again. When every rule is valid, the rubric is valid exactly when it is with
// an empty rule list, which is what gets checked; otherwise the whole value is, for the same message as ever.
const validRules = new WeakMap<object, boolean>();
function withRulesCheckedOnce(value: unknown): unknown {
  if (!isObject(value) || !Array.isArray((value as { rules?: unknown }).rules)) return value;
  const rules = (value as { rules: unknown[] }).rules;
  const allValid = rules.every((rule) => memoByRule(validRules, rule, () => ruleSchema.safeParse(rule).success));
  return allValid ? { ...(value as object), rules: [] } : value;
}
const isString = (value: unknown) => typeof value === 'string';
/**
 * String(value) for any value a server or a stored draft may hold: String() throws for an object whose
 * toString is not a function (JSON such as `{"toString": ""}`), which must not break the form.
 */
const textOf = (value: unknown): string => {
  try {
    return String(value);
  } catch {
    return Object.prototype.toString.call(value);
  }
};
const asText = (value: unknown) => (value == null ? '' : textOf(value));
/** Numbers compare by value ("5" = "05" = " 5"), anything else as typed. */
const numberText = (value: unknown) => {
  const text = textOf(value ?? '').trim();
  return text !== '' && Number.isFinite(Number(text)) ? String(Number(text)) : text;
};

const nonNegativeInt32 = z.int().check(z.gte(0, 'Must be 0 or more.'), z.lte(INT32_MAX, `At most ${INT32_MAX}.`));

/** A plain value: the form holds it as the API sends it and checks it with the strict schema. */
function plain<T>(toForm: (value: unknown) => T, strict: z.ZodMiniType, fitsDraft: (value: unknown) => boolean) {
  return kind<T, T>({
    toForm,
    fromForm: (value) => value,
    validate: (value, check) => check(value),
    normalise: (value) => canonicalJson(value ?? null),
    strict,
    fitsDraft,
    nullFromServer: false,
    editedByPath: false,
  });
}

export const FIELD_KINDS = {
  boolean: plain(
    (value) => value === true,
    z.boolean(),
    (value) => typeof value === 'boolean',
  ),
  string: plain(
    asText,
    z
      .string()
      .check(z.trim(), z.minLength(1, 'This field may not be blank.'), z.maxLength(255, 'At most 255 characters.')),
    isString,
  ),
  timezone: plain(
    asText,
    z
      .string()
      .check(
        z.refine(isValidTimeZone, 'Not a time zone this browser knows (use an IANA name such as America/New_York).'),
      ),
    isString,
  ),
  url: plain(
    asText,
    z.string().check(
      z.superRefine((value, ctx) => {
        const message = webhookUrlMessage(value);
        if (message) ctx.addIssue({ code: 'custom', message, input: value });
      }),
    ),
    isString,
  ),

  int: kind<string, number>({
    toForm: asText,
    fromForm: (value) => Number(textOf(value).trim()),
    validate: (value, check) => {
      const text = textOf(value ?? '');
      if (text.trim() === '') return 'Enter a whole number.';
      if (!INTEGER_TEXT.test(text)) return 'Enter a whole number (no decimals or letters).';
      return check(Number(text));
    },
    normalise: numberText,
    strict: nonNegativeInt32,
    fitsDraft: isString,
    nullFromServer: false,
    editedByPath: false,
  }),

  percent: kind<string, number>({
    toForm: fractionToPercentText,
    fromForm: (value) => percentTextToFraction(textOf(value)),
    // The typed text is the whole check: the fraction it stands for is in range when the percentage is.
    validate: (value) => {
      const text = textOf(value ?? '');
      if (text.trim() === '') return 'Enter a percentage between 0 and 100.';
      if (!NUMBER_TEXT.test(text)) return 'Enter a number, e.g. 50 or 0.1.';
      const percent = Number(text);
      if (percent < 0 || percent > 100) return 'Enter a percentage between 0 and 100.';
      if ((text.split('.')[1]?.trim().length ?? 0) > PERCENT_DECIMALS)
        return 'At most 3 decimals (0.001% is the finest step).';
      return undefined;
    },
    normalise: numberText,
    strict: z.number().check(z.gte(0, 'Must be between 0 and 1.'), z.lte(1, 'Must be between 0 and 1.')),
    fitsDraft: isString,
    nullFromServer: false,
    editedByPath: false,
  }),

  secret: kind<SecretEdit, string>({
    toForm: () => ({ mode: 'keep' }),
    // "" clears the stored secret; a kept one is not sent.
    fromForm: (edit) => (edit.mode === 'replace' ? edit.value : edit.mode === 'clear' ? '' : undefined),
    validate: (edit) =>
      edit?.mode === 'replace' && edit.value.trim() === ''
        ? 'Enter the new value, or cancel the replacement.'
        : undefined,
    // A replacement opened but still empty is no edit yet: it neither counts, nor blocks a save, nor is sent.
    normalise: (edit) => canonicalJson(edit?.mode === 'replace' && edit.value === '' ? { mode: 'keep' } : edit),
    strict: z.string(),
    fitsDraft: () => false, // never stored
    nullFromServer: false,
    editedByPath: false,
  }),

  'int-set': kind<number[], number[]>({
    toForm: (value) => (Array.isArray(value) ? value.filter((v): v is number => typeof v === 'number') : []),
    fromForm: (value) => value,
    validate: (value, check) => check(value),
    // A set: order is no change.
    normalise: (value) => canonicalJson([...(value ?? [])].sort((a, b) => a - b)),
    strict: z.array(z.int()),
    fitsDraft: (value) => Array.isArray(value) && value.every((item) => Number.isInteger(item)),
    nullFromServer: false,
    editedByPath: false,
  }),

  // rubric and no-calls have section-level checks that need metrics and agents; here only their shape.
  rubric: kind<RubricConfigRead, RubricConfigRead>({
    toForm: (value) => (isObject(value) ? structuredClone(value as RubricConfigRead) : {}),
    fromForm: (value) => value,
    validate: (value, check) => check(withRulesCheckedOnce(value)),
    // Rules form a multiset: reordering alone is not a change.
    normalise: (value) => {
      const config = (value ?? {}) as Record<string, unknown>;
      const rules = rulesOf(config)
        .map((rule) => ruleKey(rule))
        .sort();
      return canonicalJson({ ...config, rules: 'rules' in config ? rules : undefined });
    },
    strict: rubricConfigSchema,
    fitsDraft: isObject,
    nullFromServer: true,
    editedByPath: true,
  }),

  'no-calls': kind<NoCallsConfigRead | null, NoCallsConfigRead>({
    toForm: (value) => (isObject(value) ? structuredClone(value as NoCallsConfigRead) : null),
    // A null schedule never reaches a PATCH: the strict schema (validate) refuses it.
    fromForm: (value) => value as NoCallsConfigRead,
    validate: (value, check) => check(value),
    // Exception numbers and excluded agents are sets.
    normalise: (value) => {
      if (!value || typeof value !== 'object') return 'null';
      const config = value as Record<string, unknown>;
      const sorted = (list: unknown) => (Array.isArray(list) ? list.map((item) => canonicalJson(item)).sort() : list);
      return canonicalJson({
        ...config,
        exception_numbers: sorted(config.exception_numbers),
        agents: sorted(config.agents),
      });
    },
    strict: noCallsConfigSchema,
    fitsDraft: (value) => value === null || isObject(value),
    nullFromServer: true,
    editedByPath: true,
  }),
} satisfies Record<FieldKind, FieldKindSpec<unknown, unknown>>;

type Kinds = typeof FIELD_KINDS;
/** The form value of each kind. */
export type FormValueByKind = { [K in FieldKind]: Kinds[K] extends FieldKindSpec<infer F, unknown> ? F : never };
/** The PATCH value of each kind. */
export type ValueByKind = { [K in FieldKind]: Kinds[K] extends FieldKindSpec<unknown, infer A> ? A : never };

/** A kind's behaviour for code that handles any field: values are as wide as the field is. */
export const fieldKind = (kind: FieldKind): FieldKindSpec<unknown, unknown> => FIELD_KINDS[kind];
