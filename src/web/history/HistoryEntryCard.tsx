import { useMemo, useState } from 'react';
import { Box, Button, Paper, Typography } from '@mui/material';
import { isSecretChange, type HistoryEntry } from '../api/history';
import { ChangeList } from './ChangeList';
import { describeEntry } from './describe-entry';
import { RevertDialog } from './RevertDialog';
import { localTime, relativeTime, savedBy } from './time';

/** One save: when (local time and how long ago), who, what changed, and a way to revert it. */
export function HistoryEntryCard({ entry, now }: { entry: HistoryEntry; now: Date }) {
  const groups = useMemo(() => describeEntry(entry.changes), [entry.changes]);
  const [reverting, setReverting] = useState(false);
  const when = new Date(entry.time);
  const headingId = `history-entry-${entry.id}`;
  const count = entry.changes.length;
  // A secret's old value is never stored, so a save of secrets alone has nothing a revert could bring back.
  const revertable = entry.changes.some((change) => !isSecretChange(change));
  return (
    <Paper component="article" variant="outlined" aria-labelledby={headingId} sx={{ p: 2 }}>
      <Box sx={{ display: 'flex', flexWrap: 'wrap', alignItems: 'baseline', gap: 1, mb: 1.5 }}>
        <Typography id={headingId} variant="subtitle1" component="h2" sx={{ fontWeight: 600, flexGrow: 1 }}>
          <time dateTime={entry.time}>{localTime(when)}</time>{' '}
          <Box component="span" sx={{ fontWeight: 400, color: 'text.secondary' }}>
            ({relativeTime(when, now)})
          </Box>
        </Typography>
        <Typography variant="body2" color="text.secondary">
          {savedBy(entry.user)} · {count === 1 ? '1 change' : `${count} changes`}
        </Typography>
      </Box>
      <ChangeList groups={groups} projectId={entry.projectId} />
      <Box sx={{ mt: 1.5 }}>
        {revertable ? (
          <Button size="small" variant="outlined" onClick={() => setReverting(true)}>
            Revert this save
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
