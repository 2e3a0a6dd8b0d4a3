import { useState } from 'react';
import { Alert, Box, Button, Paper, Typography } from '@mui/material';
import { LazyConfirmDialog } from '../../components/LazyConfirmDialog';
import { useProjectContext } from '../../settings/project-context';
import { useSaveActions } from '../../settings/shell-context';

/** Soft delete and restore (decision 11): both ask first, both take effect at once and can be undone. */
export function DangerZone() {
  const { project } = useProjectContext();
  const { saveFields, saving, readOnly } = useSaveActions();
  const [confirming, setConfirming] = useState(false);
  const deleted = project.is_deleted === true;
  const name = typeof project.name === 'string' && project.name ? `“${project.name}”` : 'this project';

  return (
    <Paper
      variant="outlined"
      component="section"
      aria-labelledby="general-danger"
      data-field="is_deleted"
      sx={{ p: 3, borderColor: 'error.main' }}
    >
      <Typography id="general-danger" variant="h6" component="h2" gutterBottom>
        Danger zone
      </Typography>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 2, flexWrap: 'wrap' }}>
        <Typography sx={{ flex: '1 1 320px' }}>
          {deleted
            ? 'This project is deleted. Restoring it makes it an ordinary project again.'
            : 'Deleting marks the project as deleted (is_deleted). The built-in emulator keeps it listed as “Deleted” and lets you restore it; Cekura does not document whether a deleted project stays listed or can be restored.'}
        </Typography>
        <Button
          variant={deleted ? 'contained' : 'outlined'}
          color={deleted ? 'primary' : 'error'}
          onClick={() => setConfirming(true)}
          disabled={saving || readOnly}
        >
          {deleted ? 'Restore project' : 'Delete project'}
        </Button>
      </Box>
      {readOnly && (
        <Alert severity="info" sx={{ mt: 2 }}>
          This API key is read-only, so the project cannot be deleted or restored from here.
        </Alert>
      )}
      <LazyConfirmDialog
        open={confirming}
        title={deleted ? `Restore ${name}?` : `Delete ${name}?`}
        confirmLabel={deleted ? 'Restore project' : 'Delete project'}
        danger={!deleted}
        onCancel={() => setConfirming(false)}
        onConfirm={() => {
          setConfirming(false);
          void saveFields({ is_deleted: !deleted });
        }}
      >
        {deleted
          ? 'The project is restored right away. Your other unsaved edits stay unsaved.'
          : 'The project is marked as deleted right away; you can restore it later from this page. Your other unsaved edits stay unsaved.'}
      </LazyConfirmDialog>
    </Paper>
  );
}
