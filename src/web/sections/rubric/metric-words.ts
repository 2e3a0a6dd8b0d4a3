import type { Metric } from '../../../shared/schemas/metric';
import { familyOf } from '../../../shared/rubric/rule';

/** A metric's type in words, shown next to its name in the picker and the rule. */
export function metricTypeLabel(metric: Pick<Metric, 'eval_type'>): string {
  switch (metric.eval_type) {
    case 'continuous_qualitative':
      return 'Score 0-5';
    case 'numeric':
      return 'Number';
    case 'enum':
      return 'One of a list';
    default:
      return familyOf(metric) === 'binary' ? 'True/False' : `Type "${metric.eval_type}"`;
  }
}

export const SCOPE_LABELS = { project: 'Project metrics', agent: 'Agent metrics' } as const;
