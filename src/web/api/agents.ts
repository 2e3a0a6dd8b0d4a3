import { keepPreviousData, queryOptions, useQueries, useQuery } from '@tanstack/react-query';
import { agentPageSchema, type Agent, type AgentPage } from '../../shared/schemas/agent';
import { upstreamPath } from './client';
import { fetchAllPages, fetchParsed } from './pages';
import { queryKeys } from './keys';

// The project's agents: server-side search by name (`q`), 50 per page. Each page is cached under
// queryKeys.agents(project, search, page), so searching, scrolling and name lookups share pages.

export const AGENT_PAGE_SIZE = 50;

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
  return fetchParsed(path, agentPageSchema, 'the agent list', signal);
}

// Reading the whole list asks for 100 a page (the server may return fewer).
const ALL_AGENTS_PAGE_SIZE = 100;

const allAgentsPath = (projectId: number) =>
  upstreamPath('/test_framework/v1/aiagents/short_list/', { project_id: projectId, page_size: ALL_AGENTS_PAGE_SIZE });

/** Every agent of the project. */
export async function fetchAllAgents(projectId: number, signal?: AbortSignal): Promise<Agent[]> {
  return (await fetchAllPages(allAgentsPath(projectId), agentPageSchema, 'the agent list', { signal })).items;
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
