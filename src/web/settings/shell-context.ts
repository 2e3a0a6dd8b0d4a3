import { createContext, useContext } from 'react';
import type { ProjectField, ProjectPatch, SectionId } from '../../shared/schemas/project';

// Shell-internal contexts (sections use useFormContext and useProjectContext; these serve the shell's
// own widgets and the General section's danger zone).

export interface SaveActions {
  /** Validates, then opens the review; its Confirm PATCHes every changed field (with If-Match). */
  save(): void;
  /** Back to the last server snapshot. */
  discard(): void;
  /** PATCHes exactly these fields now (danger-zone actions); other edits stay unsaved. Resolves true on success. */
  saveFields(patch: ProjectPatch): Promise<boolean>;
  /** A "Revert this save" draft put these fields back: the save that sends them is recorded as a revert. */
  markRevert(fields: readonly ProjectField[]): void;
  saving: boolean;
  readOnly: boolean;
}

export const SaveActionsContext = createContext<SaveActions | null>(null);

export function useSaveActions(): SaveActions {
  const value = useContext(SaveActionsContext);
  if (!value) throw new Error('useSaveActions() is used outside a project page.');
  return value;
}

export interface DirtyState {
  fields: ProjectField[];
  /** Changes per section (a rubric counts its rules added, removed and changed). */
  bySection: Partial<Record<SectionId, number>>;
  /** The changes a user would count: one per field, one per rubric rule added, removed or changed. */
  changes: number;
}

export const DirtyStateContext = createContext<DirtyState>({ fields: [], bySection: {}, changes: 0 });
export const useDirtyState = () => useContext(DirtyStateContext);

/** Reads the form now, not after the deferred render: for the tab's close or reload, which cannot wait. */
export const DirtyNowContext = createContext<() => boolean>(() => false);
export const useDirtyNow = () => useContext(DirtyNowContext);
