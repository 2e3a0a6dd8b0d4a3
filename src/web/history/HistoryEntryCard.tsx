import { useMemo, useState } from 'react';
import { Box, Button, Chip, Paper, Typography } from '@mui/material';
import type { HistoryKind } from '../../shared/schemas/history';
import { isSecretChange, type HistoryEntry } from '../api/history';
import { ChangeList } from './ChangeList';
import { describeEntry } from './describe-entry';
import { RevertDialog } from './RevertDialog';
import { localTime, relativeTime, savedBy } from './time';

/** How each kind of row reads: its chip, and a sentence saying what it means where the chip alone does not. */
export const KIND_LABELS: Record<
  HistoryKind,
  { chip: string; color: 'default' | 'info' | 'warning' | 'secondary'; note?: string }
> = {
  save: { chip: 'Save', color: 'default' },
  revert: { chip: 'Revert', color: 'secondary', note: 'This save put back values from an earlier one.' },
  answer_lost: {
    chip: 'Applied, answer lost',
    color: 'info',
    note: 'Cekura applied this save, but its answer never reached the console (a timeout or a dropped connection); a read afterwards showed the values below.',
  },
  outside: {
    chip: 'Changed outside the console',
    color: 'warning',
    note: 'These values changed without a save through this console (in Cekura itself, or by another tool). Found before the next save.',
  },
};

/** One row: when (local time and how long ago), its kind, who, what changed, and a way to revert it. */
export function HistoryEntryCard({ entry, now }: { entry: HistoryEntry; now: Date }) {
  const groups = useMemo(() => describeEntry(entry.changes), [entry.changes]);
  const [reverting, setReverting] = useState(false);
  const when = new Date(entry.time);
  const validTime = !Number.isNaN(when.getTime());
  const headingId = `history-entry-${entry.id}`;
  const count = entry.changes.length;
  const kind = KIND_LABELS[entry.kind];
  // A secret's old value is never stored, so a save of secrets alone has nothing a revert could bring back.
  const revertable = entry.changes.some((change) => !isSecretChange(change));
  return (
    <Paper component="article" variant="outlined" aria-labelledby={headingId} sx={{ p: 2 }}>
      <Box sx={{ display: 'flex', flexWrap: 'wrap', alignItems: 'baseline', gap: 1, mb: 1.5 }}>
        <Typography id={headingId} variant="subtitle1" component="h2" sx={{ fontWeight: 600, flexGrow: 1 }}>
          {validTime ? (
            <>
              <time dateTime={entry.time}>{localTime(when)}</time>{' '}
              <Box component="span" sx={{ fontWeight: 400, color: 'text.secondary' }}>
                ({relativeTime(when, now)})
              </Box>
            </>
          ) : (
            // A row from an older version with an odd time: shown as stored.
            <span>{entry.time || 'Unknown time'}</span>
          )}{' '}
          <Chip size="small" label={kind.chip} color={kind.color} variant="outlined" sx={{ ml: 0.5 }} />
        </Typography>
        <Typography variant="body2" color="text.secondary">
          {entry.kind === 'outside' ? `noticed at a save ${savedBy(entry.user)}` : savedBy(entry.user)} ·{' '}
          {count === 1 ? '1 change' : `${count} changes`}
        </Typography>
      </Box>
      {kind.note && (
        <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
          {kind.note}
        </Typography>
      )}
      <ChangeList groups={groups} projectId={entry.projectId} />
      <Box sx={{ mt: 1.5 }}>
        {revertable ? (
          <Button size="small" variant="outlined" onClick={() => setReverting(true)}>
            Revert this {entry.kind === 'outside' ? 'change' : 'save'}
          </Button>
        ) : (
          <Typography variant="body2" color="text.secondary">
            Only secrets changed, and their old values are never stored: enter an old value again to go back.
          </Typography>
        )}
      </Box>
      {reverting && <RevertDialog entry={entry} onClose={() => setReverting(false)} />}
    </Paper>
  );
}
