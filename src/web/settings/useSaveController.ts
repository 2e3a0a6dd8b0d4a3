import { useCallback, useEffect, useState, useSyncExternalStore } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { UseFormReturn } from 'react-hook-form';
import type { ProjectField, ProjectPatch } from '../../shared/schemas/project';
import type { ProjectFormValues } from '../../shared/form';
import type { Choice } from '../../shared/merge/merge';
import { fetchProject, fetchSettledProject, patchProject, type ProjectSnapshot } from '../api/projects';
import { queryKeys } from '../api/keys';
import type { ProjectResolverContext } from './resolver';
import { errorPaths, sectionsOfPaths } from './form-errors';
import { loadDraft, serializeDraft, storeDraft } from './draft-storage';
import { useServerWatch } from './useServerWatch';
import { preloadSaveDialogs } from './SaveDialogs';
import { createSaveController, initialSaveState, isBusy, type SaveController } from './save-machine';
import { subscribeToValueChanges } from './form-values';

type Form = UseFormReturn<ProjectFormValues, ProjectResolverContext>;

const DRAFT_WRITE_DELAY_MS = 250;

/**
 * Binds the save machine (save-machine.ts) to the form: runs its effects against the admin server, the form
 * and the query cache, and around it the edges that are not saving itself: the background check for
 * changes made elsewhere and the draft kept in sessionStorage across a reload.
 */
export function useSaveController(
  projectId: number,
  snapshot: ProjectSnapshot,
  form: Form,
  resolverContext: ProjectResolverContext,
) {
  const queryClient = useQueryClient();
  // projectId, form, the resolver context and the query client are fixed for the form's life (ProjectForm is keyed by project).
  const [controller] = useState<SaveController>(() =>
    createSaveController(initialSaveState(snapshot), {
      send: (patch, etag, revert) => patchProject(projectId, patch, etag, { revert }),
      read: () => fetchProject(projectId),
      readSettled: () => fetchSettledProject(projectId),
      // The merge code is needed only when two versions meet: it loads then.
      loadMerge: () => import('../../shared/merge/merge'),
      formValues: () => structuredClone(form.getValues()),
      adopt: ({ snapshot: next, baseValues, values, kept }) => {
        queryClient.setQueryData(queryKeys.project(projectId), next);
        // Validation judges what is edited against the new base from here on.
        resolverContext.base = next.project;
        resolverContext.baseValues = baseValues;
        form.reset(baseValues);
        for (const field of kept) form.setValue(field, values[field] as never, { shouldDirty: true });
        if (kept.length) void form.trigger(kept);
        void queryClient.invalidateQueries({ queryKey: queryKeys.projects(), exact: true });
      },
      resetForm: (values) => form.reset(values),
      fieldErrors: (issues) => {
        for (const issue of issues) form.setError(issue.path as never, { type: 'server', message: issue.message });
      },
    }),
  );
  const state = useSyncExternalStore(controller.subscribe, controller.getState);
  const { dispatch } = controller;

  useEffect(() => {
    // Once the page has settled: the first-load budget stays untouched, and the dialogs are there offline.
    const timer = window.setTimeout(preloadSaveDialogs, 1500);
    return () => window.clearTimeout(timer);
  }, []);

  // The draft: written (debounced) while the user types and on every new base, once the stored one is read back.
  useEffect(() => {
    let timer: number | undefined;
    const write = () => {
      window.clearTimeout(timer);
      timer = undefined;
      const { draftReady, snapshot: base, baseValues } = controller.getState();
      // Nothing is written before the stored draft is read back: the clean form on mount would erase it.
      if (draftReady) storeDraft(projectId, serializeDraft(base, baseValues, form.getValues()));
    };
    const schedule = () => {
      window.clearTimeout(timer);
      timer = window.setTimeout(write, DRAFT_WRITE_DELAY_MS);
    };
    let last = controller.getState();
    const unsubscribeState = controller.subscribe(() => {
      const now = controller.getState();
      if (now.snapshot !== last.snapshot || now.draftReady !== last.draftReady) schedule();
      last = now;
    });
    const unsubscribeForm = subscribeToValueChanges(form.control, () => form.getValues(), schedule);
    // A reload may come faster than the delay: write at once when the page goes away.
    window.addEventListener('pagehide', write);
    window.addEventListener('beforeunload', write);
    return () => {
      unsubscribeState();
      unsubscribeForm();
      window.clearTimeout(timer);
      window.removeEventListener('pagehide', write);
      window.removeEventListener('beforeunload', write);
    };
  }, [controller, form, projectId]);

  // Read back once: the machine restores it directly, or merges it when the server moved meanwhile.
  useEffect(() => dispatch({ type: 'draftLoaded', draft: loadDraft(projectId) }), [dispatch, projectId]);

  useServerWatch({
    projectId,
    currentEtag: () => controller.getState().snapshot.etag,
    generation: () => controller.getState().generation,
    paused: () => controller.getState().phase !== 'editing',
    onChanged: (next) => dispatch({ type: 'remoteSeen', next, current: structuredClone(form.getValues()) }),
  });

  const save = useCallback(() => {
    if (controller.getState().phase !== 'editing') return;
    void form.handleSubmit(
      () => dispatch({ type: 'save', values: structuredClone(form.getValues()) }),
      (errors) => dispatch({ type: 'invalid', sections: sectionsOfPaths(errorPaths(errors)) }),
    )();
  }, [controller, dispatch, form]);

  const saveFields = useCallback(
    (patch: ProjectPatch) => controller.dispatchSend({ type: 'saveFields', patch, values: form.getValues() }),
    [controller, form],
  );

  return {
    state,
    saving: isBusy(state),
    save,
    saveFields,
    confirm: useCallback(() => void controller.dispatchSend({ type: 'confirm' }), [controller]),
    back: useCallback(() => dispatch({ type: 'back' }), [dispatch]),
    resolve: useCallback((choices: Record<string, Choice>) => dispatch({ type: 'resolve', choices }), [dispatch]),
    discardMine: useCallback(() => dispatch({ type: 'discardMine' }), [dispatch]),
    discard: useCallback(() => dispatch({ type: 'discard' }), [dispatch]),
    mergeNow: useCallback(() => dispatch({ type: 'mergeNow' }), [dispatch]),
    markRevert: useCallback((fields: readonly ProjectField[]) => dispatch({ type: 'markRevert', fields }), [dispatch]),
    dismissProblem: useCallback(() => dispatch({ type: 'dismissProblem' }), [dispatch]),
    clearNotice: useCallback(() => dispatch({ type: 'clearNotice' }), [dispatch]),
    dismissRestored: useCallback(() => dispatch({ type: 'dismissRestored' }), [dispatch]),
  };
}
