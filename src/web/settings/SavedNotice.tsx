import { Alert, Snackbar } from '@mui/material';

export function SavedNotice({ message, onClose }: { message: string | null; onClose(): void }) {
  return (
    <Snackbar
      open={!!message}
      autoHideDuration={5000}
      onClose={(_event, reason) => reason !== 'clickaway' && onClose()}
      // Bottom left, above the save bar on narrow screens: never over the top bar's Search.
      anchorOrigin={{ vertical: 'bottom', horizontal: 'left' }}
      sx={{ bottom: { xs: 96, md: 24 } }}
    >
      <Alert severity="success" variant="filled" onClose={onClose} sx={{ width: '100%' }}>
        {message}
      </Alert>
    </Snackbar>
  );
}
