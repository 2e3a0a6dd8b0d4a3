import { Paper, Stack, Typography } from '@mui/material';
import { ProjectTextField } from '../../components/ProjectTextField';
import { SampleRateField } from './SampleRateField';

const numeric = { htmlInput: { inputMode: 'numeric' as const } };

/** Limits: call durations, the outbound timeout, metric sampling and the chat message limit. */
export default function LimitsSection() {
  return (
    <Stack spacing={3}>
      <Typography variant="h5" component="h1">
        Limits
      </Typography>
      <Paper variant="outlined" component="section" aria-labelledby="limits-calls" sx={{ p: 3 }}>
        <Typography id="limits-calls" variant="h6" component="h2" gutterBottom>
          Calls
        </Typography>
        <Stack spacing={3} sx={{ maxWidth: 520, pt: 1 }}>
          <ProjectTextField
            name="min_call_duration"
            deps={['max_call_duration']}
            slotProps={numeric}
            hint="Whole seconds; at most the maximum."
          />
          <ProjectTextField
            name="max_call_duration"
            deps={['min_call_duration']}
            slotProps={numeric}
            hint="Whole seconds; at least the minimum."
          />
          <ProjectTextField name="outbound_timeout" slotProps={numeric} />
        </Stack>
      </Paper>
      <Paper variant="outlined" component="section" aria-labelledby="limits-metrics" sx={{ p: 3 }}>
        <Typography id="limits-metrics" variant="h6" component="h2" gutterBottom>
          Metrics and chats
        </Typography>
        <Stack spacing={3} sx={{ maxWidth: 520, pt: 1 }}>
          <SampleRateField />
          <ProjectTextField name="max_messages_chat_runs_limit" slotProps={numeric} />
        </Stack>
      </Paper>
    </Stack>
  );
}
