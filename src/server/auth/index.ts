import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { CheckGate, isRefusal, LoginLimiter, type LimiterOptions } from './limiter';
import { dummyHash, verifyPassword } from './password';
import type { LimitCounters } from './limiter';
import { SESSION_TTL_MS, type AuthStore } from './store';

// Login for the console. Required once a user exists, or always when the server is reachable from other
// machines. A session is an HttpOnly, SameSite=Strict cookie; everything but the login page, its script,
// /app-api/health, /app-api/session, login and logout needs one.

export const SESSION_COOKIE = 'cekura_session';

export type AuthOptions = {
  store: AuthStore;
  /** Login is needed even without users (a non-loopback HOST, or behind a proxy): the server refuses to start then. */
  alwaysRequired: boolean;
  /** Decides whether the request targets the API (401) or is a page (redirect to /login). */
  isPage: (method: string, rawUrl: string) => boolean;
  limiter?: LimiterOptions;
  /** Where the login-limit counters live (the admin store's: shared by replicas with PostgreSQL). */
  limits?: LimitCounters;
};

const PUBLIC = new Set([
  'GET /login',
  'GET /login.js',
  'GET /login.css',
  'GET /app-api/health',
  'GET /app-api/session',
  'POST /app-api/login',
  'POST /app-api/logout',
]);

const loginPage = readFileSync(new URL('./login.html', import.meta.url), 'utf8');
const loginScript = readFileSync(new URL('./login.js', import.meta.url), 'utf8');
const loginStyles = readFileSync(new URL('./login.css', import.meta.url), 'utf8');

const loginBody = z.object({ name: z.string().min(1).max(200), password: z.string().min(1).max(1024) });

/**
 * Only a same-origin relative path is followed after login: never //host, /\host or an absolute URL. Anything
 * outside printable ASCII is percent-encoded: a raw U+2028 (say) in the Location header would make Node throw.
 */
export function safeNext(next: unknown): string {
  if (typeof next !== 'string' || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused here
  if (/[\u0000-\u001f\u007f\\]/.test(next)) return '/';
  try {
    return next.replace(/[^\x21-\x7e]/gu, (c) => encodeURIComponent(c));
  } catch {
    return '/'; // a lone surrogate cannot be encoded
  }
}

function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq !== -1 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

function sessionCookie(req: FastifyRequest, token: string, maxAgeSeconds: number): string {
  // Secure whenever the browser reached us over https (directly or, with TRUST_PROXY=1, via the proxy).
  const secure = req.protocol === 'https' ? '; Secure' : '';
  return `${SESSION_COOKIE}=${token}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${maxAgeSeconds}${secure}`;
}

function tooMany(reply: FastifyReply, seconds: number) {
  const [n, unit] = seconds < 60 ? [seconds, 'second'] : [Math.ceil(seconds / 60), 'minute'];
  const wait = `${n} ${unit}${n === 1 ? '' : 's'}`;
  return reply
    .code(429)
    .header('retry-after', String(seconds))
    .send({ detail: `Too many failed logins. Try again in ${wait}.` });
}

/** What GET /app-api/session answers: who is logged in, and whether this server asks for a login at all. */
export type SessionAnswer = { user: string | null; authRequired: boolean };

export type AuthCheck = {
  /** What the API fast path (proxy/read-path.ts) needs to know: may a request with this Cookie header use /api? */
  admitted(cookieHeader: string | undefined): Promise<boolean>;
  /** GET /app-api/session's answer for this request (index.html carries it too: proxy/spa.ts). */
  session(req: FastifyRequest): Promise<SessionAnswer>;
};

export function registerAuth(app: FastifyInstance, opts: AuthOptions): AuthCheck {
  const { store } = opts;
  const limiter = new LoginLimiter(opts.limiter, opts.limits);
  const gate = new CheckGate();
  // Users are never removed (only added, or given a new password), so once one exists the answer stays yes and
  // the store need not be asked on every request again. Until then it is asked each time: a user added by
  // `npm run user:add` in another process (or replica) takes effect at the next request.
  let usersExist = false;
  const required = async () => opts.alwaysRequired || usersExist || (usersExist = await store.hasUsers());
  const tokenOf = (req: FastifyRequest) => readCookie(req.headers.cookie, SESSION_COOKIE);
  const session = async (req: FastifyRequest): Promise<SessionAnswer> => ({
    user: req.user,
    authRequired: await required(),
  });

  app.addHook('onRequest', async (req, reply) => {
    const token = tokenOf(req);
    req.user = token ? ((await store.sessionUser(token)) ?? null) : null;
    const path = (req.raw.url ?? '/').split('?')[0];
    if (req.user || PUBLIC.has(`${req.method === 'HEAD' ? 'GET' : req.method} ${path}`) || !(await required())) return;
    reply.header('cache-control', 'no-store');
    if (opts.isPage(req.method, req.raw.url ?? '/'))
      return reply.redirect(`/login?next=${encodeURIComponent(req.raw.url ?? '/')}`, 302);
    return reply.code(401).send({ detail: 'Log in first' });
  });

  app.get('/login', async (req, reply) => {
    reply.header('cache-control', 'no-store');
    const next = safeNext((req.query as { next?: unknown }).next);
    if (req.user || !(await required())) return reply.redirect(next, 302);
    return reply.type('text/html; charset=utf-8').send(loginPage);
  });
  app.get('/login.js', async (_req, reply) =>
    reply.header('cache-control', 'no-cache').type('text/javascript; charset=utf-8').send(loginScript),
  );
  app.get('/login.css', async (_req, reply) =>
    reply.header('cache-control', 'no-cache').type('text/css; charset=utf-8').send(loginStyles),
  );

  app.get('/app-api/session', async (req, reply) => reply.header('cache-control', 'no-store').send(await session(req)));

  app.post('/app-api/login', async (req, reply) => {
    reply.header('cache-control', 'no-store');
    const body = loginBody.safeParse(
      typeof req.body === 'string' && req.body !== '' ? JSON.parse(req.body) : undefined,
    );
    if (!body.success) return reply.code(400).send({ detail: 'Send {"name": ..., "password": ...}.' });
    const { name, password } = body.data;
    const stored = await store.passwordHash(name);
    // Counted now, before the (slow, asynchronous) check: simultaneous attempts see each other's reservation.
    const attempt = await limiter.reserve(req.ip, name, stored);
    if (isRefusal(attempt)) return tooMany(reply, attempt.retryAfterSeconds);
    // An unknown name costs the same scrypt as a wrong password, so timing does not reveal which names exist.
    const ok = await gate.run(
      async () => (await verifyPassword(password, stored ?? (await dummyHash()))) && stored !== undefined,
    );
    if (ok === undefined) {
      await limiter.release(attempt);
      return reply
        .code(429)
        .header('retry-after', '1')
        .send({ detail: 'The server is busy checking other logins. Try again in a moment.' });
    }
    if (!ok) {
      req.log.info({ user: name.slice(0, 64) }, 'failed login');
      return reply.code(401).send({ detail: 'Wrong user name or password.' });
    }
    await limiter.succeed(attempt);
    const old = tokenOf(req);
    if (old) await store.deleteSession(old);
    const token = await store.createSession(name);
    return reply.header('set-cookie', sessionCookie(req, token, SESSION_TTL_MS / 1000)).send({ user: name });
  });

  app.post('/app-api/logout', async (req, reply) => {
    const token = tokenOf(req);
    if (token) await store.deleteSession(token);
    return reply
      .header('cache-control', 'no-store')
      .header('set-cookie', sessionCookie(req, '', 0))
      .send({ user: null });
  });

  return {
    session,
    async admitted(cookieHeader) {
      if (!(await required())) return true;
      const token = readCookie(cookieHeader, SESSION_COOKIE);
      return token !== undefined && (await store.sessionUser(token)) !== undefined;
    },
  };
}
