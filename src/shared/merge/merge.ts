import { PROJECT_FIELDS, PROJECT_FIELD_NAMES, type Project, type ProjectField } from '../schemas/project';
import { canonicalJson, ruleKey, rulesOf } from '../schemas/rubric';
import { toFormValues, type ProjectFormValues } from '../form';
import { isFieldDirty } from '../patch';
import { countRules, groupByMetric, sameCounts } from './rule-multiset';

// Three-way merge after a 412: the project as loaded (base), the user's draft (mine) and the server's
// current project (theirs). A field changed on one side takes that side; changed on both sides the same
// way is no conflict; changed differently is a conflict the user resolves. The rubric merges per metric:
// the rules of a metric changed on one side take that side, so a rule added by either side stays and a
// rule removed by either side stays removed; rules of one metric changed differently by both conflict.

export type Choice = 'mine' | 'theirs';

export type MergeConflict =
  | { id: string; kind: 'field'; field: ProjectField; base: unknown; mine: unknown; theirs: unknown }
  | {
      id: string;
      kind: 'rubric-metric';
      field: 'rubric_config';
      metricKey: string;
      base: unknown[];
      mine: unknown[];
      theirs: unknown[];
    };

export interface MergeResult {
  /** The merged draft, with every conflict provisionally resolved as "mine". */
  values: ProjectFormValues;
  conflicts: MergeConflict[];
  /** Fields taken from the server because only the server changed them. */
  takenFromServer: ProjectField[];
}

export function mergeThreeWay(base: Project, mine: ProjectFormValues, theirs: Project): MergeResult {
  return mergeWithChoices(base, mine, theirs, {});
}

/** The merge again, with conflicts resolved as chosen (unchosen conflicts stay "mine" and listed). */
export function mergeWithChoices(
  base: Project,
  mine: ProjectFormValues,
  theirs: Project,
  choices: Record<string, Choice>,
): MergeResult {
  const baseValues = toFormValues(base);
  const theirValues = toFormValues(theirs);
  const values = { ...mine } as Record<ProjectField, unknown>;
  const conflicts: MergeConflict[] = [];
  const takenFromServer: ProjectField[] = [];

  for (const field of PROJECT_FIELD_NAMES) {
    const mineChanged = isFieldDirty(field, baseValues, mine);
    const theirsChanged = isFieldDirty(field, baseValues, theirValues);
    if (!mineChanged) {
      values[field] = theirValues[field];
      if (theirsChanged) takenFromServer.push(field);
      continue;
    }
    // Secrets are write-only: the user's explicit Replace or Clear stands.
    if (!theirsChanged || PROJECT_FIELDS[field].kind === 'secret' || !isFieldDirty(field, mine, theirValues)) continue;
    if (field === 'rubric_config') {
      const rubric = mergeRubric(baseValues.rubric_config, mine.rubric_config, theirValues.rubric_config, choices);
      values.rubric_config = rubric.config;
      conflicts.push(...rubric.conflicts);
      continue;
    }
    const id = `field:${field}`;
    conflicts.push({
      id,
      kind: 'field',
      field,
      base: baseValues[field],
      mine: mine[field],
      theirs: theirValues[field],
    });
    if (choices[id] === 'theirs') values[field] = theirValues[field];
  }
  return { values: values as ProjectFormValues, conflicts, takenFromServer };
}

function mergeRubric(
  base: unknown,
  mine: unknown,
  theirs: unknown,
  choices: Record<string, Choice>,
): { config: unknown; conflicts: MergeConflict[] } {
  const baseGroups = groupByMetric(rulesOf(base));
  const mineGroups = groupByMetric(rulesOf(mine));
  const theirGroups = groupByMetric(rulesOf(theirs));
  const conflicts: MergeConflict[] = [];
  const wanted = new Map<string, number>(); // the merged multiset, by rule identity

  for (const metricKey of new Set([...baseGroups.keys(), ...mineGroups.keys(), ...theirGroups.keys()])) {
    const baseRules = countRules(baseGroups.get(metricKey) ?? []);
    const mineRules = mineGroups.get(metricKey) ?? [];
    const theirRules = theirGroups.get(metricKey) ?? [];
    const mineChanged = !sameCounts(baseRules, countRules(mineRules));
    const theirsChanged = !sameCounts(baseRules, countRules(theirRules));
    let source = mineChanged ? mineRules : theirRules;
    if (mineChanged && theirsChanged && !sameCounts(countRules(mineRules), countRules(theirRules))) {
      const id = `rubric:${metricKey}`;
      conflicts.push({
        id,
        kind: 'rubric-metric',
        field: 'rubric_config',
        metricKey,
        base: baseGroups.get(metricKey) ?? [],
        mine: mineRules,
        theirs: theirRules,
      });
      source = choices[id] === 'theirs' ? theirRules : mineRules;
    }
    for (const [key, count] of countRules(source)) wanted.set(key, count);
  }

  // Order: the server's rules first (as the server has them), then the user's additions.
  const rules: unknown[] = [];
  for (const rule of [...rulesOf(theirs), ...rulesOf(mine)]) {
    const key = ruleKey(rule);
    const left = wanted.get(key) ?? 0;
    if (left > 0) {
      rules.push(rule);
      wanted.set(key, left - 1);
    }
  }
  return { config: rubricWithRules(base, mine, theirs, rules), conflicts };
}

/** Keeps the rubric's other keys (evaluation_logic, unknown ones) from the side that changed them. */
function rubricWithRules(base: unknown, mine: unknown, theirs: unknown, rules: unknown[]): unknown {
  const others = (config: unknown) => {
    const { rules: _rules, ...rest } = (config && typeof config === 'object' ? config : {}) as Record<string, unknown>;
    return rest;
  };
  const mineOthers = others(mine);
  const outer = canonicalJson(mineOthers) !== canonicalJson(others(base)) ? mineOthers : others(theirs);
  if (rules.length === 0 && Object.keys(outer).length === 0) return {};
  return { evaluation_logic: 'and', ...outer, rules };
}
