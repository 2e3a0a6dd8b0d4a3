import { Alert, Snackbar } from '@mui/material';

export function SavedNotice({ message, onClose }: { message: string | null; onClose(): void }) {
  return (
    <Snackbar
      open={!!message}
      autoHideDuration={5000}
      onClose={(_event, reason) => reason !== 'clickaway' && onClose()}
      anchorOrigin={{ vertical: 'top', horizontal: 'center' }}
    >
      <Alert severity="success" variant="filled" onClose={onClose} sx={{ width: '100%' }}>
        {message}
      </Alert>
    </Snackbar>
  );
}
