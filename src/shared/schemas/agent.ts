import { z } from 'zod/mini';
import { paginated } from './pagination';

/** An item of `GET /test_framework/v1/aiagents/short_list/`. */
export const agentSchema = z.looseObject({
  id: z.number(),
  agent_name: z.string(),
  project: z.optional(z.nullable(z.number())),
  contact_number: z.optional(z.nullable(z.string())),
});
export type Agent = z.infer<typeof agentSchema>;
export const agentPageSchema = paginated(agentSchema);
export type AgentPage = z.infer<typeof agentPageSchema>;
