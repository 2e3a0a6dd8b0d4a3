import type { QueryClient } from '@tanstack/react-query';
import type { SectionId } from '../../shared/schemas/fields';
import { appConfigQuery } from '../api/config';
import { projectQuery, projectsQuery } from '../api/projects';

// The first screen of a project page otherwise loads as a chain: render, then fetch the project, then
// render the form, then download the section's code, then (rubric) fetch the metrics. Started here, before
// React's first render, they run side by side; the hooks later find the same queries in flight or done.
// The imports below are the same modules as the route-level lazy() in sections.ts (same chunks).
const SECTION_CODE: Record<SectionId, () => Promise<unknown>> = {
  general: () => import('../sections/general'),
  limits: () => import('../sections/limits'),
  notifications: () => import('../sections/notifications'),
  'no-calls': () => import('../sections/no-calls'),
  integrations: () => import('../sections/integrations'),
  rubric: () => import('../sections/rubric'),
};

const SECTION_DATA: Partial<Record<SectionId, (client: QueryClient, projectId: number) => Promise<unknown>>> = {
  rubric: async (client, projectId) => client.prefetchQuery((await import('../api/metrics')).metricCatalogQuery(projectId)),
};

const isSection = (value: string): value is SectionId => Object.hasOwn(SECTION_CODE, value);

/** Starts the data and code the page at `pathname` needs. Failures are left to the hooks and routes, which retry and report. */
export function preloadFirstScreen(client: QueryClient, pathname: string): void {
  void client.prefetchQuery(appConfigQuery());
  void client.prefetchQuery(projectsQuery());
  const match = /^\/projects\/(\d+)(?:\/([a-z-]+))?\/?$/.exec(pathname);
  if (!match) return;
  const projectId = Number(match[1]);
  const section = match[2] ?? 'general';
  if (!Number.isSafeInteger(projectId) || projectId <= 0) return;
  void client.prefetchQuery(projectQuery(projectId));
  if (!isSection(section)) return;
  SECTION_CODE[section]().catch(() => undefined);
  SECTION_DATA[section]?.(client, projectId).catch(() => undefined);
}
