import { Paper, Typography } from '@mui/material';

/** What a rubric does, shown while there is none. */
export function EmptyRubric() {
  return (
    <Paper variant="outlined" sx={{ p: 3, bgcolor: 'action.hover' }}>
      <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 600 }} gutterBottom>
        This project has no rubric yet
      </Typography>
      <Typography variant="body2" component="div">
        A rubric decides whether a production call passes. Each rule looks at one metric&apos;s result on the call and
        compares it: a score (&quot;Customer satisfaction is at least 4&quot;), True/False (&quot;Booking confirmed is
        true&quot;) or a value from a list (&quot;Call resolution is resolved or partially resolved&quot;). A call
        passes when every rule holds; a rule whose metric has no result on the call is skipped. Without a rubric, every
        call passes.
      </Typography>
    </Paper>
  );
}
