import { useState } from 'react';
import { Alert, AlertTitle, Button, Stack } from '@mui/material';
import { LazyConfirmDialog as ConfirmDialog } from '../components/LazyConfirmDialog';
import { useProjectContext } from './project-context';
import { useSaveActions } from './shell-context';
import { SaveErrorBanner } from './SaveErrorBanner';
import type { SaveProblem } from './save-problem';

/** Above every section: a deleted project, a conflict, a failed save (field messages stay at the fields). */
export function ProjectBanners({
  problem,
  onReload,
  onDismiss,
}: {
  problem: SaveProblem | null;
  onReload(): void;
  onDismiss(): void;
}) {
  const { project } = useProjectContext();
  return (
    <Stack spacing={2} sx={{ mb: problem || project.is_deleted === true ? 3 : 0 }}>
      {project.is_deleted === true && <DeletedBanner />}
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
