import { conditionHolds, readMetricOutcome, type MetricResultLike } from '../call-log';
import { rulesOf } from '../schemas/rubric';
import { ruleConditions, ruleMetricId } from './rule';

// A rubric evaluated on one call log (decision 18): every rule must pass ("and"); a rule whose
// metric has no value on the call is skipped; a call whose rules were all skipped passes. A condition
// that cannot apply to the metric's outcome (wrong field, op or value type) counts as failed, like the
// emulator's evaluator: the API would have refused such a rule.

export type CallLike = { metrics?: readonly MetricResultLike[] | null };

export type RuleVerdict = 'pass' | 'fail' | 'skip';

export interface CallEvaluation {
  pass: boolean;
  /** Index (in the rubric's rules) of the first failing rule: the one that decides a failure. */
  failedRuleIndex: number | null;
  /** true when no rule had a value on the call (the call passes). */
  allSkipped: boolean;
}

type ResultsById = ReadonlyMap<unknown, MetricResultLike>;

export function resultsById(call: CallLike): ResultsById {
  const map = new Map<unknown, MetricResultLike>();
  for (const result of call.metrics ?? []) if (result && typeof result === 'object') map.set(result.id, result);
  return map;
}

export function evaluateRule(rule: unknown, results: ResultsById): RuleVerdict {
  const metricId = ruleMetricId(rule);
  const outcome = metricId === null ? null : readMetricOutcome(results.get(metricId));
  if (!outcome) return 'skip';
  return ruleConditions(rule).every((condition) => conditionHolds(outcome, condition) === true) ? 'pass' : 'fail';
}

/** A rubric prepared once for many calls (the impact preview evaluates up to 1,000). */
export function compileRubric(config: unknown): (call: CallLike) => CallEvaluation {
  const rules = rulesOf(config).map((rule) => ({
    rule,
    metricId: ruleMetricId(rule),
    conditions: ruleConditions(rule),
  }));
  return (call) => {
    const results = resultsById(call);
    let anyEvaluated = false;
    for (let index = 0; index < rules.length; index++) {
      const { metricId, conditions } = rules[index];
      const outcome = metricId === null ? null : readMetricOutcome(results.get(metricId));
      if (!outcome) continue;
      anyEvaluated = true;
      if (!conditions.every((condition) => conditionHolds(outcome, condition) === true)) {
        return { pass: false, failedRuleIndex: index, allSkipped: false };
      }
    }
    return { pass: true, failedRuleIndex: null, allSkipped: !anyEvaluated };
  };
}

export function evaluateRubric(config: unknown, call: CallLike): CallEvaluation {
  return compileRubric(config)(call);
}
