import { checkGeneral, checkRule } from '../../../shared/rubric/rule-checks';
import { rulesOf } from '../../../shared/schemas/rubric';
import { memoByRule } from '../../../shared/rubric/frozen-rules';
import type { MetricLookup } from '../../../shared/rubric/describe';
import type { MetricCatalog } from '../../api/metrics';
import { queryKeys } from '../../api/keys';
import type { SectionIssue, SectionValidator } from '../../settings/section-validators';

export const FIELD = 'rubric_config';

// What blocks saving the rubric: everything the API would reject (unknown or deleted metric, an operator
// the metric's type does not take, an empty "is one of", an enum value the metric does not list, a
// qualitative score outside 0-5, a non-numeric score, a rule without metric, a malformed rule).
// Exact duplicates and rules that can never pass together are warnings: shown in the rule, never blocking
// (the API accepts them and an admin may mean them while editing). Unknown metrics are flagged only once
// the metric catalogue is loaded. The resolver keeps these issues only while the rubric is edited.
// This module is part of the first load (the form's resolver imports it): only the light checks here.

// The resolver runs on every keystroke: a keystroke in one rule re-checks that rule only. Each rule's
// errors are kept by its JSON text (for the current metric catalogue), and the whole answer by the value's
// identity (the form hands the same object to every validation until the rubric changes).
const RULE_MEMO_LIMIT = 20_000;
let ruleMemo: {
  metrics: MetricLookup;
  byText: Map<string, SectionIssue['message'][]>;
  byRule: WeakMap<object, SectionIssue['message'][]>;
} | null = null;
let memo: { config: unknown; metrics: MetricLookup; issues: SectionIssue[] } | null = null;

function ruleErrors(rule: unknown, metrics: MetricLookup): string[] {
  if (!ruleMemo || ruleMemo.metrics !== metrics) ruleMemo = { metrics, byText: new Map(), byRule: new WeakMap() };
  const { byText } = ruleMemo;
  return memoByRule(ruleMemo.byRule, rule, () => ruleErrorsByText(rule, metrics, byText));
}

function ruleErrorsByText(rule: unknown, metrics: MetricLookup, byText: Map<string, string[]>): string[] {
  const text = JSON.stringify(rule) ?? 'undefined';
  let messages = byText.get(text);
  if (!messages) {
    messages = checkRule(rule, metrics)
      .filter((issue) => issue.severity === 'error')
      .map((issue) => issue.message);
    if (byText.size >= RULE_MEMO_LIMIT) byText.clear();
    byText.set(text, messages);
  }
  return messages;
}

/** The blocking issues at form paths (the same as rubricErrors in shared/rubric/rule-checks, rule by rule). */
export function rubricIssues(config: unknown, metrics: MetricLookup): SectionIssue[] {
  if (memo && memo.config === config && memo.metrics === metrics) return memo.issues;
  const issues: SectionIssue[] = [];
  const rules = rulesOf(config);
  rules.forEach((rule, index) => {
    for (const message of ruleErrors(rule, metrics)) issues.push({ path: `${FIELD}.rules.${index}`, message });
  });
  for (const issue of checkGeneral(config, rules.length))
    if (issue.severity === 'error') issues.push({ path: FIELD, message: issue.message });
  memo = { config, metrics, issues };
  return issues;
}

export const rubricValidator: SectionValidator = ({ projectId, values, queryClient }) => {
  const catalog = queryClient.getQueryData<MetricCatalog>(queryKeys.metrics(projectId));
  return rubricIssues(values[FIELD], catalog?.byId ?? null);
};
