import type { QueryClient } from '@tanstack/react-query';
import type { Resolver } from 'react-hook-form';
import { PROJECT_FIELD_NAMES, type Project } from '../../shared/schemas/project';
import { validateField, type ProjectFormValues } from '../../shared/form';
import { isFieldDirty } from '../../shared/patch';
import { sectionValidators, type SectionIssue, type SectionValidator } from './section-validators';
import { fieldOfPath, isProjectField, issuesToErrors } from './form-errors';

// The project form's resolver: only edited fields can block a save (decision 8). Each edited field is
// checked with validateField, then every section validator; issues on unedited fields are dropped.

export interface ProjectResolverContext {
  projectId: number;
  base: Project;
  baseValues: ProjectFormValues;
  queryClient: QueryClient;
}

export function validateProjectValues(
  values: ProjectFormValues,
  context: ProjectResolverContext,
  validators: readonly SectionValidator[] = sectionValidators,
): SectionIssue[] {
  const dirty = new Set(PROJECT_FIELD_NAMES.filter((field) => isFieldDirty(field, context.baseValues, values)));
  const issues: SectionIssue[] = [];
  for (const field of dirty) {
    const message = validateField(field, values[field], values);
    if (message) issues.push({ path: field, message });
  }
  for (const validator of validators) {
    let found: SectionIssue[];
    try {
      found = validator({ projectId: context.projectId, base: context.base, values, queryClient: context.queryClient });
    } catch (error) {
      // A broken validator must not make the whole form unsavable silently: report it at no field.
      console.error('A section validator failed', error);
      continue;
    }
    for (const issue of found) {
      const field = fieldOfPath(issue.path);
      if (!isProjectField(field) || dirty.has(field)) issues.push(issue);
    }
  }
  return issues;
}

export const projectResolver: Resolver<ProjectFormValues, ProjectResolverContext> = (values, context) => {
  if (!context) throw new Error('The project form needs its resolver context.');
  const issues = validateProjectValues(values, context);
  return issues.length ? { values: {}, errors: issuesToErrors(issues) } : { values, errors: {} };
};
