// Test hooks (only with testHooks / EMULATOR_TEST_HOOKS=1), on the emulator's own port, no API key:
// the request log, reset, faults, raw project writes, metric deletion, webhook deliveries, secrets peek.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { sendJson } from './http';
import { COLUMN_NAMES, STORED_SECRETS } from './project-fields';
import type { Store } from './store';
import type { ListSettings } from './routes-lists';
import type { WebhookSender } from './webhook';

export const HOOK_PREFIX = '/__emulator/';
const LOG_LIMIT = 10_000;
const REDACTED = '[redacted]';

export type LoggedRequest = {
  seq: number;
  time: string;
  method: string;
  path: string;
  query: Record<string, string | string[]>;
  body: unknown;
  status: number | null;
  /** set when a fault hook changed what happened to this request */
  fault?: FaultKind;
};

const faultSchema = z.object({
  method: z.enum(['GET', 'PATCH', 'POST']),
  path: z.string().startsWith('/'),
  // hold: like slow, but until POST /__emulator/faults/release (or delayMs, default 60 s), so a test can
  // decide when a write lands instead of guessing a delay.
  kind: z.enum(['status', 'slow', 'hold', 'drop', 'drop-after']),
  times: z.number().int().positive().default(1),
  status: z.number().int().min(100).max(599).optional(),
  retryAfter: z.number().int().nonnegative().optional(),
  body: z.record(z.string(), z.unknown()).optional(),
  /** Extra response headers of a `status` fault. */
  headers: z.record(z.string(), z.string()).optional(),
  delayMs: z.number().int().nonnegative().max(120_000).optional(),
});
export type FaultSpec = z.infer<typeof faultSchema>;
const memberSchema = z.object({
  name: z.string().min(1).default('New Member'),
  email: z.string().min(3).default('new.member@example.com'),
});
type FaultKind = FaultSpec['kind'];
const resetSchema = z
  .object({
    scale: z.boolean().optional(),
    legacy: z.boolean().optional(),
    // The list page cap until the next reset; without it, the cap the emulator was started with.
    maxPageSize: z.number().int().min(1).max(1000).optional(),
  })
  .default({});

/** Every non-hook request, in arrival order; the API key header is never read into it, secrets are redacted. */
export class RequestLog {
  private entries: LoggedRequest[] = [];
  private seq = 0;

  start(req: FastifyRequest): LoggedRequest {
    const [path, search = ''] = req.url.split('?');
    const query: Record<string, string | string[]> = {};
    for (const [k, v] of new URLSearchParams(search)) {
      const prev = query[k];
      query[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
    }
    const entry: LoggedRequest = {
      seq: ++this.seq,
      time: new Date().toISOString(),
      method: req.method,
      path,
      query,
      body: null,
      status: null,
    };
    this.entries.push(entry);
    if (this.entries.length > LOG_LIMIT) this.entries.splice(0, this.entries.length - LOG_LIMIT);
    return entry;
  }

  since(seq: number): LoggedRequest[] {
    return this.entries.filter((e) => e.seq > seq);
  }

  clear(): void {
    this.entries = [];
  }
}

/** A copy of the body with every secret's value replaced ("" kept: it says "clear", which is not secret). */
export function redactBody(body: unknown): unknown {
  if (body === undefined) return null;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return body;
  const copy: Record<string, unknown> = { ...(body as Record<string, unknown>) };
  for (const name of STORED_SECRETS) {
    if (name in copy && copy[name] !== '' && copy[name] !== null) copy[name] = REDACTED;
  }
  return copy;
}

export class Faults {
  private list: (FaultSpec & { remaining: number })[] = [];

  add(spec: FaultSpec): void {
    this.list.push({ ...spec, remaining: spec.times });
  }

  /** The first matching fault, used up by one. */
  take(method: string, path: string): FaultSpec | undefined {
    const fault = this.list.find((f) => f.method === method && f.path === path && f.remaining > 0);
    if (!fault) return undefined;
    fault.remaining -= 1;
    this.list = this.list.filter((f) => f.remaining > 0);
    return fault;
  }

  private held: ((goOn: boolean) => void)[] = [];

  /** Waits until release() or maxMs (true: go on), or clear() (false: the request is dropped unanswered). */
  hold(maxMs: number): Promise<boolean> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => done(true), maxMs);
      const done = (goOn: boolean) => {
        clearTimeout(timer);
        resolve(goOn);
      };
      this.held.push(done);
    });
  }

  /** Lets every held request go on; returns how many were held. */
  release(): number {
    const held = this.held.splice(0);
    for (const done of held) done(true);
    return held.length;
  }

  /** Forgets every fault; held requests are dropped, so none of them lands on a state reset meanwhile. */
  clear(): void {
    this.list = [];
    for (const done of this.held.splice(0)) done(false);
  }
}

export type HookDeps = {
  store: Store;
  log: RequestLog;
  faults: Faults;
  webhooks: WebhookSender;
  lists: ListSettings;
  /** The page cap the emulator was started with. */
  startCap: number;
};

const badRequest = (reply: FastifyReply, error: unknown) =>
  sendJson(reply, 400, { detail: 'Invalid test-hook request.', error });
const idParam = (req: FastifyRequest): number => Number((req.params as { id: string }).id);

export function registerTestHooks(app: FastifyInstance, deps: HookDeps): void {
  const { store, log, faults, webhooks, lists } = deps;

  app.get(`${HOOK_PREFIX}requests`, async (req, reply) => {
    const since = Number((req.query as { since?: string }).since ?? 0) || 0;
    return sendJson(reply, 200, { requests: log.since(since) });
  });
  app.delete(`${HOOK_PREFIX}requests`, async (_req, reply) => {
    log.clear();
    return sendJson(reply, 200, { ok: true });
  });

  app.post(`${HOOK_PREFIX}reset`, async (req, reply) => {
    const parsed = resetSchema.safeParse(req.body ?? {});
    if (!parsed.success) return badRequest(reply, z.treeifyError(parsed.error));
    store.reset(parsed.data);
    lists.maxPageSize = parsed.data.maxPageSize ?? deps.startCap;
    log.clear();
    faults.clear();
    webhooks.clear();
    return sendJson(reply, 200, {
      ok: true,
      scale: parsed.data.scale ?? false,
      legacy: parsed.data.legacy ?? false,
      maxPageSize: lists.maxPageSize,
    });
  });

  app.post(`${HOOK_PREFIX}faults`, async (req, reply) => {
    const parsed = faultSchema.safeParse(req.body);
    if (!parsed.success) return badRequest(reply, z.treeifyError(parsed.error));
    faults.add(parsed.data);
    return sendJson(reply, 200, { ok: true });
  });
  app.post(`${HOOK_PREFIX}faults/release`, async (_req, reply) =>
    sendJson(reply, 200, { ok: true, released: faults.release() }),
  );
  app.delete(`${HOOK_PREFIX}faults`, async (_req, reply) => {
    faults.clear();
    return sendJson(reply, 200, { ok: true });
  });

  app.put(`${HOOK_PREFIX}projects/:id/raw`, async (req, reply) => {
    const body = req.body;
    if (typeof body !== 'object' || body === null || Array.isArray(body))
      return badRequest(reply, 'body must be an object');
    if (!store.project(idParam(req))) return sendJson(reply, 404, { detail: 'Not found.' });
    const unknown = Object.keys(body).filter((k) => !COLUMN_NAMES.includes(k) && !STORED_SECRETS.includes(k));
    if (unknown.length) return badRequest(reply, `unknown project columns: ${unknown.join(', ')}`);
    const columns: Record<string, string> = {};
    const secrets: Record<string, string | null> = {};
    for (const [k, v] of Object.entries(body)) {
      if (COLUMN_NAMES.includes(k)) columns[k] = JSON.stringify(v);
      else secrets[k] = v === null ? null : String(v);
    }
    store.updateProject(idParam(req), columns, secrets);
    return sendJson(reply, 200, { ok: true });
  });

  // A member joins the project's organisation: every project of it now embeds one more member.
  app.post(`${HOOK_PREFIX}projects/:id/members`, async (req, reply) => {
    const project = store.project(idParam(req));
    if (!project) return sendJson(reply, 404, { detail: 'Not found.' });
    const parsed = memberSchema.safeParse(req.body ?? {});
    if (!parsed.success) return badRequest(reply, z.treeifyError(parsed.error));
    const id = store.addMember(project.organization_id, parsed.data.name, parsed.data.email);
    return sendJson(reply, 200, { ok: true, membershipId: id });
  });

  // Fields a newer API version might return; rendered into the project (never stored as settings).
  app.put(`${HOOK_PREFIX}projects/:id/extra-fields`, async (req, reply) => {
    const body = req.body;
    if (typeof body !== 'object' || body === null || Array.isArray(body))
      return badRequest(reply, 'body must be an object');
    if (!store.project(idParam(req))) return sendJson(reply, 404, { detail: 'Not found.' });
    store.setExtraFields(idParam(req), body as Record<string, unknown>);
    return sendJson(reply, 200, { ok: true });
  });

  app.delete(`${HOOK_PREFIX}metrics/:id`, async (req, reply) => {
    if (!store.deleteMetric(idParam(req))) return sendJson(reply, 404, { detail: 'Not found.' });
    return sendJson(reply, 200, { ok: true });
  });

  app.get(`${HOOK_PREFIX}webhook-deliveries`, async (_req, reply) =>
    sendJson(reply, 200, { deliveries: webhooks.deliveries }),
  );

  app.get(`${HOOK_PREFIX}secrets/:id`, async (req, reply) => {
    if (!store.project(idParam(req))) return sendJson(reply, 404, { detail: 'Not found.' });
    const stored = store.secrets(idParam(req));
    return sendJson(reply, 200, {
      projectId: idParam(req),
      secrets: Object.fromEntries(STORED_SECRETS.map((s) => [s, stored.get(s) ?? null])),
    });
  });
}
