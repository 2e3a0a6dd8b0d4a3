import { Stack, Typography } from '@mui/material';
import { useWatch } from 'react-hook-form';
import type { ProjectFormValues } from '../../../shared/form';
import { describeSchedule } from '../../../shared/no-calls/summary';
import { timeZoneOf } from '../../../shared/no-calls/periods';
import { wallClockAt } from '../../../shared/no-calls/zoned';
import { isValidTimeZone } from '../../../shared/schemas/project';
import { useAgentNames } from '../../api/agents';
import { DayChart } from './DayChart';
import { NextWindows } from './NextWindows';
import { useNow, viewerTimeZone } from './useNow';
import type { ScheduleState } from './useSchedule';

/** The schedule as a picture, in words, and as the next real windows. */
export function SchedulePreview({ state }: { state: ScheduleState }) {
  const notifyOn = useWatch<ProjectFormValues, 'notify_no_calls'>({ name: 'notify_no_calls' }) === true;
  const now = useNow();
  const zone = timeZoneOf(state.view) ?? '';
  const validZone = isValidTimeZone(zone);
  const wall = validZone ? wallClockAt(zone, now) : undefined;
  const agentIds = (Array.isArray(state.view.agents) ? state.view.agents : []).filter((id): id is number =>
    Number.isInteger(id),
  );
  const names = useAgentNames(state.projectId, agentIds).data ?? {};
  const summary = describeSchedule(state.schedule, notifyOn, (id) =>
    typeof id === 'number' && names[id] ? names[id] : `#${String(id)}`,
  );
  return (
    <Stack spacing={1.5} component="section" aria-labelledby="no-calls-preview">
      <Typography id="no-calls-preview" component="h2" variant="h6">
        When silence raises an alert
      </Typography>
      <Typography>{summary}</Typography>
      <DayChart
        schedule={state.view}
        timeZone={validZone ? zone : 'an unknown'}
        nowMinutes={wall ? wall.hour * 60 + wall.minute : undefined}
      />
      <Typography component="h3" variant="subtitle1">
        Next monitored windows{notifyOn ? '' : ' (if the alert were on)'}
      </Typography>
      <NextWindows schedule={state.view} now={now} viewerZone={viewerTimeZone()} />
    </Stack>
  );
}
