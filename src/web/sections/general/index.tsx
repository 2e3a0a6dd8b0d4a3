import { Stack, Typography } from '@mui/material';
import { SectionCard } from '../../components/SectionCard';
import { ProjectTextField } from '../../components/ProjectTextField';
import { ProjectSwitch } from '../../components/ProjectSwitch';
import { ProjectTimeZoneField } from './ProjectTimeZoneField';
import { DangerZone } from './DangerZone';
import { OtherFields } from './OtherFields';

const FEATURE_SWITCHES = [
  'evaluate_relevant_metrics_enabled',
  'end_call_enabled',
  'generate_scenario_auto_assign_numbers_enabled',
  'enable_client_side_testing',
  'should_show_powered_by',
] as const;

/** General: the project's name and time zone, its feature switches, and deleting it. */
export default function GeneralSection() {
  return (
    <Stack spacing={3}>
      <Typography variant="h5" component="h1">
        General
      </Typography>
      <SectionCard title="Project">
        <Stack spacing={3} sx={{ maxWidth: 520, pt: 1 }}>
          <ProjectTextField name="name" autoComplete="off" />
          <ProjectTimeZoneField />
        </Stack>
      </SectionCard>
      <SectionCard title="Features">
        {FEATURE_SWITCHES.map((name) => (
          <ProjectSwitch key={name} name={name} />
        ))}
      </SectionCard>
      <SectionCard title="Evaluation">
        <ProjectSwitch name="use_provider_transcript" />
      </SectionCard>
      <OtherFields />
      <DangerZone />
    </Stack>
  );
}
