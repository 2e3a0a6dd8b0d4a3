import {
  PROJECT_FIELDS,
  SECTION_IDS,
  type Project,
  type ProjectField,
  type SectionId,
} from '../../shared/schemas/project';
import { toFormValues, type ProjectFormValues } from '../../shared/form';
import { canonicalJson } from '../../shared/schemas/rubric';
import { isSecretChange, type HistoryChange } from '../api/history';
import { isKnownField } from './describe-entry';

// "Revert this save": a draft that puts back the values the save replaced. It goes through the normal Save
// (review, If-Match), so nothing is written here. Secrets were never recorded and cannot be put back.

export interface RevertPlan {
  /** Form values to set (as the user would have typed them), field by field. */
  values: Partial<ProjectFormValues>;
  fields: ProjectField[];
  /** Secrets the save replaced or cleared: their old values are unknown. */
  secrets: ProjectField[];
  /** Fields that cannot be put back, with the reason. */
  skipped: { field: string; reason: string }[];
  /** Fields changed again after this save: the revert overwrites that later change too. */
  changedSince: ProjectField[];
  /** The first section (in navigation order) the draft touches. */
  firstSection?: SectionId;
}

export function planRevert(changes: readonly HistoryChange[], current: Project): RevertPlan {
  const plan: RevertPlan = { values: {}, fields: [], secrets: [], skipped: [], changedSince: [] };
  const restorable: { field: ProjectField; before: unknown; after: unknown }[] = [];
  for (const change of changes) {
    const field = change.field;
    if (!isKnownField(field)) plan.skipped.push({ field, reason: 'The console does not edit this field.' });
    else if (isSecretChange(change)) plan.secrets.push(field);
    else if (PROJECT_FIELDS[field].kind === 'no-calls' && (change.before === null || change.before === undefined)) {
      plan.skipped.push({
        field,
        reason: 'There was no schedule before, and the API cannot remove one: turn the alert off instead.',
      });
    } else restorable.push({ field, before: change.before, after: change.after });
  }
  // The current project with the old values in place, read the way the form reads a project.
  const old = toFormValues({
    ...current,
    ...Object.fromEntries(restorable.map((change) => [change.field, change.before])),
  } as Project);
  for (const { field, after } of restorable) {
    (plan.values as Record<string, unknown>)[field] = old[field];
    plan.fields.push(field);
    if (canonicalJson(current[field] ?? null) !== canonicalJson(after ?? null)) plan.changedSince.push(field);
  }
  plan.firstSection = SECTION_IDS.find((section) =>
    plan.fields.some((field) => PROJECT_FIELDS[field].section === section),
  );
  return plan;
}
