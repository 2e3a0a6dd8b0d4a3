import { Alert, Snackbar } from '@mui/material';
import { HISTORY_NOT_RECORDED } from './save-machine';

/** The notice after a save (SavedNotice.tsx), its own chunk. */
export default function SavedSnackbar({ message, onClose }: { message: string | null; onClose(): void }) {
  return (
    <Snackbar
      open={!!message}
      autoHideDuration={5000}
      onClose={(_event, reason) => reason !== 'clickaway' && onClose()}
      // Bottom left, above the save bar on narrow screens: never over the top bar's Search.
      anchorOrigin={{ vertical: 'bottom', horizontal: 'left' }}
      sx={{ bottom: { xs: 96, md: 24 } }}
    >
      <Alert
        severity={message === HISTORY_NOT_RECORDED ? 'warning' : 'success'}
        variant="filled"
        onClose={onClose}
        sx={{ width: '100%' }}
      >
        {message}
      </Alert>
    </Snackbar>
  );
}
