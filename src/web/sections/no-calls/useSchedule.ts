import { useMemo } from 'react';
import { useController, useFormState, useWatch, type FieldErrors } from 'react-hook-form';
import type { ProjectFormValues } from '../../../shared/form';
import { isFieldDirty } from '../../../shared/patch';
import { isValidTimeZone } from '../../../shared/schemas/project';
import { checkNoCalls, type NoCallsIssue } from '../../../shared/no-calls/checks';
import { checkStoredNumber } from '../../../shared/no-calls/phone';
import { isUnset, scheduleView, withChanges, type Schedule } from '../../../shared/no-calls/edit';
import { useProjectContext } from '../../settings/project-context';
import { FIELD } from './messages';

export interface ScheduleState {
  /** The form value: null while no schedule is stored and nothing was edited. */
  schedule: Schedule | null;
  /** No schedule configured (null or {}). */
  unset: boolean;
  /** What the editor shows: the schedule (missing required keys filled), or an empty one in the project's zone. */
  view: Schedule;
  /** Writes keys of the schedule (creating it from `view` when null); other keys are kept. */
  update: (changes: Partial<Schedule>) => void;
  issues: NoCallsIssue[];
  /** Differs from the saved value: its errors block the save. */
  edited: boolean;
  errors: FieldErrors | undefined;
  projectZone: string;
  projectId: number;
}

/** The one controller of no_calls_notify_time_period; the editor's parts get what they need from it. */
export function useSchedule(): ScheduleState {
  const { project, projectId } = useProjectContext();
  const { field } = useController<ProjectFormValues, typeof FIELD>({ name: FIELD });
  const { errors } = useFormState<ProjectFormValues>({ name: FIELD });
  // The project's zone as the form has it now (an unsaved General edit counts), else as saved.
  const formZone = useWatch<ProjectFormValues, 'timezone'>({ name: 'timezone' });
  const projectZone =
    [formZone, project.timezone].find((zone): zone is string => typeof zone === 'string' && isValidTimeZone(zone)) ??
    'UTC';
  const schedule = (field.value ?? null) as Schedule | null;
  const issues = useMemo(() => checkNoCalls(schedule, checkStoredNumber), [schedule]);
  const stored = project[FIELD];
  const base = stored && typeof stored === 'object' && !Array.isArray(stored) ? stored : null;
  const edited = isFieldDirty(
    FIELD,
    { [FIELD]: base } as ProjectFormValues,
    { [FIELD]: schedule } as ProjectFormValues,
  );
  return {
    schedule,
    view: scheduleView(schedule, projectZone),
    unset: isUnset(schedule),
    update: (changes) => field.onChange(withChanges(schedule, projectZone, changes)),
    issues,
    edited,
    errors: errors as FieldErrors | undefined,
    projectZone,
    projectId,
  };
}
