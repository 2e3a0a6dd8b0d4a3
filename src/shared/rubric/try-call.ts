import type { MetricOutcome } from '../call-log';
import { rulesOf } from '../schemas/rubric';
import { resultsById, type CallLike, type RuleVerdict } from './evaluate';
import { ruleOnResults } from './rule-figures';
import { ruleConditions, ruleMetricId } from './rule';

// "Try on a call": a rubric on one call, rule by rule, with the metric value each rule read. The verdict is the
// evaluator's (every rule must pass; rules without a value are skipped; all skipped = pass), and the deciding
// rule is the first that fails, as the impact preview names it.

export interface RuleOnCall {
  verdict: RuleVerdict;
  /** The value the rule read; null when the call has none for its metric (the rule is skipped). */
  outcome: MetricOutcome | null;
}

export interface RubricOnCall {
  pass: boolean;
  /** The first failing rule (it decides a failure), null when the call passes. */
  decidingIndex: number | null;
  allSkipped: boolean;
  rules: RuleOnCall[];
}

export function rubricOnCall(config: unknown, call: CallLike): RubricOnCall {
  const results = resultsById(call);
  const rules = rulesOf(config).map((rule) => ruleOnResults(ruleMetricId(rule), ruleConditions(rule), results));
  const deciding = rules.findIndex((rule) => rule.verdict === 'fail');
  return {
    pass: deciding < 0,
    decidingIndex: deciding < 0 ? null : deciding,
    allSkipped: rules.every((rule) => rule.verdict === 'skip'),
    rules,
  };
}
