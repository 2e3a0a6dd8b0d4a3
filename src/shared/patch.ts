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
      const rules = rulesOf(config).map(canonicalRule).sort();
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

// A keystroke in one rule must not cost the whole rubric: a rule's canonical text is looked up by its plain
// JSON text (native JSON.stringify, no key sorting), so only the edited rule is canonicalised again.
const RULE_MEMO_LIMIT = 20_000;
const canonicalRules = new Map<string, string>();
function canonicalRule(rule: unknown): string {
  const text = JSON.stringify(rule) ?? 'undefined';
  let canonical = canonicalRules.get(text);
  if (canonical === undefined) {
    canonical = canonicalJson(rule);
    if (canonicalRules.size >= RULE_MEMO_LIMIT) canonicalRules.clear();
    canonicalRules.set(text, canonical);
  }
  return canonical;
}

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
