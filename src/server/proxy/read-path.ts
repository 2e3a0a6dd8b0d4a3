// The proxied reads (GET /api/...): what the answer is (shared by the Fastify route and the fast path), and the
// fast path itself. A proxied GET is most of what the admin server does; through Fastify's whole request
// lifecycle (four hooks, the reply object, onSend) it cost about as much CPU again as the bare Node pipe it
// wraps. The fast path answers an allowlisted GET straight on node:http with exactly the checks and headers the
// Fastify path gives it; anything else (a refused URL, a foreign Host, no session, a GET with a body, every
// write) goes to Fastify, which answers it as before. Every GET still reaches the upstream: nothing is cached
// but the ETag of identical bytes (etag.ts).
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyBaseLogger } from 'fastify';
import { classifyRequest, type ApiMatch } from './allowlist';
import type { ApiContext } from './api-answer';
import { encodeBody, isCompressible } from './compression';
import { etagOf } from './etag';
import { PAGED_OPERATIONS, rewritePageLinks } from './page-links';
import { readUpstream } from './retry';
import { STORE_UNAVAILABLE_DETAIL, STORE_UNAVAILABLE_HEADERS, StoreUnavailableError } from '../store/guard';
import { SECURITY_HEADERS } from './security';
import { callUpstream, type UpstreamRequest, type UpstreamResult } from './upstream';

/** On a project GET: a write of this project has not settled, so what was read may change any moment. */
export const WRITE_PENDING_HEADER = 'x-write-pending';

const JSON_TYPE = 'application/json; charset=utf-8';

export type ProxyAnswer = {
  status: number;
  headers: Record<string, string>;
  body: Buffer | string;
  /** A failure worth a warning in the log. */
  problem?: { message: string; fields: Record<string, unknown> };
};

/** Reads are retried on transient failures; writes go out exactly once (PATCH: see project-save). */
function forward(ctx: ApiContext, req: UpstreamRequest): Promise<UpstreamResult> {
  return req.method === 'GET' ? readUpstream(ctx.upstream, req, ctx.retry) : callUpstream(ctx.upstream, req);
}

const detail = (status: number, text: string, headers: Record<string, string>): ProxyAnswer => ({
  status,
  headers: { ...headers, 'content-type': JSON_TYPE },
  body: JSON.stringify({ detail: text }),
});

/** The answer to an allowlisted operation other than the project PATCH (GETs and the test-webhook POST). */
export async function proxyAnswer(ctx: ApiContext, match: ApiMatch, body: string | undefined): Promise<ProxyAnswer> {
  const headers: Record<string, string> = { 'cache-control': 'no-store' };
  const isProjectRead = match.op.id === 'getProject';
  const pendingBefore = isProjectRead && ctx.pendingWrites.has(match.projectId as number);
  const res = await forward(ctx, { method: match.op.method, path: match.upstreamPath, search: match.search, body });
  if (pendingBefore || (isProjectRead && ctx.pendingWrites.has(match.projectId as number)))
    headers[WRITE_PENDING_HEADER] = 'true';
  if (!res.ok) {
    return {
      ...detail(res.status, res.detail, headers),
      problem: { message: 'upstream call failed', fields: { upstreamStatus: res.status, reason: res.reason } },
    };
  }
  let out = res.body;
  if (res.status === 200 && PAGED_OPERATIONS.has(match.op.id)) {
    const rewritten = rewritePageLinks(res.body, match.op, ctx.upstream.baseUrl);
    if (!rewritten.ok)
      return {
        ...detail(502, rewritten.detail, headers),
        problem: { message: 'upstream page link not followable', fields: { op: match.op.id } },
      };
    out = rewritten.body;
  } else if (isProjectRead && res.status === 200) headers.etag = etagOf(res.body);
  headers['content-type'] = res.contentType ?? 'application/octet-stream';
  if (res.retryAfter) headers['retry-after'] = res.retryAfter;
  return { status: res.status, headers, body: out };
}

export type FastReadOptions = {
  ctx: ApiContext;
  log: FastifyBaseLogger | null;
  /** The Host header passes the DNS-rebinding check (security.ts). */
  hostAllowed: (host: string | undefined) => boolean;
  /** The request may use the API without logging in, or carries a live session (auth). */
  admitted: (cookieHeader: string | undefined) => Promise<boolean>;
};

/**
 * Answers the request if it is a plain allowlisted GET that passes every check; returns false (having done
 * nothing) for anything Fastify must handle.
 */
export function fastRead(
  opts: FastReadOptions,
  req: IncomingMessage,
  res: ServerResponse,
  /** Fastify's handler: a request found not admitted (no session) after all is handed to it. */
  fallback: (req: IncomingMessage, res: ServerResponse) => void,
): boolean {
  if (req.method !== 'GET') return false;
  const url = req.url ?? '/';
  if (!url.startsWith('/api/')) return false;
  // A GET with a body (which Fastify parses and checks) takes the ordinary way.
  if (req.headers['transfer-encoding'] !== undefined) return false;
  const length = req.headers['content-length'];
  if (length !== undefined && length !== '0') return false;
  const verdict = classifyRequest('GET', url);
  if (verdict.kind !== 'op') return false;
  if (!opts.hostAllowed(req.headers.host)) return false;
  const started = performance.now();
  // The session check may reach the store (PostgreSQL: a query): a request without a live session goes on to
  // Fastify, which answers it as before (401, or the login redirect). A GET without a body is not read by
  // either path, so handing it over later loses nothing.
  opts
    .admitted(req.headers.cookie)
    .then(async (admitted) => {
      if (!admitted) return fallback(req, res);
      const answer = await proxyAnswer(opts.ctx, verdict, undefined);
      if (answer.problem) opts.log?.warn(answer.problem.fields, answer.problem.message);
      await send(req, res, answer);
      opts.log?.info(
        { method: 'GET', url, statusCode: answer.status, responseTime: Math.round(performance.now() - started) },
        'request completed',
      );
    })
    .catch((error: unknown) => {
      if (error instanceof StoreUnavailableError) {
        opts.log?.error({ err: error.cause }, 'the database does not answer');
        return send(req, res, detail(503, STORE_UNAVAILABLE_DETAIL, STORE_UNAVAILABLE_HEADERS));
      }
      opts.log?.error({ err: error }, 'request failed');
      return send(req, res, detail(500, 'Internal server error', { 'cache-control': 'no-store' }));
    })
    .catch((error: unknown) => {
      // Only a failure of the error answer itself gets here: the connection is of no further use.
      opts.log?.error({ err: error }, 'request failed');
      res.destroy();
    });
  return true;
}

const SECURITY_HEADER_LIST = Object.entries(SECURITY_HEADERS).flat();

/** Compressed as the request accepts (compression.ts, the same decision as Fastify's answers). */
async function send(req: IncomingMessage, res: ServerResponse, answer: ProxyAnswer): Promise<void> {
  if (res.headersSent || res.destroyed) return;
  const raw = typeof answer.body === 'string' ? Buffer.from(answer.body) : answer.body;
  const facts = {
    method: req.method ?? 'GET',
    status: answer.status,
    contentType: answer.headers['content-type'],
    acceptEncoding: req.headers['accept-encoding'],
  };
  const { body, encoding } = await encodeBody(facts, raw);
  if (res.headersSent || res.destroyed) return;
  // writeHead's flat [name, value, ...] form: no merged header object per response.
  const headers = [...SECURITY_HEADER_LIST, 'content-length', String(body.length)];
  for (const name in answer.headers) headers.push(name, answer.headers[name]);
  // As the Fastify hook does: JSON or text may be compressed for another request (answer.headers never carry
  // a Vary of their own).
  if (isCompressible(facts.contentType)) headers.push('vary', 'accept-encoding');
  if (encoding) headers.push('content-encoding', encoding);
  res.writeHead(answer.status, headers);
  res.end(body);
}
