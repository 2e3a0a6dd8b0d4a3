import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { z } from 'zod/mini';
import { fetchParsed } from './pages';
import { queryKeys } from './keys';

// GET /app-api/projects/:id/history?page=N&page_size=M: the saves made through this console, newest first.
// Secrets appear only as what was done to them ("replaced" / "cleared"), never as a value.

export const HISTORY_PAGE_SIZE = 20;

const secretChangeSchema = z.object({ field: z.string(), secret: z.enum(['replaced', 'cleared']) });
const valueChangeSchema = z.object({ field: z.string(), before: z.unknown(), after: z.unknown() });
export const historyChangeSchema = z.union([secretChangeSchema, valueChangeSchema]);
export type HistoryChange = z.infer<typeof historyChangeSchema>;

export const historyEntrySchema = z.object({
  id: z.number(),
  time: z.string(),
  user: z.string(),
  projectId: z.number(),
  changes: z.array(historyChangeSchema),
});
export type HistoryEntry = z.infer<typeof historyEntrySchema>;

export const historyPageSchema = z.object({
  count: z.number(),
  page: z.number(),
  pageSize: z.number(),
  results: z.array(historyEntrySchema),
});
export type HistoryPage = z.infer<typeof historyPageSchema>;

export const isSecretChange = (change: HistoryChange): change is z.infer<typeof secretChangeSchema> =>
  'secret' in change;

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
