// Response bytes. Objects are written key by key in the vendor spec's order, with stored JSON texts
// embedded verbatim, so identical state always gives identical bytes (the admin server's ETag relies on it).
import { PROJECT_KEYS } from './project-fields';
import type {
  AgentRow,
  CallLogRow,
  DashboardRow,
  MembershipRow,
  MetricRow,
  OrganizationRow,
  ProjectRow,
  Store,
} from './store';

type Entry = [key: string, json: string];
const j = JSON.stringify;
const obj = (entries: Entry[]): string => `{${entries.map(([k, v]) => `${j(k)}:${v}`).join(',')}}`;
const arr = (items: string[]): string => `[${items.join(',')}]`;
const bool = (v: number | null): string => (v === null ? 'null' : v ? 'true' : 'false');

/** Members and organisation are the same for every project of an org: rendered once per request. */
export class ProjectRenderer {
  private orgCache = new Map<number, { members: string; organization: string }>();

  constructor(private readonly store: Store) {}

  render(row: ProjectRow): string {
    const { members, organization } = this.org(row.organization_id);
    const secrets = this.store.secrets(row.id);
    const legacy = this.store.legacy;
    const entries: Entry[] = [];
    for (const k of PROJECT_KEYS) {
      switch (k.role) {
        case 'column':
          entries.push([k.key, String(row[k.key])]);
          break;
        case 'configured':
          entries.push([k.key, bool(secrets.has(k.secret) ? 1 : 0)]);
          break;
        case 'secret':
          // The seed document's version returned webhook_secret in clear; provider keys were already write-only.
          if (legacy && k.key === 'webhook_secret') entries.push([k.key, j(secrets.get(k.key) ?? '')]);
          break;
        case 'readonly':
          if (k.key === 'id') entries.push(['id', j(row.id)]);
          else if (k.key === 'members') entries.push(['members', members]);
          else if (k.key === 'organization') entries.push(['organization', organization]);
          else entries.push([k.key, j(row[k.key])]);
          break;
        case 'create-only':
          break;
      }
    }
    for (const [key, value] of Object.entries(this.store.extraFields(row.id))) {
      if (!entries.some(([k]) => k === key)) entries.push([key, j(value)]);
    }
    return obj(entries);
  }

  private org(id: number): { members: string; organization: string } {
    let cached = this.orgCache.get(id);
    if (!cached) {
      const members = arr(this.store.memberships(id).map(renderMembership));
      const org = this.store.organization(id);
      cached = { members, organization: org ? renderOrganization(org, members) : 'null' };
      this.orgCache.set(id, cached);
    }
    return cached;
  }
}

function renderMembership(m: MembershipRow): string {
  return obj([
    ['id', j(m.id)],
    [
      'user',
      obj([
        ['id', j(m.user_id)],
        ['name', j(m.user_name)],
        ['email', j(m.user_email)],
      ]),
    ],
    ['role', j(m.role)],
    ['is_email_notify_enabled', bool(m.is_email_notify_enabled)],
    ['created_at', j(m.created_at)],
    ['updated_at', j(m.updated_at)],
  ]);
}

function renderOrganization(o: OrganizationRow, members: string): string {
  return obj([
    ['id', j(o.id)],
    ['name', j(o.name)],
    ['members', members],
    ['created_at', j(o.created_at)],
    ['updated_at', j(o.updated_at)],
  ]);
}

export function renderMetric(m: MetricRow, legacy: boolean): string {
  const evalType = legacy && m.eval_type === 'binary' ? (m.legacy_eval_type ?? 'binary_qualitative') : m.eval_type;
  const agents = m.agent_ids ? m.agent_ids.split(',').map(Number) : [];
  return obj([
    ['id', j(m.id)],
    ['slug', j(m.slug)],
    ['project', j(m.project_id)],
    ['agents', j(agents)],
    ['agent_names', j(m.agent_names ?? '')],
    ['name', j(m.name)],
    ['description', j(m.description)],
    ['function_name', j(m.function_name)],
    ['type', j(m.type)],
    ['eval_type', j(evalType)],
    ['enum_values', m.enum_values],
    ['audio_enabled', bool(m.audio_enabled)],
    ['observability_enabled', bool(m.observability_enabled)],
    ['simulation_enabled', bool(m.simulation_enabled)],
    ['sampling_enabled', bool(m.sampling_enabled)],
    ['prompt', j(m.prompt)],
    ['display_order', j(m.display_order)],
    ['evaluation_trigger', j(m.evaluation_trigger)],
    ['trigger_type', j(m.type === 'custom_code' ? 'custom_code' : 'llm_judge')],
    ['evaluation_trigger_prompt', '""'],
    ['evaluation_trigger_custom_code', '""'],
    ['priority_assignment_prompt', '""'],
    ['vocera_defined_metric_code', '""'],
    ['configuration', '{}'],
    ['kb_file_ids', '[]'],
    ['knowledge_base_files', '[]'],
    ['metric_cost', j(m.metric_cost)],
    ['alert_type', j(m.alert_type)],
    ['significant_change_alert_status', '"disabled"'],
    ['significant_change_alert_direction', '""'],
    ['window_size', '50'],
    ['std_multiplier', '2.0'],
    ['ewma_alpha', '0.1'],
    ['add_to_new_agents', 'false'],
    // The spec's oneOf [{}, {type: null}] refuses null (it matches both branches): "no filters" is {}.
    ['alert_filters', '{}'],
    ['slack_workspace', 'null'],
    ['slack_channel_id', 'null'],
  ]);
}

export function renderAgent(a: AgentRow): string {
  return obj([
    ['id', j(a.id)],
    ['agent_name', j(a.agent_name)],
    ['project', j(a.project_id)],
    ['organization', j(a.organization_id)],
    ['contact_number', j(a.contact_number)],
    ['inbound', bool(a.inbound)],
    ['language', j(a.language)],
    ['created_at', j(a.created_at)],
    ['updated_at', j(a.updated_at)],
    ['agent_gives_first_message', bool(a.agent_gives_first_message)],
  ]);
}

export function renderDashboard(d: DashboardRow): string {
  return obj([
    ['id', j(d.id)],
    ['name', j(d.name)],
    ['project', j(d.project_id)],
    ['filters', d.filters],
    // Typed string in the vendor's spec (a computed field): returned as the spec says.
    ['widget_count', j(String(d.widget_count))],
    ['created_at', j(d.created_at)],
    ['updated_at', j(d.updated_at)],
  ]);
}

export function renderCallLog(c: CallLogRow, legacyTypes: Map<number, string> | null): string {
  const created = c.ts + c.duration_s * 1000 + 4_000;
  const iso = (ms: number) => j(new Date(ms).toISOString());
  return obj([
    ['id', j(c.id)],
    [
      'duration',
      j(`${String(Math.floor(c.duration_s / 60)).padStart(2, '0')}:${String(c.duration_s % 60).padStart(2, '0')}`),
    ],
    ['success', bool(c.success)],
    ['is_reviewed', bool(c.is_reviewed)],
    ['status', j(c.status)],
    ['feedback', j(c.feedback)],
    ['metrics', legacyTypes ? legacyMetrics(c.metrics, legacyTypes) : c.metrics],
    ['call_ended_reason', j(c.call_ended_reason)],
    ['customer_number', j(c.customer_number)],
    ['agent', j(c.agent_id)],
    ['agent_name', j(c.agent_name ?? '')],
    ['call_id', j(c.call_id)],
    ['trace_id', j(c.trace_id)],
    ['timestamp', iso(c.ts)],
    ['error_message', j(c.error_message)],
    ['dropoff_point', j(c.dropoff_point)],
    ['topic', j(c.topic)],
    ['created_at', iso(created)],
    ['updated_at', iso(created + 45_000)],
    ['transcript', j(c.transcript)],
    ['transcript_object', j(j(transcriptObject(c.transcript)))],
    ['evaluation', '""'],
  ]);
}

function legacyMetrics(json: string, legacyTypes: Map<number, string>): string {
  const entries = JSON.parse(json) as { id: number; type: string }[];
  for (const e of entries) if (e.type === 'binary') e.type = legacyTypes.get(e.id) ?? 'binary_qualitative';
  return j(entries);
}

/** "[MM:SS] Role: text" lines as the structured transcript (times in seconds). */
function transcriptObject(
  transcript: string,
): { role: string; content: string; start_time: number; end_time: number }[] {
  const lines = transcript
    .split('\n')
    .map((line) => /^\[(\d+):(\d+)\] ([^:]+): (.*)$/.exec(line))
    .filter((m) => m !== null);
  return lines.map((m, i) => {
    const start = Number(m[1]) * 60 + Number(m[2]);
    const next = lines[i + 1];
    const end = next ? Number(next[1]) * 60 + Number(next[2]) - 0.5 : start + 2;
    return { role: m[3], content: m[4], start_time: start, end_time: end };
  });
}

export const renderArray = arr;

/** DRF's page: `{count, next, previous, results}`. */
export function renderPage(count: number, next: string | null, previous: string | null, results: string[]): string {
  return obj([
    ['count', j(count)],
    ['next', j(next)],
    ['previous', j(previous)],
    ['results', arr(results)],
  ]);
}
