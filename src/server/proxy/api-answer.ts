// What the /api routes share with the save path (project-save.ts): their context, and how an upstream answer
// is passed on to the browser. In its own file so that neither of the two imports the other.
import type { FastifyBaseLogger, FastifyReply } from 'fastify';
import type { HistoryHealth } from '../history/health';
import { etagOf } from './etag';
import type { AdminStore } from '../store/types';
import type { RetryPolicy } from './retry';
import type { UpstreamConfig, UpstreamResult } from './upstream';

export type ApiContext = {
  upstream: UpstreamConfig;
  retry: RetryPolicy;
  /** History and the per-project save lock (SQLite, or PostgreSQL shared by replicas). */
  store: AdminStore;
  historyHealth: HistoryHealth;
  /** Projects with a write in flight (also one whose client already got its 504). */
  pendingWrites: Set<number>;
};

export function sendUpstream(reply: FastifyReply, res: UpstreamResult, withEtag: boolean): FastifyReply {
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
