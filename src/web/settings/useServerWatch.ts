import { useEffect, useLayoutEffect, useRef } from 'react';
import { fetchProject, type ProjectSnapshot } from '../api/projects';

// Under 10 s while the page is visible (a hidden page is not checked); at once when the window regains focus.
export const WATCH_INTERVAL_MS = 8_000;

interface WatchDeps {
  projectId: number;
  /** The ETag of the form's current base. */
  currentEtag(): string;
  /** Bumped on every new base: an answer that raced with a save or merge is stale and dropped. */
  generation(): number;
  /** True while saving, merging or a dialog is open: no check then. */
  paused(): boolean;
  onChanged(next: ProjectSnapshot): void;
}

/**
 * Looks at the server's version of the project when the window regains focus and every 8 s. A
 * different ETag is reported to `onChanged` (which never overwrites edits); the form is left alone otherwise.
 */
export function useServerWatch(deps: WatchDeps, intervalMs = WATCH_INTERVAL_MS) {
  const latest = useRef(deps);
  useLayoutEffect(() => {
    latest.current = deps;
  });

  useEffect(() => {
    let inFlight = false;
    let alive = true;
    const check = async () => {
      const { projectId, paused, generation } = latest.current;
      if (inFlight || paused() || document.visibilityState === 'hidden') return;
      inFlight = true;
      const started = generation();
      try {
        const next = await fetchProject(projectId);
        const now = latest.current;
        if (!alive || now.generation() !== started || now.paused() || next.etag === now.currentEtag()) return;
        now.onChanged(next);
      } catch {
        // Offline or the server is busy: the next focus or tick tries again.
      } finally {
        inFlight = false;
      }
    };
    const onVisible = () => {
      if (document.visibilityState === 'visible') void check();
    };
    const onFocus = () => void check();
    const timer = window.setInterval(onFocus, intervalMs);
    window.addEventListener('focus', onFocus);
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      alive = false;
      window.clearInterval(timer);
      window.removeEventListener('focus', onFocus);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [intervalMs]);
}
