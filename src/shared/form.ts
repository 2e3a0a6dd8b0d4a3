import {
  PROJECT_FIELDS,
  PROJECT_FIELD_NAMES,
  strictFieldSchema,
  type Project,
  type ProjectField,
} from './schemas/project';
import { FIELD_BOUNDS } from './schemas/fields';
import { fieldKind, INTEGER_TEXT, type FormValueByKind } from './field-kinds';

// The form holds what the user sees and types: numbers as the typed text (so "12." or "" survive an
// error), sample_rate as a percentage, secrets as an intent. Each kind's codecs and checks are in
// field-kinds.ts; here they are applied field by field, with the rules between fields.

export type { SecretEdit } from './field-kinds';
export { fractionToPercentText, percentTextToFraction } from './field-kinds';

export type ProjectFormValues = { [F in ProjectField]: FormValueByKind[(typeof PROJECT_FIELDS)[F]['kind']] };

export function toFormValues(project: Project): ProjectFormValues {
  const values: Record<string, unknown> = {};
  for (const field of PROJECT_FIELD_NAMES) values[field] = fieldKind(PROJECT_FIELDS[field].kind).toForm(project[field]);
  return values as ProjectFormValues;
}

/** The API value a form value stands for. Secrets: `undefined` = keep (not sent), "" = clear. */
export function fromFormValue(field: ProjectField, value: unknown): unknown {
  return fieldKind(PROJECT_FIELDS[field].kind).fromForm(value);
}

/** A field's own rules on what the user entered; cross-field rules included. Undefined = valid. */
export function validateField(
  field: ProjectField,
  value: unknown,
  values?: Partial<ProjectFormValues>,
): string | undefined {
  return (
    fieldKind(PROJECT_FIELDS[field].kind).validate(value, (apiValue) => firstIssue(field, apiValue)) ??
    boundIssue(field, value, values)
  );
}

/** FIELD_BOUNDS between whole-number fields, checked once both hold whole-number text. */
function boundIssue(field: ProjectField, value: unknown, values?: Partial<ProjectFormValues>): string | undefined {
  for (const bound of FIELD_BOUNDS) {
    if (bound.lower !== field && bound.upper !== field) continue;
    const text = String(value ?? '');
    const other = values?.[bound.lower === field ? bound.upper : bound.lower];
    if (other === undefined || !INTEGER_TEXT.test(String(other))) continue;
    const [lower, upper] = bound.lower === field ? [Number(text), Number(other)] : [Number(other), Number(text)];
    if (lower > upper) return bound.message;
  }
  return undefined;
}

function firstIssue(field: ProjectField, value: unknown): string | undefined {
  const result = strictFieldSchema(field).safeParse(value);
  if (result.success) return undefined;
  const issue = result.error.issues[0];
  const path = issue?.path.length ? `${issue.path.join('.')}: ` : '';
  return `${path}${issue?.message ?? 'Invalid value.'}`;
}
