import { useState } from 'react';
import { Alert, AlertTitle, Button, Stack } from '@mui/material';
import { Link } from 'react-router';
import { SECTION_LABELS } from '../../shared/schemas/fields';
import { LazyConfirmDialog as ConfirmDialog } from '../components/LazyConfirmDialog';
import { useProjectContext } from './project-context';
import { useSaveActions } from './shell-context';
import type { SaveProblem } from './save-problem';

/** Above every section: a deleted project, a conflict, a failed save (field messages stay at the fields). */
export function ProjectBanners({ problem, onReload, onDismiss }: { problem: SaveProblem | null; onReload(): void; onDismiss(): void }) {
  const { project, projectId } = useProjectContext();
  return (
    <Stack spacing={2} sx={{ mb: problem || project.is_deleted === true ? 3 : 0 }}>
      {project.is_deleted === true && <DeletedBanner />}
      {problem?.kind === 'conflict' && (
        <Alert severity="warning" action={<Button color="inherit" size="small" onClick={onReload}>Reload</Button>}>
          <AlertTitle>Not saved: the project changed elsewhere</AlertTitle>
          {problem.detail} Your edits are still here. Reload takes the latest version from the server and keeps your edits on top of it; then
          check them and save again.
        </Alert>
      )}
      {problem?.kind === 'error' && (
        <Alert severity="error" onClose={onDismiss}>
          <AlertTitle>{problem.title}</AlertTitle>
          {problem.messages.map((message) => (
            <div key={message}>{message}</div>
          ))}
          {problem.sections.length > 0 && (
            <div>
              See:{' '}
              {problem.sections.map((section, index) => (
                <span key={section}>
                  {index > 0 && ', '}
                  <Link to={`/projects/${projectId}/${section}`}>{SECTION_LABELS[section]}</Link>
                </span>
              ))}
            </div>
          )}
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
      It stays listed as deleted. Restore it to use it again.
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
