import { useMemo } from 'react';
import type { RuleIssue } from '../../../shared/rubric/check';
import type { CallLike } from '../../../shared/rubric/evaluate';
import { pairWithSaved, prepareCalls, ruleFigures, type RuleFigures } from '../../../shared/rubric/rule-figures';
import { rulesOf } from '../../../shared/schemas/rubric';

// Per-rule figures once the impact preview has its calls (never on open: no calls are read before "Preview
// impact"). A rule's figures depend only on its text and the calls, so they are cached by text: a keystroke in
// one rule re-evaluates that rule alone.

export interface FigureSet {
  total: number;
  draft: RuleFigures[];
  saved: RuleFigures[];
  /** For each draft rule, the saved rule it stands for (null: new in the draft). */
  pairs: (number | null)[];
}

export function useRuleFigures(
  calls: readonly CallLike[] | undefined,
  savedConfig: unknown,
  draftRules: readonly unknown[],
  draftTexts: readonly string[],
): FigureSet | null {
  const prepared = useMemo(() => (calls ? prepareCalls(calls) : null), [calls]);
  // One cache per set of calls; it only ever gains entries that are pure functions of (rule text, calls).
  const byText = useMemo(() => (prepared ? new Map<string, RuleFigures>() : null), [prepared]);
  return useMemo(() => {
    if (!prepared || !byText) return null;
    const figuresOf = (rule: unknown, text: string) => {
      let figures = byText.get(text);
      if (!figures) byText.set(text, (figures = ruleFigures(rule, prepared)));
      return figures;
    };
    const savedRules = rulesOf(savedConfig);
    return {
      total: prepared.length,
      draft: draftRules.map((rule, i) => figuresOf(rule, draftTexts[i] ?? JSON.stringify(rule))),
      saved: savedRules.map((rule) => figuresOf(rule, JSON.stringify(rule) ?? '')),
      pairs: pairWithSaved(savedRules, draftRules),
    };
  }, [prepared, byText, savedConfig, draftRules, draftTexts]);
}

const n = (value: number) => value.toLocaleString('en');

/** The figures line of a rule row: "Fails 12 of 1,000 recent calls · saved rubric: 9". */
export function figuresText(set: FigureSet, index: number): string {
  const draft = set.draft[index];
  if (!draft) return '';
  const pair = set.pairs[index];
  const saved = pair === null ? 'new in the draft' : `saved rubric: ${n(set.saved[pair].fails)}`;
  const main =
    draft.evaluated === 0
      ? `No value on any of ${n(set.total)} recent calls`
      : `Fails ${n(draft.fails)} of ${n(set.total)} recent calls`;
  return `${main} · ${saved}`;
}

/** "No recent call fails this rule": a warning (never blocking) on each valid draft rule that fails no call. */
export function noFailWarnings(
  set: FigureSet | null,
  issues: readonly RuleIssue[][],
): (RuleIssue[] | undefined)[] | undefined {
  if (!set || set.total === 0) return undefined;
  return set.draft.map((figures, index) => {
    if (figures.fails > 0 || issues[index]?.some((issue) => issue.severity === 'error')) return undefined;
    const message =
      figures.evaluated === 0
        ? `No recent call has a value for this metric: the rule was skipped on all ${n(set.total)} calls of the impact preview.`
        : `No recent call fails this rule (0 of the ${n(figures.evaluated)} calls of the impact preview with a value): it changes no outcome now.`;
    return [{ severity: 'warning', code: 'no-fails', message }];
  });
}
