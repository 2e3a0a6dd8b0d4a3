import type { QueryClient } from '@tanstack/react-query';
import type { SectionId } from '../../shared/schemas/fields';
import { appConfigQuery } from '../api/config';
import { projectQuery, projectsQuery } from '../api/projects';
import { isSectionId, loadSection } from './sections';

// The first screen of a project page otherwise loads as a chain: render, then fetch the project, then
// render the form, then download the section's code, then (rubric) fetch the metrics. Started here, before
// React's first render, they run side by side; the hooks later find the same queries in flight or done.
// The section code is started through sections.ts, so its route renders it without suspending.

const SECTION_DATA: Partial<Record<SectionId, (client: QueryClient, projectId: number) => Promise<unknown>>> = {
  rubric: async (client, projectId) =>
    client.prefetchQuery((await import('../api/metrics')).metricCatalogQuery(projectId)),
};

/** What the first screen at `pathname` shows: a project (and which of its sections), or no project. */
export function firstScreenOf(pathname: string): { projectId: number; section: SectionId | null } | null {
  const match = /^\/projects\/(\d+)(?:\/([a-z-]+))?\/?$/.exec(pathname);
  if (!match) return null;
  const projectId = Number(match[1]);
  if (!Number.isSafeInteger(projectId) || projectId <= 0) return null;
  const section = match[2] ?? 'general'; // /projects/:id opens General
  return { projectId, section: isSectionId(section) ? section : null };
}

/** Starts the data and code the page at `pathname` needs. Failures are left to the hooks and routes, which retry and report. */
export function preloadFirstScreen(client: QueryClient, pathname: string): void {
  void client.prefetchQuery(appConfigQuery());
  void client.prefetchQuery(projectsQuery());
  const screen = firstScreenOf(pathname);
  if (!screen) return;
  void client.prefetchQuery(projectQuery(screen.projectId));
  if (!screen.section) return;
  loadSection(screen.section).catch(() => undefined);
  SECTION_DATA[screen.section]?.(client, screen.projectId).catch(() => undefined);
}
