import { useMemo } from 'react';
import { Button, Dialog, DialogActions, DialogContent, DialogTitle, Typography } from '@mui/material';
import { useFormContext } from 'react-hook-form';
import { useNavigate } from 'react-router';
import { PROJECT_FIELDS, type ProjectField } from '../../shared/schemas/project';
import type { ProjectFormValues } from '../../shared/form';
import { useProjectContext } from '../settings/project-context';
import { useSaveActions } from '../settings/shell-context';
import type { HistoryEntry } from '../api/history';
import { planRevert } from './revert';

const labels = (fields: readonly ProjectField[]) => fields.map((field) => PROJECT_FIELDS[field].label).join(', ');

/**
 * Says what reverting does, then puts the old values into the form as a draft and opens the first section
 * it touches. Nothing is sent here: the draft is reviewed and saved like any edit (review, If-Match).
 */
export function RevertDialog({ entry, onClose }: { entry: HistoryEntry; onClose(): void }) {
  const { project, projectId } = useProjectContext();
  const form = useFormContext<ProjectFormValues>();
  const navigate = useNavigate();
  const { markRevert } = useSaveActions();
  const plan = useMemo(() => planRevert(entry.changes, project), [entry.changes, project]);

  const apply = () => {
    for (const field of plan.fields)
      form.setValue(field, plan.values[field] as never, { shouldDirty: true, shouldValidate: true });
    markRevert(plan.fields);
    onClose();
    if (plan.firstSection) navigate(`/projects/${projectId}/${plan.firstSection}`);
  };

  return (
    <Dialog open onClose={onClose} aria-labelledby="revert-dialog-title" maxWidth="sm" fullWidth>
      <DialogTitle id="revert-dialog-title">Revert this save?</DialogTitle>
      <DialogContent sx={{ display: 'grid', gap: 1.5 }}>
        {plan.fields.length > 0 ? (
          <Typography>
            This prepares a draft with the values from before this save for: {labels(plan.fields)}. Nothing is saved
            until you check the draft and click Save. Your other unsaved edits stay as they are.
          </Typography>
        ) : (
          <Typography>Nothing in this save can be reverted from here.</Typography>
        )}
        {plan.changedSince.length > 0 && (
          <Typography color="warning.dark">
            Changed again since this save: {labels(plan.changedSince)}. Reverting replaces that later change too.
          </Typography>
        )}
        {plan.secrets.length > 0 && (
          <Typography>
            {labels(plan.secrets)} can&apos;t be reverted: the history never records secret values. Set them again by
            hand if needed.
          </Typography>
        )}
        {plan.skipped.map((skip) => (
          <Typography key={skip.field}>
            {skip.field in PROJECT_FIELDS ? PROJECT_FIELDS[skip.field as ProjectField].label : skip.field}:{' '}
            {skip.reason}
          </Typography>
        ))}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} autoFocus>
          Cancel
        </Button>
        {plan.fields.length > 0 && (
          <Button variant="contained" onClick={apply}>
            Prepare the revert
          </Button>
        )}
      </DialogActions>
    </Dialog>
  );
}
