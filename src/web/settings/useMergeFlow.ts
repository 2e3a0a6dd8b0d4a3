import { useCallback, useState } from 'react';
import { PROJECT_FIELDS, type Project, type ProjectField } from '../../shared/schemas/project';
import { toFormValues, type ProjectFormValues } from '../../shared/form';
import type { Choice, MergeConflict } from '../../shared/merge/merge';
import type { ProjectSnapshot } from '../api/projects';

// The three-way merge as the user meets it: after a 412, "Merge now", an unknown save outcome, or a
// restored draft whose base moved. Fields changed on one side take that side (mergeThreeWay); what both
// sides changed differently waits in the conflict dialog; the result is rebased onto the server's version.

export interface MergeOutcome {
  /** Fields left edited on the new base. */
  kept: ProjectField[];
  note?: string;
}

/** 'review': a save in progress, the review opens again; a function: called with the outcome instead. */
export type AfterMerge = 'review' | ((outcome: MergeOutcome) => void);

export interface PendingMerge {
  base: Project;
  mine: ProjectFormValues;
  theirs: ProjectSnapshot;
  conflicts: MergeConflict[];
  takenFromServer: ProjectField[];
  next: AfterMerge;
}

export type SaveDialog =
  | { kind: 'review'; base: Project; values: ProjectFormValues; note?: string }
  | { kind: 'conflicts'; pending: PendingMerge };

// The merge code is needed only when two versions meet: it loads then.
const loadMerge = () => import('../../shared/merge/merge');

export function mergeNote(taken: readonly ProjectField[]): string | undefined {
  return taken.length
    ? `Merged with changes made elsewhere: ${taken.map((field) => PROJECT_FIELDS[field].label).join(', ')}.`
    : undefined;
}

interface MergeDeps {
  /** Makes `next` the form's base with `values` on top; returns the fields left edited. */
  adopt(next: ProjectSnapshot, values: ProjectFormValues): ProjectField[];
  getValues(): ProjectFormValues;
  setNotice(message: string | null): void;
}

export function useMergeFlow({ adopt, getValues, setNotice }: MergeDeps) {
  const [dialog, setDialog] = useState<SaveDialog | null>(null);
  /** A newer server version seen while the user has edits ("This project was changed elsewhere"). */
  const [remote, setRemote] = useState<ProjectSnapshot | null>(null);

  const openReview = useCallback(
    (base: Project, note?: string) => setDialog({ kind: 'review', base, values: structuredClone(getValues()), note }),
    [getValues],
  );

  const finish = useCallback(
    (theirs: ProjectSnapshot, values: ProjectFormValues, taken: ProjectField[], next: AfterMerge) => {
      const kept = adopt(theirs, values);
      setRemote(null);
      const note = mergeNote(taken);
      if (next !== 'review') {
        setDialog(null);
        next({ kept, note });
      } else if (!kept.length) {
        setDialog(null);
        setNotice('Nothing left to save: the project already holds these values.');
      } else openReview(theirs.project, note);
    },
    [adopt, openReview, setNotice],
  );

  const startMerge = useCallback(
    async (base: Project, mine: ProjectFormValues, theirs: ProjectSnapshot, next: AfterMerge) => {
      const { mergeThreeWay } = await loadMerge();
      const result = mergeThreeWay(base, mine, theirs.project);
      if (!result.conflicts.length) finish(theirs, result.values, result.takenFromServer, next);
      else
        setDialog({
          kind: 'conflicts',
          pending: { base, mine, theirs, conflicts: result.conflicts, takenFromServer: result.takenFromServer, next },
        });
    },
    [finish],
  );

  const resolve = useCallback(
    async (choices: Record<string, Choice>) => {
      if (dialog?.kind !== 'conflicts') return;
      const { base, mine, theirs, takenFromServer, next } = dialog.pending;
      const { mergeWithChoices } = await loadMerge();
      finish(theirs, mergeWithChoices(base, mine, theirs.project, choices).values, takenFromServer, next);
    },
    [dialog, finish],
  );

  /** The escape: drop the draft, take the server's version. */
  const discardMine = useCallback(() => {
    if (dialog?.kind !== 'conflicts') return;
    const { theirs, next } = dialog.pending;
    adopt(theirs, toFormValues(theirs.project));
    setRemote(null);
    setDialog(null);
    setNotice('Loaded the latest version; your edits were discarded.');
    if (next !== 'review') next({ kept: [] });
  }, [adopt, dialog, setNotice]);

  /** Closes the dialog; unresolved conflicts leave the draft on its old base, with the banner to merge later. */
  const back = useCallback(() => {
    if (dialog?.kind === 'conflicts') setRemote(dialog.pending.theirs);
    setDialog(null);
  }, [dialog]);

  return { dialog, remote, setRemote, openReview, startMerge, resolve, discardMine, back };
}
