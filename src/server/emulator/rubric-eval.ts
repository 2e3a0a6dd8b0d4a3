// The upstream's own rubric evaluation of a call (used by the call-log generator to set `success`).
// Outcomes are read through the shared call-log module, so the console and the emulator agree on meaning.
import { conditionHolds, readMetricOutcome, type MetricResultLike } from '../../shared/call-log';

type RuleLike = { metric_id?: unknown; conditions?: { conditions?: unknown } };

/** true when every rule that has a value on the call passes; a rule without a value is skipped. */
export function callPassesRubric(rubric: unknown, results: readonly (MetricResultLike & { id?: unknown })[]): boolean {
  const rules = (rubric as { rules?: unknown } | null)?.rules;
  if (!Array.isArray(rules)) return true;
  const byId = new Map(results.map((r) => [r.id, r]));
  for (const rule of rules as RuleLike[]) {
    const outcome = readMetricOutcome(byId.get(rule.metric_id));
    if (!outcome) continue;
    const conditions = Array.isArray(rule.conditions?.conditions) ? rule.conditions.conditions : [];
    // A condition that cannot be applied counts as failed: the API would have refused such a rule anyway.
    if (!conditions.every((c) => conditionHolds(outcome, c as object) === true)) return false;
  }
  return true;
}
