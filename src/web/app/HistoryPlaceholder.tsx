import { Alert, Typography } from '@mui/material';

// Reserved route: the save history arrives with a later issue.
export function HistoryPlaceholder() {
  return (
    <>
      <Typography variant="h5" component="h1" gutterBottom>
        History
      </Typography>
      <Alert severity="info">The history of saves is not built yet.</Alert>
    </>
  );
}
