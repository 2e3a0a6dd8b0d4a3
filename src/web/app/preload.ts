import type { QueryClient } from '@tanstack/react-query';
import {
  FIRST_SCREEN_ELEMENT_ID,
  firstScreenDataSchema,
  firstScreenOf,
  type FirstScreenData,
} from '../../shared/schemas/first-screen';
import { readProject } from '../../shared/schemas/project';
import type { SectionId } from '../../shared/schemas/fields';
import { appConfigQuery, appConfigSchema } from '../api/config';
import { sessionSchema } from '../api/session';
import { queryKeys } from '../api/keys';
import { projectQuery, projectsQuery, type ProjectSnapshot } from '../api/projects';
import { loadSection } from './sections';

export { firstScreenOf };

// The first screen of a project page otherwise loads as a chain: render, then fetch the project, then render
// the form, then download the section's code, then (rubric) fetch the metrics. The admin server puts the
// config and the project into index.html (src/server/proxy/first-screen.ts), and what it could not is started
// here, before React's first render, side by side; the hooks later find the same queries in flight or done.
// The section code is started through sections.ts, so its route renders it without suspending.

const SECTION_DATA: Partial<Record<SectionId, (client: QueryClient, projectId: number) => Promise<unknown>>> = {
  rubric: async (client, projectId) =>
    client.prefetchQuery((await import('../api/metrics')).metricCatalogQuery(projectId)),
};

/** The data index.html carries (read once: the element is removed), or nothing if absent or unreadable. */
export function takeFirstScreenData(doc: Document | undefined = globalThis.document): FirstScreenData {
  const element = doc?.getElementById(FIRST_SCREEN_ELEMENT_ID);
  if (!element) return {};
  element.remove();
  try {
    const parsed = firstScreenDataSchema.safeParse(JSON.parse(element.textContent ?? ''));
    return parsed.success ? parsed.data : {};
  } catch {
    return {};
  }
}

/** Puts what index.html brought into the cache, exactly as the fetches would have; anything odd is skipped. */
function seed(client: QueryClient, data: FirstScreenData, projectId: number | undefined): void {
  const config = appConfigSchema.safeParse(data.config);
  if (config.success) client.setQueryData(queryKeys.config(), config.data);
  const session = sessionSchema.safeParse(data.session);
  if (session.success) client.setQueryData(queryKeys.session(), session.data);
  const project = data.project;
  if (!project || project.id !== projectId) return;
  try {
    const snapshot: ProjectSnapshot = {
      ...readProject(project.data),
      etag: project.etag,
      writePending: project.writePending,
    };
    client.setQueryData(queryKeys.project(project.id), snapshot);
  } catch {
    // not a project after all: the query fetches it and reports what is wrong
  }
}

/** Starts the data and code the page at `pathname` needs. Failures are left to the hooks and routes, which retry and report. */
export function preloadFirstScreen(
  client: QueryClient,
  pathname: string,
  inPage: FirstScreenData = takeFirstScreenData(),
): void {
  const screen = firstScreenOf(pathname);
  seed(client, inPage, screen?.projectId);
  void client.prefetchQuery(appConfigQuery());
  // Only the picker needs the project list (see useKnownProjects); a project page starts its own data.
  if (!screen) {
    void client.prefetchQuery(projectsQuery());
    return;
  }
  void client.prefetchQuery(projectQuery(screen.projectId));
  if (!screen.section) return;
  loadSection(screen.section).catch(() => undefined);
  SECTION_DATA[screen.section]?.(client, screen.projectId).catch(() => undefined);
}
