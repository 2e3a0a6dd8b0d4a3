import { z } from 'zod/mini';
import { paginated } from './pagination';

export const dashboardSchema = z.looseObject({
  id: z.number(),
  name: z.optional(z.nullable(z.string())),
  project: z.optional(z.nullable(z.number())),
});
export type Dashboard = z.infer<typeof dashboardSchema>;
export const dashboardPageSchema = paginated(dashboardSchema);
export type DashboardPage = z.infer<typeof dashboardPageSchema>;
