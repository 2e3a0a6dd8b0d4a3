import { TimeZoneSelect } from '../../components/TimeZoneSelect';
import { combine, hasError, helperOf, messagesAt, serverMessageAt } from './messages';
import type { ScheduleState } from './useSchedule';

/** The schedule's own time zone (it may differ from the project's), searchable. */
export function TimeZoneField({ state }: { state: ScheduleState }) {
  const zone = typeof state.view.time_zone === 'string' ? state.view.time_zone : '';
  const messages = combine(
    messagesAt(state.issues, 'time_zone', state.edited),
    serverMessageAt(state.errors, 'time_zone'),
  );
  const hint =
    zone === state.projectZone ? 'The project’s time zone.' : `The project’s time zone is ${state.projectZone}.`;
  return (
    <TimeZoneSelect
      id="no-calls-time-zone"
      label="Schedule time zone"
      value={zone}
      onChange={(time_zone) => state.update({ time_zone })}
      error={hasError(messages)}
      helperText={helperOf(messages) ?? `Window times are read in this zone. ${hint}`}
    />
  );
}
