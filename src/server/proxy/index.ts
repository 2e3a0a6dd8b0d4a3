// The admin server: the only holder of the Cekura API key. It serves the SPA, exposes /app-api/* for the
// console itself and forwards an allowlist of upstream operations under /api/<upstream path>.
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyServerOptions } from 'fastify';
import { registerHistoryRoutes } from '../history/routes.ts';
import { openHistoryStore } from '../history/store.ts';
import { classifyRequest } from './allowlist.ts';
import { registerApiRoutes } from './api-routes.ts';
import { KeyedLock } from './project-lock.ts';
import { defaultRetryPolicy, type RetryPolicy } from './retry.ts';
import { CONTENT_SECURITY_POLICY, registerSpa } from './spa.ts';

export type AdminServerOptions = {
  upstreamUrl: string;
  apiKey: string;
  mode: 'emulator' | 'live';
  timeoutMs: number;
  distDir: string;
  dataDir: string;
  logger?: boolean;
  /** Where log lines go when logger is on (default stdout); tests pass a stream to inspect them. */
  logStream?: NodeJS.WritableStream;
  /** Retries of upstream reads (default: 3 tries within 2 x timeoutMs, Retry-After up to 5 s). */
  retry?: Partial<RetryPolicy>;
};

// Anything that could carry a key or a session, wherever pino meets it.
const REDACT = [
  'req.headers["x-cekura-api-key"]',
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["x-cekura-api-key"]',
  'headers["x-cekura-api-key"]',
  'apiKey',
];

function loggerOptions(opts: AdminServerOptions): FastifyServerOptions['logger'] {
  if (!opts.logger) return false;
  return { level: 'info', redact: { paths: REDACT, censor: '[redacted]' }, ...(opts.logStream ? { stream: opts.logStream } : {}) };
}

export async function buildAdminServer(opts: AdminServerOptions): Promise<FastifyInstance> {
  // Refuse a key that undici would reject: its error message would quote the key.
  if (!/^[\x21-\x7e]+$/.test(opts.apiKey)) throw new Error('The API key must be printable ASCII without spaces.');
  const app = Fastify({
    logger: loggerOptions(opts),
    bodyLimit: 2 * 1024 * 1024,
    // Browsers keep (and pre-open) connections; on shutdown they must not hold close() until a timeout.
    forceCloseConnections: true,
    // A URL the router cannot even decode is one more path that does not exist.
    frameworkErrors: (error, _req, reply) => {
      const badUrl = error.code === 'FST_ERR_BAD_URL';
      (reply as FastifyReply).code(badUrl ? 404 : 400).send({ detail: badUrl ? 'Not found' : 'Bad request' });
    },
  });

  app.decorateRequest('apiMatch', null);
  app.decorateRequest('user', null);
  // Guard first, on the raw URL, before routing decisions or body parsing can act on a hostile path.
  app.addHook('onRequest', async (req, reply) => {
    const verdict = classifyRequest(req.raw.method ?? '', req.raw.url ?? '');
    if (verdict.kind === 'reject') return reply.code(verdict.status).header('cache-control', 'no-store').send({ detail: verdict.detail });
    if (verdict.kind === 'op') req.apiMatch = verdict;
  });
  app.addHook('onSend', async (_req, reply, payload) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'no-referrer');
    const type = String(reply.getHeader('content-type') ?? '');
    if (type.startsWith('text/html')) reply.header('content-security-policy', CONTENT_SECURITY_POLICY);
    return payload;
  });

  registerBodyParser(app);
  app.setErrorHandler((error: FastifyError, req, reply) => {
    const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
    if (status === 500) req.log.error({ err: error }, 'request failed');
    reply.code(status).send({ detail: status === 500 ? 'Internal server error' : error.message });
  });

  app.get('/app-api/health', async (_req, reply) => reply.header('cache-control', 'no-store').send({ ok: true }));
  app.get('/app-api/config', async (_req, reply) =>
    reply.header('cache-control', 'no-store').send({ mode: opts.mode, upstreamHost: new URL(opts.upstreamUrl).host }),
  );

  const history = openHistoryStore(opts.dataDir);
  app.addHook('onClose', async () => history.close());
  registerHistoryRoutes(app, history);
  registerApiRoutes(app, {
    upstream: { baseUrl: opts.upstreamUrl.replace(/\/+$/, ''), apiKey: opts.apiKey, timeoutMs: opts.timeoutMs },
    retry: { ...defaultRetryPolicy(opts.timeoutMs), ...opts.retry },
    locks: new KeyedLock(),
    history,
  });
  await registerSpa(app, opts.distDir);
  return app;
}

/** JSON bodies are kept as the exact text received (checked to be JSON), so writes forward byte-for-byte. */
function registerBodyParser(app: FastifyInstance): void {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) => {
    const text = body as string;
    if (text === '') return done(null, '');
    try {
      JSON.parse(text);
      done(null, text);
    } catch {
      done(Object.assign(new Error('The request body is not valid JSON.'), { statusCode: 400 }), undefined);
    }
  });
}
