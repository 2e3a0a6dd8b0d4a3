import {
  PROJECT_FIELDS,
  PROJECT_FIELD_NAMES,
  SECTION_IDS,
  type ProjectField,
  type SectionId,
} from '../../shared/schemas/project';
import { rulesOf } from '../../shared/schemas/rubric';
import { isFieldDirty } from '../../shared/patch';
import type { ProjectFormValues } from '../../shared/form';
import type { SettingsExport } from '../../shared/transfer';

// The page's pure parts: the export's file name, what an import or a copy changed, and which rules
// name metrics the project does not have.

/** "Acme Support Line" -> "acme-support-line"; accents dropped; never empty. */
export function slugOf(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 48)
    .replace(/-+$/, '');
  return slug || 'project';
}

/** `cekura-<project id>-<slug name>-settings-<YYYY-MM-DD>.json`, the date of the export (UTC, as in the file). */
export function exportFileName(file: SettingsExport): string {
  return `cekura-${file.project.id}-${slugOf(file.project.name)}-settings-${file.exported_at.slice(0, 10)}.json`;
}

/** The fields whose value differs between the form values before and after applying settings. */
export function changedFields(before: ProjectFormValues, after: ProjectFormValues): ProjectField[] {
  return PROJECT_FIELD_NAMES.filter((field) => isFieldDirty(field, before, after));
}

/** The changed fields counted per section, in the navigation's order. */
export function countBySection(fields: readonly ProjectField[]): { section: SectionId; count: number }[] {
  return SECTION_IDS.map((section) => ({
    section,
    count: fields.filter((field) => PROJECT_FIELDS[field].section === section).length,
  })).filter((entry) => entry.count > 0);
}

/** Rules of a rubric whose metric_id is not one of the project's metrics (the API would refuse them). */
export function rulesWithUnknownMetrics(config: unknown, metricIds: { has(id: number): boolean }): number {
  return rulesOf(config).filter((rule) => {
    const id = (rule as { metric_id?: unknown } | null)?.metric_id;
    return typeof id === 'number' && !metricIds.has(id);
  }).length;
}
