import {
  PROJECT_FIELDS,
  PROJECT_FIELD_NAMES,
  type Project,
  type ProjectField,
  type ProjectPatch,
} from './schemas/project';
import { canonicalJson, rulesOf } from './schemas/rubric';
import { fromFormValue, toFormValues, type ProjectFormValues, type SecretEdit } from './form';

// The PATCH diff: a field is sent only when its normalised form value differs from the normalised
// value of the last server snapshot. Sets ignore order; a field edited back to its saved value is clean.

function normalise(field: ProjectField, value: unknown): string {
  switch (PROJECT_FIELDS[field].kind) {
    case 'int':
    case 'percent': {
      const text = String(value ?? '').trim();
      return text !== '' && Number.isFinite(Number(text)) ? String(Number(text)) : text;
    }
    case 'secret': {
      // A replacement opened but still empty is no edit yet: it neither counts, nor blocks a save, nor is sent.
      const edit = value as SecretEdit;
      return canonicalJson(edit?.mode === 'replace' && edit.value === '' ? { mode: 'keep' } : edit);
    }
    case 'int-set':
      return canonicalJson([...((value as number[]) ?? [])].sort((a, b) => a - b));
    case 'rubric': {
      // Rules form a multiset: reordering alone is not a change.
      const config = (value ?? {}) as Record<string, unknown>;
      const rules = rulesOf(config).map(canonicalJson).sort();
      return canonicalJson({ ...config, rules: 'rules' in config ? rules : undefined });
    }
    case 'no-calls': {
      if (!value || typeof value !== 'object') return 'null';
      const config = value as Record<string, unknown>;
      const sorted = (list: unknown) => (Array.isArray(list) ? list.map((item) => canonicalJson(item)).sort() : list);
      return canonicalJson({
        ...config,
        exception_numbers: sorted(config.exception_numbers),
        agents: sorted(config.agents),
      });
    }
    default:
      return canonicalJson(value ?? null);
  }
}

export function isFieldDirty(field: ProjectField, baseValues: ProjectFormValues, values: ProjectFormValues): boolean {
  return normalise(field, baseValues[field]) !== normalise(field, values[field]);
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
