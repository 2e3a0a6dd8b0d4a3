import {
  keepPreviousData,
  queryOptions,
  useQueries,
  useQuery,
  useQueryClient,
  type QueryClient,
} from '@tanstack/react-query';
import { agentPageSchema, type Agent, type AgentPage } from '../../shared/schemas/agent';
import { apiRequest, upstreamPath } from './client';
import { queryKeys } from './keys';

// The project's agents: server-side search by name (`q`), 50 per page. Each page is cached under
// queryKeys.agents(project, search, page), so searching, scrolling and name lookups share pages.

export const AGENT_PAGE_SIZE = 50;
const LOOKUP_PARALLEL = 4;

export async function fetchAgentPage(
  projectId: number,
  search: string,
  page: number,
  signal?: AbortSignal,
): Promise<AgentPage> {
  const path = upstreamPath('/test_framework/v1/aiagents/short_list/', {
    project_id: projectId,
    q: search.trim(),
    page,
    page_size: AGENT_PAGE_SIZE,
  });
  const { data } = await apiRequest(path, { signal });
  const parsed = agentPageSchema.safeParse(data);
  if (!parsed.success) throw new Error('The agent list has an unexpected shape.');
  return parsed.data;
}

export const agentPageQuery = (projectId: number, search: string, page: number) =>
  queryOptions({
    queryKey: queryKeys.agents(projectId, search.trim(), page),
    queryFn: ({ signal }) => fetchAgentPage(projectId, search, page, signal),
    staleTime: 60_000,
  });

export interface AgentSearch {
  agents: Agent[];
  total: number | undefined;
  hasMore: boolean;
  loading: boolean;
  error: Error | null;
}

/** The first `pages` pages of a search (scrolling asks for one more page at a time). */
export function useAgentSearch(projectId: number, search: string, pages: number, enabled = true): AgentSearch {
  return useQueries({
    queries: Array.from({ length: pages }, (_, i) => ({ ...agentPageQuery(projectId, search, i + 1), enabled })),
    combine: (results) => {
      const loaded = results.filter((r) => r.data).map((r) => r.data as AgentPage);
      const last = loaded[loaded.length - 1];
      return {
        agents: loaded.flatMap((page) => page.results),
        total: loaded[0]?.count,
        hasMore: loaded.length === results.length && Boolean(last?.next) && (last?.results.length ?? 0) > 0,
        loading: results.some((r) => r.isFetching),
        error: results.find((r) => r.error)?.error ?? null,
      };
    },
  });
}

/**
 * Names of agent ids, read from the unfiltered list page by page (page 1, then the rest a few at a time)
 * until every id is found. An id absent from the result is not an agent of this project.
 */
export async function lookUpAgents(
  queryClient: QueryClient,
  projectId: number,
  ids: readonly number[],
): Promise<Record<number, string>> {
  const missing = new Set(ids);
  const names: Record<number, string> = {};
  const take = (page: AgentPage) => {
    for (const agent of page.results) {
      if (missing.delete(agent.id)) names[agent.id] = agent.agent_name;
    }
  };
  const first = await queryClient.fetchQuery(agentPageQuery(projectId, '', 1));
  take(first);
  const lastPage = Math.ceil(first.count / AGENT_PAGE_SIZE);
  for (let page = 2; missing.size > 0 && page <= lastPage; page += LOOKUP_PARALLEL) {
    const batch = Array.from({ length: Math.min(LOOKUP_PARALLEL, lastPage - page + 1) }, (_, i) => page + i);
    const results = await Promise.all(batch.map((n) => queryClient.fetchQuery(agentPageQuery(projectId, '', n))));
    results.forEach(take);
    if (results.some((r) => r.results.length === 0)) break;
  }
  return names;
}

/** Names of the given agent ids (see lookUpAgents); once loaded, a missing id is not found. */
export function useAgentNames(projectId: number, ids: readonly number[]) {
  const queryClient = useQueryClient();
  const sorted = [...new Set(ids)].sort((a, b) => a - b);
  return useQuery({
    queryKey: [...queryKeys.allAgents(projectId), 'names', sorted] as const,
    queryFn: () => lookUpAgents(queryClient, projectId, sorted),
    enabled: sorted.length > 0,
    staleTime: 60_000,
    // While a changed id list is looked up, the names already known stay on screen.
    placeholderData: keepPreviousData,
  });
}
