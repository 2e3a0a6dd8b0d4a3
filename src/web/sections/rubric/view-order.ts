import type { RuleIssue } from '../../../shared/rubric/check';
import type { RuleFigures } from '../../../shared/rubric/rule-figures';

// Which rules the list shows, in which order. A view only: the rubric's stored order and what is sent never
// change; rows keep their stored number ("Rule 12") whatever their place in the view.

export type RuleSort = 'stored' | 'most-fails' | 'fewest-fails';

export interface RuleView {
  sort: RuleSort;
  /** Only rules that fail at least one recent call (draft). */
  failing: boolean;
  /** Only rules with a message (error or warning). */
  problems: boolean;
  /** Part of the metric's name (case-insensitive). */
  metric: string;
}

export const STORED_VIEW: RuleView = { sort: 'stored', failing: false, problems: false, metric: '' };

export const isStoredView = (view: RuleView) =>
  view.sort === 'stored' && !view.failing && !view.problems && view.metric.trim() === '';

export function viewOrder(
  count: number,
  view: RuleView,
  data: { figures: readonly RuleFigures[] | null; issues: readonly RuleIssue[][]; metricNames: readonly string[] },
): number[] {
  const needle = view.metric.trim().toLowerCase();
  const fails = (i: number) => data.figures?.[i]?.fails ?? 0;
  const order: number[] = [];
  for (let i = 0; i < count; i++) {
    if (view.failing && fails(i) === 0) continue;
    if (view.problems && !data.issues[i]?.length) continue;
    if (needle && !(data.metricNames[i] ?? '').toLowerCase().includes(needle)) continue;
    order.push(i);
  }
  // Array.prototype.sort is stable: ties keep the stored order.
  if (view.sort === 'most-fails') order.sort((a, b) => fails(b) - fails(a));
  else if (view.sort === 'fewest-fails') order.sort((a, b) => fails(a) - fails(b));
  return order;
}
