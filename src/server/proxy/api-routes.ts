// /api/<upstream path>: forwards the allowlisted operations (matched earlier, in the onRequest guard) and adds
// optimistic concurrency to the project: ETag on GET, If-Match + re-read under a per-project lock on PATCH.
// Plain GETs usually take the fast path (read-path.ts) and never get here; both give the same answer.
import type { FastifyInstance } from 'fastify';
import type { ApiMatch } from './allowlist';
import type { ApiContext } from './api-answer';
import { patchProject } from './project-save';
import { proxyAnswer } from './read-path';

export { WRITE_PENDING_HEADER } from './read-path';

declare module 'fastify' {
  interface FastifyRequest {
    apiMatch: ApiMatch | null;
    /** The logged-in user's name; null when the server runs without login. */
    user: string | null;
  }
}

export function registerApiRoutes(app: FastifyInstance, ctx: ApiContext): void {
  app.route({
    method: ['GET', 'PATCH', 'POST'],
    url: '/api/*',
    handler: async (req, reply) => {
      const match = req.apiMatch;
      // The onRequest guard already answered anything unmatched; this only keeps the handler total.
      if (!match) return reply.code(404).send({ detail: 'Not found' });
      reply.header('cache-control', 'no-store');
      const body = typeof req.body === 'string' && req.body !== '' ? req.body : undefined;
      if (match.op.id === 'patchProject') return patchProject(ctx, match, req, body, reply);
      const answer = await proxyAnswer(ctx, match, body);
      if (answer.problem) reply.log.warn(answer.problem.fields, answer.problem.message);
      return reply.code(answer.status).headers(answer.headers).send(answer.body);
    },
  });
}
