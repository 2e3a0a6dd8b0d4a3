import { createElement, lazy, useEffect, useState, type ComponentType } from 'react';
import { SECTION_IDS, type SectionId } from '../../shared/schemas/fields';

// Each section is its own chunk, fetched when first opened (the first load stays small).
// A section whose code has already arrived (preload.ts starts the first screen's at once) renders directly:
// React.lazy would suspend once even then, and React holds a shown fallback for at least 300 ms.

type Module = { default: ComponentType };

function lazyWithPreload(factory: () => Promise<Module>): {
  Component: ComponentType;
  load: () => Promise<Module>;
  isLoaded: () => boolean;
} {
  let loaded: ComponentType | undefined;
  let pending: Promise<Module> | undefined;
  const load = () =>
    (pending ??= factory().then(
      (module) => {
        loaded = module.default;
        return module;
      },
      (error: unknown) => {
        pending = undefined; // a failed download may be retried
        throw error;
      },
    ));
  const Lazy = lazy(load);
  const isLoaded = () => loaded !== undefined;
  // Chosen once per mounted section: switching from Lazy to the loaded component later would remount it.
  const Component = (props: object) => {
    const [Impl] = useState(() => loaded ?? Lazy);
    return createElement(Impl, props);
  };
  return { Component, load, isLoaded };
}

const SECTIONS: Record<SectionId, ReturnType<typeof lazyWithPreload>> = {
  general: lazyWithPreload(() => import('../sections/general')),
  limits: lazyWithPreload(() => import('../sections/limits')),
  notifications: lazyWithPreload(() => import('../sections/notifications')),
  'no-calls': lazyWithPreload(() => import('../sections/no-calls')),
  integrations: lazyWithPreload(() => import('../sections/integrations')),
  rubric: lazyWithPreload(() => import('../sections/rubric')),
};

export const SECTION_COMPONENTS = Object.fromEntries(SECTION_IDS.map((id) => [id, SECTIONS[id].Component])) as Record<
  SectionId,
  ComponentType
>;

/** Starts downloading a section's code (the same chunk its route renders). */
export const loadSection = (id: SectionId): Promise<Module> => SECTIONS[id].load();

export const isSectionId = (value: string | undefined): value is SectionId => SECTION_IDS.includes(value as SectionId);

/** The section a project page shows (`/projects/:id` opens General), or null for other pages. */
function sectionOfPath(pathname: string): SectionId | null {
  const match = /^\/projects\/\d+(?:\/([a-z-]+))?\/?$/.exec(pathname);
  if (!match) return null;
  const section = match[1] ?? 'general';
  return isSectionId(section) ? section : null;
}

/**
 * The download of the code of the section at `pathname` (started by preload.ts), or undefined for other pages.
 * main.tsx waits for it briefly before the first render (see there).
 */
export function sectionCodeOf(pathname: string): Promise<Module> | undefined {
  const section = sectionOfPath(pathname);
  return section === null ? undefined : SECTIONS[section].load();
}

/**
 * True once the code of the section at `pathname` has arrived (or failed: its route reports that). The
 * project frame waits for it on the first load, so the section renders at once instead of through a
 * Suspense fallback that React would keep on screen for at least 300 ms.
 */
export function useSectionCodeReady(pathname: string): boolean {
  const section = sectionOfPath(pathname);
  const [ready, setReady] = useState(() => section === null || SECTIONS[section].isLoaded());
  useEffect(() => {
    if (ready || section === null) return;
    let live = true;
    const done = () => live && setReady(true);
    loadSection(section).then(done, done);
    return () => {
      live = false;
    };
  }, [ready, section]);
  return ready;
}
