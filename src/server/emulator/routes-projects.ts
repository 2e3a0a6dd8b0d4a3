// Project operations: list, retrieve, partial update (rubric_config replaced wholesale: the hazard,
// reproduced on purpose), and the test webhook.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { detail, notFound, QueryReader, sendJson, type Query } from './http';
import { ProjectRenderer, renderArray } from './render';
import type { Store } from './store';
import type { RubricMetric } from './validate/json-fields';
import { planPatch } from './validate/patch';
import type { WebhookSender } from './webhook';

export type ProjectRoutesDeps = { store: Store; webhooks: WebhookSender };

const idOf = (req: FastifyRequest): number | null => {
  const raw = (req.params as { id: string }).id;
  return /^\d+$/.test(raw) ? Number(raw) : null;
};

export function projectRoutes(app: FastifyInstance, { store, webhooks }: ProjectRoutesDeps): void {
  app.get('/user/v1/projects/', async (req, reply) => {
    const q = new QueryReader(req.query as Query);
    const filter = { organizationId: q.int('organization_id'), projectId: q.int('project_id') };
    if (!q.ok) return sendJson(reply, 400, q.errors);
    const renderer = new ProjectRenderer(store);
    return sendJson(reply, 200, renderArray(store.projects(filter).map((p) => renderer.render(p))));
  });

  app.get('/user/v1/projects/:id/', async (req, reply) => {
    const id = idOf(req);
    const row = id === null ? undefined : store.project(id);
    if (!row) return notFound(reply);
    return sendJson(reply, 200, new ProjectRenderer(store).render(row));
  });

  app.patch('/user/v1/projects/:id/', async (req, reply) => {
    const id = idOf(req);
    if (id === null || !store.project(id)) return notFound(reply);
    const body = req.body ?? {};
    if (typeof body !== 'object' || Array.isArray(body)) {
      const got = Array.isArray(body)
        ? 'list'
        : typeof body === 'string'
          ? 'str'
          : typeof body === 'number'
            ? 'int'
            : typeof body;
      return sendJson(reply, 400, { non_field_errors: [`Invalid data. Expected a dictionary, but got ${got}.`] });
    }
    const result = planPatch(body as Record<string, unknown>, () => rubricMetrics(store, id));
    if (!result.ok) return sendJson(reply, 400, result.errors);
    store.updateProject(id, result.plan.columns, result.plan.secrets);
    return sendJson(reply, 200, new ProjectRenderer(store).render(store.project(id)!));
  });

  app.post('/user/v1/projects/:id/test-webhook/', async (req, reply) => {
    const id = idOf(req);
    const row = id === null ? undefined : store.project(id);
    if (!row) return notFound(reply);
    const url = JSON.parse(String(row.webhook_url)) as unknown;
    if (typeof url !== 'string' || url === '') return detail(reply, 400, 'No webhook URL configured for this project.');
    const name = JSON.parse(String(row.name)) as string;
    const outcome = await webhooks.send({ id: row.id, name }, url, store.secrets(row.id).get('webhook_secret'));
    return sendJson(reply, outcome.status, outcome.body);
  });
}

function rubricMetrics(store: Store, projectId: number): Map<number, RubricMetric> {
  return new Map(
    store
      .projectMetrics(projectId)
      .map((m) => [
        m.id,
        { id: m.id, name: m.name, eval_type: m.eval_type, enum_values: JSON.parse(m.enum_values) as string[] },
      ]),
  );
}
