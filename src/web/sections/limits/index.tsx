import { Stack, Typography } from '@mui/material';
import { SectionCard } from '../../components/SectionCard';
import { ProjectTextField } from '../../components/ProjectTextField';
import { SampleRateField } from './SampleRateField';
import { boundPartnersOf } from '../../../shared/schemas/fields';

const numeric = { htmlInput: { inputMode: 'numeric' as const } };

/** Limits: call durations, the outbound timeout, metric sampling and the chat message limit. */
export default function LimitsSection() {
  return (
    <Stack spacing={3}>
      <Typography variant="h5" component="h1">
        Limits
      </Typography>
      <SectionCard title="Calls">
        <Stack spacing={3} sx={{ maxWidth: 520, pt: 1 }}>
          <ProjectTextField
            name="min_call_duration"
            deps={boundPartnersOf('min_call_duration')}
            slotProps={numeric}
            hint="Whole seconds; at most the maximum."
          />
          <ProjectTextField
            name="max_call_duration"
            deps={boundPartnersOf('max_call_duration')}
            slotProps={numeric}
            hint="Whole seconds; at least the minimum."
          />
          <ProjectTextField name="outbound_timeout" slotProps={numeric} />
        </Stack>
      </SectionCard>
      <SectionCard title="Metrics and chats">
        <Stack spacing={3} sx={{ maxWidth: 520, pt: 1 }}>
          <SampleRateField />
          <ProjectTextField name="max_messages_chat_runs_limit" slotProps={numeric} />
        </Stack>
      </SectionCard>
    </Stack>
  );
}
