import { useState } from 'react';
import { Alert, Box, Button, LinearProgress, Skeleton, Stack, Typography } from '@mui/material';
import { useSearchParams } from 'react-router';
import { useProjectContext } from '../settings/project-context';
import { HISTORY_PAGE_SIZE, useHistory } from '../api/history';
import { RequestErrorAlert } from '../components/RequestProblem';
import { HistoryEntryCard } from './HistoryEntryCard';

/** `/projects/:id/history`: the saves made through this console, newest first, a page at a time. */
export default function HistoryPage() {
  const { projectId } = useProjectContext();
  const [params, setParams] = useSearchParams();
  const page = Math.max(1, Math.floor(Number(params.get('page')) || 1));
  const history = useHistory(projectId, page);
  // "5 minutes ago" is measured from when the list arrived.
  const [now] = useState(() => new Date());
  const pages = history.data ? Math.max(1, Math.ceil(history.data.count / HISTORY_PAGE_SIZE)) : 1;
  const goTo = (next: number) => setParams(next === 1 ? {} : { page: String(next) });

  return (
    <Stack spacing={2}>
      <Typography variant="h5" component="h1">
        History
      </Typography>
      <Typography color="text.secondary">
        Every save made through this console, newest first, with saves whose answer was lost but that Cekura applied,
        and changes made outside the console (found before the next save). Secret values are never recorded: a secret
        shows only as replaced or cleared.
      </Typography>
      {history.isFetching && <LinearProgress aria-label="Loading history" />}
      {history.isError && (
        <RequestErrorAlert
          error={history.error}
          context="The history could not be loaded."
          onRetry={() => void history.refetch()}
        />
      )}
      {history.isPending && <HistorySkeleton />}
      {history.data?.count === 0 && (
        <Alert severity="info">No saves yet. Saves made from now on are listed here.</Alert>
      )}
      {history.data?.results.map((entry) => (
        <HistoryEntryCard key={entry.id} entry={entry} now={now} />
      ))}
      {history.data && history.data.count > HISTORY_PAGE_SIZE && (
        <Box component="nav" aria-label="History pages" sx={{ display: 'flex', alignItems: 'center', gap: 2 }}>
          <Button onClick={() => goTo(page - 1)} disabled={page <= 1}>
            Newer saves
          </Button>
          <Typography variant="body2">
            Page {page} of {pages}
          </Typography>
          <Button onClick={() => goTo(page + 1)} disabled={page >= pages}>
            Older saves
          </Button>
        </Box>
      )}
    </Stack>
  );
}

function HistorySkeleton() {
  return (
    <Box aria-hidden="true">
      {[0, 1, 2].map((row) => (
        <Skeleton key={row} variant="rounded" height={96} sx={{ mb: 2 }} />
      ))}
    </Box>
  );
}
