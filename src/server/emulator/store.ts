// Data access for the emulator: every SQL statement lives here. Rows come back as stored (JSON text for
// project settings); render.ts turns them into response bytes.
import { getMeta, openDb, recreateSchema, setMeta, type Db } from './db';
import { COLUMN_NAMES, STORED_SECRETS } from './project-fields';
import { addScaleSeed, seedDatabase } from './seed';

export type ProjectRow = { id: number; organization_id: number; created_at: string; updated_at: string } & Record<
  string,
  string | number
>;
export type MembershipRow = {
  id: number;
  user_id: number;
  user_name: string;
  user_email: string;
  role: string;
  is_email_notify_enabled: number;
  created_at: string;
  updated_at: string;
};
export type OrganizationRow = { id: number; name: string; created_at: string; updated_at: string };
export type AgentRow = {
  id: number;
  project_id: number | null;
  organization_id: number;
  agent_name: string;
  contact_number: string;
  inbound: number | null;
  language: string;
  agent_gives_first_message: number | null;
  created_at: string;
  updated_at: string;
};
export type MetricRow = {
  id: number;
  project_id: number | null;
  slug: string | null;
  name: string;
  description: string;
  eval_type: string;
  legacy_eval_type: string | null;
  enum_values: string;
  type: string;
  prompt: string;
  function_name: string | null;
  audio_enabled: number;
  observability_enabled: number;
  simulation_enabled: number;
  sampling_enabled: number;
  display_order: number;
  evaluation_trigger: string;
  alert_type: string;
  metric_cost: number;
  agent_ids: string | null;
  agent_names: string | null;
};
export type DashboardRow = {
  id: number;
  project_id: number | null;
  name: string | null;
  filters: string;
  widget_count: number;
  created_at: string;
  updated_at: string;
};
export type CallLogRow = {
  id: number;
  project_id: number;
  agent_id: number | null;
  agent_name: string | null;
  ts: number;
  success: number | null;
  is_reviewed: number;
  status: string;
  feedback: string;
  call_ended_reason: string;
  customer_number: string;
  call_id: string;
  trace_id: string;
  duration_s: number;
  error_message: string | null;
  dropoff_point: string;
  topic: string;
  transcript: string;
  metrics: string;
};
export type Page<T> = { count: number; rows: T[] };

const DAY_MS = 86_400_000;

const METRIC_SELECT = `SELECT m.*,
  (SELECT group_concat(agent_id) FROM (SELECT agent_id FROM metric_agents WHERE metric_id = m.id ORDER BY agent_id)) AS agent_ids,
  (SELECT group_concat(agent_name, ', ') FROM (SELECT a.agent_name FROM metric_agents ma JOIN agents a ON a.id = ma.agent_id
     WHERE ma.metric_id = m.id ORDER BY a.id)) AS agent_names
  FROM metrics m`;

export class Store {
  readonly db: Db;

  constructor(dataDir: string, opts: { scale?: boolean; legacy?: boolean }) {
    const { db, fresh } = openDb(dataDir);
    this.db = db;
    registerSqlFunctions(db);
    if (fresh) seedDatabase(db, { scale: opts.scale });
    else if (opts.scale) addScaleSeed(db);
    // The mode is the start option's (a reset may change it until the next reset or restart).
    setMeta(db, 'legacy', opts.legacy ? '1' : '0');
    this.followClock();
  }

  close(): void {
    this.db.close();
  }

  /** The seed document's API version (webhook_secret in clear, legacy binary eval types). */
  get legacy(): boolean {
    return getMeta(this.db, 'legacy') === '1';
  }

  /** Fresh content: the demo seed (plus the scale seed when asked). */
  reset(opts: { scale?: boolean; legacy?: boolean }): void {
    recreateSchema(this.db);
    seedDatabase(this.db, { scale: opts.scale });
    setMeta(this.db, 'legacy', opts.legacy ? '1' : '0');
  }

  /** Call logs follow the clock: when the newest is over a day old, all move so that it is now. */
  followClock(now = Date.now()): void {
    const newest = this.db.prepare('SELECT max(ts) FROM call_logs').pluck().get() as number | null;
    if (newest !== null && now - newest > DAY_MS) this.db.prepare('UPDATE call_logs SET ts = ts + ?').run(now - newest);
  }

  // ---- organisation and projects

  organization(id: number): OrganizationRow | undefined {
    return this.db.prepare('SELECT * FROM organizations WHERE id = ?').get(id) as OrganizationRow | undefined;
  }

  memberships(organizationId: number): MembershipRow[] {
    return this.db
      .prepare('SELECT * FROM memberships WHERE organization_id = ? ORDER BY id')
      .all(organizationId) as MembershipRow[];
  }

  /** Test hook: a new member of the organisation (every project of it embeds the member list). */
  addMember(organizationId: number, name: string, email: string): number {
    const now = new Date().toISOString();
    const userId =
      (this.db.prepare('SELECT coalesce(max(user_id), 0) + 1 FROM memberships').pluck().get() as number) ?? 1;
    const result = this.db
      .prepare(
        `INSERT INTO memberships (organization_id, user_id, user_name, user_email, role, is_email_notify_enabled,
          created_at, updated_at) VALUES (?, ?, ?, ?, 'member', 0, ?, ?)`,
      )
      .run(organizationId, userId, name, email, now, now);
    return Number(result.lastInsertRowid);
  }

  /** Test hook: fields a newer API might return that our schemas do not know (until the next reset). */
  extraFields(projectId: number): Record<string, unknown> {
    const text = getMeta(this.db, `extra-fields:${projectId}`);
    return text ? (JSON.parse(text) as Record<string, unknown>) : {};
  }

  setExtraFields(projectId: number, fields: Record<string, unknown>): void {
    setMeta(this.db, `extra-fields:${projectId}`, JSON.stringify(fields));
  }

  project(id: number): ProjectRow | undefined {
    return this.db.prepare('SELECT * FROM projects WHERE id = ?').get(id) as ProjectRow | undefined;
  }

  projects(filter: { organizationId?: number; projectId?: number }): ProjectRow[] {
    const where: string[] = [];
    const args: number[] = [];
    if (filter.organizationId !== undefined) {
      where.push('organization_id = ?');
      args.push(filter.organizationId);
    }
    if (filter.projectId !== undefined) {
      where.push('id = ?');
      args.push(filter.projectId);
    }
    const sql = `SELECT * FROM projects ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id`;
    return this.db.prepare(sql).all(...args) as ProjectRow[];
  }

  secrets(projectId: number): Map<string, string> {
    const rows = this.db.prepare('SELECT name, value FROM project_secrets WHERE project_id = ?').all(projectId) as {
      name: string;
      value: string;
    }[];
    return new Map(rows.map((r) => [r.name, r.value]));
  }

  /**
   * One write: columns get the given JSON texts, secrets are set ("" or null removes one), and updated_at
   * moves forward (strictly, so two writes in the same millisecond still differ).
   */
  updateProject(id: number, columns: Record<string, string>, secrets: Record<string, string | null>): void {
    const names = Object.keys(columns).filter((c) => COLUMN_NAMES.includes(c));
    this.db.transaction(() => {
      const current = this.project(id);
      if (!current) return;
      const updatedAt = new Date(Math.max(Date.now(), Date.parse(current.updated_at) + 1)).toISOString();
      const sets = [...names.map((c) => `"${c}" = ?`), 'updated_at = ?'].join(', ');
      this.db.prepare(`UPDATE projects SET ${sets} WHERE id = ?`).run(...names.map((c) => columns[c]), updatedAt, id);
      for (const [name, value] of Object.entries(secrets)) {
        if (!STORED_SECRETS.includes(name)) continue;
        if (value === null || value === '') {
          this.db.prepare('DELETE FROM project_secrets WHERE project_id = ? AND name = ?').run(id, name);
        } else {
          this.db
            .prepare(
              `INSERT INTO project_secrets (project_id, name, value) VALUES (?, ?, ?)
            ON CONFLICT (project_id, name) DO UPDATE SET value = excluded.value`,
            )
            .run(id, name, value);
        }
      }
    })();
  }

  // ---- metrics

  /** Metrics that belong to the project: project-scoped, or attached to one of its agents. */
  projectMetrics(projectId: number): MetricRow[] {
    return this.db
      .prepare(
        `${METRIC_SELECT} WHERE m.project_id = ? OR m.id IN (
      SELECT ma.metric_id FROM metric_agents ma JOIN agents a ON a.id = ma.agent_id WHERE a.project_id = ?) ORDER BY m.id`,
      )
      .all(projectId, projectId) as MetricRow[];
  }

  metrics(filter: { projectId?: number; agentId?: number; agents?: number[]; slug?: string }): MetricRow[] {
    const where: string[] = [];
    const args: (number | string)[] = [];
    // project_id with agent_id: the union (as documented); every other combination narrows.
    if (filter.projectId !== undefined && filter.agentId !== undefined) {
      where.push('(m.project_id = ? OR m.id IN (SELECT metric_id FROM metric_agents WHERE agent_id = ?))');
      args.push(filter.projectId, filter.agentId);
    } else if (filter.projectId !== undefined) {
      where.push('m.project_id = ?');
      args.push(filter.projectId);
    } else if (filter.agentId !== undefined) {
      where.push('m.id IN (SELECT metric_id FROM metric_agents WHERE agent_id = ?)');
      args.push(filter.agentId);
    }
    if (filter.agents) {
      where.push(
        `m.id IN (SELECT metric_id FROM metric_agents WHERE agent_id IN (${filter.agents.map(() => '?').join(', ') || 'NULL'}))`,
      );
      args.push(...filter.agents);
    }
    if (filter.slug !== undefined) {
      where.push('m.slug = ?');
      args.push(filter.slug);
    }
    const sql = `${METRIC_SELECT} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY m.id`;
    return this.db.prepare(sql).all(...args) as MetricRow[];
  }

  /** metric id -> its eval_type in the seed document's version, for binary metrics */
  legacyEvalTypes(): Map<number, string> {
    const rows = this.db
      .prepare('SELECT id, legacy_eval_type FROM metrics WHERE legacy_eval_type IS NOT NULL')
      .all() as { id: number; legacy_eval_type: string }[];
    return new Map(rows.map((r) => [r.id, r.legacy_eval_type]));
  }

  deleteMetric(id: number): boolean {
    return this.db.transaction(() => {
      this.db.prepare('DELETE FROM metric_agents WHERE metric_id = ?').run(id);
      return this.db.prepare('DELETE FROM metrics WHERE id = ?').run(id).changes > 0;
    })();
  }

  // ---- agents, dashboards, call logs

  agents(
    filter: { projectId?: number; organizationId?: number; q?: string },
    offset: number,
    limit: number,
  ): Page<AgentRow> {
    const where: string[] = [];
    const args: (number | string)[] = [];
    if (filter.projectId !== undefined) {
      where.push('project_id = ?');
      args.push(filter.projectId);
    }
    if (filter.organizationId !== undefined) {
      where.push('organization_id = ?');
      args.push(filter.organizationId);
    }
    if (filter.q) {
      // Case-insensitive name search (also for non-ASCII letters); a numeric q also matches the id.
      where.push(`(instr(lower_name(agent_name), ?) > 0${/^\d+$/.test(filter.q) ? ' OR id = ?' : ''})`);
      args.push(filter.q.toLowerCase());
      if (/^\d+$/.test(filter.q)) args.push(Number(filter.q));
    }
    return this.page<AgentRow>('agents', where, args, 'id', offset, limit);
  }

  dashboards(filter: { projectId?: number }, offset: number, limit: number): Page<DashboardRow> {
    const where = filter.projectId !== undefined ? ['project_id = ?'] : [];
    const args = filter.projectId !== undefined ? [filter.projectId] : [];
    return this.page<DashboardRow>('dashboards', where, args, 'id', offset, limit);
  }

  callLogs(
    filter: { projectId?: number; agentId?: number; from: number; to: number; ids?: number[] },
    offset: number,
    limit: number,
  ): Page<CallLogRow> {
    const where = ['c.ts >= ?', 'c.ts <= ?'];
    const args: number[] = [filter.from, filter.to];
    if (filter.projectId !== undefined) {
      where.push('c.project_id = ?');
      args.push(filter.projectId);
    }
    if (filter.agentId !== undefined) {
      where.push('c.agent_id = ?');
      args.push(filter.agentId);
    }
    if (filter.ids) {
      where.push(`c.id IN (${filter.ids.map(() => '?').join(', ') || 'NULL'})`);
      args.push(...filter.ids);
    }
    const clause = where.join(' AND ');
    const count = this.db
      .prepare(`SELECT count(*) FROM call_logs c WHERE ${clause}`)
      .pluck()
      .get(...args) as number;
    const rows = this.db
      .prepare(
        `SELECT c.*, a.agent_name FROM call_logs c LEFT JOIN agents a ON a.id = c.agent_id
      WHERE ${clause} ORDER BY c.ts DESC, c.id DESC LIMIT ? OFFSET ?`,
      )
      .all(...args, limit, offset) as CallLogRow[];
    return { count, rows };
  }

  private page<T>(
    table: string,
    where: string[],
    args: (number | string)[],
    orderBy: string,
    offset: number,
    limit: number,
  ): Page<T> {
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const count = this.db
      .prepare(`SELECT count(*) FROM ${table} ${clause}`)
      .pluck()
      .get(...args) as number;
    const rows = this.db
      .prepare(`SELECT * FROM ${table} ${clause} ORDER BY ${orderBy} LIMIT ? OFFSET ?`)
      .all(...args, limit, offset) as T[];
    return { count, rows };
  }
}

/** Registers the SQL helpers the queries use (SQLite's lower() only folds ASCII). */
export function registerSqlFunctions(db: Db): void {
  db.function('lower_name', { deterministic: true }, (s: unknown) => String(s ?? '').toLowerCase());
}
