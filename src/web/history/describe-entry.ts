import {
  PROJECT_FIELDS,
  PROJECT_FIELD_NAMES,
  SECTION_IDS,
  SECTION_LABELS,
  type Project,
  type ProjectField,
  type SectionId,
} from '../../shared/schemas/project';
import { toFormValues } from '../../shared/form';
import { describeChanges, type ChangeEntry } from '../../shared/merge/review';
import { isSecretChange, type HistoryChange } from '../api/history';

// One recorded save as a reviewer reads it: grouped by section, values before -> after, sets added/removed,
// rubric rules added/removed/changed, secrets only "replaced"/"cleared" (the history holds no secret value).

export type HistoryItem =
  ChangeEntry | { field: string; label: string; kind: 'unknown'; before: string; after: string };

export interface HistoryGroup {
  section: SectionId | 'other';
  label: string;
  items: HistoryItem[];
}

export const isKnownField = (field: string): field is ProjectField => Object.hasOwn(PROJECT_FIELDS, field);

const json = (value: unknown): string => (value === undefined ? '(none)' : JSON.stringify(value));

/** A project holding only these fields' values (the rest absent, so they compare equal on both sides). */
function projectOf(
  changes: readonly { field: string; before: unknown; after: unknown }[],
  side: 'before' | 'after',
): Project {
  return { id: 0, ...Object.fromEntries(changes.map((change) => [change.field, change[side]])) } as Project;
}

/** "Field x changed": a field this console does not edit, shown with its recorded values as JSON. */
const unknownItem = (change: HistoryChange): HistoryItem =>
  isSecretChange(change)
    ? {
        field: change.field,
        label: `Field ${change.field} changed`,
        kind: 'unknown',
        before: '(secret)',
        after: `(secret ${change.secret})`,
      }
    : {
        field: change.field,
        label: `Field ${change.field} changed`,
        kind: 'unknown',
        before: json(change.before),
        after: json(change.after),
      };

/**
 * Every row can be shown: when a recorded value does not fit what the console reads today (a row from an older
 * version, an odd upstream value), its changes are listed as recorded rather than failing the page.
 */
export function describeEntry(changes: readonly HistoryChange[]): HistoryGroup[] {
  try {
    return describeKnown(changes);
  } catch {
    return [{ section: 'other', label: 'Changes as recorded', items: changes.map(unknownItem) }];
  }
}

function describeKnown(changes: readonly HistoryChange[]): HistoryGroup[] {
  const values = changes.filter((change) => !isSecretChange(change) && isKnownField(change.field)) as {
    field: ProjectField;
    before: unknown;
    after: unknown;
  }[];
  const described = describeChanges(projectOf(values, 'before'), toFormValues(projectOf(values, 'after'))).flatMap(
    (group) => group.entries,
  );
  const items: HistoryItem[] = [...described];
  for (const change of values) {
    // Recorded, but equal once read as form values (e.g. null -> ""): shown as recorded rather than hidden.
    if (!described.some((entry) => entry.field === change.field)) {
      items.push({
        field: change.field,
        label: PROJECT_FIELDS[change.field].label,
        kind: 'value',
        before: json(change.before),
        after: json(change.after),
      });
    }
  }
  for (const change of changes) {
    if (isSecretChange(change) && isKnownField(change.field))
      items.push({
        field: change.field,
        label: PROJECT_FIELDS[change.field].label,
        kind: 'secret',
        action: change.secret,
      });
  }
  const order = (field: string) => PROJECT_FIELD_NAMES.indexOf(field as ProjectField);
  const groups: HistoryGroup[] = SECTION_IDS.map((section) => ({
    section,
    label: SECTION_LABELS[section],
    items: items
      .filter((item) => PROJECT_FIELDS[item.field as ProjectField].section === section)
      .sort((a, b) => order(a.field) - order(b.field)),
  }));
  const unknown: HistoryItem[] = changes.filter((change) => !isKnownField(change.field)).map(unknownItem);
  return [...groups, { section: 'other' as const, label: 'Other fields', items: unknown }].filter(
    (group) => group.items.length > 0,
  );
}
