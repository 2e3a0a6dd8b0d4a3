import type { ConditionLike, MetricOutcome } from '../call-log';
import { conditionHolds, readMetricOutcome } from '../call-log';
import { ruleKey, rulesOf } from '../schemas/rubric';
import { ruleMetricKey } from '../merge/rule-multiset';
import { resultsById, type CallLike, type RuleVerdict } from './evaluate';
import { ruleConditions, ruleMetricId } from './rule';

// Per-rule figures over the impact preview's calls: how many calls each rule fails on its own (not only
// when it is the deciding rule), and on how many it had a value at all. A rule's figures depend on the rule
// and the calls only, so callers may cache them by the rule's text while the calls stay the same.

export interface RuleFigures {
  /** Calls on which the rule fails. */
  fails: number;
  /** Calls on which the rule's metric has a value (the others skip it). */
  evaluated: number;
}

/** The calls' results indexed by metric id, once for many rules. */
export type PreparedCalls = ReturnType<typeof resultsById>[];

export const prepareCalls = (calls: readonly CallLike[]): PreparedCalls => calls.map(resultsById);

/** One rule's result on one call's results, with the metric value it read (null: skipped, no value). */
export function ruleOnResults(
  metricId: number | null,
  conditions: readonly ConditionLike[],
  results: ReturnType<typeof resultsById>,
): { verdict: RuleVerdict; outcome: MetricOutcome | null } {
  const outcome = metricId === null ? null : readMetricOutcome(results.get(metricId));
  if (!outcome) return { verdict: 'skip', outcome: null };
  const pass = conditions.every((condition) => conditionHolds(outcome, condition) === true);
  return { verdict: pass ? 'pass' : 'fail', outcome };
}

export function ruleFigures(rule: unknown, calls: PreparedCalls): RuleFigures {
  const metricId = ruleMetricId(rule);
  const conditions = ruleConditions(rule);
  let fails = 0;
  let evaluated = 0;
  for (const results of calls) {
    const { verdict } = ruleOnResults(metricId, conditions, results);
    if (verdict !== 'skip') evaluated++;
    if (verdict === 'fail') fails++;
  }
  return { fails, evaluated };
}

/** Each rule's figures, in the rubric's order. */
export function ruleFailCounts(config: unknown, calls: readonly CallLike[]): RuleFigures[] {
  const prepared = prepareCalls(calls);
  return rulesOf(config).map((rule) => ruleFigures(rule, prepared));
}

/**
 * For each draft rule, the saved rule it stands for (index), or null for a new rule: an identical saved rule
 * first (one for one), else the only saved rule on the same metric that the draft no longer has, when the draft
 * has only one rule on that metric left unmatched (an edited rule), as the review pairs "changed" rules.
 */
export function pairWithSaved(savedRules: readonly unknown[], draftRules: readonly unknown[]): (number | null)[] {
  const pool = new Map<string, number[]>();
  savedRules.forEach((rule, index) => {
    const key = ruleKey(rule);
    pool.set(key, [...(pool.get(key) ?? []), index]);
  });
  const pairs: (number | null)[] = draftRules.map((rule) => pool.get(ruleKey(rule))?.shift() ?? null);
  const used = new Set(pairs.filter((p): p is number => p !== null));
  const savedLeft = new Map<string, number[]>();
  savedRules.forEach((rule, index) => {
    if (used.has(index)) return;
    const key = ruleMetricKey(rule);
    savedLeft.set(key, [...(savedLeft.get(key) ?? []), index]);
  });
  const draftLeft = new Map<string, number[]>();
  draftRules.forEach((rule, index) => {
    if (pairs[index] !== null) return;
    const key = ruleMetricKey(rule);
    draftLeft.set(key, [...(draftLeft.get(key) ?? []), index]);
  });
  for (const [key, indices] of draftLeft) {
    const saved = savedLeft.get(key);
    if (indices.length === 1 && saved?.length === 1 && key !== '?') pairs[indices[0]] = saved[0];
  }
  return pairs;
}
