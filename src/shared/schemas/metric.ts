import { z } from 'zod/mini';
import { paginated } from './pagination';

/** Current and legacy (before 2026-07-10) metric eval types. */
export const LEGACY_BINARY_EVAL_TYPES = ['binary_qualitative', 'binary_workflow_adherence'] as const;

export const metricSchema = z.looseObject({
  id: z.number(),
  slug: z.optional(z.nullable(z.string())),
  name: z.string(),
  description: z.optional(z.nullable(z.string())),
  project: z.optional(z.nullable(z.number())),
  agents: z.optional(z.array(z.nullable(z.number()))),
  eval_type: z.string(),
  enum_values: z.optional(z.nullable(z.unknown())),
  type: z.optional(z.string()),
  observability_enabled: z.optional(z.boolean()),
  simulation_enabled: z.optional(z.boolean()),
  sampling_enabled: z.optional(z.boolean()),
});
export type Metric = z.infer<typeof metricSchema>;
export const metricListSchema = z.array(metricSchema);
export const paginatedMetricsSchema = paginated(metricSchema);

export type MetricFamily = 'binary' | 'score' | 'enum' | 'unknown';

/** Which kind of rule a metric takes: binary (True/False), score (numbers) or enum (strings). */
export function metricFamily(evalType: string | undefined): MetricFamily {
  if (evalType === 'binary' || (LEGACY_BINARY_EVAL_TYPES as readonly string[]).includes(evalType ?? ''))
    return 'binary';
  if (evalType === 'numeric' || evalType === 'continuous_qualitative') return 'score';
  if (evalType === 'enum') return 'enum';
  return 'unknown';
}

/** enum_values as a string list, whatever the API sent. */
export function enumValuesOf(metric: Pick<Metric, 'enum_values'>): string[] {
  return Array.isArray(metric.enum_values) ? metric.enum_values.filter((v): v is string => typeof v === 'string') : [];
}
