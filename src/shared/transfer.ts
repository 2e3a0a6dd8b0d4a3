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

// Settings moved between projects: an export file, its import, and copying sections from another project.
// Secrets never leave a project. The name and the deleted flag are the project's identity and state, not
// settings to repeat elsewhere, so they are neither exported nor copied.

export const EXPORT_FORMAT = 'cekura-console-settings';
export const EXPORT_VERSION = 1;

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
}

export function exportSettings(project: Project, now: Date = new Date()): SettingsExport {
  const settings: Partial<Record<ProjectField, unknown>> = {};
  for (const field of TRANSFERABLE_FIELDS) if (field in project) settings[field] = project[field];
  return {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    project: { id: project.id, name: String(project.name ?? '') },
    exported_at: now.toISOString(),
    settings,
  };
}

export interface ImportResult {
  settings: Partial<Record<ProjectField, unknown>>;
  /** Refusals: the file is not usable as a whole while any is present. */
  errors: string[];
  source?: { id: number; name: string };
}

/** Reads an export file. Unknown fields, secrets and invalid values are refused with a message each. */
export function parseSettingsImport(text: string): ImportResult {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { settings: {}, errors: [`The file is not JSON: ${(error as Error).message}`] };
  }
  if (!isObject(json) || json.format !== EXPORT_FORMAT) {
    return { settings: {}, errors: ['This is not a settings file exported by this console.'] };
  }
  if (json.version !== EXPORT_VERSION)
    return { settings: {}, errors: [`Unsupported settings file version ${String(json.version)}.`] };
  if (!isObject(json.settings)) return { settings: {}, errors: ['The file has no settings.'] };
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
  return { settings, errors, source };
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
