import type { QueryClient } from '@tanstack/react-query';
import { emptyCatalog, type RefCatalog, type RefKind } from '../../shared/id-mapping';
import { fetchAllAgents } from './agents';
import { dashboardsQueryOptions } from './dashboards';
import { metricCatalogQuery } from './metrics';

/**
 * A project's metrics (with eval types), dashboards and agents by id and name, for translating ids between
 * projects (decision 32). Only the kinds asked for are read (a project may have thousands of agents).
 */
export async function fetchRefCatalog(
  queryClient: QueryClient,
  projectId: number,
  kinds: readonly RefKind[],
): Promise<RefCatalog> {
  const catalog = emptyCatalog();
  await Promise.all([
    kinds.includes('metric') &&
      queryClient.fetchQuery(metricCatalogQuery(projectId)).then((metrics) => {
        catalog.metric = metrics.metrics.map((m) => ({ id: m.id, name: m.name, type: m.eval_type }));
      }),
    kinds.includes('dashboard') &&
      queryClient.fetchQuery(dashboardsQueryOptions(projectId)).then((dashboards) => {
        catalog.dashboard = dashboards.map((d) => ({ id: d.id, name: d.name ?? '' }));
      }),
    kinds.includes('agent') &&
      fetchAllAgents(projectId).then((agents) => {
        catalog.agent = agents.map((a) => ({ id: a.id, name: a.agent_name }));
      }),
  ]);
  return catalog;
}
