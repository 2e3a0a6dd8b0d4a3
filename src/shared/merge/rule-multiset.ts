import { ruleKey, rulesOf } from '../schemas/rubric';

// Lists as multisets keyed by identity (canonical JSON, decision 2): rubric rules, and any set the review
// compares. Exact duplicates count twice.

export type RuleCounts = Map<string, number>;

export function countRules(rules: readonly unknown[]): RuleCounts {
  const counts: RuleCounts = new Map();
  for (const rule of rules) {
    const key = ruleKey(rule);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

export function sameCounts(a: RuleCounts, b: RuleCounts): boolean {
  if (a.size !== b.size) return false;
  for (const [key, count] of a) if (b.get(key) !== count) return false;
  return true;
}

/** The metric a rule is about, as a group key ("?" for a rule without a numeric metric_id). */
export function ruleMetricKey(rule: unknown): string {
  const id = (rule as { metric_id?: unknown } | null)?.metric_id;
  return typeof id === 'number' ? String(id) : '?';
}

export function groupByMetric(rules: readonly unknown[]): Map<string, unknown[]> {
  const groups = new Map<string, unknown[]>();
  for (const rule of rules) {
    const key = ruleMetricKey(rule);
    groups.set(key, [...(groups.get(key) ?? []), rule]);
  }
  return groups;
}

export interface RuleDiff {
  added: unknown[];
  removed: unknown[];
  /** A removal and an addition on the same metric: shown as one change. */
  changed: { metricKey: string; before: unknown[]; after: unknown[] }[];
}

/** Added / removed / changed rules between two rubrics (decision 2). */
export function diffRules(baseConfig: unknown, draftConfig: unknown): RuleDiff {
  const base = groupByMetric(rulesOf(baseConfig));
  const draft = groupByMetric(rulesOf(draftConfig));
  const diff: RuleDiff = { added: [], removed: [], changed: [] };
  for (const metricKey of new Set([...base.keys(), ...draft.keys()])) {
    const removed = subtract(base.get(metricKey) ?? [], draft.get(metricKey) ?? []);
    const added = subtract(draft.get(metricKey) ?? [], base.get(metricKey) ?? []);
    if (removed.length && added.length) diff.changed.push({ metricKey, before: removed, after: added });
    else {
      diff.removed.push(...removed);
      diff.added.push(...added);
    }
  }
  return diff;
}

/** Items of `from` left after taking out, one for one, the items of `take` (by identity). */
export function subtract(from: readonly unknown[], take: readonly unknown[]): unknown[] {
  const budget = countRules(take);
  const left: unknown[] = [];
  for (const rule of from) {
    const key = ruleKey(rule);
    const count = budget.get(key) ?? 0;
    if (count > 0) budget.set(key, count - 1);
    else left.push(rule);
  }
  return left;
}
