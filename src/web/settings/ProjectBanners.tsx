import { useState } from 'react';
import { Alert, AlertTitle, Button, Stack } from '@mui/material';
import { LazyConfirmDialog as ConfirmDialog } from '../components/LazyConfirmDialog';
import { useProjectContext } from './project-context';
import { useSaveActions } from './shell-context';
import { SaveErrorBanner } from './SaveErrorBanner';
import type { SaveProblem } from './save-problem';

/** Above every section: a deleted project (a state of the project, not of the last save). */
export function ProjectBanners() {
  const { project } = useProjectContext();
  if (project.is_deleted !== true) return null;
  return (
    <Stack spacing={2} sx={{ mb: 3 }}>
      <DeletedBanner />
    </Stack>
  );
}

/**
 * In the save bar, which stays in the viewport: a conflict, a failed save, a change made elsewhere. The user
 * sees (and a screen reader announces: each is an alert) the outcome where they pressed Save, however far down.
 */
export function SaveProblems({
  problem,
  changedElsewhere,
  onReload,
  onMergeNow,
  onDismiss,
  busy,
}: {
  problem: SaveProblem | null;
  changedElsewhere: boolean;
  onReload(): void;
  onMergeNow(): void;
  onDismiss(): void;
  busy: boolean;
}) {
  if (!problem && !changedElsewhere) return null;
  return (
    <Stack spacing={1} sx={{ width: '100%', maxHeight: '40vh', overflowY: 'auto' }}>
      {problem?.kind === 'conflict' && (
        <Alert
          severity="warning"
          action={
            <Button color="inherit" size="small" onClick={onReload}>
              Reload
            </Button>
          }
        >
          <AlertTitle>Not saved: the project changed elsewhere</AlertTitle>
          {problem.detail} Your edits are still here. Reload takes the latest version from the server and keeps your
          edits on top of it; then check them and save again.
        </Alert>
      )}
      {problem?.kind === 'error' && <SaveErrorBanner problem={problem} onDismiss={onDismiss} />}
      {changedElsewhere && problem?.kind !== 'conflict' && (
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
    </Stack>
  );
}

function DeletedBanner() {
  const { saveFields, saving, readOnly } = useSaveActions();
  const [confirming, setConfirming] = useState(false);
  return (
    <Alert
      severity="warning"
      action={
        <Button color="inherit" size="small" onClick={() => setConfirming(true)} disabled={saving || readOnly}>
          Restore
        </Button>
      }
    >
      <AlertTitle>This project is deleted</AlertTitle>
      Restore it to use it again (the built-in emulator keeps deleted projects listed; Cekura does not document this).
      <ConfirmDialog
        open={confirming}
        title="Restore this project?"
        confirmLabel="Restore project"
        onCancel={() => setConfirming(false)}
        onConfirm={() => {
          setConfirming(false);
          void saveFields({ is_deleted: false });
        }}
      >
        The project is marked as not deleted right away. Your other unsaved edits stay unsaved.
      </ConfirmDialog>
    </Alert>
  );
}
