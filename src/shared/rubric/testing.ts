import fc from 'fast-check';
import type { Metric } from '../schemas/metric';
import { BINARY_FALSE_VALUE, BINARY_TRUE_VALUE } from '../schemas/rubric';
import { familyOf, OPS_FOR } from './rule';

// Test support for the rubric logic (imported by *.test.ts only): a small catalogue of metrics covering
// every eval type, and fast-check arbitraries for rules and call logs.

const metric = (id: number, name: string, eval_type: string, enum_values?: string[]): Metric => ({
  id,
  name,
  eval_type,
  enum_values,
  project: 1,
  agents: [],
});

export const METRICS: Metric[] = [
  metric(101, 'Booking confirmed', 'binary'),
  metric(102, 'Customer satisfaction', 'continuous_qualitative'),
  metric(103, 'Call resolution', 'enum', ['resolved', 'partially_resolved', 'unresolved']),
  metric(104, 'Handle time', 'numeric'),
  metric(105, 'Script adherence', 'binary_workflow_adherence'),
  metric(106, 'Politeness', 'binary_qualitative'),
];
export const METRIC_MAP: ReadonlyMap<number, Metric> = new Map(METRICS.map((m) => [m.id, m]));
export const byName = (name: string): Metric => METRICS.find((m) => m.name === name) as Metric;

export const rule = (metricId: number, ...conditions: { field: string; op: string; value: unknown }[]) => ({
  metric_id: metricId,
  conditions: { operator: 'and', conditions },
});
export const rubric = (...rules: unknown[]) => ({ evaluation_logic: 'and', rules });

export const arbMetric = fc.constantFrom(...METRICS);
const halfSteps = (min: number, max: number) => fc.integer({ min: min * 2, max: max * 2 }).map((n) => n / 2);

/** A condition the API accepts for this metric. */
export type TestCondition = { field: string; op: string; value: number | boolean | string | string[] };

export function arbValidCondition(m: Metric): fc.Arbitrary<TestCondition> {
  const family = familyOf(m) ?? 'score';
  const ops = OPS_FOR[family];
  if (family === 'binary') {
    return fc.record({
      field: fc.constant('score'),
      op: fc.constantFrom(...ops),
      value: fc.constantFrom(BINARY_TRUE_VALUE, BINARY_FALSE_VALUE, true, false, 5, 0),
    });
  }
  if (family === 'score') {
    const value = m.eval_type === 'continuous_qualitative' ? halfSteps(0, 5) : halfSteps(-5, 20);
    return fc.record({ field: fc.constant('score'), op: fc.constantFrom(...ops), value });
  }
  const values = (m.enum_values as string[]) ?? [];
  return fc.oneof(
    fc.record({ field: fc.constant('enum'), op: fc.constantFrom('eq', 'neq'), value: fc.constantFrom(...values) }),
    fc.record({ field: fc.constant('enum'), op: fc.constant('in'), value: fc.subarray(values, { minLength: 1 }) }),
  );
}

export const arbValidRule = arbMetric.chain((m) => arbValidCondition(m).map((c) => rule(m.id, c)));

/** Any condition, valid or not, on any metric or on an unknown one. */
export const arbAnyRule = fc.oneof(
  arbValidRule,
  fc.record({
    metric_id: fc.oneof(fc.constantFrom(...METRICS.map((m) => m.id)), fc.integer({ min: 1, max: 999 })),
    conditions: fc.record({
      operator: fc.constantFrom('and', 'or'),
      conditions: fc.array(
        fc.record({
          field: fc.constantFrom('score', 'enum', 'value'),
          op: fc.constantFrom('gt', 'gte', 'lt', 'lte', 'eq', 'neq', 'in', 'like'),
          value: fc.oneof(
            fc.integer({ min: -2, max: 8 }),
            fc.boolean(),
            fc.constantFrom('resolved', 'x', ''),
            fc.array(fc.constantFrom('resolved', 'unresolved', 'x')),
          ),
        }),
        { minLength: 0, maxLength: 3 },
      ),
    }),
  }),
  fc.anything(),
);

/** One metric result as a call log carries it, or no result at all (undefined). */
export function arbResult(m: Metric) {
  const base = { id: m.id, name: m.name, type: m.eval_type };
  const family = familyOf(m);
  if (family === 'binary')
    return fc.option(
      fc.constantFrom(0, 5).map((score) => ({ ...base, score, enum: null, value: null })),
      { nil: undefined },
    );
  if (family === 'score') {
    const score = m.eval_type === 'continuous_qualitative' ? halfSteps(0, 5) : halfSteps(-5, 20);
    return fc.option(
      fc.oneof(score, fc.constant(null)).map((s) => ({ ...base, score: s, enum: null, value: null })),
      { nil: undefined },
    );
  }
  const values = (m.enum_values as string[]) ?? [];
  return fc.option(
    fc.constantFrom(...values).map((v) => ({ ...base, score: 0, enum: v, value: v })),
    { nil: undefined },
  );
}

let nextCallId = 1;
export const arbCall = fc.tuple(...METRICS.map(arbResult), fc.option(fc.boolean(), { nil: null })).map((parts) => {
  const success = parts.pop() as boolean | null;
  const metrics = (parts as unknown[]).filter((r) => r !== undefined) as { id: number }[];
  return {
    id: nextCallId++,
    timestamp: '2026-08-01T10:00:00Z',
    success,
    agent: 1,
    agent_name: 'Agent',
    customer_number: '+15550000000',
    metrics,
  };
});
