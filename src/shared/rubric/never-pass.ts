import { enumValuesOf, type Metric } from '../schemas/metric';
import { conditionWords, metricLabel, type MetricLookup } from './describe';
import { familyOf, isQualitative, parseRule, QUALITATIVE_SCALE, ruleNumber } from './rule';
import { conditionSet, domainOf, intersect, isEmpty, type ValueSet } from './satisfiable';
import { memoByRule } from './frozen-rules';

// Rules on one metric that no value can satisfy together (score > 4 and score < 3; eq 5 and neq 5;
// in [a] and eq b). Such a rubric fails every call that has a value for the metric. Rules are taken in
// order: a rule is flagged when it empties what the earlier rules on its metric still allow.

export interface NeverPassFinding {
  index: number;
  message: string;
}

/** The values that satisfy every condition of a rule, or null when the rule cannot be reasoned about. */
export function ruleValueSet(rule: unknown, metric: Metric | undefined): ValueSet | null {
  const parsed = parseRule(rule);
  const family = familyOf(metric);
  if ((parsed.kind !== 'single' && parsed.kind !== 'multi') || !metric || !family) return null;
  let set = metricDomain(metric);
  for (const condition of parsed.kind === 'single' ? [parsed.condition] : parsed.conditions) {
    const next = conditionSet(family, condition);
    if (!next) return null;
    set = intersect(set, next);
  }
  return set;
}

export function metricDomain(metric: Metric): ValueSet {
  const family = familyOf(metric) ?? 'score';
  return domainOf(family, {
    scale: isQualitative(metric) ? QUALITATIVE_SCALE : undefined,
    enumValues: enumValuesOf(metric),
  });
}

// A rule's value set, remembered by the (frozen) rule object for the current metric catalogue: a keystroke in
// one rule works out that rule's set only. Sets are never changed in place (intersect makes new ones).
let setMemo: { metrics: MetricLookup; byRule: WeakMap<object, ValueSet | null> } = {
  metrics: null,
  byRule: new WeakMap(),
};
function ruleValueSetOnce(rule: unknown, metric: Metric | undefined, metrics: MetricLookup): ValueSet | null {
  if (setMemo.metrics !== metrics) setMemo = { metrics, byRule: new WeakMap() };
  return memoByRule(setMemo.byRule, rule, () => ruleValueSet(rule, metric));
}

/** `clean[i]` = rule i has no error (rules with errors are left to their error message). */
export function findNeverPass(
  rules: readonly unknown[],
  metrics: NonNullable<MetricLookup>,
  clean: readonly boolean[],
): NeverPassFinding[] {
  const findings: NeverPassFinding[] = [];
  const groups = new Map<number, { allowed: ValueSet; members: { index: number; set: ValueSet }[] }>();
  rules.forEach((rule, index) => {
    if (!clean[index]) return;
    const metricId = (rule as { metric_id: number }).metric_id;
    const metric = metrics.get(metricId);
    const set = ruleValueSetOnce(rule, metric, metrics);
    if (!set || !metric) return;
    const name = metricLabel(metricId, metrics);
    if (isEmpty(set)) {
      findings.push({
        index,
        message: `This rule can never pass: no ${name} value is ${conditionWords(rule, metrics)}. Every call with a value for ${name} fails the rubric.`,
      });
      return;
    }
    const group = groups.get(metricId) ?? { allowed: metricDomain(metric), members: [] };
    groups.set(metricId, group);
    const allowed = intersect(group.allowed, set);
    if (!isEmpty(allowed)) {
      group.allowed = allowed;
      group.members.push({ index, set });
      return;
    }
    const pairwise = group.members.filter((member) => isEmpty(intersect(member.set, set)));
    const related = (pairwise.length ? pairwise : group.members).map((member) => member.index);
    findings.push({ index, message: conflictMessage(rules, index, related, name, metrics) });
  });
  return findings;
}

function conflictMessage(
  rules: readonly unknown[],
  index: number,
  related: number[],
  name: string,
  metrics: NonNullable<MetricLookup>,
): string {
  const numbers = related.map(ruleNumber);
  const which =
    numbers.length === 1
      ? `rule ${numbers[0]}`
      : `rules ${numbers.slice(0, -1).join(', ')} and ${numbers[numbers.length - 1]}`;
  const words = [...related, index].map((i) => conditionWords(rules[i], metrics));
  return `This rule and ${which} can never all pass: ${name} cannot be ${words.join(' and ')} at once. Every call with a value for ${name} fails the rubric.`;
}
