import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { UseFormReturn } from 'react-hook-form';
import { PROJECT_FIELD_NAMES, type ProjectField, type ProjectPatch } from '../../shared/schemas/project';
import { toFormValues, type ProjectFormValues } from '../../shared/form';
import { buildPatch, isFieldDirty } from '../../shared/patch';
import { patchProject, type ProjectSnapshot } from '../api/projects';
import { queryKeys } from '../api/keys';
import { rebaseValues, type SentChange } from './rebase';
import type { ProjectResolverContext } from './resolver';
import type { SaveProblem } from './save-problem';
import { errorPaths, sectionsOfPaths } from './form-errors';
import { useMergeFlow } from './useMergeFlow';
import { useDraftPersistence } from './useDraftPersistence';
import { useServerWatch } from './useServerWatch';
import { useSaveFollowUps } from './useSaveFollowUps';
import { preloadSaveDialogs } from './SaveDialogs';

type Form = UseFormReturn<ProjectFormValues, ProjectResolverContext>;

/**
 * Save (through the review), discard, and what keeps two admins from losing each other's work: the
 * merge after a 412 or an unknown outcome, the background check for changes made elsewhere, and the
 * draft kept across a reload.
 */
export function useProjectSave(
  projectId: number,
  snapshot: ProjectSnapshot,
  baseValues: ProjectFormValues,
  form: Form,
) {
  const queryClient = useQueryClient();
  const [problem, setProblem] = useState<SaveProblem | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const latest = useRef({ snapshot, baseValues });
  const generation = useRef(0);
  useLayoutEffect(() => {
    latest.current = { snapshot, baseValues };
  }, [snapshot, baseValues]);
  const mutation = useMutation({
    mutationFn: ({ patch, revert }: { patch: ProjectPatch; revert: boolean }) =>
      patchProject(projectId, patch, latest.current.snapshot.etag, { revert }),
  });
  // Fields a "Revert this save" draft put back: the save that sends them is recorded as a revert.
  const revertFields = useRef<Set<string> | null>(null);
  const isRevert = (patch: ProjectPatch) =>
    revertFields.current !== null && Object.keys(patch).some((field) => revertFields.current?.has(field));

  /** `next` becomes the base; the form holds `values` on top of it. Returns the fields left edited. */
  const adopt = useCallback(
    (next: ProjectSnapshot, values: ProjectFormValues): ProjectField[] => {
      const newBase = toFormValues(next.project);
      latest.current = { snapshot: next, baseValues: newBase };
      generation.current += 1;
      queryClient.setQueryData(queryKeys.project(projectId), next);
      form.reset(newBase);
      const kept = PROJECT_FIELD_NAMES.filter((field) => isFieldDirty(field, newBase, values));
      for (const field of kept) form.setValue(field, values[field] as never, { shouldDirty: true });
      if (kept.length) void form.trigger(kept);
      void queryClient.invalidateQueries({ queryKey: queryKeys.projects(), exact: true });
      return kept;
    },
    [form, projectId, queryClient],
  );

  /** A save's answer: sent fields take the server's value; edits it has not received stay. */
  const applySnapshot = useCallback(
    (next: ProjectSnapshot, sent?: SentChange) =>
      adopt(
        next,
        rebaseValues(latest.current.baseValues, toFormValues(next.project), structuredClone(form.getValues()), sent)
          .values,
      ),
    [adopt, form],
  );

  useEffect(() => {
    // Once the page has settled: the first-load budget stays untouched, and the dialogs are there offline.
    const timer = window.setTimeout(preloadSaveDialogs, 1500);
    return () => window.clearTimeout(timer);
  }, []);

  const getValues = useCallback(() => form.getValues(), [form]);
  const merge = useMergeFlow({ adopt, getValues, setNotice });
  const draft = useDraftPersistence({ projectId, snapshot, latest, form, adopt, startMerge: merge.startMerge });
  const followUps = useSaveFollowUps({
    projectId,
    latest,
    form,
    mutation,
    applySnapshot,
    startMerge: merge.startMerge,
    setProblem,
    setNotice,
  });
  const { send, checking, readOnly } = followUps;
  const saving = mutation.isPending || checking;

  useServerWatch({
    projectId,
    currentEtag: () => latest.current.snapshot.etag,
    generation: () => generation.current,
    paused: () => saving || merge.dialog !== null,
    onChanged: (next) => {
      const edited = PROJECT_FIELD_NAMES.some((field) =>
        isFieldDirty(field, latest.current.baseValues, form.getValues()),
      );
      if (edited) merge.setRemote(next);
      else adopt(next, toFormValues(next.project)); // nothing to lose: take it silently
    },
  });

  const save = useCallback(() => {
    if (merge.dialog) return;
    void form.handleSubmit(
      () => {
        // A new attempt that passes validation replaces the last one's message (a failed send sets a new one).
        setProblem(null);
        merge.openReview(latest.current.snapshot.project);
      },
      (errors) => {
        const sections = sectionsOfPaths(errorPaths(errors));
        setProblem({
          kind: 'error',
          title: 'Not saved: some values need fixing.',
          messages: ['The messages are shown at the fields.'],
          sections,
        });
      },
    )();
  }, [form, merge]);

  /** The review's Confirm: sends exactly what was reviewed. */
  const confirm = useCallback(() => {
    const { dialog } = merge;
    if (dialog?.kind !== 'review') return;
    merge.back();
    const patch = buildPatch(dialog.base, dialog.values);
    void send(patch, dialog.values, true, isRevert(patch)).then((ok) => {
      if (!ok) return;
      draft.clearRestored();
      revertFields.current = null;
    });
  }, [draft, merge, send]);

  const markRevert = useCallback((fields: readonly ProjectField[]) => {
    revertFields.current = new Set(fields);
  }, []);

  const saveFields = useCallback(
    (patch: ProjectPatch) => send(patch, structuredClone(form.getValues()), false),
    [form, send],
  );

  const discard = useCallback(() => {
    // A newer version seen meanwhile is taken now: with no edits there is nothing to merge.
    if (merge.remote) adopt(merge.remote, toFormValues(merge.remote.project));
    else form.reset(latest.current.baseValues);
    merge.setRemote(null);
    setProblem(null);
    draft.clearRestored();
    revertFields.current = null;
  }, [adopt, draft, form, merge]);

  /** "Merge now": the same merge as after a 412, against the server's version as of now. */
  const mergeNow = useCallback(
    () => followUps.mergeWithServer(merge.remote, () => merge.setRemote(null)),
    [followUps, merge],
  );

  return {
    save,
    confirm,
    discard,
    saveFields,
    markRevert,
    saving,
    readOnly,
    problem,
    dismissProblem: () => setProblem(null),
    notice,
    clearNotice: () => setNotice(null),
    merge,
    mergeNow,
    restored: draft.restored,
    dismissRestored: draft.clearRestored,
  };
}
