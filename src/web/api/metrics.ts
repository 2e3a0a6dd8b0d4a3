import { queryOptions, useQuery } from '@tanstack/react-query';
import { agentPageSchema } from '../../shared/schemas/agent';
import { metricListSchema, type Metric } from '../../shared/schemas/metric';
import { apiRequest, upstreamPath } from './client';
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

const AGENT_PAGE_SIZE = 100;
const AGENT_IDS_PER_REQUEST = 100; // keeps `?agents=` URLs short with thousands of agents
const PARALLEL = 4;
const MAX_AGENT_PAGES = 200;

async function getMetrics(query: Record<string, string | number>, signal?: AbortSignal): Promise<Metric[]> {
  const { data } = await apiRequest(upstreamPath('/test_framework/v1/metrics/', query), { signal });
  const parsed = metricListSchema.safeParse(data);
  if (!parsed.success) throw new Error('The metric list has an unexpected shape.');
  return parsed.data;
}

async function agentPage(projectId: number, page: number, signal?: AbortSignal) {
  const path = upstreamPath('/test_framework/v1/aiagents/short_list/', {
    project_id: projectId,
    page,
    page_size: AGENT_PAGE_SIZE,
  });
  const parsed = agentPageSchema.safeParse((await apiRequest(path, { signal })).data);
  if (!parsed.success) throw new Error('The agent list has an unexpected shape.');
  return parsed.data;
}

/** Every agent id of the project: page 1, then the other pages a few at a time. */
export async function fetchAgentIds(projectId: number, signal?: AbortSignal): Promise<number[]> {
  const first = await agentPage(projectId, 1, signal);
  const ids = first.results.map((agent) => agent.id);
  const lastPage = Math.min(MAX_AGENT_PAGES, Math.ceil(first.count / AGENT_PAGE_SIZE));
  for (let page = 2; page <= lastPage; page += PARALLEL) {
    const batch = Array.from({ length: Math.min(PARALLEL, lastPage - page + 1) }, (_, i) => page + i);
    const pages = await Promise.all(batch.map((n) => agentPage(projectId, n, signal)));
    for (const p of pages) ids.push(...p.results.map((agent) => agent.id));
    if (pages.some((p) => p.results.length === 0 || !p.next)) break;
  }
  return [...new Set(ids)];
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
