import { z } from 'zod/mini';
import { lazySchema } from './lazy';

export const metricSchema = lazySchema(() =>
  z.looseObject({
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
  }),
);
export type Metric = z.infer<typeof metricSchema>;
export const metricListSchema = lazySchema(() => z.array(metricSchema));

/** enum_values as a string list, whatever the API sent. */
export function enumValuesOf(metric: Pick<Metric, 'enum_values'>): string[] {
  return Array.isArray(metric.enum_values) ? metric.enum_values.filter((v): v is string => typeof v === 'string') : [];
}
