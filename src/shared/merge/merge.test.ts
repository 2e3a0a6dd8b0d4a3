import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { canonicalJson, rulesOf } from '../schemas/rubric';
import { toFormValues } from '../form';
import type { Project } from '../schemas/project';
import { mergeThreeWay, mergeWithChoices } from './merge';
import { countRules, ruleMetricKey } from './rule-multiset';

const rule = (metric: number, op: string, value: number) => ({
  metric_id: metric,
  conditions: { operator: 'and', conditions: [{ field: 'score', op, value }] },
});

const project = (fields: Partial<Project>): Project =>
  ({
    id: 7,
    name: 'Acme',
    sample_rate: 0.5,
    notify_daily_report: false,
    rubric_config: { evaluation_logic: 'and', rules: [] },
    ...fields,
  }) as Project;

const withRules = (rules: unknown[]) => ({ evaluation_logic: 'and', rules });

describe('mergeThreeWay: fields', () => {
  const base = project({ name: 'Acme', sample_rate: 0.5, notify_daily_report: false });

  it('takes server-only changes and keeps user-only changes', () => {
    const mine = { ...toFormValues(base), name: 'Acme support' };
    const theirs = project({ name: 'Acme', sample_rate: 0.25, notify_daily_report: false });
    const result = mergeThreeWay(base, mine, theirs);
    expect(result.conflicts).toEqual([]);
    expect(result.values.name).toBe('Acme support');
    expect(result.values.sample_rate).toBe('25');
    expect(result.takenFromServer).toEqual(['sample_rate']);
  });

  it('reports a field changed differently on both sides, and resolves it as chosen', () => {
    const mine = { ...toFormValues(base), name: 'Mine' };
    const theirs = project({ name: 'Theirs' });
    const result = mergeThreeWay(base, mine, theirs);
    expect(result.conflicts.map((c) => c.id)).toEqual(['field:name']);
    expect(result.values.name).toBe('Mine');
    expect(mergeWithChoices(base, mine, theirs, { 'field:name': 'theirs' }).values.name).toBe('Theirs');
  });

  it('sees the same change on both sides as no conflict', () => {
    const mine = { ...toFormValues(base), notify_daily_report: true };
    const theirs = project({ notify_daily_report: true });
    expect(mergeThreeWay(base, mine, theirs).conflicts).toEqual([]);
  });

  it('keeps a replaced secret whatever the server did', () => {
    const mine = { ...toFormValues(base), vapi_api_key: { mode: 'replace' as const, value: 'new-key' } };
    const theirs = project({ vapi_api_key_configured: true });
    const result = mergeThreeWay(base, mine, theirs);
    expect(result.values.vapi_api_key).toEqual({ mode: 'replace', value: 'new-key' });
    expect(result.conflicts).toEqual([]);
  });
});

describe('mergeThreeWay: rubric', () => {
  const a = rule(1, 'gte', 4);
  const b = rule(2, 'eq', 5);
  const c = rule(3, 'lt', 2);

  it('keeps additions of both sides, server order first', () => {
    const base = project({ rubric_config: withRules([a]) });
    const mine = { ...toFormValues(base), rubric_config: withRules([a, b]) };
    const theirs = project({ rubric_config: withRules([c, a]) });
    const result = mergeThreeWay(base, mine, theirs);
    expect(result.conflicts).toEqual([]);
    expect(rulesOf(result.values.rubric_config)).toEqual([c, a, b]);
  });

  it('keeps a removal by either side removed', () => {
    const base = project({ rubric_config: withRules([a, b, c]) });
    const mine = { ...toFormValues(base), rubric_config: withRules([a, c]) };
    const theirs = project({ rubric_config: withRules([a, b]) });
    expect(rulesOf(mergeThreeWay(base, mine, theirs).values.rubric_config)).toEqual([a]);
  });

  it('flags one metric changed differently on both sides', () => {
    const base = project({ rubric_config: withRules([a]) });
    const mine = { ...toFormValues(base), rubric_config: withRules([rule(1, 'gte', 3)]) };
    const theirs = project({ rubric_config: withRules([rule(1, 'gte', 5)]) });
    const result = mergeThreeWay(base, mine, theirs);
    expect(result.conflicts).toHaveLength(1);
    expect(result.conflicts[0]).toMatchObject({ kind: 'rubric-metric', metricKey: '1' });
    const taken = mergeWithChoices(base, mine, theirs, { 'rubric:1': 'theirs' });
    expect(rulesOf(taken.values.rubric_config)).toEqual([rule(1, 'gte', 5)]);
  });

  it('keeps unchanged rules with the JSON text received (key order kept)', () => {
    const base = project({ rubric_config: withRules([a]) });
    const theirs = project({ rubric_config: withRules([a, c]) });
    const mine = { ...toFormValues(base), rubric_config: withRules([...rulesOf(toFormValues(base).rubric_config), b]) };
    const merged = rulesOf(mergeThreeWay(base, mine, theirs).values.rubric_config);
    expect(JSON.stringify(merged[0])).toBe(JSON.stringify(rulesOf(theirs.rubric_config)[0]));
  });
});

// Property tests: random edits of a random rubric by two people.
const ruleArb = fc
  .record({
    metric: fc.integer({ min: 1, max: 4 }),
    op: fc.constantFrom('gte', 'lt', 'eq'),
    value: fc.integer({ min: 0, max: 5 }),
  })
  .map(({ metric, op, value }) => rule(metric, op, value));

const editArb = (base: unknown[]) =>
  fc
    .record({
      keep: fc.array(fc.boolean(), { minLength: base.length, maxLength: base.length }),
      add: fc.array(ruleArb, { maxLength: 3 }),
    })
    .map(({ keep, add }) => [...base.filter((_, i) => keep[i]), ...add]);

const scenarioArb = fc
  .array(ruleArb, { maxLength: 6 })
  .chain((base) => fc.tuple(fc.constant(base), editArb(base), editArb(base)));

function counts(rules: unknown[]) {
  return countRules(rules);
}

describe('mergeThreeWay: properties', () => {
  it('loses no added rule and revives no removed rule outside conflicting metrics', () => {
    fc.assert(
      fc.property(
        scenarioArb,
        fc.constantFrom<'mine' | 'theirs'>('mine', 'theirs'),
        ([base, mineRules, theirRules], pick) => {
          const baseProject = project({ rubric_config: withRules(base) });
          const theirs = project({ rubric_config: withRules(theirRules) });
          const mine = { ...toFormValues(baseProject), rubric_config: withRules(mineRules) };
          const first = mergeThreeWay(baseProject, mine, theirs);
          const choices = Object.fromEntries(first.conflicts.map((c) => [c.id, pick]));
          const result = mergeWithChoices(baseProject, mine, theirs, choices);
          const conflicted = new Set(first.conflicts.flatMap((c) => (c.kind === 'rubric-metric' ? [c.metricKey] : [])));
          const [B, M, T, R] = [base, mineRules, theirRules, rulesOf(result.values.rubric_config)].map(counts);
          for (const key of new Set([...B.keys(), ...M.keys(), ...T.keys()])) {
            if (conflicted.has(ruleMetricKey(JSON.parse(key)))) continue;
            const [b, m, t, r] = [B, M, T, R].map((map) => map.get(key) ?? 0);
            if (m > b || t > b) expect(r).toBeGreaterThan(0); // an addition stays
            if (m < b) expect(r).toBeLessThanOrEqual(m); // a removal by me stays removed
            if (t < b) expect(r).toBeLessThanOrEqual(t); // a removal by them stays removed
          }
        },
      ),
      { numRuns: 400 },
    );
  });

  it('without conflicts equals applying both change sets', () => {
    fc.assert(
      fc.property(scenarioArb, ([base, mineRules, theirRules]) => {
        const baseProject = project({ rubric_config: withRules(base) });
        const theirs = project({ rubric_config: withRules(theirRules) });
        const mine = { ...toFormValues(baseProject), rubric_config: withRules(mineRules) };
        const result = mergeThreeWay(baseProject, mine, theirs);
        fc.pre(result.conflicts.length === 0);
        const [B, M, T, R] = [base, mineRules, theirRules, rulesOf(result.values.rubric_config)].map(counts);
        for (const key of new Set([...B.keys(), ...M.keys(), ...T.keys(), ...R.keys()])) {
          const [b, m, t] = [B, M, T].map((map) => map.get(key) ?? 0);
          // The same change made on both sides counts once.
          const expected = m - b === t - b ? m : b + (m - b) + (t - b);
          expect(R.get(key) ?? 0).toBe(expected);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('keeps the server order, then the user additions', () => {
    fc.assert(
      fc.property(scenarioArb, ([base, mineRules, theirRules]) => {
        const baseProject = project({ rubric_config: withRules(base) });
        const theirs = project({ rubric_config: withRules(theirRules) });
        const mine = { ...toFormValues(baseProject), rubric_config: withRules(mineRules) };
        const merged = rulesOf(mergeThreeWay(baseProject, mine, theirs).values.rubric_config).map(canonicalJson);
        const theirOrder = theirRules.map(canonicalJson).filter((key) => merged.includes(key));
        const prefix = merged.slice(0, theirOrder.length).filter((key) => theirOrder.includes(key));
        expect(prefix.length).toBeLessThanOrEqual(theirOrder.length);
      }),
      { numRuns: 200 },
    );
  });
});
