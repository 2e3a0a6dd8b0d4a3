import {
  PROJECT_FIELDS,
  PROJECT_FIELD_NAMES,
  strictFieldSchema,
  type FieldKind,
  type Project,
  type ProjectField,
} from './schemas/project';
import { FIELD_BOUNDS } from './schemas/fields';
import type { NoCallsConfigRead } from './schemas/no-calls';
import type { RubricConfigRead } from './schemas/rubric';

// The form holds what the user sees and types: numbers as the typed text (so "12." or "" survive an
// error), sample_rate as a percentage, secrets as an intent. Codecs convert to and from API values.

export type SecretEdit = { mode: 'keep' } | { mode: 'replace'; value: string } | { mode: 'clear' };

type FormValueByKind = {
  boolean: boolean;
  string: string;
  timezone: string;
  url: string;
  int: string;
  percent: string;
  secret: SecretEdit;
  'int-set': number[];
  rubric: RubricConfigRead;
  'no-calls': NoCallsConfigRead | null;
};

export type ProjectFormValues = { [F in ProjectField]: FormValueByKind[(typeof PROJECT_FIELDS)[F]['kind']] };

const PERCENT_DECIMALS = 3;

/** sample_rate fraction -> percentage text, rounded to 3 decimals (never rewritten unless edited). */
export function fractionToPercentText(value: unknown): string {
  if (typeof value !== 'number' || !Number.isFinite(value)) return value == null ? '' : String(value);
  return String(Number((value * 100).toFixed(PERCENT_DECIMALS)));
}

export function percentTextToFraction(text: string): number {
  return Number((Number(text.trim()) / 100).toFixed(PERCENT_DECIMALS + 2));
}

function toFormValue(kind: FieldKind, value: unknown): unknown {
  switch (kind) {
    case 'boolean':
      return value === true;
    case 'string':
    case 'timezone':
    case 'url':
      return value == null ? '' : String(value);
    case 'int':
      return value == null ? '' : String(value);
    case 'percent':
      return fractionToPercentText(value);
    case 'secret':
      return { mode: 'keep' };
    case 'int-set':
      return Array.isArray(value) ? value.filter((v): v is number => typeof v === 'number') : [];
    case 'rubric':
      return value && typeof value === 'object' && !Array.isArray(value) ? structuredClone(value) : {};
    case 'no-calls':
      return value && typeof value === 'object' && !Array.isArray(value) ? structuredClone(value) : null;
  }
}

export function toFormValues(project: Project): ProjectFormValues {
  const values: Record<string, unknown> = {};
  for (const field of PROJECT_FIELD_NAMES) values[field] = toFormValue(PROJECT_FIELDS[field].kind, project[field]);
  return values as ProjectFormValues;
}

/** The API value a form value stands for. Secrets: `undefined` = keep (not sent), "" = clear. */
export function fromFormValue(field: ProjectField, value: unknown): unknown {
  switch (PROJECT_FIELDS[field].kind) {
    case 'int':
      return Number(String(value).trim());
    case 'percent':
      return percentTextToFraction(String(value));
    case 'secret': {
      const edit = value as SecretEdit;
      return edit.mode === 'replace' ? edit.value : edit.mode === 'clear' ? '' : undefined;
    }
    default:
      return value;
  }
}

const INTEGER_TEXT = /^\s*-?\d+\s*$/;
const NUMBER_TEXT = /^\s*-?(\d+\.?\d*|\.\d+)\s*$/;

/** A field's own rules on what the user entered; cross-field rules included. Undefined = valid. */
export function validateField(
  field: ProjectField,
  value: unknown,
  values?: Partial<ProjectFormValues>,
): string | undefined {
  const kind = PROJECT_FIELDS[field].kind;
  if (kind === 'int') {
    const text = String(value ?? '');
    if (text.trim() === '') return 'Enter a whole number.';
    if (!INTEGER_TEXT.test(text)) return 'Enter a whole number (no decimals or letters).';
    const issue = firstIssue(field, Number(text));
    if (issue) return issue;
    for (const bound of FIELD_BOUNDS) {
      if (bound.lower !== field && bound.upper !== field) continue;
      const other = values?.[bound.lower === field ? bound.upper : bound.lower];
      if (other === undefined || !INTEGER_TEXT.test(String(other))) continue;
      const [lower, upper] = bound.lower === field ? [Number(text), Number(other)] : [Number(other), Number(text)];
      if (lower > upper) return bound.message;
    }
    return undefined;
  }
  if (kind === 'percent') {
    const text = String(value ?? '');
    if (text.trim() === '') return 'Enter a percentage between 0 and 100.';
    if (!NUMBER_TEXT.test(text)) return 'Enter a number, e.g. 50 or 0.1.';
    const percent = Number(text);
    if (percent < 0 || percent > 100) return 'Enter a percentage between 0 and 100.';
    if ((text.split('.')[1]?.trim().length ?? 0) > PERCENT_DECIMALS)
      return 'At most 3 decimals (0.001% is the finest step).';
    return undefined;
  }
  if (kind === 'secret') {
    const edit = value as SecretEdit;
    if (edit?.mode === 'replace' && edit.value.trim() === '') return 'Enter the new value, or cancel the replacement.';
    return undefined;
  }
  // rubric and no-calls have section-level checks that need metrics and agents; here only their shape.
  return firstIssue(field, value);
}

function firstIssue(field: ProjectField, value: unknown): string | undefined {
  const result = strictFieldSchema(field).safeParse(value);
  if (result.success) return undefined;
  const issue = result.error.issues[0];
  const path = issue?.path.length ? `${issue.path.join('.')}: ` : '';
  return `${path}${issue?.message ?? 'Invalid value.'}`;
}
