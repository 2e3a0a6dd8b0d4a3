import { Alert, Button, Stack } from '@mui/material';
import type { MergeOutcome } from './save-machine';

export interface MergeBannersProps {
  restored: MergeOutcome | null;
  onDiscardRestored(): void;
  onDismissRestored(): void;
}

/** "Restored N unsaved changes" (with Discard). "Changed elsewhere" is shown in the save bar (SaveProblems). */
export function MergeBanners({ restored, onDiscardRestored, onDismissRestored }: MergeBannersProps) {
  if (!restored) return null;
  const count = restored.kept.length;
  return (
    <Stack spacing={2} sx={{ mb: 3 }}>
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
    </Stack>
  );
}
