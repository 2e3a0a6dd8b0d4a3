import { Alert, Divider, Stack } from '@mui/material';
import { useWatch } from 'react-hook-form';
import type { ProjectFormValues } from '../../../shared/form';
import { ExceptionNumbers } from './ExceptionNumbers';
import { ExcludedAgents } from './ExcludedAgents';
import { combine, helperOf, messagesAt, rootMessage } from './messages';
import { SchedulePreview } from './SchedulePreview';
import { TimeZoneField } from './TimeZoneField';
import { useSchedule } from './useSchedule';
import { WindowsEditor } from './WindowsEditor';

/** The editor of no_calls_notify_time_period. It stays editable while the alert is off, and says so. */
export function ScheduleEditor() {
  const state = useSchedule();
  const notifyOn = useWatch<ProjectFormValues, 'notify_no_calls'>({ name: 'notify_no_calls' }) === true;
  const ownErrors = state.edited && state.issues.some((issue) => issue.severity === 'error');
  const whole = combine(messagesAt(state.issues, '', state.edited), rootMessage(state.errors, ownErrors));
  return (
    <Stack spacing={3} data-field="no_calls_notify_time_period">
      {!notifyOn && (
        <Alert severity="info">
          The alert is off, so this schedule has no effect. You can still edit it; it applies once the alert is on.
        </Alert>
      )}
      {state.unset && (
        <Alert severity="info">
          No schedule is stored yet. Editing below creates one in {state.projectZone} time (the project’s zone).
        </Alert>
      )}
      {whole.length > 0 && (
        <Alert severity={whole.some((m) => m.tone === 'error') ? 'error' : 'warning'}>{helperOf(whole)}</Alert>
      )}
      <TimeZoneField state={state} />
      <WindowsEditor state={state} />
      <SchedulePreview state={state} />
      <Divider />
      <ExceptionNumbers state={state} />
      <ExcludedAgents state={state} />
    </Stack>
  );
}
