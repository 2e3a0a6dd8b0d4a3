import { useCallback, useLayoutEffect, useRef, useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { UseFormReturn } from 'react-hook-form';
import { readProject, type ProjectField, type ProjectPatch } from '../../shared/schemas/project';
import { toFormValues, type ProjectFormValues } from '../../shared/form';
import { buildPatch } from '../../shared/patch';
import { fetchProject, patchProject, type ProjectSnapshot } from '../api/projects';
import { queryKeys } from '../api/keys';
import { rebaseValues, type SentChange } from './rebase';
import type { ProjectResolverContext } from './resolver';
import { describeSaveFailure, type SaveProblem } from './save-problem';
import { errorPaths, sectionsOfPaths, sortIssues } from './form-errors';

type Form = UseFormReturn<ProjectFormValues, ProjectResolverContext>;

/** Save, discard, reload and the state they leave behind (problem banner, read-only, success notice). */
export function useProjectSave(projectId: number, snapshot: ProjectSnapshot, baseValues: ProjectFormValues, form: Form) {
  const queryClient = useQueryClient();
  const [readOnly, setReadOnly] = useState(false);
  const [problem, setProblem] = useState<SaveProblem | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const latest = useRef({ snapshot, baseValues });
  useLayoutEffect(() => {
    latest.current = { snapshot, baseValues };
  }, [snapshot, baseValues]);
  const mutation = useMutation({ mutationFn: (patch: ProjectPatch) => patchProject(projectId, patch, latest.current.snapshot.etag) });

  /** A new server snapshot becomes the base; edits the server has not received stay in the form. */
  const applySnapshot = useCallback(
    (next: ProjectSnapshot, sent?: SentChange) => {
      const current = structuredClone(form.getValues());
      const newBase = toFormValues(next.project);
      const { values, kept } = rebaseValues(latest.current.baseValues, newBase, current, sent);
      latest.current = { snapshot: next, baseValues: newBase };
      queryClient.setQueryData(queryKeys.project(projectId), next);
      form.reset(newBase);
      for (const field of kept) form.setValue(field, values[field] as never, { shouldDirty: true });
      if (kept.length) void form.trigger(kept);
      void queryClient.invalidateQueries({ queryKey: queryKeys.projects(), exact: true });
    },
    [form, projectId, queryClient],
  );

  const send = useCallback(
    async (patch: ProjectPatch): Promise<boolean> => {
      const fields = Object.keys(patch) as ProjectField[];
      if (!fields.length) return true;
      const sentValues = structuredClone(form.getValues());
      setNotice(null);
      try {
        const next = await mutation.mutateAsync(patch);
        applySnapshot(next, { fields, values: sentValues });
        setProblem(null);
        setNotice(fields.length === 1 ? 'Saved 1 change.' : `Saved ${fields.length} changes.`);
        return true;
      } catch (error) {
        const failure = describeSaveFailure(error);
        if (failure.readOnly) setReadOnly(true);
        for (const issue of sortIssues(failure.fieldIssues)) form.setError(issue.path as never, { type: 'server', message: issue.message });
        setProblem(failure.problem);
        return false;
      }
    },
    [applySnapshot, form, mutation],
  );

  const save = useCallback(() => {
    void form.handleSubmit(
      () => send(buildPatch(latest.current.snapshot.project, form.getValues())),
      (errors) => {
        const sections = sectionsOfPaths(errorPaths(errors));
        setProblem({ kind: 'error', title: 'Not saved: some values need fixing.', messages: ['The messages are shown at the fields.'], sections });
      },
    )();
  }, [form, send]);

  const discard = useCallback(() => {
    form.reset(latest.current.baseValues);
    setProblem(null);
  }, [form]);

  /** After a 412: take the server's current version as the base, keep every edit on top of it. */
  const reload = useCallback(async () => {
    const conflict = problem?.kind === 'conflict' ? problem : undefined;
    try {
      const next =
        conflict?.project && conflict.etag ? { ...readProject(conflict.project), etag: conflict.etag } : await fetchProject(projectId);
      applySnapshot(next);
      setProblem(null);
      setNotice('Loaded the latest version. Your edits are kept on top of it.');
    } catch (error) {
      setProblem(describeSaveFailure(error).problem);
    }
  }, [applySnapshot, problem, projectId]);

  return { save, discard, reload, saveFields: send, saving: mutation.isPending, readOnly, problem, dismissProblem: () => setProblem(null), notice, clearNotice: () => setNotice(null) };
}
