import type { QueryClient } from '@tanstack/react-query';
import type { Project } from '../../shared/schemas/project';
import type { ProjectFormValues } from '../../shared/form';
import { noCallsValidator } from '../sections/no-calls/validator';
import { rubricValidator } from '../sections/rubric/validator';

// Checks that need more than one field's value (metrics, agents): each section contributes one.
// The form's resolver runs them on every validation, for edited fields only, whichever section is open.

export interface SectionValidationContext {
  projectId: number;
  base: Project;
  values: ProjectFormValues;
  queryClient: QueryClient;
}

/** path = a form path such as "rubric_config.rules.3" or "no_calls_notify_time_period.time_periods.1.end_time". */
export interface SectionIssue {
  path: string;
  message: string;
}

export type SectionValidator = (context: SectionValidationContext) => SectionIssue[];

// Sections add their validator here (one import and one entry each).
export const sectionValidators: SectionValidator[] = [noCallsValidator, rubricValidator];
