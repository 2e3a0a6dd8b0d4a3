// The admin server: the only holder of the Cekura API key. It serves the SPA, exposes /app-api/* for the
// console itself and forwards an allowlist of upstream operations under /api/<upstream path>.
import { pino, type DestinationStream } from 'pino';
import Fastify, {
  LogController,
  type FastifyError,
  type FastifyInstance,
  type FastifyReply,
  type FastifyServerOptions,
} from 'fastify';
import { registerAuth } from '../auth/index';
import type { LimiterOptions } from '../auth/limiter';
import { registerHistoryRoutes } from '../history/routes';
import { HistoryHealth } from '../history/health';
import { openAdminStore, type AdminStore } from '../store/index';
import { guardStore, STORE_UNAVAILABLE_DETAIL, STORE_UNAVAILABLE_HEADERS, StoreUnavailableError } from '../store/guard';
import { decodeUtf8, jsonNesting } from '../json-text';
import http from 'node:http';
import { classifyRequest } from './allowlist';
import { registerCompression } from './compression';
import type { ApiContext } from './api-answer';
import { registerApiRoutes } from './api-routes';
import { defaultRetryPolicy, type RetryPolicy } from './retry';
import { fastRead, type FastReadOptions } from './read-path';
import { BODY_LIMIT_BYTES, hostCheck, isLoopbackHost, registerSecurity, setSecurityHeaders } from './security';
import { isPageRequest, registerSpa } from './spa';
import { readFirstScreenProject } from './first-screen';

export type AdminServerOptions = {
  upstreamUrl: string;
  apiKey: string;
  mode: 'emulator' | 'live';
  timeoutMs: number;
  distDir: string;
  dataDir: string;
  /** PostgreSQL for history, users, sessions, login limits and the save lock (several replicas); else SQLite in dataDir. */
  databaseUrl?: string;
  logger?: boolean;
  /** Where log lines go when logger is on (default stdout); tests pass a stream to inspect them. */
  logStream?: NodeJS.WritableStream;
  /** Retries of upstream reads (default: 3 tries within 2 x timeoutMs, Retry-After up to 5 s). */
  retry?: Partial<RetryPolicy>;
  /** The address the server listens on (default 127.0.0.1): anything but loopback requires login. */
  host?: string;
  /**
   * Behind this many reverse proxies (true = 1): X-Forwarded-Proto/-Host are believed, the client address is the
   * N-th X-Forwarded-For entry from the right, and login is required.
   */
  trustProxy?: boolean | number;
  /** How long index.html waits for a project page's project (default FIRST_SCREEN_WAIT_MS). */
  firstScreenWaitMs?: number;
  /** Failed logins allowed per client address (default 5 per 15 minutes). */
  loginLimit?: LimiterOptions;
};

/** The server will not start reachable from other machines without a user to log in as. */
export class NoUserError extends Error {}

/** The number of trusted proxies: `true` (older configurations and tests) means one. */
export const proxyCount = (trustProxy: boolean | number | undefined): number => Number(trustProxy ?? 0);

async function assertUserExists(auth: AdminStore, host: string, proxies: number): Promise<void> {
  if ((isLoopbackHost(host) && !proxies) || (await auth.hasUsers())) return;
  const why = proxies ? `TRUST_PROXY=${proxies} (behind a proxy)` : `HOST=${host}`;
  throw new NoUserError(
    `${why} makes the console reachable from other machines, so it requires a login, but no user exists yet.\n` +
      `Add one with \`npm run user:add -- <name>\` (same ${auth.kind === 'postgres' ? 'DATABASE_URL' : 'DATA_DIR'}), then start again.`,
  );
}

/** The same check, before `npm start` spends time on a build (it also migrates the schema). */
export async function checkCanStart(
  where: { dataDir: string; databaseUrl?: string },
  host: string,
  trustProxy: boolean | number,
): Promise<void> {
  const store = await openAdminStore(where);
  try {
    await assertUserExists(store, host, proxyCount(trustProxy));
  } finally {
    await store.close();
  }
}

// Anything that could carry a key or a session, wherever pino meets it.
const REDACT = [
  'req.headers["x-cekura-api-key"]',
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["x-cekura-api-key"]',
  'headers["x-cekura-api-key"]',
  'apiKey',
];

/**
 * Standard output, written asynchronously in blocks of 4 KB (at the latest after a second, and in full when the
 * process exits): a write(2) per log line cost the admin server more CPU than the whole proxied GET around it.
 */
function bufferedStdout(): DestinationStream {
  const destination = pino.destination({ dest: 1, sync: false, minLength: 4096 });
  setInterval(() => {
    // flush() throws while SonicBoom is still opening or busy; the next tick of the timer catches up.
    try {
      destination.flush();
    } catch {
      // nothing to do
    }
  }, 1000).unref();
  return destination;
}

function loggerOptions(opts: AdminServerOptions): FastifyServerOptions['logger'] {
  if (!opts.logger) return false;
  return {
    level: 'info',
    redact: { paths: REDACT, censor: '[redacted]' },
    stream: opts.logStream ?? bufferedStdout(),
  };
}

/**
 * One log line per request, when it is answered (Fastify's own logging writes two, the first with the whole
 * request serialised): method, URL, status and time. Failures log their own lines with the reason.
 */
function logCompletedRequests(app: FastifyInstance): void {
  app.addHook('onResponse', (req, reply, done) => {
    reply.log.info(
      { method: req.method, url: req.url, statusCode: reply.statusCode, responseTime: Math.round(reply.elapsedTime) },
      'request completed',
    );
    done();
  });
}

export async function buildAdminServer(opts: AdminServerOptions): Promise<FastifyInstance> {
  // Refuse a key that undici would reject: its error message would quote the key.
  if (!/^[\x21-\x7e]+$/.test(opts.apiKey)) throw new Error('The API key must be printable ASCII without spaces.');
  const host = opts.host ?? '127.0.0.1';
  const proxies = proxyCount(opts.trustProxy);
  const loginAlwaysRequired = !isLoopbackHost(host) || proxies > 0;
  // SQLite: checked before anything writes to it (a damaged history must stop the start, not fail saves one by
  // one). Either: the schema migrated to the current version.
  const store = guardStore(await openAdminStore({ dataDir: opts.dataDir, databaseUrl: opts.databaseUrl }));
  try {
    await assertUserExists(store, host, proxies);
  } catch (error) {
    await store.close();
    throw error;
  }
  // Named in the public health answer: the SQLite file (as before), never a database host.
  const historyHealth = new HistoryHealth(store.kind === 'postgres' ? 'PostgreSQL' : store.location);

  // Plain allowlisted GETs are answered before Fastify sees them (read-path.ts); set once the routes exist.
  let fast: FastReadOptions | undefined;
  const app = Fastify({
    serverFactory: (handler) => {
      const server = http.createServer((req, res) => {
        if (!fast || !fastRead(fast, req, res, handler)) handler(req, res);
      });
      // What Fastify sets on the server it creates itself.
      server.keepAliveTimeout = 72_000;
      server.requestTimeout = 0;
      return server;
    },
    logger: loggerOptions(opts),
    // Fastify's own two lines per request are replaced by one (logCompletedRequests).
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: BODY_LIMIT_BYTES,
    // A number, never `true`: Fastify would then believe the left-most X-Forwarded-For entry, which the client
    // writes itself whenever the proxy appends to the header (the usual setup).
    // (proxy-addr walks from the socket address leftwards: hop 0 is our proxy, hop N-1 the last one we trust.)
    trustProxy: proxies > 0 ? (_address: string, hop: number) => hop < proxies : false,
    // Browsers keep (and pre-open) connections; on shutdown they must not hold close() until a timeout.
    forceCloseConnections: true,
    // A URL the router cannot even decode is one more path that does not exist.
    frameworkErrors: (error, _req, reply) => {
      const badUrl = error.code === 'FST_ERR_BAD_URL';
      setSecurityHeaders(reply as FastifyReply);
      (reply as FastifyReply).code(badUrl ? 404 : 400).send({ detail: badUrl ? 'Not found' : 'Bad request' });
    },
  });
  if (opts.logger) logCompletedRequests(app);
  app.addHook('onClose', async () => {
    await store.close();
  });

  app.decorateRequest('apiMatch', null);
  app.decorateRequest('user', null);
  // Guard first, on the raw URL, before routing decisions or body parsing can act on a hostile path.
  app.addHook('onRequest', async (req, reply) => {
    const verdict = classifyRequest(req.raw.method ?? '', req.raw.url ?? '');
    if (verdict.kind === 'reject')
      return reply.code(verdict.status).header('cache-control', 'no-store').send({ detail: verdict.detail });
    if (verdict.kind === 'op') req.apiMatch = verdict;
  });
  // Then: Host name, same-origin JSON writes, security headers; then the session.
  registerSecurity(app, { host, trustProxy: proxies > 0 });
  registerCompression(app);
  const authCheck = registerAuth(app, {
    store,
    limits: store.limits,
    alwaysRequired: loginAlwaysRequired,
    isPage: isPageRequest,
    limiter: opts.loginLimit,
  });

  registerBodyParser(app);
  app.setErrorHandler((error: FastifyError, req, reply) => {
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      return reply.code(413).send({ detail: `The request body is larger than ${BODY_LIMIT_BYTES / 1024} KB.` });
    }
    if (error instanceof StoreUnavailableError) {
      req.log.error({ err: error.cause }, 'the database does not answer');
      return reply.code(503).headers(STORE_UNAVAILABLE_HEADERS).send({ detail: STORE_UNAVAILABLE_DETAIL });
    }
    const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
    if (status === 500) req.log.error({ err: error }, 'request failed');
    reply.code(status).send({ detail: status === 500 ? 'Internal server error' : error.message });
  });

  // Public (load balancers ask it): says which database and whether it answers, never where it is.
  app.get('/app-api/health', async (req, reply) => {
    reply.header('cache-control', 'no-store');
    const kind = store.kind;
    try {
      await withTimeout(store.ping(), HEALTH_PING_MS);
    } catch (error) {
      req.log.error({ err: error }, 'the database does not answer');
      const name = kind === 'postgres' ? 'PostgreSQL' : 'SQLite';
      const detail = `The database (${name}) does not answer; saves, logins and the history fail until it does.`;
      return reply.code(503).send({ ok: false, detail, database: { kind, ok: false } });
    }
    const problem = historyHealth.problem;
    return problem
      ? reply.code(503).send({ ok: false, detail: problem, database: { kind, ok: true } })
      : reply.send({ ok: true, database: { kind, ok: true } });
  });
  const appConfig = { mode: opts.mode, upstreamHost: new URL(opts.upstreamUrl).host };
  app.get('/app-api/config', async (_req, reply) => reply.header('cache-control', 'no-store').send(appConfig));

  registerHistoryRoutes(app, store);
  const ctx: ApiContext = {
    upstream: { baseUrl: opts.upstreamUrl.replace(/\/+$/, ''), apiKey: opts.apiKey, timeoutMs: opts.timeoutMs },
    retry: { ...defaultRetryPolicy(opts.timeoutMs), ...opts.retry },
    store,
    historyHealth,
    pendingWrites: new Set(),
  };
  registerApiRoutes(app, ctx);
  fast = {
    ctx,
    log: opts.logger ? app.log : null,
    hostAllowed: hostCheck({ host, trustProxy: proxies > 0 }),
    admitted: authCheck.admitted,
  };
  await registerSpa(app, opts.distDir, {
    // req.user: the login hook found a live session; otherwise only a server that needs no login admits it.
    admitted: async (req) => req.user !== null || (await authCheck.admitted(undefined)),
    config: appConfig,
    session: authCheck.session,
    readProject: (projectId) => readFirstScreenProject(ctx, projectId, opts.firstScreenWaitMs),
  });
  return app;
}

/** How long /app-api/health waits for the database before it answers 503. */
const HEALTH_PING_MS = 2000;

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Deeper JSON than any project setting needs; deeper text is refused before it is parsed. */
export const MAX_JSON_NESTING = 64;

/**
 * JSON bodies are kept as the exact text received (checked to be valid UTF-8, JSON and at most
 * MAX_JSON_NESTING deep), so writes forward byte-for-byte.
 */
function registerBodyParser(app: FastifyInstance): void {
  app.removeAllContentTypeParsers();
  const refuse = (message: string) => Object.assign(new Error(message), { statusCode: 400 });
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_req, body, done) => {
    const text = decodeUtf8(body as Buffer);
    if (text === undefined) return done(refuse('The request body is not valid UTF-8.'), undefined);
    if (text === '') return done(null, '');
    if (jsonNesting(text) > MAX_JSON_NESTING)
      return done(
        refuse(`The request body nests arrays or objects deeper than ${MAX_JSON_NESTING} levels.`),
        undefined,
      );
    try {
      JSON.parse(text);
      done(null, text);
    } catch {
      done(refuse('The request body is not valid JSON.'), undefined);
    }
  });
}
