import { Stack, Typography } from '@mui/material';
import { AgentPicker } from '../../components/AgentPicker';
import { listOf } from '../../../shared/no-calls/edit';
import { combine, helperOf, messagesAt, serverMessageAt } from './messages';
import type { ScheduleState } from './useSchedule';

/** Agents excluded from monitoring (an empty list monitors every agent). */
export function ExcludedAgents({ state }: { state: ScheduleState }) {
  const agents = listOf(state.view, 'agents');
  const messages = combine(messagesAt(state.issues, 'agents', state.edited), serverMessageAt(state.errors, 'agents'));
  return (
    <Stack spacing={1.5} component="section" aria-labelledby="no-calls-agents">
      <Typography id="no-calls-agents" component="h2" variant="h6">
        Excluded agents
      </Typography>
      <Typography variant="body2" color="text.secondary">
        Listed agents are not monitored; with none listed, every agent is.
      </Typography>
      <AgentPicker
        projectId={state.projectId}
        value={agents}
        onChange={(next) => state.update({ agents: next })}
        label="Agents not monitored"
        helperText={helperOf(messages)}
      />
    </Stack>
  );
}
