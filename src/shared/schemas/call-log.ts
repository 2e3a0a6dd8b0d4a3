import { z } from 'zod/mini';
import { paginated } from './pagination';

/** One metric result on a call log: the spec requires all six keys. */
export const callLogMetricSchema = z.looseObject({
  id: z.number(),
  name: z.optional(z.nullable(z.string())),
  type: z.optional(z.nullable(z.string())),
  score: z.optional(z.nullable(z.number())),
  enum: z.optional(z.nullable(z.string())),
  value: z.optional(z.nullable(z.unknown())),
});
export type CallLogMetric = z.infer<typeof callLogMetricSchema>;

export const callLogSchema = z.looseObject({
  id: z.number(),
  timestamp: z.string(),
  success: z.optional(z.nullable(z.boolean())),
  agent: z.optional(z.nullable(z.number())),
  agent_name: z.optional(z.nullable(z.string())),
  customer_number: z.optional(z.nullable(z.string())),
  call_id: z.optional(z.string()),
  metrics: z.optional(z.nullable(z.array(callLogMetricSchema))),
});
export type CallLog = z.infer<typeof callLogSchema>;
export const callLogPageSchema = paginated(callLogSchema);
export type CallLogPage = z.infer<typeof callLogPageSchema>;
