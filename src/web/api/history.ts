import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { historyPageSchema, type HistoryPage } from '../../shared/schemas/history';
import { fetchParsed } from './pages';
import { queryKeys } from './keys';

// GET /app-api/projects/:id/history?page=N&page_size=M: the saves made through this console, newest first.
// Secrets appear only as what was done to them ("replaced" / "cleared"), never as a value.

export const HISTORY_PAGE_SIZE = 20;

export { isSecretChange, type HistoryChange, type HistoryEntry, type HistoryPage } from '../../shared/schemas/history';

export async function fetchHistory(projectId: number, page: number, signal?: AbortSignal): Promise<HistoryPage> {
  const path = `/app-api/projects/${projectId}/history?page=${page}&page_size=${HISTORY_PAGE_SIZE}`;
  return fetchParsed(path, historyPageSchema, 'the save history', signal);
}

// Always fetched fresh when the page opens: a save made a moment ago must be listed.
export const historyQuery = (projectId: number, page: number) =>
  queryOptions({
    queryKey: queryKeys.history(projectId, page),
    queryFn: ({ signal }) => fetchHistory(projectId, page, signal),
    staleTime: 0,
    refetchOnMount: 'always',
    placeholderData: keepPreviousData,
  });

export const useHistory = (projectId: number, page: number) => useQuery(historyQuery(projectId, page));
