import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { agentPageSchema, type Agent, type AgentPage } from '../../shared/schemas/agent';
import { upstreamPath } from './client';
import { fetchAllPages, fetchParsed } from './pages';
import { queryKeys } from './keys';

// The project's agents: server-side search by name (`q`), asking 50 a page; later pages by the `next` links
// the server returns (it may hold fewer rows per page).

export const AGENT_PAGE_SIZE = 50;

// Reading the whole list asks for 100 a page (the server may return fewer).
const ALL_AGENTS_PAGE_SIZE = 100;

const allAgentsPath = (projectId: number) =>
  upstreamPath('/test_framework/v1/aiagents/short_list/', { project_id: projectId, page_size: ALL_AGENTS_PAGE_SIZE });

/** Every agent of the project. */
export async function fetchAllAgents(projectId: number, signal?: AbortSignal): Promise<Agent[]> {
  return (await fetchAllPages(allAgentsPath(projectId), agentPageSchema, 'the agent list', { signal })).items;
}

export interface AgentSearch {
  agents: Agent[];
  total: number | undefined;
  hasMore: boolean;
  loading: boolean;
  error: Error | null;
  /** Reads the next page: the one the last page's `next` link names. */
  loadMore(): void;
}

/** Page 1 of a search by name. */
export const agentSearchPath = (projectId: number, search: string) =>
  upstreamPath('/test_framework/v1/aiagents/short_list/', {
    project_id: projectId,
    q: search.trim(),
    page_size: AGENT_PAGE_SIZE,
  });

/** The next page's path, only when it stays on the console's own /api paths (the admin server rewrites them). */
function nextPage(page: AgentPage): string | undefined {
  return page.next && page.next.startsWith('/api/') && page.results.length > 0 ? page.next : undefined;
}

/**
 * A search, page by page as the list is scrolled: page 1 by its path, every later page by the `next` link of
 * the page before (never a page number the console computed, whatever page size the server really used).
 */
export function useAgentSearch(projectId: number, search: string, enabled = true): AgentSearch {
  const query = useInfiniteQuery({
    queryKey: [...queryKeys.agents(projectId, search.trim()), 'pages'] as const,
    queryFn: ({ pageParam, signal }) => fetchParsed(pageParam, agentPageSchema, 'the agent list', signal),
    initialPageParam: agentSearchPath(projectId, search),
    getNextPageParam: nextPage,
    enabled,
    staleTime: 60_000,
  });
  const loaded = query.data?.pages ?? [];
  return {
    agents: loaded.flatMap((page) => page.results),
    total: loaded[0]?.count,
    hasMore: query.hasNextPage,
    loading: query.isFetching,
    error: query.error,
    loadMore: () => void query.fetchNextPage(),
  };
}

/**
 * Names of agent ids, read from the unfiltered list until every id is found. An id absent from the whole
 * list is not an agent of this project.
 */
export async function lookUpAgents(
  projectId: number,
  ids: readonly number[],
  signal?: AbortSignal,
): Promise<Record<number, string>> {
  const wanted = new Set(ids);
  const found = (agents: readonly Agent[]) => agents.filter((agent) => wanted.has(agent.id));
  const { items } = await fetchAllPages(allAgentsPath(projectId), agentPageSchema, 'the agent list', {
    signal,
    until: (agents) => found(agents).length >= wanted.size,
  });
  return Object.fromEntries(found(items).map((agent) => [agent.id, agent.agent_name]));
}

/** Names of the given agent ids (see lookUpAgents); once loaded, a missing id is not found. */
export function useAgentNames(projectId: number, ids: readonly number[]) {
  const sorted = [...new Set(ids)].sort((a, b) => a - b);
  return useQuery({
    queryKey: [...queryKeys.allAgents(projectId), 'names', sorted] as const,
    queryFn: ({ signal }) => lookUpAgents(projectId, sorted, signal),
    enabled: sorted.length > 0,
    staleTime: 60_000,
    // While a changed id list is looked up, the names already known stay on screen.
    placeholderData: keepPreviousData,
  });
}
