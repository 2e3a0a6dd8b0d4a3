// Seed builders and the writer that puts a seed into SQLite (one transaction: the scale seed takes well
// under a second). The demo project carries the documentation's examples, adapted to its own ids.
import fs from 'node:fs';
import type { Db } from './db';
import { setMeta } from './db';
import { COLUMN_DEFAULTS, COLUMN_NAMES } from './project-fields';
import { createRng } from './prng';
import { assignCallIds, generateCalls } from './seed-calls';
import {
  agents,
  dashboards,
  DEMO_AGENT_IDS,
  DEMO_METRIC_IDS,
  DEMO_PROJECT_ID,
  demoProjects,
  flavours,
  members,
  metrics,
  organization,
  SECOND_PROJECT_ID,
} from './seed-demo';
import { buildScaleSeed, SCALE_PROJECT_ID } from './seed-scale';
import type { SeedCallLog, SeedData } from './seed-types';

export {
  DELETED_PROJECT_ID,
  DEMO_AGENT_IDS,
  DEMO_METRIC_IDS,
  DEMO_PROJECT_ID,
  ORGANIZATION_ID,
  SECOND_AGENT_IDS,
  SECOND_METRIC_IDS,
  SECOND_PROJECT_ID,
} from './seed-demo';
export { buildScaleSeed, SCALE_COUNTS, SCALE_PROJECT_ID } from './seed-scale';

const EXAMPLES = new URL('../../shared/reference/examples/', import.meta.url);
const readExample = (file: string): Record<string, unknown> =>
  JSON.parse(fs.readFileSync(new URL(file, EXAMPLES), 'utf8'));

/** The documentation's metric ids and the demo metrics that play their part (same eval types). */
const DOC_METRIC_MAP: Record<number, number> = {
  115164: DEMO_METRIC_IDS.identityVerified,
  5512: DEMO_METRIC_IDS.customerSatisfaction,
  8821: DEMO_METRIC_IDS.callResolution,
};
const DOC_AGENT_MAP: Record<number, number> = {
  1: DEMO_AGENT_IDS.billing,
  10: DEMO_AGENT_IDS.afterHours,
  90: DEMO_AGENT_IDS.spanish,
};

/** The documentation's rubric example with the demo project's metric ids (values replaced in place: key order kept). */
export function exampleRubricForDemo(): Record<string, unknown> {
  const rubric = readExample('rubric-config.seed.json') as { rules: { metric_id: number }[] };
  for (const rule of rubric.rules) rule.metric_id = DOC_METRIC_MAP[rule.metric_id] ?? rule.metric_id;
  return rubric;
}

/** The documentation's no-calls example with the demo project's agent ids (key order kept). */
export function exampleNoCallsForDemo(): Record<string, unknown> {
  const config = readExample('no-calls-notify-time-period.seed.json') as { agents: number[] };
  config.agents = config.agents.map((id) => DOC_AGENT_MAP[id] ?? id);
  return config;
}

const CALL_DAYS = 14;
const DEMO_CALLS: Record<number, number> = { [DEMO_PROJECT_ID]: 360, [SECOND_PROJECT_ID]: 320 };

/** The demo organisation with its projects, agents, metrics, dashboards and 14 days of calls up to `now`. */
export function buildDemoSeed(now: number): SeedData {
  const projects = demoProjects(exampleRubricForDemo(), exampleNoCallsForDemo());
  const rng = createRng(1837);
  const calls: SeedCallLog[] = [];
  for (const project of projects) {
    const count = DEMO_CALLS[project.id];
    if (!count) continue; // the deleted pilot has no recent traffic
    calls.push(
      ...generateCalls({
        project,
        agents: agents.filter((a) => a.projectId === project.id),
        metrics,
        rubric: project.fields.rubric_config,
        count,
        now,
        days: CALL_DAYS,
        rng,
        flavour: flavours[project.id],
      }),
    );
  }
  return {
    organization,
    members,
    projects,
    agents,
    metrics,
    dashboards,
    callLogs: assignCallIds(calls, 9_034_120, rng),
  };
}

// Resets are frequent in tests (one per e2e test): a built seed is reused for an hour, its calls moved in time.
const REUSE_MS = 3_600_000;
const built = new Map<string, { at: number; data: SeedData }>();
function seedAt(kind: 'demo' | 'scale', now: number): { data: SeedData; shiftMs: number } {
  let entry = built.get(kind);
  if (!entry || now - entry.at > REUSE_MS || now < entry.at) {
    entry = { at: now, data: kind === 'demo' ? buildDemoSeed(now) : buildScaleSeed(now) };
    built.set(kind, entry);
  }
  return { data: entry.data, shiftMs: now - entry.at };
}

/** Empties nothing: the caller gives a fresh schema. Writes the demo seed (and the scale seed when asked). */
export function seedDatabase(db: Db, opts: { scale?: boolean; now?: number }): void {
  const now = opts.now ?? Date.now();
  db.transaction(() => {
    writeSeed(db, seedAt('demo', now));
    if (opts.scale) writeSeed(db, seedAt('scale', now));
    setMeta(db, 'seeded_at', new Date(now).toISOString());
  })();
}

/** Adds the scale project to an existing database (no-op when it is already there). */
export function addScaleSeed(db: Db, now = Date.now()): void {
  if (db.prepare('SELECT 1 FROM projects WHERE id = ?').get(SCALE_PROJECT_ID)) return;
  const seed = seedAt('scale', now);
  db.transaction(() => writeSeed(db, seed))();
}

/** Writes a seed (never modifies it: it may be reused); call times move by shiftMs. */
function writeSeed(db: Db, { data, shiftMs }: { data: SeedData; shiftMs: number }): void {
  const org = data.organization ?? { id: db.prepare('SELECT id FROM organizations LIMIT 1').pluck().get() as number };
  if (data.organization) {
    db.prepare('INSERT INTO organizations (id, name, created_at, updated_at) VALUES (?, ?, ?, ?)').run(
      org.id,
      data.organization.name,
      data.organization.createdAt,
      data.organization.createdAt,
    );
  }
  const member = db.prepare(`INSERT INTO memberships (id, organization_id, user_id, user_name, user_email, role,
    is_email_notify_enabled, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  for (const m of data.members)
    member.run(m.id, org.id, m.userId, m.name, m.email, m.role, m.notify ? 1 : 0, m.createdAt, m.createdAt);

  const project = db.prepare(`INSERT INTO projects (id, organization_id, created_at, updated_at,
    ${COLUMN_NAMES.map((c) => `"${c}"`).join(', ')}) VALUES (${Array(COLUMN_NAMES.length + 4)
      .fill('?')
      .join(', ')})`);
  const secret = db.prepare('INSERT INTO project_secrets (project_id, name, value) VALUES (?, ?, ?)');
  for (const p of data.projects) {
    const values = COLUMN_NAMES.map((c) =>
      JSON.stringify(c === 'name' ? p.name : (p.fields[c] ?? COLUMN_DEFAULTS[c] ?? false)),
    );
    project.run(p.id, org.id, p.createdAt, p.updatedAt, ...values);
    for (const [name, value] of Object.entries(p.secrets)) secret.run(p.id, name, value);
  }

  const agent =
    db.prepare(`INSERT INTO agents (id, project_id, organization_id, agent_name, contact_number, inbound, language,
    agent_gives_first_message, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  for (const a of data.agents) {
    agent.run(
      a.id,
      a.projectId,
      org.id,
      a.name,
      a.contactNumber,
      a.inbound ? 1 : 0,
      a.language,
      a.firstMessage ? 1 : 0,
      a.createdAt,
      a.createdAt,
    );
  }

  const metric =
    db.prepare(`INSERT INTO metrics (id, project_id, slug, name, description, eval_type, legacy_eval_type, enum_values,
    type, prompt, function_name, audio_enabled, observability_enabled, simulation_enabled, sampling_enabled, display_order,
    evaluation_trigger, alert_type, metric_cost) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const link = db.prepare('INSERT INTO metric_agents (metric_id, agent_id) VALUES (?, ?)');
  for (const m of data.metrics) {
    const slug = `${m.name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '_')
      .replace(/^_|_$/g, '')}_${m.id}`;
    metric.run(
      m.id,
      m.projectId,
      slug,
      m.name,
      m.description,
      m.evalType,
      m.legacyEvalType ?? null,
      JSON.stringify(m.enumValues),
      m.type,
      m.prompt,
      m.functionName ?? null,
      m.audio ? 1 : 0,
      1,
      m.simulation === false ? 0 : 1,
      1,
      m.displayOrder,
      'always',
      'disabled',
      m.cost,
    );
    for (const a of m.agents) link.run(m.id, a);
  }

  const dashboard =
    db.prepare(`INSERT INTO dashboards (id, project_id, name, filters, widget_count, created_at, updated_at)
    VALUES (?, ?, ?, ?, ?, ?, ?)`);
  for (const d of data.dashboards)
    dashboard.run(d.id, d.projectId, d.name, JSON.stringify(d.filters), d.widgetCount, d.createdAt, d.createdAt);

  const call = db.prepare(`INSERT INTO call_logs (id, project_id, agent_id, ts, success, is_reviewed, status, feedback,
    call_ended_reason, customer_number, call_id, trace_id, duration_s, error_message, dropoff_point, topic, transcript, metrics)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  for (const c of data.callLogs) {
    call.run(
      c.id,
      c.projectId,
      c.agentId,
      c.ts + shiftMs,
      c.success === null ? null : c.success ? 1 : 0,
      c.isReviewed ? 1 : 0,
      c.status,
      c.feedback,
      c.callEndedReason,
      c.customerNumber,
      c.callId,
      c.traceId,
      c.durationS,
      c.errorMessage,
      c.dropoffPoint,
      c.topic,
      c.transcript,
      JSON.stringify(c.metrics),
    );
  }
}
