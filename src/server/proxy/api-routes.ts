// /api/<upstream path>: forwards the allowlisted operations (matched earlier, in the onRequest guard) and adds
// optimistic concurrency to the project: ETag on GET, If-Match + re-read under a per-project lock on PATCH.
import type { FastifyBaseLogger, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { historyChanges } from '../history/changes';
import type { HistoryStore } from '../history/store';
import type { ApiMatch } from './allowlist';
import { etagOf, ifMatchSatisfied, parseIfMatch } from './etag';
import { PAGED_OPERATIONS, rewritePageLinks } from './page-links';
import type { KeyedLock } from './project-lock';
import { readUpstream, type RetryPolicy } from './retry';
import { callUpstream, type UpstreamConfig, type UpstreamRequest, type UpstreamResult } from './upstream';

export type ApiContext = { upstream: UpstreamConfig; retry: RetryPolicy; locks: KeyedLock; history: HistoryStore };

declare module 'fastify' {
  interface FastifyRequest {
    apiMatch: ApiMatch | null;
    /** The logged-in user's name; null when the server runs without login. */
    user: string | null;
  }
}

/** Reads are retried on transient failures; writes go out exactly once. */
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
      const res = await forward(ctx, { method: match.op.method, path: match.upstreamPath, search: match.search, body });
      if (res.ok && res.status === 200 && PAGED_OPERATIONS.has(match.op.id)) {
        const rewritten = rewritePageLinks(res.body, match.op, ctx.upstream.baseUrl);
        if (!rewritten.ok) {
          reply.log.warn({ op: match.op.id }, 'upstream page link not followable');
          return reply.code(502).send({ detail: rewritten.detail });
        }
        return sendUpstream(reply, { ...res, body: rewritten.body }, false);
      }
      return sendUpstream(reply, res, match.op.id === 'getProject');
    },
  });
}

function sendUpstream(reply: FastifyReply, res: UpstreamResult, withEtag: boolean): FastifyReply {
  if (!res.ok) {
    logFailure(reply.log, res);
    return reply.code(res.status).send({ detail: res.detail });
  }
  reply.code(res.status);
  if (res.contentType) reply.type(res.contentType);
  if (res.retryAfter) reply.header('retry-after', res.retryAfter);
  if (withEtag && res.status === 200) reply.header('etag', etagOf(res.body));
  return reply.send(res.body);
}

function logFailure(log: FastifyBaseLogger, res: Extract<UpstreamResult, { ok: false }>): void {
  log.warn({ upstreamStatus: res.status, reason: res.reason }, 'upstream call failed');
}

type PatchOutcome = { type: 'upstream'; res: UpstreamResult } | { type: 'conflict'; etag: string; current: Buffer };

async function patchProject(
  ctx: ApiContext,
  match: ApiMatch,
  req: FastifyRequest,
  body: string | undefined,
  reply: FastifyReply,
): Promise<FastifyReply> {
  const ifMatch = parseIfMatch(req.headers['if-match']);
  if (ifMatch.kind === 'missing') {
    return reply
      .code(428)
      .send({ detail: 'Saving a project needs an If-Match header with the ETag of the project as loaded.' });
  }
  if (ifMatch.kind === 'wildcard') {
    return reply.code(428).send({ detail: 'If-Match: * is not accepted; send the ETag of the project as loaded.' });
  }
  if (body === undefined || !isJsonObjectText(body)) {
    return reply.code(400).send({ detail: 'The PATCH body must be a JSON object (Content-Type: application/json).' });
  }
  const outcome = await ctx.locks.run(match.projectId as number, async (): Promise<PatchOutcome> => {
    const current = await forward(ctx, { method: 'GET', path: match.upstreamPath, search: '' });
    if (!current.ok || current.status !== 200) return { type: 'upstream', res: current };
    const etag = etagOf(current.body);
    if (!ifMatchSatisfied(ifMatch, etag)) return { type: 'conflict', etag, current: current.body };
    // The body text goes out exactly as the browser sent it: rubric_config key order and rule text survive.
    const res = await forward(ctx, { method: 'PATCH', path: match.upstreamPath, search: '', body });
    // Recorded under the lock, so the history's order is the order the saves reached the upstream.
    if (res.ok && res.status === 200) recordSave(ctx, req, match.projectId as number, body, current.body, res.body);
    return { type: 'upstream', res };
  });
  if (outcome.type === 'upstream') return sendUpstream(reply, outcome.res, true);
  return sendConflict(reply, outcome.etag, outcome.current);
}

function recordSave(
  ctx: ApiContext,
  req: FastifyRequest,
  projectId: number,
  patch: string,
  before: Buffer,
  after: Buffer,
): void {
  try {
    const changes = historyChanges(JSON.parse(patch), parseObject(before), parseObject(after));
    ctx.history.record({ user: req.user ?? 'local', projectId, changes });
  } catch (error) {
    // The save itself succeeded upstream: a history failure is logged, never turned into a failed save.
    req.log.error({ err: error, projectId }, 'could not record the save in the history');
  }
}

function parseObject(text: Buffer): Record<string, unknown> {
  const value: unknown = JSON.parse(text.toString('utf8'));
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function sendConflict(reply: FastifyReply, etag: string, current: Buffer): FastifyReply {
  const text = current.toString('utf8');
  if (!isJsonObjectText(text))
    return reply.code(502).send({ detail: 'The Cekura API returned a project that is not JSON.' });
  // The current project is embedded as the upstream's own text, so the client sees exactly what the ETag covers.
  const detail = JSON.stringify(
    'The project was changed by someone else since you loaded it. Review the current version and save again.',
  );
  return reply
    .code(412)
    .header('etag', etag)
    .type('application/json; charset=utf-8')
    .send(`{"detail":${detail},"project":${text}}`);
}

function isJsonObjectText(text: string): boolean {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value);
  } catch {
    return false;
  }
}
