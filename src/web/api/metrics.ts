import { queryOptions, useQuery } from '@tanstack/react-query';
import { metricListSchema, type Metric } from '../../shared/schemas/metric';
import { fetchAllAgents } from './agents';
import { upstreamPath } from './client';
import { fetchParsed } from './pages';
import { queryKeys } from './keys';

// The metrics a rubric may use: the project's own (`?project_id=P`) and those scoped to its agents
// (`?agents=ids`, project null), union deduped by id. Cached whole under queryKeys.metrics(projectId)
// (no agent ids in the key: the catalogue covers every agent of the project), so the rubric's form
// validator can read it with queryClient.getQueryData.

export type MetricScope = 'project' | 'agent';
export type CatalogMetric = Metric & { scope: MetricScope };

export interface MetricCatalog {
  /** Project metrics first, then agent metrics, each by name. */
  metrics: CatalogMetric[];
  byId: ReadonlyMap<number, CatalogMetric>;
}

const AGENT_IDS_PER_REQUEST = 100; // keeps `?agents=` URLs short with thousands of agents
const PARALLEL = 4;

const getMetrics = (query: Record<string, string | number>, signal?: AbortSignal): Promise<Metric[]> =>
  fetchParsed(upstreamPath('/test_framework/v1/metrics/', query), metricListSchema, 'the metric list', signal);

/** Every agent id of the project. */
export async function fetchAgentIds(projectId: number, signal?: AbortSignal): Promise<number[]> {
  return (await fetchAllAgents(projectId, signal)).map((agent) => agent.id);
}

export function buildCatalog(projectMetrics: readonly Metric[], agentMetrics: readonly Metric[]): MetricCatalog {
  const byId = new Map<number, CatalogMetric>();
  for (const metric of projectMetrics) if (!byId.has(metric.id)) byId.set(metric.id, { ...metric, scope: 'project' });
  for (const metric of agentMetrics) if (!byId.has(metric.id)) byId.set(metric.id, { ...metric, scope: 'agent' });
  const metrics = [...byId.values()].sort((a, b) =>
    a.scope === b.scope ? a.name.localeCompare(b.name) : a.scope === 'project' ? -1 : 1,
  );
  return { metrics, byId };
}

export async function fetchMetricCatalog(projectId: number, signal?: AbortSignal): Promise<MetricCatalog> {
  const [projectMetrics, agentIds] = await Promise.all([
    getMetrics({ project_id: projectId }, signal),
    fetchAgentIds(projectId, signal),
  ]);
  const chunks: number[][] = [];
  for (let i = 0; i < agentIds.length; i += AGENT_IDS_PER_REQUEST)
    chunks.push(agentIds.slice(i, i + AGENT_IDS_PER_REQUEST));
  const agentMetrics: Metric[] = [];
  for (let i = 0; i < chunks.length; i += PARALLEL) {
    const lists = await Promise.all(
      chunks.slice(i, i + PARALLEL).map((ids) => getMetrics({ agents: ids.join(',') }, signal)),
    );
    agentMetrics.push(...lists.flat());
  }
  return buildCatalog(projectMetrics, agentMetrics);
}

export const metricCatalogQuery = (projectId: number) =>
  queryOptions({
    queryKey: queryKeys.metrics(projectId),
    queryFn: ({ signal }) => fetchMetricCatalog(projectId, signal),
    staleTime: 60_000,
    structuralSharing: false, // holds a Map
  });

export const useMetricCatalog = (projectId: number) => useQuery(metricCatalogQuery(projectId));
