import { Paper, Stack, Typography } from '@mui/material';
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
      <Paper variant="outlined" component="section" aria-labelledby="general-project" sx={{ p: 3 }}>
        <Typography id="general-project" variant="h6" component="h2" gutterBottom>
          Project
        </Typography>
        <Stack spacing={3} sx={{ maxWidth: 520, pt: 1 }}>
          <ProjectTextField name="name" autoComplete="off" />
          <ProjectTimeZoneField />
        </Stack>
      </Paper>
      <Paper variant="outlined" component="section" aria-labelledby="general-features" sx={{ p: 3 }}>
        <Typography id="general-features" variant="h6" component="h2" gutterBottom>
          Features
        </Typography>
        {FEATURE_SWITCHES.map((name) => (
          <ProjectSwitch key={name} name={name} />
        ))}
      </Paper>
      <Paper variant="outlined" component="section" aria-labelledby="general-evaluation" sx={{ p: 3 }}>
        <Typography id="general-evaluation" variant="h6" component="h2" gutterBottom>
          Evaluation
        </Typography>
        <ProjectSwitch name="use_provider_transcript" />
      </Paper>
      <OtherFields />
      <DangerZone />
    </Stack>
  );
}
