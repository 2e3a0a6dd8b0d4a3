import { Alert, AlertTitle, Button, Stack } from '@mui/material';
import type { MergeOutcome } from './useMergeFlow';

export interface MergeBannersProps {
  /** A newer version exists on the server while the user has edits. */
  changedElsewhere: boolean;
  onMergeNow(): void;
  restored: MergeOutcome | null;
  onDiscardRestored(): void;
  onDismissRestored(): void;
  busy: boolean;
}

/** "Changed elsewhere" (with Merge now) and "Restored N unsaved changes" (with Discard). */
export function MergeBanners({
  changedElsewhere,
  onMergeNow,
  restored,
  onDiscardRestored,
  onDismissRestored,
  busy,
}: MergeBannersProps) {
  if (!changedElsewhere && !restored) return null;
  const count = restored?.kept.length ?? 0;
  return (
    <Stack spacing={2} sx={{ mb: 3 }}>
      {changedElsewhere && (
        <Alert
          severity="warning"
          action={
            <Button color="inherit" size="small" onClick={onMergeNow} disabled={busy}>
              Merge now
            </Button>
          }
        >
          <AlertTitle>This project was changed elsewhere.</AlertTitle>
          Your edits are untouched. Merge now brings in the other changes, asks where both versions changed the same
          setting, and shows what your save would change.
        </Alert>
      )}
      {restored && (
        <Alert
          severity="info"
          action={
            <>
              <Button color="inherit" size="small" onClick={onDiscardRestored}>
                Discard
              </Button>
              <Button color="inherit" size="small" onClick={onDismissRestored}>
                Dismiss
              </Button>
            </>
          }
        >
          Restored {count === 1 ? '1 unsaved change' : `${count} unsaved changes`} from before the reload.
          {restored.note ? ` ${restored.note}` : ''}
        </Alert>
      )}
    </Stack>
  );
}
