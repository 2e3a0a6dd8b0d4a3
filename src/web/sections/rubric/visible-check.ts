import type { RubricCheck, RuleIssue } from '../../../shared/rubric/check';

/**
 * The checks as the builder shows them: a rule added and not yet touched says nothing (no message in its row,
 * not in the summary's counts) until the user leaves it or tries to save; `extra` adds per-rule issues found
 * elsewhere (the impact preview's "no recent call fails this rule").
 */
export function visibleCheck(
  check: RubricCheck,
  keys: readonly string[],
  fresh: ReadonlySet<string>,
  extra?: readonly (RuleIssue[] | undefined)[],
): RubricCheck {
  if (!fresh.size && !extra) return check;
  const byRule = check.byRule.map((issues, index) =>
    fresh.has(keys[index]) ? [] : extra?.[index]?.length ? [...issues, ...extra[index]] : issues,
  );
  const all = [...byRule.flat(), ...check.general];
  return {
    ...check,
    byRule,
    errorCount: all.filter((issue) => issue.severity === 'error').length,
    warningCount: all.filter((issue) => issue.severity === 'warning').length,
  };
}
