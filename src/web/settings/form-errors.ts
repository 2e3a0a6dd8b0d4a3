import type { FieldErrors } from 'react-hook-form';
import { PROJECT_FIELDS, SECTION_LABELS, type ProjectField, type SectionId } from '../../shared/schemas/project';
import { splitPathMessage } from '../../shared/schemas/errors';
import { FIELD_KINDS } from '../../shared/field-kinds';
import type { ProjectFormValues } from '../../shared/form';
import type { SectionIssue } from './section-validators';

// Pure helpers between issues ({path, message}) and react-hook-form's nested error object.

export const isProjectField = (name: string): name is ProjectField => Object.hasOwn(PROJECT_FIELDS, name);

/** The top-level field of a form path ("rubric_config.rules.3" -> "rubric_config"). */
export const fieldOfPath = (path: string): string => path.split('.')[0];

/** Parents before children, so a field's own message and its rows' messages can live in one error object. */
export function sortIssues(issues: SectionIssue[]): SectionIssue[] {
  return [...issues].sort((a, b) => a.path.split('.').length - b.path.split('.').length);
}

/** Issues -> RHF errors object; several messages at one path are joined. */
export function issuesToErrors(issues: SectionIssue[]): FieldErrors<ProjectFormValues> {
  const errors: Record<string, unknown> = {};
  for (const { path, message } of sortIssues(issues)) {
    const keys = path.split('.');
    let node = errors;
    for (const key of keys.slice(0, -1)) {
      if (!node[key] || typeof node[key] !== 'object') node[key] = {};
      node = node[key] as Record<string, unknown>;
    }
    const last = keys[keys.length - 1];
    const existing = node[last] as { message?: string } | undefined;
    node[last] = {
      ...existing,
      type: 'validate',
      message: existing?.message ? `${existing.message} ${message}` : message,
    };
  }
  return errors as FieldErrors<ProjectFormValues>;
}

/** "rules[1].conditions.conditions[0].value" in `field` -> the form path the section shows it at. */
export function jsonPathToFormPath(field: ProjectField, path: string): string | undefined {
  const segments = path.split(/\.|\[(\d+)\]/).filter((part) => part !== undefined && part !== '');
  if (!segments.length) return undefined;
  // The rubric builder marks whole rules: deeper paths (its condition, value) point at the rule.
  if (field === 'rubric_config')
    return segments[0] === 'rules' && /^\d+$/.test(segments[1] ?? '')
      ? `rubric_config.rules.${segments[1]}`
      : undefined;
  return `${field}.${segments.join('.')}`;
}

export interface ServerErrorPlacement {
  /** Messages at form paths (setError). */
  fieldIssues: SectionIssue[];
  /** Messages the form has no field for. */
  banner: string[];
}

/** A 400's field errors (keyed by API field) -> messages at fields; unknown keys and `detail` -> banner. */
export function placeServerErrors(fieldErrors: Record<string, string[]>, detail?: string): ServerErrorPlacement {
  const fieldIssues: SectionIssue[] = [];
  const banner: string[] = detail ? [detail] : [];
  for (const [key, messages] of Object.entries(fieldErrors)) {
    if (!isProjectField(key)) {
      banner.push(...messages.map((message) => `${key}: ${message}`));
      continue;
    }
    const editedByPath = FIELD_KINDS[PROJECT_FIELDS[key].kind].editedByPath;
    for (const message of messages) {
      fieldIssues.push({ path: key, message });
      if (!editedByPath) continue;
      const split = splitPathMessage(message);
      const formPath = split.path ? jsonPathToFormPath(key, split.path) : undefined;
      if (formPath) fieldIssues.push({ path: formPath, message: split.message });
    }
  }
  return { fieldIssues, banner };
}

/** "General, Limits": the sections holding the given paths, in navigation order. */
export function sectionsOfPaths(paths: string[]): SectionId[] {
  const sections = new Set<SectionId>();
  for (const path of paths) {
    const field = fieldOfPath(path);
    if (isProjectField(field)) sections.add(PROJECT_FIELDS[field].section);
  }
  return (Object.keys(SECTION_LABELS) as SectionId[]).filter((id) => sections.has(id));
}

/** Every leaf path with a message in an RHF errors object. */
export function errorPaths(errors: unknown, prefix = ''): string[] {
  if (!errors || typeof errors !== 'object') return [];
  const paths: string[] = [];
  const node = errors as Record<string, unknown>;
  if (prefix && typeof node.message === 'string') paths.push(prefix);
  for (const [key, value] of Object.entries(node)) {
    if (key === 'message' || key === 'type' || key === 'ref' || key === 'types') continue;
    paths.push(...errorPaths(value, prefix ? `${prefix}.${key}` : key));
  }
  return paths;
}
