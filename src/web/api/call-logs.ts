import { queryOptions, useQuery } from '@tanstack/react-query';
import { callLogPageSchema, type CallLog } from '../../shared/schemas/call-log';
import { apiRequest, upstreamPath } from './client';
import { queryKeys } from './keys';

// Recent production call logs for the rubric's impact preview: the last days, at most MAX_CALLS calls,
// read page by page (page 1 tells the count; the rest a few pages at a time).

export const CALL_LOG_PAGE_SIZE = 100;
export const MAX_PREVIEW_CALLS = 1000;
const PARALLEL = 3;

export interface RecentCalls {
  calls: CallLog[];
  /** Calls in the range according to the API (may exceed calls.length). */
  total: number;
  fromIso: string;
}

async function callLogPage(projectId: number, fromIso: string, page: number, signal?: AbortSignal) {
  const path = upstreamPath('/observability/v2/call-logs/', {
    project_id: projectId,
    timestamp_from: fromIso,
    page_size: CALL_LOG_PAGE_SIZE,
    page,
  });
  const parsed = callLogPageSchema.safeParse((await apiRequest(path, { signal })).data);
  if (!parsed.success) throw new Error('The call-log list has an unexpected shape.');
  return parsed.data;
}

export async function fetchRecentCalls(projectId: number, fromIso: string, signal?: AbortSignal): Promise<RecentCalls> {
  const first = await callLogPage(projectId, fromIso, 1, signal);
  const calls = [...first.results];
  const lastPage = Math.ceil(Math.min(first.count, MAX_PREVIEW_CALLS) / CALL_LOG_PAGE_SIZE);
  let more = Boolean(first.next);
  for (let page = 2; more && page <= lastPage; page += PARALLEL) {
    const batch = Array.from({ length: Math.min(PARALLEL, lastPage - page + 1) }, (_, i) => page + i);
    const pages = await Promise.all(batch.map((n) => callLogPage(projectId, fromIso, n, signal)));
    for (const p of pages) calls.push(...p.results);
    more = pages.every((p) => p.next && p.results.length > 0);
  }
  return { calls: calls.slice(0, MAX_PREVIEW_CALLS), total: first.count, fromIso };
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
