import { useState } from 'react';
import { Box, Button, TextField } from '@mui/material';
import { tidyTime, timeFrameFromText, timeFrameText } from '../../../shared/no-calls/edit';
import { combine, hasError, helperOf, messagesAt, serverMessageAt, type FieldMessage } from './messages';
import type { ScheduleState } from './useSchedule';

type TimeKey = 'start_time' | 'end_time';

interface WindowRowProps {
  state: ScheduleState;
  index: number;
  period: Record<string, unknown>;
  onChange: (changes: Record<string, unknown>) => void;
  onRemove: () => void;
}

/** One monitoring window: start, end and the minutes without calls that raise the alert. */
export function WindowRow({ state, index, period, onChange, onRemove }: WindowRowProps) {
  // A half-typed time ("09:") is not flagged until the field is left or complete.
  const [left, setLeft] = useState<Record<TimeKey, boolean>>({ start_time: false, end_time: false });
  const row = `time_periods.${index}`;
  const messagesFor = (path: string) =>
    combine(messagesAt(state.issues, path, state.edited), serverMessageAt(state.errors, path));
  const messages = (key: string) => messagesFor(`${row}.${key}`);
  const number = index + 1;

  const timeField = (key: TimeKey, label: string) => {
    const text = typeof period[key] === 'string' ? (period[key] as string) : timeFrameText(period[key]);
    const shown: FieldMessage[] = left[key] || text.length >= 5 ? messages(key) : [];
    return (
      <TextField
        label={label}
        value={text}
        size="small"
        onChange={(event) => onChange({ [key]: event.target.value })}
        onBlur={() => {
          setLeft((was) => ({ ...was, [key]: true }));
          if (tidyTime(text) !== text) onChange({ [key]: tidyTime(text) });
        }}
        error={hasError(shown)}
        helperText={helperOf(shown) ?? '24-hour HH:MM'}
        slotProps={{
          htmlInput: {
            inputMode: 'numeric',
            placeholder: 'HH:MM',
            'aria-label': `Window ${number} ${label.toLowerCase()}`,
          },
        }}
        sx={{ width: 170 }}
      />
    );
  };

  const frameMessages = messages('time_frame');
  const rowMessages = messagesFor(row);
  return (
    <Box component="fieldset" sx={{ border: 1, borderColor: 'divider', borderRadius: 1, px: 2, pt: 1, pb: 2, m: 0 }}>
      <Box component="legend" sx={{ px: 0.5, typography: 'subtitle2' }}>
        Window {number}
      </Box>
      {rowMessages.length > 0 && (
        <Box sx={{ color: 'error.main', typography: 'body2', mb: 1 }}>{helperOf(rowMessages)}</Box>
      )}
      <Box sx={{ display: 'flex', gap: 2, flexWrap: 'wrap', alignItems: 'flex-start' }}>
        {timeField('start_time', 'Start')}
        {timeField('end_time', 'End')}
        <TextField
          label="Minutes without calls"
          value={timeFrameText(period.time_frame)}
          size="small"
          onChange={(event) => onChange({ time_frame: timeFrameFromText(event.target.value) })}
          error={hasError(frameMessages)}
          helperText={helperOf(frameMessages) ?? 'Alert after this many minutes of silence (1–1440).'}
          slotProps={{ htmlInput: { inputMode: 'numeric', 'aria-label': `Window ${number} minutes without calls` } }}
          sx={{ width: 240 }}
        />
        <Button onClick={onRemove} color="inherit" aria-label={`Remove window ${number}`} sx={{ mt: 0.5 }}>
          Remove
        </Button>
      </Box>
    </Box>
  );
}
