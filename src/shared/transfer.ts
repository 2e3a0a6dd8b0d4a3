import {
  PROJECT_FIELDS,
  PROJECT_FIELD_NAMES,
  SECTION_IDS,
  strictFieldSchema,
  type Project,
  type ProjectField,
  type SectionId,
} from './schemas/project';
import { toFormValues, type ProjectFormValues } from './form';
import { emptyCatalog, REF_KINDS, refsOf, type RefCatalog, type RefItem } from './id-mapping';

// Settings moved between projects: an export file, its import, and copying sections from another project.
// Secrets never leave a project. The name and the deleted flag are the project's identity and state, not
// settings to repeat elsewhere, so they are neither exported nor copied.

export const EXPORT_FORMAT = 'cekura-console-settings';
/** 2: the file carries the names (and metric types) of the ids its settings name (`refs`); 1 had ids only. */
export const EXPORT_VERSION = 2;
const READABLE_VERSIONS: readonly unknown[] = [1, 2];

const NOT_TRANSFERRED: readonly ProjectField[] = ['name', 'is_deleted'];

export const TRANSFERABLE_FIELDS: ProjectField[] = PROJECT_FIELD_NAMES.filter(
  (field) => PROJECT_FIELDS[field].kind !== 'secret' && !NOT_TRANSFERRED.includes(field),
);

export interface SettingsExport {
  format: typeof EXPORT_FORMAT;
  version: typeof EXPORT_VERSION;
  project: { id: number; name: string };
  exported_at: string;
  settings: Partial<Record<ProjectField, unknown>>;
  /** The metrics (with their eval type), dashboards and agents the settings name, by id and name. */
  refs: RefCatalog;
}

/** The export file. `catalog`: the project's items, so the file names what its ids stand for. */
export function exportSettings(
  project: Project,
  now: Date = new Date(),
  catalog: RefCatalog = emptyCatalog(),
): SettingsExport {
  const settings: Partial<Record<ProjectField, unknown>> = {};
  for (const field of TRANSFERABLE_FIELDS) if (field in project) settings[field] = project[field];
  return {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    project: { id: project.id, name: String(project.name ?? '') },
    exported_at: now.toISOString(),
    settings,
    refs: refsOf(settings, catalog),
  };
}

export interface ImportResult {
  settings: Partial<Record<ProjectField, unknown>>;
  /** Refusals: the file is not usable as a whole while any is present. */
  errors: string[];
  source?: { id: number; name: string };
  /** The names beside the ids (version 2); null for a version 1 file (ids matched by id only). */
  refs: RefCatalog | null;
}

/** Reads an export file. Unknown fields, secrets and invalid values are refused with a message each. */
export function parseSettingsImport(text: string): ImportResult {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { settings: {}, refs: null, errors: [`The file is not JSON: ${(error as Error).message}`] };
  }
  if (!isObject(json) || json.format !== EXPORT_FORMAT) {
    return { settings: {}, refs: null, errors: ['This is not a settings file exported by this console.'] };
  }
  if (!READABLE_VERSIONS.includes(json.version))
    return { settings: {}, refs: null, errors: [`Unsupported settings file version ${String(json.version)}.`] };
  if (!isObject(json.settings)) return { settings: {}, refs: null, errors: ['The file has no settings.'] };
  const settings: Partial<Record<ProjectField, unknown>> = {};
  const errors: string[] = [];
  for (const [key, value] of Object.entries(json.settings)) {
    if (!(TRANSFERABLE_FIELDS as string[]).includes(key)) {
      errors.push(
        key in PROJECT_FIELDS
          ? `"${key}" cannot be imported (secrets, the name and the deleted flag stay with each project).`
          : `Unknown field "${key}".`,
      );
      continue;
    }
    const field = key as ProjectField;
    const result = strictFieldSchema(field).safeParse(value);
    if (!result.success) {
      const issue = result.error.issues[0];
      errors.push(
        `${PROJECT_FIELDS[field].label} (${field}): ${issue?.path.length ? `${issue.path.join('.')}: ` : ''}${issue?.message ?? 'invalid value'}`,
      );
      continue;
    }
    settings[field] = value;
  }
  const source =
    isObject(json.project) && typeof json.project.id === 'number'
      ? { id: json.project.id, name: String(json.project.name ?? '') }
      : undefined;
  const refs = json.version === 1 ? null : readRefs(json.refs, errors);
  return { settings, errors, source, refs };
}

/** The `refs` of a version 2 file: `{metric|dashboard|agent: [{id, name, type?}]}`; a bad entry is refused. */
function readRefs(value: unknown, errors: string[]): RefCatalog {
  const refs = emptyCatalog();
  if (value === undefined) return refs;
  if (!isObject(value)) {
    errors.push('"refs" must be an object of metric, dashboard and agent lists.');
    return refs;
  }
  for (const [key, list] of Object.entries(value)) {
    const kind = REF_KINDS.find((k) => k === key);
    if (!kind || !Array.isArray(list)) {
      errors.push(`"refs.${key}" is not a list of metrics, dashboards or agents.`);
      continue;
    }
    list.forEach((entry, index) => {
      if (
        isObject(entry) &&
        Number.isInteger(entry.id) &&
        typeof entry.name === 'string' &&
        (entry.type === undefined || typeof entry.type === 'string')
      ) {
        const item: RefItem = { id: entry.id as number, name: entry.name };
        if (typeof entry.type === 'string') item.type = entry.type;
        refs[kind].push(item);
      } else errors.push(`"refs.${key}[${index}]" needs a whole-number id and a name.`);
    });
  }
  return refs;
}

/** The settings of the chosen sections of another project, as API values. */
export function settingsOfSections(
  source: Project,
  sections: readonly SectionId[],
): Partial<Record<ProjectField, unknown>> {
  const settings: Partial<Record<ProjectField, unknown>> = {};
  for (const field of TRANSFERABLE_FIELDS) {
    if (sections.includes(PROJECT_FIELDS[field].section) && field in source) settings[field] = source[field];
  }
  return settings;
}

/** A draft: the current form values with these settings applied (as form values). */
export function applySettingsToDraft(
  values: ProjectFormValues,
  settings: Partial<Record<ProjectField, unknown>>,
): ProjectFormValues {
  const incoming = toFormValues({ id: 0, ...settings } as Project);
  const draft = { ...values } as Record<ProjectField, unknown>;
  for (const field of Object.keys(settings) as ProjectField[]) draft[field] = incoming[field];
  return draft as ProjectFormValues;
}

export const SECTIONS_WITH_TRANSFERABLE_FIELDS: SectionId[] = SECTION_IDS.filter((section) =>
  TRANSFERABLE_FIELDS.some((field) => PROJECT_FIELDS[field].section === section),
);

function isObject(value: unknown): value is Record<string, unknown> {
  return !!value && typeof value === 'object' && !Array.isArray(value);
}
