import { queryOptions, useQuery } from '@tanstack/react-query';
import { callLogPageSchema, type CallLog } from '../../shared/schemas/call-log';
import { upstreamPath } from './client';
import { fetchAllPages } from './pages';
import { queryKeys } from './keys';

// Recent production call logs for the rubric's impact preview: the last days, at most MAX_PREVIEW_CALLS
// calls (asked for 100 a page; the server may return fewer).

export const CALL_LOG_PAGE_SIZE = 100;
export const MAX_PREVIEW_CALLS = 1000;

export interface RecentCalls {
  calls: CallLog[];
  /** Calls in the range according to the API (may exceed calls.length). */
  total: number;
  fromIso: string;
}

export async function fetchRecentCalls(projectId: number, fromIso: string, signal?: AbortSignal): Promise<RecentCalls> {
  const path = upstreamPath('/observability/v2/call-logs/', {
    project_id: projectId,
    timestamp_from: fromIso,
    page_size: CALL_LOG_PAGE_SIZE,
  });
  const { items, count } = await fetchAllPages(path, callLogPageSchema, 'the call-log list', {
    signal,
    limit: MAX_PREVIEW_CALLS,
  });
  return { calls: items.slice(0, MAX_PREVIEW_CALLS), total: count, fromIso };
}

/** The start of the preview window: `days` ago, to the second. */
export function previewStart(days: number, now = Date.now()): string {
  return new Date(Math.floor(now / 1000) * 1000 - days * 86_400_000).toISOString();
}

export const recentCallsQuery = (projectId: number, fromIso: string) =>
  queryOptions({
    queryKey: queryKeys.callLogs(projectId, fromIso),
    queryFn: ({ signal }) => fetchRecentCalls(projectId, fromIso, signal),
    staleTime: Infinity, // one preview = one fixed window; "Refresh" starts a new one
  });

export const useRecentCalls = (projectId: number, fromIso: string | null) =>
  useQuery({ ...recentCallsQuery(projectId, fromIso ?? ''), enabled: fromIso !== null });
