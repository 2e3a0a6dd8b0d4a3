// The fleet: 60 small projects of the scale seed, each with its own name, agents, metrics and dashboards, so
// copying, importing and bulk changes across many projects meet real name matching: every project has
// metrics of the same names and types as the others (with other ids), dashboards and agents named alike,
// and one metric only it has.
import type { SeedAgent, SeedDashboard, SeedMetric, SeedProject } from './seed-types';

const CITIES = [
  ['Austin', 'America/Chicago', -6],
  ['Boston', 'America/New_York', -5],
  ['Denver', 'America/Denver', -7],
  ['Dublin', 'Europe/Dublin', 0],
  ['Lisbon', 'Europe/Lisbon', 0],
  ['Madrid', 'Europe/Madrid', 1],
  ['Oslo', 'Europe/Oslo', 1],
  ['Prague', 'Europe/Prague', 1],
  ['Seattle', 'America/Los_Angeles', -8],
  ['Sydney', 'Australia/Sydney', 10],
  ['Toronto', 'America/Toronto', -5],
  ['Zurich', 'Europe/Zurich', 1],
] as const;
const LINES = ['Support', 'Sales', 'Billing', 'Claims', 'Scheduling'] as const;

export const FLEET_FIRST_PROJECT_ID = 3001;
export const FLEET_COUNTS = {
  projects: CITIES.length * LINES.length,
  agentsEach: 3,
  metricsEach: 5,
  dashboardsEach: 2,
};
const FIRST_AGENT_ID = 30_001;
const FIRST_METRIC_ID = 70_001;
const FIRST_DASHBOARD_ID = 9_001;

/** Metric names every fleet project has (other ids in each). */
export const FLEET_SHARED_METRICS = [
  { name: 'Latency (ms)', evalType: 'numeric', enumValues: [] as string[] },
  { name: 'Customer satisfaction', evalType: 'continuous_qualitative', enumValues: [] as string[] },
  { name: 'Call resolution', evalType: 'enum', enumValues: ['resolved', 'partially_resolved', 'unresolved'] },
  { name: 'Identity verified', evalType: 'binary', enumValues: [] as string[] },
] as const;

export interface FleetSeed {
  projects: SeedProject[];
  agents: SeedAgent[];
  metrics: SeedMetric[];
  dashboards: SeedDashboard[];
}

export function fleetProjectIds(): number[] {
  return Array.from({ length: FLEET_COUNTS.projects }, (_, i) => FLEET_FIRST_PROJECT_ID + i);
}

export function buildFleet(): FleetSeed {
  const seed: FleetSeed = { projects: [], agents: [], metrics: [], dashboards: [] };
  let i = 0;
  for (const line of LINES) {
    for (const [city, timezone, offset] of CITIES) {
      const projectId = FLEET_FIRST_PROJECT_ID + i;
      const created = new Date(Date.UTC(2025, 8, 1) + i * 86_400_000).toISOString();
      const agentIds = [0, 1, 2].map((k) => FIRST_AGENT_ID + i * FLEET_COUNTS.agentsEach + k);
      ['Front Desk', 'Billing Assistant', 'After-Hours Triage'].forEach((role, k) =>
        seed.agents.push({
          id: agentIds[k],
          projectId,
          name: `${city} ${role}`,
          contactNumber: `+1555${String(1_000_000 + i * 3 + k).padStart(7, '0')}`,
          inbound: k !== 1,
          language: 'en',
          firstMessage: true,
          createdAt: created,
        }),
      );
      const metricIds = [0, 1, 2, 3, 4].map((k) => FIRST_METRIC_ID + i * FLEET_COUNTS.metricsEach + k);
      FLEET_SHARED_METRICS.forEach((m, k) =>
        seed.metrics.push({
          id: metricIds[k],
          projectId,
          agents: [],
          name: m.name,
          description: `${m.name} on the ${city} ${line} line.`,
          evalType: m.evalType,
          enumValues: [...m.enumValues],
          type: 'llm_judge',
          prompt: `Assess ${m.name.toLowerCase()}.`,
          displayOrder: k + 1,
          cost: 0.01,
          sim:
            m.evalType === 'numeric'
              ? { kind: 'numeric', good: 700, bad: 2500 }
              : m.evalType === 'enum'
                ? { kind: 'enum' }
                : m.evalType === 'binary'
                  ? { kind: 'binary', pFail: 0.05 }
                  : { kind: 'score' },
        }),
      );
      seed.metrics.push({
        id: metricIds[4],
        projectId,
        agents: [],
        name: `${city} ${line} script followed`,
        description: `The ${city} ${line} script was followed.`,
        evalType: 'binary',
        enumValues: [],
        type: 'llm_judge',
        prompt: 'Was the script followed?',
        displayOrder: 5,
        cost: 0.01,
        sim: { kind: 'binary', pFail: 0.1 },
      });
      const dashboardIds = [0, 1].map((k) => FIRST_DASHBOARD_ID + i * FLEET_COUNTS.dashboardsEach + k);
      ['Daily overview', 'Escalations'].forEach((name, k) =>
        seed.dashboards.push({
          id: dashboardIds[k],
          projectId,
          name,
          filters: null,
          widgetCount: 3 + k,
          createdAt: created,
        }),
      );
      seed.projects.push({
        id: projectId,
        name: `${city} ${line} Line`,
        createdAt: created,
        updatedAt: created,
        utcOffsetHours: offset,
        secrets: i % 4 === 0 ? { webhook_secret: `whsec_fleet_${projectId}` } : {},
        fields: {
          timezone,
          notify_daily_report: true,
          daily_report_dashboard_ids: [dashboardIds[0]],
          notify_cron_failure: i % 10 === 9, // a few already on: a bulk change skips them as unchanged
          webhook_url: i % 4 === 0 ? `https://hooks.example.com/fleet/${projectId}` : '',
          notify_no_calls: true,
          no_calls_notify_time_period: {
            time_zone: timezone,
            time_periods: [{ start_time: '09:00', end_time: '17:00', time_frame: 60 }],
            exception_numbers: [],
            agents: [agentIds[2]],
          },
          rubric_config: {
            evaluation_logic: 'and',
            rules: [
              {
                metric_id: metricIds[0],
                conditions: { operator: 'and', conditions: [{ field: 'score', op: 'lte', value: 2000 }] },
              },
              {
                metric_id: metricIds[1],
                conditions: { operator: 'and', conditions: [{ field: 'score', op: 'gte', value: 3 }] },
              },
            ],
          },
        },
      });
      i += 1;
    }
  }
  return seed;
}
