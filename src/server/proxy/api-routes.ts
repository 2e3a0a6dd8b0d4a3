// /api/<upstream path>: forwards the allowlisted operations (matched earlier, in the onRequest guard) and adds
// optimistic concurrency to the project: ETag on GET, If-Match + re-read under a per-project lock on PATCH.
import type { FastifyInstance } from 'fastify';
import type { ApiMatch } from './allowlist';
import { sendUpstream, type ApiContext } from './api-answer';
import { PAGED_OPERATIONS, rewritePageLinks } from './page-links';
import { patchProject } from './project-save';
import { readUpstream } from './retry';
import { callUpstream, type UpstreamRequest, type UpstreamResult } from './upstream';

/** On a project GET: a write of this project has not settled, so what was read may change any moment. */
export const WRITE_PENDING_HEADER = 'x-write-pending';

declare module 'fastify' {
  interface FastifyRequest {
    apiMatch: ApiMatch | null;
    /** The logged-in user's name; null when the server runs without login. */
    user: string | null;
  }
}

/** Reads are retried on transient failures; writes go out exactly once (PATCH: see project-save). */
function forward(ctx: ApiContext, req: UpstreamRequest): Promise<UpstreamResult> {
  return req.method === 'GET' ? readUpstream(ctx.upstream, req, ctx.retry) : callUpstream(ctx.upstream, req);
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
      const isProjectRead = match.op.id === 'getProject';
      const pendingBefore = isProjectRead && ctx.pendingWrites.has(match.projectId as number);
      const res = await forward(ctx, { method: match.op.method, path: match.upstreamPath, search: match.search, body });
      if (pendingBefore || (isProjectRead && ctx.pendingWrites.has(match.projectId as number)))
        reply.header(WRITE_PENDING_HEADER, 'true');
      if (res.ok && res.status === 200 && PAGED_OPERATIONS.has(match.op.id)) {
        const rewritten = rewritePageLinks(res.body, match.op, ctx.upstream.baseUrl);
        if (!rewritten.ok) {
          reply.log.warn({ op: match.op.id }, 'upstream page link not followable');
          return reply.code(502).send({ detail: rewritten.detail });
        }
        return sendUpstream(reply, { ...res, body: rewritten.body }, false);
      }
      return sendUpstream(reply, res, isProjectRead);
    },
  });
}
