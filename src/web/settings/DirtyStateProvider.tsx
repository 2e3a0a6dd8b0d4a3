import { useCallback, useDeferredValue, useMemo, type ReactNode } from 'react';
import { useFormContext } from 'react-hook-form';
import { PROJECT_FIELDS, PROJECT_FIELD_NAMES } from '../../shared/schemas/project';
import { isFieldDirty } from '../../shared/patch';
import { diffRules } from '../../shared/merge/rule-multiset';
import type { ProjectFormValues } from '../../shared/form';
import { DirtyNowContext, DirtyStateContext, type DirtyState } from './shell-context';
import { useFormValues } from './form-values';
import { freezeRules } from '../../shared/rubric/frozen-rules';
import { rulesOf } from '../../shared/schemas/rubric';

/** Dirty = differs from the last server snapshot after normalising (sets unordered; edited back = clean). */
export function computeDirtyState(baseValues: ProjectFormValues, values: ProjectFormValues): DirtyState {
  const fields = PROJECT_FIELD_NAMES.filter((field) => isFieldDirty(field, baseValues, values));
  const bySection: DirtyState['bySection'] = {};
  let changes = 0;
  for (const field of fields) {
    const section = PROJECT_FIELDS[field].section;
    // The rubric is one field but many rules: each rule added, removed or changed counts as a change.
    const weight = field === 'rubric_config' ? rubricChanges(baseValues[field], values[field]) : 1;
    bySection[section] = (bySection[section] ?? 0) + weight;
    changes += weight;
  }
  return { fields, bySection, changes };
}

function rubricChanges(base: unknown, draft: unknown): number {
  const diff = diffRules(base, draft);
  const changed = diff.changed.reduce((sum, group) => sum + Math.max(group.before.length, group.after.length), 0);
  return Math.max(1, diff.added.length + diff.removed.length + changed);
}

// Re-renders on every edit, but only its consumers (badges, save bar, leave guard) follow: children are
// created by the form above it and stay the same elements. The values are the form's own objects
// (useFormValues: no copies), so a field's value is normalised once however often the state is worked out
// (shared/patch.ts), and the resolver finds the same objects. The count follows in a deferred render: a
// keystroke paints first.
export function DirtyStateProvider({ baseValues, children }: { baseValues: ProjectFormValues; children: ReactNode }) {
  const { getValues } = useFormContext<ProjectFormValues>();
  // The saved rules are compared with the draft's on every edit: frozen, their keys are remembered (frozen-rules.ts).
  useMemo(() => freezeRules(rulesOf(baseValues.rubric_config)), [baseValues]);
  const values = useFormValues<ProjectFormValues>();
  const deferred = useDeferredValue(values);
  const state = useMemo(() => computeDirtyState(baseValues, deferred), [baseValues, deferred]);
  const key = `${state.fields.join(',')}:${state.changes}`;
  // eslint-disable-next-line react-hooks/exhaustive-deps -- the field list identifies the state
  const stable = useMemo(() => state, [key]);
  // Stops at the first changed field: asked on every click on a link that leaves the project and on unload.
  const dirtyNow = useCallback(() => {
    const values = getValues();
    return PROJECT_FIELD_NAMES.some((field) => isFieldDirty(field, baseValues, values));
  }, [baseValues, getValues]);
  return (
    <DirtyNowContext.Provider value={dirtyNow}>
      <DirtyStateContext.Provider value={stable}>{children}</DirtyStateContext.Provider>
    </DirtyNowContext.Provider>
  );
}
