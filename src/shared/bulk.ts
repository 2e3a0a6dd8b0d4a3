import { PROJECT_FIELDS, type Project, type ProjectField, type ProjectPatch } from './schemas/project';
import { toFormValues } from './form';
import { buildPatch, isFieldDirty } from './patch';
import { applySettingsToDraft, TRANSFERABLE_FIELDS } from './transfer';
import {
  combineRubric,
  initialDecisions,
  matchRefs,
  rulesLost,
  translateSettings,
  undecided,
  type MappingRow,
  type RefCatalog,
  type RubricMode,
  type Settings,
} from './id-mapping';

// Bulk changes (decision 33): chosen settings of one project applied to many. Each target is planned on its
// own (ids translated by name for that project; a target needing a choice is skipped as "needs mapping",
// never asked one by one), saved with its own GET and If-Match, and merged automatically only when the
// chosen fields did not change between the preview and the save.

/** Fields a bulk change may carry: the transferable ones except the webhook URL (its secret stays per project). */
export const BULK_FIELDS: ProjectField[] = TRANSFERABLE_FIELDS.filter((field) => field !== 'webhook_url');

export type BulkPlan =
  | { kind: 'unchanged' }
  | { kind: 'needs-mapping'; rows: MappingRow[] }
  | { kind: 'change'; patch: ProjectPatch; fields: ProjectField[]; lostRules: unknown[] };

/** What applying `settings` (from a project whose items are `source`) would do to `target`. */
export function planBulkChange(
  settings: Settings,
  source: RefCatalog,
  target: Project,
  targetCatalog: RefCatalog,
  rubricMode: RubricMode,
): BulkPlan {
  const rows = matchRefs(settings, source, targetCatalog);
  const decisions = initialDecisions(rows);
  const open = undecided(rows, decisions);
  if (open.length) return { kind: 'needs-mapping', rows: open };
  const translated = translateSettings(settings, rows, decisions);
  if ('rubric_config' in translated)
    translated.rubric_config = combineRubric(target.rubric_config ?? {}, translated.rubric_config, rubricMode);
  const patch = buildPatch(target, applySettingsToDraft(toFormValues(target), translated));
  const fields = Object.keys(patch) as ProjectField[];
  if (fields.length === 0) return { kind: 'unchanged' };
  const lostRules = 'rubric_config' in patch ? rulesLost(target.rubric_config, patch.rubric_config) : [];
  return { kind: 'change', patch, fields, lostRules };
}

/** The chosen fields whose saved value moved between the preview's snapshot and the current one. */
export function changedMeanwhile(
  previewed: Project,
  current: Project,
  fields: readonly ProjectField[],
): ProjectField[] {
  const [before, now] = [toFormValues(previewed), toFormValues(current)];
  return fields.filter((field) => isFieldDirty(field, before, now));
}

export const fieldLabel = (field: ProjectField) => PROJECT_FIELDS[field].label;
