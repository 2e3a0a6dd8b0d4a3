import {
  PROJECT_FIELDS,
  PROJECT_FIELD_NAMES,
  type Project,
  type ProjectField,
  type ProjectPatch,
} from './schemas/project';
import { fieldKind } from './field-kinds';
import { fromFormValue, toFormValues, type ProjectFormValues } from './form';

// The PATCH diff: a field is sent only when its normalised form value differs from the normalised
// value of the last server snapshot. Sets ignore order; a field edited back to its saved value is clean.

// Each kind's canonical text is in field-kinds.ts (the rubric's memoises each rule's text, so a keystroke
// in one rule canonicalises only that rule again).
const normalise = (field: ProjectField, value: unknown): string =>
  fieldKind(PROJECT_FIELDS[field].kind).normalise(value);

// The form hands the same value objects to the dirty state and the resolver (and keeps unedited fields'
// objects across edits): each object is normalised once.
const normalised = new WeakMap<object, Map<ProjectField, string>>();
function normaliseOnce(field: ProjectField, value: unknown): string {
  if (!value || typeof value !== 'object') return normalise(field, value);
  let byField = normalised.get(value);
  if (!byField) normalised.set(value, (byField = new Map()));
  let text = byField.get(field);
  if (text === undefined) byField.set(field, (text = normalise(field, value)));
  return text;
}

export function isFieldDirty(field: ProjectField, baseValues: ProjectFormValues, values: ProjectFormValues): boolean {
  return normaliseOnce(field, baseValues[field]) !== normaliseOnce(field, values[field]);
}

export function dirtyFields(base: Project, values: ProjectFormValues): ProjectField[] {
  const baseValues = toFormValues(base);
  return PROJECT_FIELD_NAMES.filter((field) => isFieldDirty(field, baseValues, values));
}

/** The PATCH body: only changed fields, as API values. rubric_config goes whole (the API replaces it). */
export function buildPatch(base: Project, values: ProjectFormValues): ProjectPatch {
  const patch: Record<string, unknown> = {};
  for (const field of dirtyFields(base, values)) {
    const value = fromFormValue(field, values[field]);
    if (value !== undefined) patch[field] = value;
  }
  return patch as ProjectPatch;
}
