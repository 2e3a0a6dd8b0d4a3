import { Stack, Typography } from '@mui/material';
import { ProjectSwitch } from '../../components/ProjectSwitch';
import { SECTION_LABELS } from '../../../shared/schemas/project';
import { ScheduleEditor } from './ScheduleEditor';
import { loadPhoneCheck } from './validator';

// The save check gets the full phone check as soon as the section opens.
loadPhoneCheck();

// Issue 6: when silence raises an alert. The switch turns the alert on; the schedule says when and
// for whom it watches. Route-level lazy chunk (Autocomplete and libphonenumber-js load only here).
export default function NoCallsSection() {
  return (
    <Stack spacing={3}>
      <div>
        <Typography variant="h5" component="h1" gutterBottom>
          {SECTION_LABELS['no-calls']}
        </Typography>
        <Typography color="text.secondary">
          Cekura can alert you when no call arrives for a while during the hours you expect calls.
        </Typography>
      </div>
      <ProjectSwitch
        name="notify_no_calls"
        hint="Turns the no-calls alert on; the schedule below says when and for which calls it watches."
      />
      <ScheduleEditor />
    </Stack>
  );
}
