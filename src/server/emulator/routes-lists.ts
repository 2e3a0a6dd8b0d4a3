// Read-only lists: metrics (plain array), agents short list, dashboards and call logs (DRF pages).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { detail, pageLinks, param, QueryReader, readPage, sendJson, type PageRequest, type Query } from './http';
import { renderAgent, renderArray, renderCallLog, renderDashboard, renderMetric, renderPage } from './render';
import type { Page, Store } from './store';

const DEFAULT_PAGE_SIZE = 10;
/**
 * The vendor documents no maximum page size. Ours defaults to 25, below every page size the console asks
 * for, so every test and the bench exercise paging by `next` (a server may return fewer rows than asked).
 */
export const DEFAULT_MAX_PAGE_SIZE = 25;

/** Paging settings a test hook may change at run time (the reset hook sets the cap). */
export type ListSettings = { maxPageSize: number };
const DAY_MS = 86_400_000;
const DEFAULT_WINDOW_MS = 30 * DAY_MS;
const MAX_WINDOW_MS = 33 * DAY_MS;

export function listRoutes(app: FastifyInstance, store: Store, settings: ListSettings): void {
  app.get('/test_framework/v1/metrics/', async (req, reply) => {
    const q = new QueryReader(req.query as Query);
    const filter = {
      projectId: q.int('project_id'),
      agentId: q.int('agent_id'),
      agents: q.intList('agents'),
      slug: param(req.query as Query, 'slug') || undefined,
    };
    if (!q.ok) return sendJson(reply, 400, q.errors);
    const legacy = store.legacy;
    return sendJson(reply, 200, renderArray(store.metrics(filter).map((m) => renderMetric(m, legacy))));
  });

  app.get('/test_framework/v1/aiagents/short_list/', async (req, reply) => {
    const q = new QueryReader(req.query as Query);
    const filter = {
      projectId: q.int('project_id'),
      organizationId: q.int('organization_id'),
      q: param(req.query as Query, 'q')?.trim(),
    };
    return paged(req, reply, settings, q, (p) => store.agents(filter, p.offset, p.size), renderAgent);
  });

  app.get('/dashboards/dashboards/', async (req, reply) => {
    const q = new QueryReader(req.query as Query);
    const filter = { projectId: q.int('project_id') };
    return paged(req, reply, settings, q, (p) => store.dashboards(filter, p.offset, p.size), renderDashboard);
  });

  app.get('/observability/v2/call-logs/', async (req, reply) => {
    const q = new QueryReader(req.query as Query);
    const filter = { projectId: q.int('project_id'), agentId: q.int('agent_id'), ids: q.intList('call_ids') };
    const from = q.dateTime('timestamp_from');
    const to = q.dateTime('timestamp_to');
    if (!q.ok) return sendJson(reply, 400, q.errors);
    const window = timeWindow(from, to, Date.now());
    if (!window)
      return detail(reply, 400, 'The time range must not exceed 33 days. Narrow timestamp_from/timestamp_to.');
    const legacyTypes = store.legacy ? store.legacyEvalTypes() : null;
    return paged(
      req,
      reply,
      settings,
      q,
      (p) => store.callLogs({ ...filter, ...window }, p.offset, p.size),
      (c) => renderCallLog(c, legacyTypes),
    );
  });
}

/** Last 30 days by default; an open end is now (or 30 days before the given end); over 33 days is refused. */
export function timeWindow(
  from: number | undefined,
  to: number | undefined,
  now: number,
): { from: number; to: number } | null {
  const end = to ?? now;
  const start = from ?? end - DEFAULT_WINDOW_MS;
  return end - start > MAX_WINDOW_MS ? null : { from: start, to: end };
}

function paged<T>(
  req: FastifyRequest,
  reply: FastifyReply,
  settings: ListSettings,
  q: QueryReader,
  load: (p: PageRequest) => Page<T>,
  render: (row: T) => string,
): FastifyReply {
  if (!q.ok) return sendJson(reply, 400, q.errors);
  const p = readPage(req.query as Query, Math.min(DEFAULT_PAGE_SIZE, settings.maxPageSize), settings.maxPageSize);
  if (!p) return detail(reply, 404, 'Invalid page.');
  const { count, rows } = load(p);
  if (p.page > Math.max(1, Math.ceil(count / p.size))) return detail(reply, 404, 'Invalid page.');
  const { next, previous } = pageLinks(req, p.page, p.size, count);
  return sendJson(reply, 200, renderPage(count, next, previous, rows.map(render)));
}
