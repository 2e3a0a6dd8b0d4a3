import { Alert, Button, Stack, Typography } from '@mui/material';
import { periodsOf } from '../../../shared/no-calls/periods';
import { newPeriod, removePeriod, updatePeriod } from '../../../shared/no-calls/edit';
import { OVERNIGHT_HINT } from '../../../shared/no-calls/checks';
import { combine, helperOf, messagesAt, serverMessageAt } from './messages';
import { WindowRow } from './WindowRow';
import type { ScheduleState } from './useSchedule';

/** The list of monitoring windows, with add and remove. */
export function WindowsEditor({ state }: { state: ScheduleState }) {
  const { view, update } = state;
  const periods = periodsOf(view);
  const listMessages = combine(
    messagesAt(state.issues, 'time_periods', state.edited),
    serverMessageAt(state.errors, 'time_periods'),
  );
  return (
    <Stack spacing={1.5} component="section" aria-labelledby="no-calls-windows">
      <Typography id="no-calls-windows" component="h2" variant="h6">
        Monitoring windows
      </Typography>
      <Typography variant="body2" color="text.secondary">
        Each day, inside each window, a stretch of that many minutes without a call raises the alert. Windows must not
        overlap. {OVERNIGHT_HINT}
      </Typography>
      {listMessages.length > 0 && <Alert severity="error">{helperOf(listMessages)}</Alert>}
      {periods.length === 0 && <Typography variant="body2">No windows yet.</Typography>}
      {periods.map((period, index) =>
        period && typeof period === 'object' && !Array.isArray(period) ? (
          <WindowRow
            key={index}
            state={state}
            index={index}
            period={period as Record<string, unknown>}
            onChange={(changes) => update({ time_periods: updatePeriod(view, index, changes) })}
            onRemove={() => update({ time_periods: removePeriod(view, index) })}
          />
        ) : (
          <Alert
            key={index}
            severity="warning"
            action={
              <Button color="inherit" size="small" onClick={() => update({ time_periods: removePeriod(view, index) })}>
                Remove
              </Button>
            }
          >
            Window {index + 1} is not a window ({JSON.stringify(period)}).
          </Alert>
        ),
      )}
      <div>
        <Button variant="outlined" onClick={() => update({ time_periods: [...periods, newPeriod(view)] })}>
          Add window
        </Button>
      </div>
    </Stack>
  );
}
