import { queryOptions, useQuery } from '@tanstack/react-query';
import { dashboardPageSchema, type Dashboard } from '../../shared/schemas/dashboard';
import { apiRequest, upstreamPath } from './client';
import { queryKeys } from './keys';

// A guard against an upstream that keeps returning `next`: no project has 10,000 pages of dashboards.
const MAX_PAGES = 500;

/** Every dashboard of the project, following `next` page by page (the list is paginated). */
export async function fetchAllDashboards(projectId: number, signal?: AbortSignal): Promise<Dashboard[]> {
  const all: Dashboard[] = [];
  for (let page = 1; page <= MAX_PAGES; page++) {
    const { data } = await apiRequest(upstreamPath('/dashboards/dashboards/', { project_id: projectId, page }), {
      signal,
    });
    const parsed = dashboardPageSchema.safeParse(data);
    if (!parsed.success) throw new Error('The dashboard list has an unexpected shape.');
    all.push(...parsed.data.results);
    if (!parsed.data.next || parsed.data.results.length === 0 || all.length >= parsed.data.count) break;
  }
  return all;
}

export const dashboardsQueryOptions = (projectId: number) =>
  queryOptions({
    queryKey: queryKeys.dashboards(projectId),
    queryFn: ({ signal }) => fetchAllDashboards(projectId, signal),
    staleTime: 60_000,
  });

export const useDashboards = (projectId: number) => useQuery(dashboardsQueryOptions(projectId));
