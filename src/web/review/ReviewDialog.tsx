import { useMemo } from 'react';
import {
  Alert,
  AlertTitle,
  Box,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  Typography,
} from '@mui/material';
import { useQueryClient } from '@tanstack/react-query';
import { SECTION_LABELS, type Project } from '../../shared/schemas/project';
import type { ProjectFormValues } from '../../shared/form';
import { describeChanges, type ChangeEntry } from '../../shared/merge/review';
import { changeLines, type NameLookups } from './change-lines';
import { cachedNames } from './cached-names';
import { setMappingNote, useMappingNote } from './mapping-note';

export interface ReviewDialogProps {
  projectId: number;
  /** The snapshot the save is measured against (and sent with its ETag). */
  base: Project;
  values: ProjectFormValues;
  /** Shown above the changes, e.g. what a merge took from the server. */
  note?: string;
  onConfirm(): void;
  onBack(): void;
}

/** "Review changes": every pending change by section, before the PATCH goes out. Back loses nothing. */
export default function ReviewDialog({ projectId, base, values, note, onConfirm, onBack }: ReviewDialogProps) {
  const queryClient = useQueryClient();
  const groups = useMemo(() => describeChanges(base, values), [base, values]);
  const names = useMemo(() => cachedNames(queryClient, projectId), [queryClient, projectId]);
  const count = groups.reduce((total, group) => total + group.entries.length, 0);
  const pendingNote = useMappingNote(projectId);
  // Only while the draft still changes a field the note is about (an import undone by Discard is no longer pending).
  const mapping =
    pendingNote && groups.some((group) => group.entries.some((entry) => pendingNote.fields.includes(entry.field)))
      ? pendingNote
      : undefined;
  const confirm = () => {
    setMappingNote(projectId, null); // shown once, with the save it belongs to
    onConfirm();
  };

  return (
    <Dialog
      open
      onClose={onBack}
      aria-labelledby="review-title"
      aria-describedby="review-summary"
      fullWidth
      maxWidth="md"
      scroll="paper"
    >
      <DialogTitle id="review-title">Review changes</DialogTitle>
      <DialogContent dividers>
        {note && (
          <Alert severity="info" sx={{ mb: 2 }}>
            {note}
          </Alert>
        )}
        {mapping && (
          <Alert severity="info" sx={{ mb: 2 }} role="note" aria-label="Ids translated from another project">
            <AlertTitle>{mapping.title}</AlertTitle>
            {mapping.lines.map((line, index) => (
              <Typography key={index} variant="body2">
                {line}
              </Typography>
            ))}
          </Alert>
        )}
        <Typography id="review-summary" sx={{ mb: 1 }}>
          {count === 1 ? '1 change' : `${count} changes`} will be saved to the project.
        </Typography>
        {groups.map((group) => (
          <Box component="section" key={group.section} aria-labelledby={`review-${group.section}`} sx={{ mt: 2 }}>
            <Typography id={`review-${group.section}`} variant="subtitle1" component="h3" sx={{ fontWeight: 600 }}>
              {SECTION_LABELS[group.section]}
            </Typography>
            <Box component="ul" sx={{ m: 0, pl: 3 }}>
              {group.entries.map((entry) => (
                <EntryItem key={entry.field} entry={entry} names={names} />
              ))}
            </Box>
          </Box>
        ))}
      </DialogContent>
      <DialogActions>
        <Button onClick={onBack}>Back</Button>
        <Button variant="contained" onClick={confirm} autoFocus>
          Confirm
        </Button>
      </DialogActions>
    </Dialog>
  );
}

function EntryItem({ entry, names }: { entry: ChangeEntry; names: NameLookups }) {
  const lines = changeLines(entry, names);
  if (lines.length === 1) {
    return (
      <Typography component="li" sx={{ py: 0.5 }}>
        <strong>{entry.label}:</strong> {lines[0]}
      </Typography>
    );
  }
  return (
    <Typography component="li" sx={{ py: 0.5 }}>
      <strong>{entry.label}:</strong>
      {lines.map((line, index) => (
        <Typography key={index} component="span" variant="body2" sx={{ display: 'block', pl: 1 }}>
          {line}
        </Typography>
      ))}
    </Typography>
  );
}
