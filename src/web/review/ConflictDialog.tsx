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
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { PROJECT_FIELDS, type Project, type ProjectField } from '../../shared/schemas/project';
import { canonicalJson } from '../../shared/schemas/rubric';
import { historyQuery, isSecretChange, type HistoryEntry } from '../api/history';
import { relativeTime, savedBy } from '../history/time';
import type { Choice, MergeConflict } from '../../shared/merge/merge';
import { conflictLabel, fieldValueLines, ruleListLines, type NameLookups } from './change-lines';
import { cachedNames } from './cached-names';

export interface ConflictDialogProps {
  projectId: number;
  conflicts: MergeConflict[];
  takenFromServer: ProjectField[];
  /** The server's version the conflicts are against: the history entry that wrote it says who and when. */
  theirs?: Project;
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
  theirs,
  next,
  onResolve,
  onDiscardMine,
  onBack,
}: ConflictDialogProps) {
  const queryClient = useQueryClient();
  // The newest saves made through the console: one that wrote the server's value says who changed it and when.
  const history = useQuery({ ...historyQuery(projectId, 1), enabled: theirs !== undefined });
  const [now] = useState(() => new Date());
  const origin = (field: ProjectField) =>
    theirs && history.isSuccess ? describeOrigin(history.data.results, field, theirs, now) : undefined;
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
            origin={origin(conflict.field)}
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
  origin,
  choice,
  onChoose,
}: {
  conflict: MergeConflict;
  names: NameLookups;
  origin?: string;
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
      <Box sx={{ display: 'grid', gridTemplateColumns: { sm: '1fr 1fr 1fr' }, gap: 2, my: 1 }}>
        <Side title="Original (when you opened it)" lines={lines(conflict.base)} />
        <Side title="Mine (this page)" lines={lines(conflict.mine)} />
        <Side title="Theirs (saved elsewhere)" lines={lines(conflict.theirs)} note={origin} />
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

function Side({ title, lines, note }: { title: string; lines: string[]; note?: string }) {
  return (
    <Box>
      <Typography variant="body2" color="text.secondary">
        {title}
      </Typography>
      {lines.map((line, index) => (
        <Typography key={index}>{line}</Typography>
      ))}
      {note && (
        <Typography variant="body2" color="text.secondary" sx={{ mt: 0.5 }}>
          {note}
        </Typography>
      )}
    </Box>
  );
}

/**
 * "Changed by ana, 3 minutes ago" from the newest console save that wrote the server's current value of the
 * field; "Changed outside the console" when no save in the history explains it (the API, Cekura's own app).
 */
export function describeOrigin(entries: readonly HistoryEntry[], field: ProjectField, theirs: Project, now: Date) {
  const current = canonicalJson(theirs[field] ?? null);
  const entry = entries.find((candidate) =>
    candidate.changes.some(
      (change) => change.field === field && !isSecretChange(change) && canonicalJson(change.after ?? null) === current,
    ),
  );
  if (!entry) return 'Changed outside the console (no save in its history explains it).';
  return `Changed ${savedBy(entry.user)}, ${relativeTime(new Date(entry.time), now)}.`;
}
