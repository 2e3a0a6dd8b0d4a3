// PATCH /user/v1/projects/{id}/ validation, DRF style: every sent writable field is checked, errors come back
// together as `{"<field>": ["message", ...]}`, unknown and read-only keys are ignored.
import { PROJECT_KEYS, type FieldKind } from '../project-fields';
import { isTimeZone, noCallsErrors, rubricErrors, type RubricMetric } from './json-fields';
import { WEBHOOK_URL_MAX, webhookUrlProblem } from '../../../shared/schemas/webhook-url';

export type PatchPlan = {
  /** column -> JSON text to store */
  columns: Record<string, string>;
  /** secret -> new value ("" clears) */
  secrets: Record<string, string>;
};
export type FieldErrors = Record<string, string[]>;
export type PatchResult = { ok: true; plan: PatchPlan } | { ok: false; errors: FieldErrors };

const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;
const NAME_MAX = 255;
const SECRET_MAX = 255;

type Checked = { value: unknown } | { errors: string[] };
const fail = (...errors: string[]): Checked => ({ errors });

/** Python's type names, as DRF quotes them. */
function pyType(v: unknown): string {
  if (v === null) return 'NoneType';
  if (Array.isArray(v)) return 'list';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int' : 'float';
  return { string: 'str', boolean: 'bool', object: 'dict' }[typeof v as string] ?? typeof v;
}

function int32(v: unknown): string[] {
  if (typeof v !== 'number' || !Number.isInteger(v)) return ['A valid integer is required.'];
  if (v > INT32_MAX) return [`Ensure this value is less than or equal to ${INT32_MAX}.`];
  if (v < INT32_MIN) return [`Ensure this value is greater than or equal to ${INT32_MIN}.`];
  return [];
}

function checkString(v: unknown, max: number, opts: { allowBlank: boolean; trim: boolean }): Checked {
  if (typeof v !== 'string') return fail('Not a valid string.');
  const s = opts.trim ? v.trim() : v;
  if (s === '' && !opts.allowBlank) return fail('This field may not be blank.');
  if (s.length > max) return fail(`Ensure this field has no more than ${max} characters.`);
  return { value: s };
}

function checkField(kind: FieldKind, v: unknown, metrics: () => ReadonlyMap<number, RubricMetric>): Checked {
  switch (kind) {
    case 'name':
      return checkString(v, NAME_MAX, { allowBlank: false, trim: true });
    case 'timezone': {
      const s = checkString(v, 63, { allowBlank: true, trim: true });
      if ('errors' in s) return s;
      return isTimeZone(s.value as string) && s.value !== '' ? s : fail(`"${String(s.value)}" is not a valid choice.`);
    }
    case 'int': {
      const errors = int32(v);
      return errors.length ? { errors } : { value: v };
    }
    case 'rate':
      if (typeof v !== 'number' || !Number.isFinite(v)) return fail('A valid number is required.');
      if (v > 1) return fail('Ensure this value is less than or equal to 1.0.');
      if (v < 0) return fail('Ensure this value is greater than or equal to 0.0.');
      return { value: v };
    case 'bool':
      return typeof v === 'boolean' ? { value: v } : fail('Must be a valid boolean.');
    case 'url': {
      // The rule the console checks too (shared/schemas/webhook-url.ts), in DRF's words.
      const s = checkString(v, WEBHOOK_URL_MAX, { allowBlank: true, trim: true });
      if ('errors' in s) return s;
      return webhookUrlProblem(s.value as string) ? fail('Enter a valid URL.') : s;
    }
    case 'int-list': {
      if (!Array.isArray(v)) return fail(`Expected a list of items but got type "${pyType(v)}".`);
      const errors = v.flatMap((item, i) => int32(item).map((m) => `[${i}]: ${m}`));
      return errors.length ? { errors } : { value: v };
    }
    case 'no-calls': {
      const errors = noCallsErrors(v);
      return errors.length ? { errors } : { value: v };
    }
    case 'rubric': {
      const errors = rubricErrors(v, metrics());
      return errors.length ? { errors } : { value: v };
    }
  }
}

/**
 * Checks a PATCH body and, when valid, says what to write. `metrics` is only called when a rubric is sent.
 * Secrets: "" clears one; a value is stored and never returned.
 */
export function planPatch(
  body: Record<string, unknown>,
  metrics: () => ReadonlyMap<number, RubricMetric>,
): PatchResult {
  const errors: FieldErrors = {};
  const plan: PatchPlan = { columns: {}, secrets: {} };
  for (const key of PROJECT_KEYS) {
    if (!(key.key in body)) continue;
    const v = body[key.key];
    if (key.role !== 'column' && key.role !== 'secret') continue; // read-only and create-only keys are ignored
    if (v === null) {
      errors[key.key] = ['This field may not be null.'];
      continue;
    }
    const checked =
      key.role === 'secret'
        ? checkString(v, SECRET_MAX, { allowBlank: true, trim: false })
        : checkField(key.kind, v, metrics);
    if ('errors' in checked) errors[key.key] = checked.errors;
    else if (key.role === 'secret') plan.secrets[key.key] = checked.value as string;
    // JSON text of exactly what was sent (the parsed body keeps key order), embedded as-is in responses.
    else plan.columns[key.key] = JSON.stringify(checked.value);
  }
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, plan };
}
