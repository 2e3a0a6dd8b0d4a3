import { queryOptions, useQuery } from '@tanstack/react-query';
import { dashboardPageSchema, type Dashboard } from '../../shared/schemas/dashboard';
import { upstreamPath } from './client';
import { fetchAllPages } from './pages';
import { queryKeys } from './keys';

// Asked for 100 a page; the server may return fewer (fetchAllPages follows what it really returns).
const DASHBOARD_PAGE_SIZE = 100;

/** Every dashboard of the project (the list is paginated). */
export async function fetchAllDashboards(projectId: number, signal?: AbortSignal): Promise<Dashboard[]> {
  const path = upstreamPath('/dashboards/dashboards/', { project_id: projectId, page_size: DASHBOARD_PAGE_SIZE });
  return (await fetchAllPages(path, dashboardPageSchema, 'the dashboard list', { signal })).items;
}

export const dashboardsQueryOptions = (projectId: number) =>
  queryOptions({
    queryKey: queryKeys.dashboards(projectId),
    queryFn: ({ signal }) => fetchAllDashboards(projectId, signal),
    staleTime: 60_000,
  });

export const useDashboards = (projectId: number) => useQuery(dashboardsQueryOptions(projectId));
