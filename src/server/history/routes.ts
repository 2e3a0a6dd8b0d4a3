import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { HistoryStore } from './store';

// GET /app-api/projects/:id/history?page=N&page_size=M: the saves made through this server, newest first.

const positiveInt = (max: number) =>
  z
    .string()
    .regex(/^[1-9][0-9]{0,9}$/)
    .transform(Number)
    .refine((n) => n <= max);

const paramsSchema = z.object({ id: positiveInt(2_147_483_647) });
const querySchema = z.object({
  page: positiveInt(1_000_000).default(1),
  page_size: positiveInt(100).default(20),
});

export function registerHistoryRoutes(app: FastifyInstance, history: HistoryStore): void {
  app.get('/app-api/projects/:id/history', async (req, reply) => {
    reply.header('cache-control', 'no-store');
    const params = paramsSchema.safeParse(req.params);
    if (!params.success) return reply.code(404).send({ detail: 'Not found' });
    const query = querySchema.safeParse(req.query);
    if (!query.success)
      return reply.code(400).send({ detail: 'page must be a positive integer and page_size between 1 and 100' });
    return reply.send(await history.list(params.data.id, query.data.page, query.data.page_size));
  });
}
