// Production call-log generator: realistic, deterministic (seeded PRNG) calls whose metric results follow
// the call-log reading of decision 17 and whose `success` mostly agrees with the project's rubric.
import type { Rng } from './prng';
import { evaluateRubric } from '../../shared/rubric/evaluate';
import type { CallMetricEntry, SeedAgent, SeedCallLog, SeedMetric, SeedProject } from './seed-types';

export type CallFlavour = {
  greeting: string;
  topics: readonly { topic: string; ask: string; answer: string }[];
  endedReasons: readonly string[];
  dropoffs: readonly string[];
  /** draws a customer number; a small pool makes frequent callers */
  customerNumber(rng: Rng): string;
};

export type GenerateCallsInput = {
  project: SeedProject;
  agents: readonly SeedAgent[];
  metrics: readonly SeedMetric[];
  rubric: unknown;
  count: number;
  now: number;
  days: number;
  rng: Rng;
  flavour: CallFlavour;
  /** above this many applicable metrics, a call carries a random sample of this size */
  maxMetricsPerCall?: number;
};

const DAY_MS = 86_400_000;
// Relative call volume per local hour: quiet nights, busy office hours.
const HOUR_WEIGHT = [1, 1, 1, 1, 1, 2, 3, 5, 8, 10, 10, 10, 9, 10, 10, 10, 9, 8, 6, 5, 4, 3, 2, 1];
const FEEDBACK = [
  'Great call',
  'Agent repeated the policy twice',
  'Customer had to ask for a human',
  'Handled well under pressure',
];
const ERRORS = ['Transport error: SIP 503 from carrier', 'Recording unavailable: provider returned 404'];

/** Calls sorted oldest first, with id 0 (ids are given once every project's calls are merged). */
export function generateCalls(input: GenerateCallsInput): SeedCallLog[] {
  const { rng, project, agents } = input;
  const applicable = applicableByAgent(input.metrics, project.id, agents);
  const calls: SeedCallLog[] = [];
  for (let i = 0; i < input.count; i++) {
    const agent = rng.pick(agents);
    const quality = 0.3 + 0.7 * Math.pow(rng.next(), 0.55);
    const metrics = drawResults(rng, applicable.get(agent.id) ?? [], quality, input.maxMetricsPerCall ?? 20);
    calls.push(buildCall(input, agent, metrics, drawTimestamp(rng, input)));
  }
  return calls.sort((a, b) => a.ts - b.ts);
}

/** Per agent: the project-scoped metrics plus the agent-only ones attached to that agent. */
function applicableByAgent(
  metrics: readonly SeedMetric[],
  projectId: number,
  agents: readonly SeedAgent[],
): Map<number, SeedMetric[]> {
  const scoped = metrics.filter((m) => m.projectId === projectId);
  const byAgent = new Map(agents.map((a) => [a.id, scoped.slice()]));
  for (const m of metrics) {
    if (m.projectId !== null) continue;
    for (const agentId of m.agents) byAgent.get(agentId)?.push(m);
  }
  return byAgent;
}

function drawTimestamp(rng: Rng, input: GenerateCallsInput): number {
  for (;;) {
    const ts = input.now - Math.floor(rng.next() * input.days * DAY_MS);
    const localHour = (new Date(ts).getUTCHours() + input.project.utcOffsetHours + 24) % 24;
    if (rng.next() * 10 < HOUR_WEIGHT[localHour]) return ts;
  }
}

function drawResults(rng: Rng, metrics: readonly SeedMetric[], q: number, max: number): CallMetricEntry[] {
  // A metric with no result on a call is absent (not evaluated, not triggered, sampled out).
  const chosen = metrics.length > max ? rng.sample(metrics, max) : metrics.filter(() => rng.chance(0.88));
  return chosen.sort((a, b) => a.id - b.id).map((m) => metricEntry(rng, m, q));
}

/** One `metrics[]` entry: all six keys, empty strings for the unused string keys. */
export function metricEntry(rng: Rng, m: SeedMetric, q: number): CallMetricEntry {
  const base = { id: m.id, name: m.name, type: m.evalType };
  const sim = m.sim;
  switch (sim.kind) {
    case 'binary': {
      const pass = rng.chance(1 - sim.pFail - (1 - q) * 0.45);
      return { ...base, score: pass ? 5 : 0, enum: '', value: '' };
    }
    case 'score': {
      const score = Math.round(clamp(1 + 4 * q + (rng.next() - 0.5) * 2.2, 0, 5));
      return { ...base, score, enum: '', value: '' };
    }
    case 'numeric': {
      const spread = Math.abs(sim.bad - sim.good) * 0.2;
      const score = Math.round(sim.good + (sim.bad - sim.good) * (1 - q) + (rng.next() - 0.5) * 2 * spread);
      return { ...base, score: Math.max(0, score), enum: '', value: '' };
    }
    case 'enum': {
      const n = m.enumValues.length;
      const index = Math.round(clamp((1 - q) * (n - 1) + (rng.next() - 0.5) * 1.6, 0, n - 1));
      const value = m.enumValues[index];
      return { ...base, score: 0, enum: value, value };
    }
  }
}

function buildCall(input: GenerateCallsInput, agent: SeedAgent, metrics: CallMetricEntry[], ts: number): SeedCallLog {
  const { rng, flavour } = input;
  // The same verdict the console's impact preview computes (decision 18): one rule loop, in src/shared.
  const evaluated = evaluateRubric(input.rubric, { metrics }).pass;
  // Mostly the rubric's verdict; ~10% deliberately disagree (a reviewer overrode it) and a few are unset.
  const success = rng.chance(0.03) ? null : rng.chance(0.1) ? !evaluated : evaluated;
  const isReviewed = rng.chance(0.06);
  const topic = rng.pick(flavour.topics);
  const durationS = rng.int(25, 540);
  const errorMessage = rng.chance(0.02) ? rng.pick(ERRORS) : null;
  return {
    id: 0,
    projectId: input.project.id,
    agentId: agent.id,
    ts,
    success,
    isReviewed,
    status: `${isReviewed ? 'reviewed_' : ''}${success ? 'success' : 'failure'}` as SeedCallLog['status'],
    feedback: isReviewed ? rng.pick(FEEDBACK) : '',
    callEndedReason: rng.pick(flavour.endedReasons),
    customerNumber: flavour.customerNumber(rng),
    callId: `call_${rng.hex(24)}`,
    traceId: rng.chance(0.7) ? rng.hex(32) : '',
    durationS,
    errorMessage,
    dropoffPoint: rng.pick(flavour.dropoffs),
    topic: topic.topic,
    transcript: transcript(flavour.greeting.replace('{agent}', agent.name), topic, durationS),
    metrics,
  };
}

function transcript(greeting: string, topic: { ask: string; answer: string }, durationS: number): string {
  const at = (s: number) => `[${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}]`;
  const step = Math.max(2, Math.floor(durationS / 4));
  return [
    `${at(1)} Agent: ${greeting}`,
    `${at(1 + step)} Customer: ${topic.ask}`,
    `${at(1 + 2 * step)} Agent: ${topic.answer}`,
    `${at(1 + 3 * step)} Customer: Thanks, that's all.`,
  ].join('\n');
}

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

/** Gives ids in time order (auto-increment-like, with gaps as if other tenants wrote in between). */
export function assignCallIds(calls: SeedCallLog[], firstId: number, rng: Rng): SeedCallLog[] {
  const sorted = calls.slice().sort((a, b) => a.ts - b.ts || a.projectId - b.projectId);
  let id = firstId;
  for (const c of sorted) {
    c.id = id;
    id += rng.int(1, 4);
  }
  return sorted;
}
