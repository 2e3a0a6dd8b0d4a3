// The scale seed: one more project with 1,500 agents, 2,000 metrics, a 300-rule rubric and 2,000 call logs,
// to exercise long lists (virtualised pickers, big rubrics) and big pages; plus the fleet (seed-fleet.ts):
// 60 small projects with their own names, agents, metrics and dashboards, for work across many projects.
// And a project with a 1,000-rule rubric over 3,000 metrics of its own (no agents, no calls) for the keystroke
// benchmark at that size.
import { createRng, type Rng } from './prng';
import { assignCallIds, generateCalls, type CallFlavour } from './seed-calls';
import { buildFleet, FLEET_COUNTS } from './seed-fleet';
import type { EvalType, SeedAgent, SeedData, SeedDashboard, SeedMetric, SeedProject } from './seed-types';

export const SCALE_PROJECT_ID = 2051;
export const SCALE_COUNTS = {
  agents: 1500,
  metrics: 2000,
  rules: 300,
  callLogs: 2000,
  dashboards: 24,
  fleetProjects: FLEET_COUNTS.projects,
} as const;
export const LARGE_RUBRIC_PROJECT_ID = 2052;
export const LARGE_RUBRIC_COUNTS = { metrics: 3000, rules: 1000 } as const;
// After the fleet's metric ids (seed-fleet.ts: 70,001 on).
const FIRST_LARGE_METRIC_ID = 100_001;
const FIRST_AGENT_ID = 20_001;
const FIRST_METRIC_ID = 60_001;
const PROJECT_SCOPED_METRICS = 400;

const REGIONS = ['EMEA', 'APAC', 'LATAM', 'US East', 'US West', 'Nordics', 'DACH', 'UK & Ireland'];
const FUNCTIONS = [
  'Billing',
  'Claims',
  'Onboarding',
  'Renewals',
  'Tech Support',
  'Scheduling',
  'Collections',
  'Returns',
  'Fraud Desk',
  'Concierge',
];
const SUBJECTS = [
  'Greeting',
  'Verification',
  'Disclosure',
  'Hold etiquette',
  'Upsell',
  'Wrap-up',
  'Escalation',
  'Compliance',
  'Tone',
  'Accuracy',
];
const ENUM_SETS = [
  ['resolved', 'partially_resolved', 'unresolved'],
  ['positive', 'neutral', 'negative'],
  ['none', 'minor', 'major', 'critical'],
  ['renew', 'undecided', 'churn'],
];
const EVAL_CYCLE: EvalType[] = ['binary', 'continuous_qualitative', 'numeric', 'enum'];

export function buildScaleSeed(now: number): SeedData {
  const rng = createRng(2051);
  const agents = scaleAgents(rng);
  const metrics = scaleMetrics(rng, agents);
  const rubric = scaleRubric(metrics);
  const project: SeedProject = {
    id: SCALE_PROJECT_ID,
    name: 'Global Routing (scale test)',
    createdAt: '2025-11-17T10:00:00.000Z',
    updatedAt: '2026-01-12T08:30:00.000Z',
    utcOffsetHours: 0,
    secrets: { livekit_api_key: 'lk_api_5d2f8e91a0c3' },
    fields: { timezone: 'UTC', sample_rate: 0.25, notify_daily_report: true, rubric_config: rubric },
  };
  const calls = generateCalls({
    project,
    agents,
    metrics,
    rubric,
    count: SCALE_COUNTS.callLogs,
    now,
    days: 10, // about 1,400 calls in the 7-day preview window at any hour: always over its 1,000-call limit
    rng,
    flavour: SCALE_FLAVOUR,
    maxMetricsPerCall: 12,
  });
  const fleet = buildFleet();
  const large = largeRubricProject();
  return {
    members: [],
    projects: [project, large.project, ...fleet.projects],
    agents: [...agents, ...fleet.agents],
    metrics: [...metrics, ...large.metrics, ...fleet.metrics],
    dashboards: [...scaleDashboards(), ...fleet.dashboards],
    callLogs: assignCallIds(calls, 12_400_000, rng),
  };
}

function scaleAgents(rng: Rng): SeedAgent[] {
  return Array.from({ length: SCALE_COUNTS.agents }, (_, i) => ({
    id: FIRST_AGENT_ID + i,
    projectId: SCALE_PROJECT_ID,
    name: `${REGIONS[i % REGIONS.length]} ${FUNCTIONS[Math.floor(i / REGIONS.length) % FUNCTIONS.length]} ${String(i + 1).padStart(4, '0')}`,
    contactNumber: `+1415${String(2_000_000 + i).padStart(7, '0')}`,
    inbound: rng.chance(0.7),
    language: rng.pick(['en', 'en', 'en', 'es', 'de', 'fr']),
    firstMessage: true,
    createdAt: new Date(Date.UTC(2025, 10, 17, 10, 0, 0) + i * 60_000).toISOString(),
  }));
}

function scaleMetrics(rng: Rng, agents: SeedAgent[]): SeedMetric[] {
  return Array.from({ length: SCALE_COUNTS.metrics }, (_, i) => {
    const evalType = EVAL_CYCLE[i % EVAL_CYCLE.length];
    const projectScoped = i < PROJECT_SCOPED_METRICS;
    const subject = SUBJECTS[i % SUBJECTS.length];
    const enumValues = evalType === 'enum' ? ENUM_SETS[Math.floor(i / 4) % ENUM_SETS.length] : [];
    return {
      id: FIRST_METRIC_ID + i,
      projectId: projectScoped ? SCALE_PROJECT_ID : null,
      agents: projectScoped
        ? []
        : rng
            .sample(agents, rng.int(1, 3))
            .map((a) => a.id)
            .sort((a, b) => a - b),
      name: `${subject} check ${String(i + 1).padStart(4, '0')}`,
      description: `${subject} quality signal #${i + 1} (${evalType.replace('_', ' ')}).`,
      evalType,
      legacyEvalType: evalType === 'binary' ? 'binary_qualitative' : undefined,
      enumValues,
      type: 'llm_judge',
      prompt: `Assess ${subject.toLowerCase()} on the call.`,
      displayOrder: i + 1,
      cost: 0.01,
      sim:
        evalType === 'binary'
          ? { kind: 'binary', pFail: 0.05 }
          : evalType === 'numeric'
            ? { kind: 'numeric', good: 600, bad: 2500 }
            : evalType === 'enum'
              ? { kind: 'enum' }
              : { kind: 'score' },
    } satisfies SeedMetric;
  });
}

/** 300 valid one-condition rules: 200 on project-scoped metrics, 100 on agent-only ones. */
function scaleRubric(metrics: SeedMetric[]): object {
  const chosen = [...metrics.slice(0, 200), ...metrics.slice(PROJECT_SCOPED_METRICS, PROJECT_SCOPED_METRICS + 100)];
  return {
    evaluation_logic: 'and',
    rules: chosen.map((m) => ({ metric_id: m.id, conditions: { operator: 'and', conditions: [scaleCondition(m)] } })),
  };
}

function scaleCondition(m: SeedMetric): object {
  switch (m.evalType) {
    case 'binary':
      return { field: 'score', op: 'eq', value: 5 };
    case 'continuous_qualitative':
      return { field: 'score', op: 'gte', value: 2 };
    case 'numeric':
      return { field: 'score', op: 'lte', value: 2300 };
    case 'enum':
      return { field: 'enum', op: 'in', value: m.enumValues.slice(0, 2) };
  }
}

/** 3,000 project metrics and a rubric of 1,000 one-condition rules over the first 1,000 of them. */
function largeRubricProject(): { project: SeedProject; metrics: SeedMetric[] } {
  const metrics = Array.from({ length: LARGE_RUBRIC_COUNTS.metrics }, (_, i): SeedMetric => {
    const evalType = EVAL_CYCLE[i % EVAL_CYCLE.length];
    const subject = SUBJECTS[i % SUBJECTS.length];
    return {
      id: FIRST_LARGE_METRIC_ID + i,
      projectId: LARGE_RUBRIC_PROJECT_ID,
      agents: [],
      name: `${subject} measure ${String(i + 1).padStart(4, '0')}`,
      description: `${subject} signal #${i + 1} (${evalType.replace('_', ' ')}).`,
      evalType,
      legacyEvalType: evalType === 'binary' ? 'binary_qualitative' : undefined,
      enumValues: evalType === 'enum' ? ENUM_SETS[Math.floor(i / 4) % ENUM_SETS.length] : [],
      type: 'llm_judge',
      prompt: `Assess ${subject.toLowerCase()} on the call.`,
      displayOrder: i + 1,
      cost: 0.01,
      sim: { kind: 'score' },
    };
  });
  const rubric = {
    evaluation_logic: 'and',
    rules: metrics.slice(0, LARGE_RUBRIC_COUNTS.rules).map((m) => ({
      metric_id: m.id,
      conditions: { operator: 'and', conditions: [scaleCondition(m)] },
    })),
  };
  return {
    metrics,
    project: {
      id: LARGE_RUBRIC_PROJECT_ID,
      name: 'Large rubric (scale test)',
      createdAt: '2025-11-20T10:00:00.000Z',
      updatedAt: '2026-01-12T08:30:00.000Z',
      utcOffsetHours: 0,
      secrets: {},
      fields: { timezone: 'UTC', rubric_config: rubric },
    },
  };
}

function scaleDashboards(): SeedDashboard[] {
  return Array.from({ length: SCALE_COUNTS.dashboards }, (_, i) => ({
    id: 8001 + i,
    projectId: SCALE_PROJECT_ID,
    name: `${REGIONS[i % REGIONS.length]} routing board ${i + 1}`,
    filters: null,
    widgetCount: 2 + (i % 5),
    createdAt: new Date(Date.UTC(2025, 10, 18) + i * 3_600_000).toISOString(),
  }));
}

const SCALE_FLAVOUR: CallFlavour = {
  greeting: 'Thanks for calling, you have reached {agent}.',
  topics: [
    {
      topic: 'routing',
      ask: 'I need to talk to someone about my account.',
      answer: 'I can route you to the right team now.',
    },
    {
      topic: 'status',
      ask: 'What is the status of my request?',
      answer: 'It is being processed and will be done by Friday.',
    },
  ],
  endedReasons: ['customer-ended-call', 'assistant-ended-call', 'assistant-forwarded-call'],
  dropoffs: ['end of conversation as no queries remaining', 'during routing'],
  customerNumber: (rng) => `+1628${String(rng.int(1_000_000, 1_999_999))}`,
};
