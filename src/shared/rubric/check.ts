import { ruleKey, rulesOf } from '../schemas/rubric';
import { memoByRule } from './frozen-rules';
import type { MetricLookup } from './describe';
import { ruleNumber } from './rule';
import { findNeverPass } from './never-pass';
import { checkGeneral, checkRule, type RuleIssue } from './rule-checks';

// Per-rule messages in words. Errors are what the API would reject (they block saving the rubric);
// warnings are legal but almost certainly unintended (exact duplicates, rules that can never pass).

export { checkCondition, checkRule, type IssueCode, type RuleIssue, type Severity } from './rule-checks';

export interface RubricCheck {
  /** Issues of each rule, by rule index. */
  byRule: RuleIssue[][];
  /** Issues about the rubric as a whole (e.g. its evaluation logic). */
  general: RuleIssue[];
  errorCount: number;
  warningCount: number;
}

// A rule's own issues, remembered by the (frozen) rule object for the current metric catalogue.
let memo: { metrics: MetricLookup; byRule: WeakMap<object, RuleIssue[]> } = { metrics: null, byRule: new WeakMap() };
function checkRuleOnce(rule: unknown, metrics: MetricLookup): RuleIssue[] {
  if (memo.metrics !== metrics) memo = { metrics, byRule: new WeakMap() };
  return memoByRule(memo.byRule, rule, () => checkRule(rule, metrics));
}

/** Checks every rule. Without metrics (not loaded yet), metric-dependent checks are left out. */
export function checkRubric(config: unknown, metrics: MetricLookup): RubricCheck {
  const rules = rulesOf(config);
  // Copies: the rubric-wide checks below add to a rule's list.
  const byRule = rules.map((rule) => [...checkRuleOnce(rule, metrics)]);
  flagDuplicates(rules, byRule);
  if (metrics) {
    const clean = rules.map((_, index) => !byRule[index].some((issue) => issue.severity === 'error'));
    for (const { index, message } of findNeverPass(rules, metrics, clean))
      byRule[index].push({ severity: 'warning', code: 'never-pass', message });
  }
  const general = checkGeneral(config, rules.length);
  const all = [...byRule.flat(), ...general];
  return {
    byRule,
    general,
    errorCount: all.filter((issue) => issue.severity === 'error').length,
    warningCount: all.filter((issue) => issue.severity === 'warning').length,
  };
}

function flagDuplicates(rules: readonly unknown[], byRule: RuleIssue[][]): void {
  const firstByKey = new Map<string, number>();
  rules.forEach((rule, index) => {
    if (!rule || typeof rule !== 'object') return;
    const key = ruleKey(rule);
    const first = firstByKey.get(key);
    if (first === undefined) firstByKey.set(key, index);
    else
      byRule[index].push({
        severity: 'warning',
        code: 'duplicate',
        message: `Exact duplicate of rule ${ruleNumber(first)}: it changes nothing. Remove one of them.`,
      });
  });
}
