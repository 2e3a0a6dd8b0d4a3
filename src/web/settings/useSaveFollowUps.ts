import { useCallback, useState, type RefObject } from 'react';
import type { UseFormReturn } from 'react-hook-form';
import type { UseMutationResult } from '@tanstack/react-query';
import { readProject, type Project, type ProjectField, type ProjectPatch } from '../../shared/schemas/project';
import type { ProjectFormValues } from '../../shared/form';
import { ApiError } from '../api/client';
import { fetchProject, fetchSettledProject, type ProjectSnapshot } from '../api/projects';
import type { SentChange } from './rebase';
import type { ProjectResolverContext } from './resolver';
import { describeSaveFailure, type SaveProblem } from './save-problem';
import { sortIssues } from './form-errors';
import { intendedValues, isUnknownOutcome, judgeSaveOutcome } from './save-outcome';
import type { AfterMerge } from './useMergeFlow';

type Form = UseFormReturn<ProjectFormValues, ProjectResolverContext>;

interface FollowUpDeps {
  projectId: number;
  latest: RefObject<{ snapshot: ProjectSnapshot; baseValues: ProjectFormValues }>;
  form: Form;
  mutation: UseMutationResult<ProjectSnapshot, Error, { patch: ProjectPatch; revert: boolean }>;
  applySnapshot(next: ProjectSnapshot, sent?: SentChange): ProjectField[];
  startMerge(base: Project, mine: ProjectFormValues, theirs: ProjectSnapshot, next: AfterMerge): Promise<void>;
  setProblem(problem: SaveProblem | null): void;
  setNotice(message: string | null): void;
}

const NOT_APPLIED =
  'The project read back from Cekura does not have the change: it did not reach it (or has not yet). Saving again is safe: a save that lands meanwhile shows up as a merge, never twice.';

const savedMessage = (count: number) => (count === 1 ? 'Saved 1 change.' : `Saved ${count} changes.`);

/** The save landed, but the admin server could not write its history row (X-History-Recorded: false). */
export const HISTORY_NOT_RECORDED = 'Saved, but the history could not record it.';

/** The current project a 412 carries (with its ETag), or a fresh read when it carries none. */
async function theirsOf412(error: ApiError, projectId: number): Promise<ProjectSnapshot> {
  const body = error.body as { project?: unknown } | null;
  if (body && typeof body === 'object' && body.project && error.etag)
    return { ...readProject(body.project), etag: error.etag };
  return fetchProject(projectId);
}

/** Sending a PATCH and everything after a failed one: 412 and unknown outcomes go to the merge. */
export function useSaveFollowUps({
  projectId,
  latest,
  form,
  mutation,
  applySnapshot,
  startMerge,
  setProblem,
  setNotice,
}: FollowUpDeps) {
  const [checking, setChecking] = useState(false);
  const [readOnly, setReadOnly] = useState(false);

  /** The server moved since `before`: merge the form's edits onto `theirs`. */
  const mergeOnto = useCallback(
    async (before: ProjectSnapshot, theirs: ProjectSnapshot, fromForm: boolean) => {
      const mine = structuredClone(form.getValues());
      if (fromForm) {
        setProblem(null);
        await startMerge(before.project, mine, theirs, 'review');
        return;
      }
      // A one-field action (delete, restore): the form is rebased; the action is asked for again.
      await startMerge(before.project, mine, theirs, () => undefined);
      setProblem({
        kind: 'error',
        title: 'Not saved: the project changed elsewhere.',
        messages: ['The latest version is loaded now and your edits are kept. Try again.'],
        sections: [],
      });
    },
    [form, setProblem, startMerge],
  );

  /** The answer never came: re-read the project and judge whether the save landed. */
  const checkOutcome = useCallback(
    async (
      error: ApiError,
      before: ProjectSnapshot,
      patch: ProjectPatch,
      sent: SentChange,
      fromForm: boolean,
    ): Promise<boolean> => {
      // The usual wording for this failure (title, what to do), adjusted to what the re-read found.
      const failure = describeSaveFailure(error).problem;
      let after: ProjectSnapshot;
      try {
        // Not before the admin server's write has settled: a read meanwhile may not show it yet.
        after = await fetchSettledProject(projectId);
        if (after.writePending) throw new Error('The earlier save is still being processed.');
      } catch {
        if (failure.kind === 'error')
          setProblem({ ...failure, title: failure.title.replace(/^Not saved/, 'Saving may not have finished') });
        return false;
      }
      const outcome = judgeSaveOutcome(before, after, {
        fields: sent.fields,
        values: intendedValues(before, patch, sent.values),
      });
      if (outcome === 'applied') {
        applySnapshot(after, sent);
        setProblem(null);
        setNotice(savedMessage(sent.fields.length));
        return true;
      }
      if (outcome === 'not-applied') {
        if (failure.kind === 'error') setProblem({ ...failure, messages: [NOT_APPLIED, 'Your edits are kept.'] });
        return false;
      }
      await mergeOnto(before, after, fromForm);
      return false;
    },
    [applySnapshot, mergeOnto, projectId, setNotice, setProblem],
  );

  const send = useCallback(
    async (patch: ProjectPatch, values: ProjectFormValues, fromForm: boolean, revert = false): Promise<boolean> => {
      const fields = Object.keys(patch) as ProjectField[];
      if (!fields.length) return true;
      const before = latest.current.snapshot;
      const sent: SentChange = { fields, values };
      setNotice(null);
      try {
        const next = await mutation.mutateAsync({ patch, revert });
        applySnapshot(next, sent);
        setProblem(null);
        setNotice(next.historyRecorded === false ? HISTORY_NOT_RECORDED : savedMessage(fields.length));
        return true;
      } catch (error) {
        if (error instanceof ApiError && (error.status === 412 || isUnknownOutcome(error))) {
          setChecking(true);
          try {
            if (error.status !== 412) return await checkOutcome(error, before, patch, sent, fromForm);
            await mergeOnto(before, await theirsOf412(error, projectId), fromForm);
          } catch (followUp) {
            setProblem(describeSaveFailure(followUp).problem);
          } finally {
            setChecking(false);
          }
          return false;
        }
        const failure = describeSaveFailure(error);
        if (failure.readOnly) setReadOnly(true);
        for (const issue of sortIssues(failure.fieldIssues))
          form.setError(issue.path as never, { type: 'server', message: issue.message });
        setProblem(failure.problem);
        return false;
      }
    },
    [applySnapshot, checkOutcome, form, latest, mergeOnto, mutation, projectId, setNotice, setProblem],
  );

  /** "Merge now": the server's version as of now (or the one last seen, offline) merged with the edits. */
  const mergeWithServer = useCallback(
    async (lastSeen: ProjectSnapshot | null, onStart: () => void) => {
      setChecking(true);
      try {
        const theirs = await fetchProject(projectId).catch(() => lastSeen);
        if (!theirs) return;
        onStart();
        if (theirs.etag === latest.current.snapshot.etag) return;
        await mergeOnto(latest.current.snapshot, theirs, true);
      } catch (error) {
        setProblem(describeSaveFailure(error).problem);
      } finally {
        setChecking(false);
      }
    },
    [latest, mergeOnto, projectId, setProblem],
  );

  return { send, checking, readOnly, mergeWithServer };
}
