import type { QueryClient } from '@tanstack/react-query';
import { queryKeys } from '../api/keys';
import type { MetricCatalog } from '../api/metrics';
import type { Dashboard } from '../../shared/schemas/dashboard';
import type { NameLookups } from './change-lines';

// Names the console already holds, read from the query cache: the review never fetches just to name an id.

function agentNames(queryClient: QueryClient, projectId: number): Map<number, string> {
  const names = new Map<number, string>();
  // Two shapes live under the agents key: list pages ({results: [...]}) and id -> name lookups.
  for (const [, data] of queryClient.getQueriesData({ queryKey: queryKeys.allAgents(projectId) })) {
    if (!data || typeof data !== 'object') continue;
    const results = (data as { results?: unknown }).results;
    if (Array.isArray(results)) {
      for (const agent of results as { id?: unknown; agent_name?: unknown }[]) {
        if (typeof agent?.id === 'number' && typeof agent.agent_name === 'string')
          names.set(agent.id, agent.agent_name);
      }
      continue;
    }
    for (const [id, name] of Object.entries(data as Record<string, unknown>)) {
      if (typeof name === 'string' && /^\d+$/.test(id)) names.set(Number(id), name);
    }
  }
  return names;
}

export function cachedNames(queryClient: QueryClient, projectId: number): NameLookups {
  const catalog = queryClient.getQueryData<MetricCatalog>(queryKeys.metrics(projectId));
  const dashboards = queryClient.getQueryData<Dashboard[]>(queryKeys.dashboards(projectId)) ?? [];
  return {
    metrics: catalog?.byId ?? null,
    dashboards: new Map(
      dashboards.filter((d) => typeof d.name === 'string' && d.name).map((d) => [d.id, d.name as string]),
    ),
    agents: agentNames(queryClient, projectId),
  };
}
