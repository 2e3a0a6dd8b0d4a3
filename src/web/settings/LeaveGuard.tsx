import { useEffect, useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { LazyConfirmDialog as ConfirmDialog } from '../components/LazyConfirmDialog';
import { useDirtyNow, useDirtyState } from './shell-context';
import { guardedTarget, historyDelta, isInsideProject } from './leave';
import { setPopStateGate } from './popstate-gate';
import { clearDraft } from './draft-storage';
import { setMappingNote } from '../review/mapping-note';

// The declarative router has no blocker, so the guard watches the ways out itself: clicks on links that
// leave the project (the picker, another project), the browser's back/forward, and closing the tab.
export function LeaveGuard({ projectId, children }: { projectId: number; children: ReactNode }) {
  const count = useDirtyState().changes;
  const dirtyNow = useDirtyNow();
  const navigate = useNavigate();
  const location = useLocation();
  const [pending, setPending] = useState<{ target: string; delta?: number } | null>(null);
  const passThrough = useRef(false);
  const lastInside = useRef(location.pathname + location.search);
  const historyIndex = useRef<unknown>(undefined);
  useLayoutEffect(() => {
    if (!isInsideProject(location.pathname, projectId)) return;
    lastInside.current = location.pathname + location.search;
    historyIndex.current = (window.history.state as { idx?: unknown } | null)?.idx;
  }, [location, projectId]);

  // Always listening, and asking the form itself (dirtyNow): the count follows a keystroke in a deferred
  // render, and a click, a back step or a reload right after typing must not slip through before it does.
  useEffect(() => {
    const onClick = (event: MouseEvent) => {
      const anchor = (event.target as Element | null)?.closest?.('a[href]') as HTMLAnchorElement | null;
      const target = anchor && guardedTarget(anchor, event, window.location.origin, projectId);
      if (!target || !dirtyNow()) return; // the cheap check first: this runs on every click
      event.preventDefault();
      event.stopPropagation(); // before the router's own link handler
      setPending({ target });
    };
    // Runs before the router's listener (see popstate-gate.ts) and hides the step from it, so the project
    // never unmounts; the step is undone and only repeated when the user confirms.
    const onPopState = (event: PopStateEvent) => {
      if (passThrough.current || isInsideProject(window.location.pathname, projectId) || !dirtyNow()) return false;
      const target = window.location.pathname + window.location.search;
      const delta = historyDelta(event.state, historyIndex.current);
      if (delta) window.history.go(-delta);
      else navigate(lastInside.current);
      setPending({ target, delta });
      return true;
    };
    document.addEventListener('click', onClick, true);
    const removeGate = setPopStateGate(onPopState);
    return () => {
      document.removeEventListener('click', onClick, true);
      removeGate();
    };
  }, [dirtyNow, navigate, projectId]);

  useEffect(() => {
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      if (!dirtyNow()) return;
      event.preventDefault();
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [dirtyNow]);

  return (
    <>
      {children}
      <ConfirmDialog
        open={pending !== null}
        title="Leave this project?"
        confirmLabel="Leave without saving"
        cancelLabel="Stay"
        danger
        onCancel={() => setPending(null)}
        onConfirm={() => {
          if (!pending) return;
          setPending(null);
          clearDraft(projectId); // leaving on purpose: no restore on coming back
          setMappingNote(projectId, null);
          passThrough.current = true;
          if (pending.delta) window.history.go(pending.delta);
          else navigate(pending.target);
        }}
      >
        {/* The dialog can open before the deferred count has caught up with the keystroke that made it dirty. */}
        {Math.max(count, 1) === 1
          ? 'You have 1 unsaved change in this project. Leaving drops it.'
          : `You have ${count} unsaved changes in this project. Leaving drops them.`}
      </ConfirmDialog>
    </>
  );
}
