import { useEffect, useRef, useState, type RefObject } from 'react';
import type { UseFormReturn } from 'react-hook-form';
import type { Project, ProjectField } from '../../shared/schemas/project';
import { toFormValues, type ProjectFormValues } from '../../shared/form';
import type { ProjectSnapshot } from '../api/projects';
import { draftFormValues, loadDraft, serializeDraft, storeDraft } from './draft-storage';
import type { ProjectResolverContext } from './resolver';
import type { AfterMerge, MergeOutcome } from './useMergeFlow';

type Form = UseFormReturn<ProjectFormValues, ProjectResolverContext>;

interface DraftDeps {
  projectId: number;
  /** The current base (a new one after a save or merge rewrites or removes the stored draft). */
  snapshot: ProjectSnapshot;
  latest: RefObject<{ snapshot: ProjectSnapshot; baseValues: ProjectFormValues }>;
  form: Form;
  adopt(next: ProjectSnapshot, values: ProjectFormValues): ProjectField[];
  startMerge(base: Project, mine: ProjectFormValues, theirs: ProjectSnapshot, next: AfterMerge): Promise<void>;
}

const WRITE_DELAY_MS = 250;

/**
 * Keeps the unsaved edits in sessionStorage while the user types, and brings them back once after a
 * reload: directly when the server still has the same version, through the three-way merge otherwise.
 */
export function useDraftPersistence({ projectId, snapshot, latest, form, adopt, startMerge }: DraftDeps) {
  const [restored, setRestored] = useState<MergeOutcome | null>(null);
  // Nothing is written until the stored draft has been read back: the clean form on mount would erase it.
  const ready = useRef(false);
  const started = useRef(false);
  const scheduleRef = useRef<() => void>(() => undefined);

  useEffect(() => {
    let timer: number | undefined;
    const write = () => {
      window.clearTimeout(timer);
      timer = undefined;
      if (!ready.current) return;
      const { snapshot, baseValues } = latest.current;
      storeDraft(projectId, serializeDraft(snapshot, baseValues, form.getValues()));
    };
    const schedule = () => {
      window.clearTimeout(timer);
      timer = window.setTimeout(write, WRITE_DELAY_MS);
    };
    scheduleRef.current = schedule;
    const unsubscribe = form.subscribe({ formState: { values: true }, callback: schedule });
    // A reload may come faster than the delay: write at once when the page goes away.
    window.addEventListener('pagehide', write);
    window.addEventListener('beforeunload', write);
    return () => {
      unsubscribe();
      window.clearTimeout(timer);
      window.removeEventListener('pagehide', write);
      window.removeEventListener('beforeunload', write);
    };
  }, [form, latest, projectId]);

  useEffect(() => scheduleRef.current(), [snapshot]);

  useEffect(() => {
    if (started.current) return;
    started.current = true;
    const draft = loadDraft(projectId);
    if (!draft) {
      ready.current = true;
      return;
    }
    const done = (outcome: MergeOutcome) => {
      ready.current = true;
      scheduleRef.current();
      setRestored(outcome.kept.length ? outcome : null);
    };
    const current = latest.current.snapshot;
    // The stored edits on top of the current version (what a merge would give if no one else had written).
    const onTop = () => ({ ...toFormValues(current.project), ...draft.values }) as ProjectFormValues;
    if (draft.base.etag === current.etag) done({ kept: adopt(current, onTop()) });
    else
      startMerge(draft.base.project, draftFormValues(draft), current, done).catch(() =>
        done({ kept: adopt(current, onTop()) }),
      );
  }, [adopt, latest, projectId, startMerge]);

  return { restored, clearRestored: () => setRestored(null) };
}
