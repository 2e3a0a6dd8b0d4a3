// The Cekura emulator: a Cekura-compatible API (the operations listed in docs/decisions.md) on loopback, with SQLite
// storage in DATA_DIR, seeded demo data and, on request, test hooks.
import crypto from 'node:crypto';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { jsonNesting } from '../json-text';
import { detail, notFound, param, sendJson, type Query } from './http';
import { DEMO_PROJECT_ID } from './seed';
import { DEFAULT_MAX_PAGE_SIZE, listRoutes, type ListSettings } from './routes-lists';
import { projectRoutes } from './routes-projects';
import { Store } from './store';
import { Faults, HOOK_PREFIX, redactBody, registerTestHooks, RequestLog, type LoggedRequest } from './test-hooks';
import { WebhookSender } from './webhook';

export type EmulatorOptions = {
  dataDir: string;
  apiKey: string;
  testHooks?: boolean;
  legacy?: boolean;
  scale?: boolean;
  logger?: boolean;
  /**
   * Extra keys besides the organisation key `apiKey`: a project key (one project, DEMO_PROJECT_ID unless
   * `projectKeyProject`) and a read-only key (every project, reads only). Omitted: none.
   */
  projectKey?: string;
  projectKeyProject?: number;
  readOnlyKey?: string;
  /** Largest page a list returns whatever page_size asks (default DEFAULT_MAX_PAGE_SIZE). */
  maxPageSize?: number;
};

export type RunningEmulator = {
  url: string;
  apiKey: string;
  projectKey?: string;
  readOnlyKey?: string;
  close(): Promise<void>;
};

/** What a key may do (the vendor has organisation-wide, project and read-only keys). */
type KeyScope = { kind: 'organisation' } | { kind: 'project'; projectId: number } | { kind: 'read-only' };

export const READ_ONLY_DETAIL = 'This API key is read-only: it cannot change anything.';
export const OTHER_PROJECT_DETAIL = 'This API key has no permission for this project.';

const API_KEY_HEADER = 'x-cekura-api-key';
const BODY_LIMIT = 5 * 1024 * 1024;

/** Known paths and their methods, to answer 405 (not 404) for a wrong method, as DRF does. */
const ROUTES: [RegExp, string[]][] = [
  [/^\/user\/v1\/projects\/$/, ['GET']],
  [/^\/user\/v1\/projects\/[^/]+\/$/, ['GET', 'PATCH']],
  [/^\/user\/v1\/projects\/[^/]+\/test-webhook\/$/, ['POST']],
  [/^\/test_framework\/v1\/metrics\/$/, ['GET']],
  [/^\/test_framework\/v1\/aiagents\/short_list\/$/, ['GET']],
  [/^\/dashboards\/dashboards\/$/, ['GET']],
  [/^\/observability\/v2\/call-logs\/$/, ['GET']],
];

/** Far beyond any real project setting, far below what recursion over the value can bear. */
const MAX_NESTING = 100;

const pathOf = (req: FastifyRequest): string => req.url.split('?')[0];
const isHookPath = (req: FastifyRequest): boolean => req.url.startsWith(HOOK_PREFIX);

export async function buildEmulator(opts: EmulatorOptions): Promise<FastifyInstance> {
  const store = new Store(opts.dataDir, { scale: opts.scale, legacy: opts.legacy });
  const webhooks = new WebhookSender();
  const startCap = opts.maxPageSize ?? DEFAULT_MAX_PAGE_SIZE;
  const lists: ListSettings = { maxPageSize: startCap };
  // forceCloseConnections: close() must not wait for a client's idle keep-alive connection.
  const app = Fastify({ logger: opts.logger ?? false, bodyLimit: BODY_LIMIT, forceCloseConnections: true });
  app.addHook('onClose', async () => store.close());

  // JSON only (other media types get DRF's 415); an empty body is fine (test-webhook POST); bad JSON gets
  // DRF's "JSON parse error".
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) => {
    if (body === '') return done(null, null);
    // Deeper text would overflow the stack later (validation, JSON.stringify of the request log): a 400 now.
    if (jsonNesting(body as string) > MAX_NESTING)
      return done(
        Object.assign(new Error(`JSON parse error - nested deeper than ${MAX_NESTING} levels`), {
          statusCode: 400,
          drf: true,
        }),
        undefined,
      );
    try {
      done(null, JSON.parse(body as string));
    } catch (err) {
      done(
        Object.assign(new Error(`JSON parse error - ${(err as Error).message}`), { statusCode: 400, drf: true }),
        undefined,
      );
    }
  });

  app.setErrorHandler((err: Error & { statusCode?: number; code?: string; drf?: boolean }, req, reply) => {
    if (err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
      return detail(reply, 415, `Unsupported media type "${req.headers['content-type'] ?? ''}" in request.`);
    }
    if (err.drf) return detail(reply, 400, err.message);
    if (err.statusCode && err.statusCode < 500) return detail(reply, err.statusCode, err.message);
    req.log.error(err);
    return detail(reply, 500, 'A server error occurred.');
  });

  if (opts.testHooks) installTestHooks(app, store, webhooks, lists, startCap);

  const keys: [string, KeyScope][] = [[opts.apiKey, { kind: 'organisation' }]];
  if (opts.projectKey)
    keys.push([opts.projectKey, { kind: 'project', projectId: opts.projectKeyProject ?? DEMO_PROJECT_ID }]);
  if (opts.readOnlyKey) keys.push([opts.readOnlyKey, { kind: 'read-only' }]);

  const authorised = (req: FastifyRequest, reply: FastifyReply): KeyScope | null => {
    const sent = req.headers[API_KEY_HEADER];
    if (typeof sent !== 'string' || sent === '') {
      detail(reply, 401, 'Authentication credentials were not provided.');
      return null;
    }
    // Every key is compared (constant time each), so the time taken does not tell which one matched.
    const scope = keys.map(([key, s]) => (sameSecret(sent, key) ? s : null)).find((s) => s !== null) ?? null;
    if (!scope) detail(reply, 401, 'Invalid API key.');
    return scope;
  };

  await app.register(async (api) => {
    api.addHook('preHandler', async (req, reply) => {
      const scope = authorised(req, reply);
      if (!scope || !permitted(scope, req, reply)) return reply;
    });
    projectRoutes(api, { store, webhooks });
    listRoutes(api, store, lists);
  });

  app.setNotFoundHandler((req, reply) => {
    const route = ROUTES.find(([re]) => re.test(pathOf(req)));
    if (!route || isHookPath(req)) return notFound(reply);
    if (!authorised(req, reply)) return reply;
    return detail(reply, 405, `Method "${req.method}" not allowed.`);
  });
  return app;
}

const PROJECT_PATH = /^\/user\/v1\/projects\/(\d+)\//;

/**
 * The key's scope: a read-only key gets 403 on every write; a project key gets 403 for another project
 * (by path or `project_id`), and lists without `project_id` are narrowed to its project.
 */
function permitted(scope: KeyScope, req: FastifyRequest, reply: FastifyReply): boolean {
  if (scope.kind === 'read-only' && req.method !== 'GET' && req.method !== 'HEAD') {
    detail(reply, 403, READ_ONLY_DETAIL);
    return false;
  }
  if (scope.kind !== 'project') return true;
  const query = (req.query ?? {}) as Query;
  const inPath = PROJECT_PATH.exec(pathOf(req))?.[1];
  const asked = inPath ?? param(query, 'project_id');
  if (asked !== undefined && asked !== '' && Number(asked) !== scope.projectId) {
    detail(reply, 403, OTHER_PROJECT_DETAIL);
    return false;
  }
  // Agent-scoped metrics (?agents / ?agent_id) are asked by agent, not by project: left as they are.
  const byAgent = param(query, 'agents') !== undefined || param(query, 'agent_id') !== undefined;
  if (inPath === undefined && !byAgent) query.project_id = String(scope.projectId);
  return true;
}

/** Request log, faults and the /__emulator/ routes. */
function installTestHooks(
  app: FastifyInstance,
  store: Store,
  webhooks: WebhookSender,
  lists: ListSettings,
  startCap: number,
): void {
  const log = new RequestLog();
  const faults = new Faults();
  const entries = new WeakMap<FastifyRequest, LoggedRequest>();
  const dropAfter = new WeakSet<FastifyRequest>();

  app.addHook('onRequest', async (req) => {
    if (!isHookPath(req)) entries.set(req, log.start(req));
  });
  app.addHook('preValidation', async (req) => {
    const entry = entries.get(req);
    if (entry) entry.body = redactBody(req.body);
  });
  app.addHook('preHandler', async (req, reply) => {
    const entry = entries.get(req);
    const fault = entry && faults.take(req.method, pathOf(req));
    if (!entry || !fault) return;
    entry.fault = fault.kind;
    switch (fault.kind) {
      case 'status': {
        const status = fault.status ?? 500;
        if (status === 429 && fault.retryAfter !== undefined) reply.header('retry-after', String(fault.retryAfter));
        for (const [name, value] of Object.entries(fault.headers ?? {})) reply.header(name, value);
        const body = fault.body ?? {
          detail:
            status === 429
              ? `Request was throttled. Expected available in ${fault.retryAfter ?? 1} seconds.`
              : 'A server error occurred.',
        };
        return sendJson(reply, status, body);
      }
      case 'slow':
        await new Promise((resolve) => setTimeout(resolve, fault.delayMs ?? 1000));
        return;
      case 'hold':
        if (await faults.hold(fault.delayMs ?? 60_000)) return;
        reply.hijack();
        req.raw.socket?.destroy();
        return reply;
      case 'drop':
        reply.hijack();
        req.raw.socket?.destroy();
        return reply;
      case 'drop-after':
        dropAfter.add(req);
        return;
    }
  });
  // The operation has run (and committed); the client never hears back.
  app.addHook('onSend', async (req, reply, payload) => {
    if (!dropAfter.has(req)) return payload;
    const entry = entries.get(req);
    if (entry) entry.status = reply.statusCode; // what it would have answered
    req.raw.socket?.destroy();
    return payload;
  });
  app.addHook('onResponse', async (req, reply) => {
    const entry = entries.get(req);
    if (entry && entry.fault !== 'drop') entry.status = reply.statusCode;
  });
  registerTestHooks(app, { store, log, faults, webhooks, lists, startCap });
}

function sameSecret(a: string, b: string): boolean {
  const ha = crypto.createHash('sha256').update(a).digest();
  const hb = crypto.createHash('sha256').update(b).digest();
  return crypto.timingSafeEqual(ha, hb);
}

export async function startEmulator(
  opts: EmulatorOptions & { host?: string; port?: number },
): Promise<RunningEmulator> {
  const app = await buildEmulator(opts);
  const host = opts.host ?? '127.0.0.1';
  await app.listen({ host, port: opts.port ?? 0 });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : opts.port;
  const shownHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${shownHost}:${port}`,
    apiKey: opts.apiKey,
    projectKey: opts.projectKey,
    readOnlyKey: opts.readOnlyKey,
    close: () => app.close(),
  };
}
