import { useMemo, type ReactNode } from 'react';
import { useWatch } from 'react-hook-form';
import { PROJECT_FIELDS, PROJECT_FIELD_NAMES } from '../../shared/schemas/project';
import { isFieldDirty } from '../../shared/patch';
import type { ProjectFormValues } from '../../shared/form';
import { DirtyStateContext, type DirtyState } from './shell-context';

/** Dirty = differs from the last server snapshot after normalising (sets unordered; edited back = clean). */
export function computeDirtyState(baseValues: ProjectFormValues, values: ProjectFormValues): DirtyState {
  const fields = PROJECT_FIELD_NAMES.filter((field) => isFieldDirty(field, baseValues, values));
  const bySection: DirtyState['bySection'] = {};
  for (const field of fields) {
    const section = PROJECT_FIELDS[field].section;
    bySection[section] = (bySection[section] ?? 0) + 1;
  }
  return { fields, bySection };
}

// Re-renders on every edit, but only its consumers (badges, save bar, leave guard) follow: children are
// created by the form above it and stay the same elements.
export function DirtyStateProvider({ baseValues, children }: { baseValues: ProjectFormValues; children: ReactNode }) {
  const values = useWatch<ProjectFormValues>() as ProjectFormValues;
  const state = computeDirtyState(baseValues, values);
  const key = state.fields.join(',');
  // eslint-disable-next-line react-hooks/exhaustive-deps -- the field list identifies the state
  const stable = useMemo(() => state, [key]);
  return <DirtyStateContext.Provider value={stable}>{children}</DirtyStateContext.Provider>;
}
