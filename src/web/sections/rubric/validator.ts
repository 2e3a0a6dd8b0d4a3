import { rubricErrors } from '../../../shared/rubric/rule-checks';
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

let memo: { key: string; metrics: MetricLookup; issues: SectionIssue[] } | null = null;

/** The blocking issues at form paths, memoised: the resolver runs on every keystroke, the rubric rarely changes. */
export function rubricIssues(config: unknown, metrics: MetricLookup): SectionIssue[] {
  const key = JSON.stringify(config) ?? '';
  if (memo && memo.key === key && memo.metrics === metrics) return memo.issues;
  const { byRule, general } = rubricErrors(config, metrics);
  const issues: SectionIssue[] = [];
  byRule.forEach((ruleIssues, index) => {
    for (const issue of ruleIssues) issues.push({ path: `${FIELD}.rules.${index}`, message: issue.message });
  });
  for (const issue of general) issues.push({ path: FIELD, message: issue.message });
  memo = { key, metrics, issues };
  return issues;
}

export const rubricValidator: SectionValidator = ({ projectId, values, queryClient }) => {
  const catalog = queryClient.getQueryData<MetricCatalog>(queryKeys.metrics(projectId));
  return rubricIssues(values[FIELD], catalog?.byId ?? null);
};
