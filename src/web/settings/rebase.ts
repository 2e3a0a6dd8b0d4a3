import { PROJECT_FIELD_NAMES, type ProjectField } from '../../shared/schemas/project';
import { isFieldDirty } from '../../shared/patch';
import type { ProjectFormValues } from '../../shared/form';

export interface SentChange {
  fields: readonly ProjectField[];
  /** The form values at the moment the PATCH was sent. */
  values: ProjectFormValues;
}

/**
 * The form values after a new server snapshot arrives (save, reload, delete/restore). A field takes the
 * server's value unless the user has an edit in it that the server has not received: edits never sent
 * (another section's, or everything on a reload) and edits typed while the save was in flight are kept.
 */
export function rebaseValues(
  oldBase: ProjectFormValues,
  newBase: ProjectFormValues,
  current: ProjectFormValues,
  sent?: SentChange,
): { values: ProjectFormValues; kept: ProjectField[] } {
  const values = { ...newBase } as Record<ProjectField, unknown>;
  const kept: ProjectField[] = [];
  for (const field of PROJECT_FIELD_NAMES) {
    const delivered = sent?.fields.includes(field) && !isFieldDirty(field, sent.values, current);
    if (!delivered && isFieldDirty(field, oldBase, current) && isFieldDirty(field, newBase, current)) {
      values[field] = current[field];
      kept.push(field);
    }
  }
  return { values: values as ProjectFormValues, kept };
}
