import { useMemo, useState } from 'react';
import {
  Alert,
  Box,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  ToggleButton,
  ToggleButtonGroup,
  Typography,
} from '@mui/material';
import { useQueryClient } from '@tanstack/react-query';
import { PROJECT_FIELDS, type ProjectField } from '../../shared/schemas/project';
import type { Choice, MergeConflict } from '../../shared/merge/merge';
import { conflictLabel, fieldValueLines, ruleListLines, type NameLookups } from './change-lines';
import { cachedNames } from './cached-names';

export interface ConflictDialogProps {
  projectId: number;
  conflicts: MergeConflict[];
  takenFromServer: ProjectField[];
  /** After the choices: 'review' opens the review (a save), 'edit' only updates the form (a restore). */
  next: 'review' | 'edit';
  onResolve(choices: Record<string, Choice>): void;
  onDiscardMine(): void;
  /** Leaves the draft on its old base; absent when there is nothing to go back to. */
  onBack?(): void;
}

/** Both sides changed the same settings: one choice per item; nothing is sent until every item has one. */
export default function ConflictDialog({
  projectId,
  conflicts,
  takenFromServer,
  next,
  onResolve,
  onDiscardMine,
  onBack,
}: ConflictDialogProps) {
  const queryClient = useQueryClient();
  const names = useMemo(() => cachedNames(queryClient, projectId), [queryClient, projectId]);
  const [choices, setChoices] = useState<Record<string, Choice>>({});
  const open = conflicts.filter((conflict) => !choices[conflict.id]).length;

  return (
    <Dialog
      open
      onClose={onBack}
      aria-labelledby="conflict-title"
      aria-describedby="conflict-text"
      fullWidth
      maxWidth="md"
      scroll="paper"
    >
      <DialogTitle id="conflict-title">Changed in two places</DialogTitle>
      <DialogContent dividers>
        <DialogContentText id="conflict-text">
          This project was saved elsewhere since you opened it, and{' '}
          {conflicts.length === 1 ? 'one setting was' : `${conflicts.length} settings were`} changed both there and
          here. Choose which version to keep for each; nothing is saved until every item is resolved
          {next === 'review' ? ' and you confirm the review' : ''}.
        </DialogContentText>
        {takenFromServer.length > 0 && (
          <Alert severity="info" sx={{ mt: 2 }}>
            Taken from the other version (you had not changed them):{' '}
            {takenFromServer.map((field) => PROJECT_FIELDS[field].label).join(', ')}.
          </Alert>
        )}
        {conflicts.map((conflict) => (
          <ConflictItem
            key={conflict.id}
            conflict={conflict}
            names={names}
            choice={choices[conflict.id]}
            onChoose={(choice) => setChoices((current) => ({ ...current, [conflict.id]: choice }))}
          />
        ))}
      </DialogContent>
      <DialogActions sx={{ flexWrap: 'wrap', gap: 1 }}>
        <Button color="error" onClick={onDiscardMine} sx={{ mr: 'auto' }}>
          Discard mine and reload
        </Button>
        {onBack && <Button onClick={onBack}>Back to editing</Button>}
        <Button variant="contained" disabled={open > 0} onClick={() => onResolve(choices)}>
          {next === 'review' ? 'Continue to review' : 'Apply choices'}
        </Button>
      </DialogActions>
      {open > 0 && (
        <Typography variant="body2" color="text.secondary" sx={{ px: 3, pb: 2, textAlign: 'right' }}>
          {open === 1 ? '1 item still needs a choice.' : `${open} items still need a choice.`}
        </Typography>
      )}
    </Dialog>
  );
}

function ConflictItem({
  conflict,
  names,
  choice,
  onChoose,
}: {
  conflict: MergeConflict;
  names: NameLookups;
  choice?: Choice;
  onChoose(choice: Choice): void;
}) {
  const label = conflictLabel(conflict, names);
  const lines = (side: unknown) =>
    conflict.kind === 'rubric-metric'
      ? ruleListLines(side as unknown[], names)
      : fieldValueLines(conflict.field, side, names);
  const headingId = `conflict-${conflict.id.replace(/[^a-z0-9]+/gi, '-')}`;
  return (
    <Box
      role="group"
      aria-labelledby={headingId}
      sx={{ mt: 3, p: 2, border: 1, borderColor: 'divider', borderRadius: 1 }}
    >
      <Typography id={headingId} variant="subtitle1" component="h3" sx={{ fontWeight: 600 }}>
        {label}
      </Typography>
      <Box sx={{ display: 'grid', gridTemplateColumns: { sm: '1fr 1fr' }, gap: 2, my: 1 }}>
        <Side title="Mine (this page)" lines={lines(conflict.mine)} />
        <Side title="Theirs (saved elsewhere)" lines={lines(conflict.theirs)} />
      </Box>
      <ToggleButtonGroup
        exclusive
        size="small"
        color="primary"
        value={choice ?? null}
        onChange={(_event, value: Choice | null) => value && onChoose(value)}
        aria-label={`Choice for ${label}`}
      >
        <ToggleButton value="mine">Keep mine</ToggleButton>
        <ToggleButton value="theirs">Take theirs</ToggleButton>
      </ToggleButtonGroup>
    </Box>
  );
}

function Side({ title, lines }: { title: string; lines: string[] }) {
  return (
    <Box>
      <Typography variant="body2" color="text.secondary">
        {title}
      </Typography>
      {lines.map((line, index) => (
        <Typography key={index}>{line}</Typography>
      ))}
    </Box>
  );
}
