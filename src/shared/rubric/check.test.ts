import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Metric } from '../schemas/metric';
import { checkRubric, type IssueCode } from './check';
import { rubricErrors } from './rule-checks';
import { evaluateRule, resultsById } from './evaluate';
import { familyOf } from './rule';
import { freezeRules } from './frozen-rules';
import { replaceRule } from './edit';
import { rulesOf } from '../schemas/rubric';
import { arbAnyRule, arbMetric, arbValidCondition, byName, METRIC_MAP, METRICS, rubric, rule } from './testing';

const sat = byName('Customer satisfaction').id;
const booked = byName('Booking confirmed').id;
const resolution = byName('Call resolution').id;
const handle = byName('Handle time').id;

const codes = (config: unknown, metrics = METRIC_MAP) =>
  checkRubric(config, metrics).byRule.map((issues) => issues.map((i) => i.code));
const score = (op: string, value: unknown) => ({ field: 'score', op, value });
const enumC = (op: string, value: unknown) => ({ field: 'enum', op, value });

describe('checkRubric: errors (block saving)', () => {
  it('accepts the documentation example', () => {
    const config = rubric(
      rule(booked, score('eq', 5)),
      rule(sat, score('gte', 4)),
      rule(resolution, enumC('in', ['resolved', 'partially_resolved'])),
    );
    expect(checkRubric(config, METRIC_MAP)).toMatchObject({ errorCount: 0, warningCount: 0 });
  });

  it('flags an unknown or deleted metric in words, only once metrics are known', () => {
    const config = rubric(rule(999, score('gte', 4)));
    const [issue] = checkRubric(config, METRIC_MAP).byRule[0];
    expect(issue).toMatchObject({ severity: 'error', code: 'unknown-metric' });
    expect(issue.message).toContain('Metric #999');
    expect(issue.message).toMatch(/remove the rule/);
    expect(checkRubric(config, null).errorCount).toBe(0);
  });

  it.each<[string, unknown, IssueCode]>([
    ['empty "is one of"', rule(resolution, enumC('in', [])), 'empty-in'],
    ['enum value not allowed', rule(resolution, enumC('eq', 'maybe')), 'enum-value'],
    ['enum value in a list not allowed', rule(resolution, enumC('in', ['resolved', 'maybe'])), 'enum-value'],
    ['qualitative score above 5', rule(sat, score('gte', 6)), 'score-range'],
    ['qualitative score below 0', rule(sat, score('lt', -1)), 'score-range'],
    ['non-numeric score', rule(sat, score('gte', 'four')), 'score-nan'],
    ['empty score', rule(handle, score('gte', '')), 'score-nan'],
    ['op not valid for binary', rule(booked, score('gte', 5)), 'op'],
    ['op not valid for score', rule(sat, score('in', [4])), 'op'],
    ['op not valid for enum', rule(resolution, enumC('gt', 'resolved')), 'op'],
    ['binary value other than True/False', rule(booked, score('eq', 3)), 'binary-value'],
    ['wrong field for the type', rule(resolution, score('eq', 'resolved')), 'field'],
    ['several conditions, one bad', rule(sat, score('gte', 2), score('lt', 9)), 'score-range'],
    ['a new rule without metric', { metric_id: null, conditions: { operator: 'and', conditions: [] } }, 'pending'],
    ['a rule without conditions', { metric_id: sat, conditions: { operator: 'and', conditions: [] } }, 'malformed'],
    [
      'an unknown key',
      { metric_id: sat, conditions: { operator: 'and', conditions: [score('gte', 4)] }, weight: 2 },
      'malformed',
    ],
    [
      'an "or" operator',
      { metric_id: sat, conditions: { operator: 'or', conditions: [score('gte', 4)] } },
      'malformed',
    ],
  ])('%s', (_, r, code) => {
    const issues = checkRubric(rubric(r), METRIC_MAP).byRule[0];
    expect(issues.map((i) => i.code)).toContain(code);
    expect(issues.find((i) => i.code === code)).toMatchObject({ severity: 'error' });
    expect(issues.every((i) => i.message.length > 20)).toBe(true);
  });

  it('numeric metrics have no 0-5 scale', () => {
    expect(codes(rubric(rule(handle, score('gte', 240))))).toEqual([[]]);
  });

  it('flags a rubric whose evaluation logic is not "and"', () => {
    expect(
      checkRubric({ evaluation_logic: 'or', rules: [rule(sat, score('gte', 4))] }, METRIC_MAP).general[0],
    ).toMatchObject({ severity: 'error' });
    expect(checkRubric({}, METRIC_MAP)).toMatchObject({ errorCount: 0, general: [] });
  });

  it('without metrics, still flags what needs no metric', () => {
    expect(codes(rubric(rule(resolution, enumC('in', []))), null as never)).toEqual([['empty-in']]);
  });
});

describe('checkRubric: warnings (shown, never blocking)', () => {
  it.each<[string, unknown]>([
    ['"at most 5" on a 0-5 score', rule(sat, score('lte', 5))],
    ['"at least 0" on a 0-5 score', rule(sat, score('gte', 0))],
    ['"is one of" every enum value', rule(resolution, enumC('in', ['unresolved', 'resolved', 'partially_resolved']))],
  ])('flags a rule every possible value passes: %s', (_, config) => {
    const result = checkRubric(rubric(config), METRIC_MAP);
    expect(result).toMatchObject({ errorCount: 0, warningCount: 1 });
    expect(result.byRule[0][0]).toMatchObject({ severity: 'warning', code: 'always-passes' });
    expect(result.byRule[0][0].message).toMatch(/can never fail a call/);
  });

  it('does not flag a plain number (its range is unknown), nor "is not" a listed value', () => {
    expect(codes(rubric(rule(handle, score('gte', 0)), rule(resolution, enumC('neq', 'resolved'))))).toEqual([[], []]);
  });

  it('a condition every value passes is named in a several-condition rule', () => {
    const [issues] = checkRubric(rubric(rule(sat, score('gte', 2), score('lte', 5))), METRIC_MAP).byRule;
    expect(issues).toMatchObject([{ code: 'always-passes' }]);
    expect(issues[0].message).toContain('"is at most 5"');
    expect(issues[0].message).toMatch(/that condition changes nothing/);
  });

  it('"always passes" is said exactly when every value in the catalogue\'s range passes', () => {
    const ranged = METRICS.filter((m) => m.eval_type === 'continuous_qualitative' || m.eval_type === 'enum');
    fc.assert(
      fc.property(
        fc.constantFrom(...ranged).chain((m) => fc.tuple(fc.constant(m), arbValidCondition(m))),
        ([m, condition]) => {
          const witnesses =
            m.eval_type === 'enum'
              ? (m.enum_values as string[]).map((value) => ({ id: m.id, type: 'enum', value, score: 0 }))
              : Array.from({ length: 21 }, (_, i) => ({ id: m.id, type: m.eval_type, score: i / 4 }));
          const everyPasses = witnesses.every(
            (result) => evaluateRule(rule(m.id, condition), resultsById({ metrics: [result] })) === 'pass',
          );
          const flagged = checkRubric(rubric(rule(m.id, condition)), METRIC_MAP).byRule[0].some(
            (issue) => issue.code === 'always-passes',
          );
          expect(flagged).toBe(everyPasses);
        },
      ),
    );
  });

  it('a rule added without a value blocks saving with a clear message, whatever its type', () => {
    expect(checkRubric(rubric(rule(booked, score('eq', ''))), METRIC_MAP).byRule[0]).toMatchObject([
      { severity: 'error', message: 'Choose True or False for this condition.' },
    ]);
    expect(checkRubric(rubric(rule(resolution, enumC('eq', ''))), METRIC_MAP).byRule[0]).toMatchObject([
      { severity: 'error', message: 'Choose a value.' },
    ]);
  });

  it('flags exact canonical duplicates, whatever their key order', () => {
    const a = rule(sat, score('gte', 4));
    const reordered = {
      conditions: { conditions: [{ value: 4, op: 'gte', field: 'score' }], operator: 'and' },
      metric_id: sat,
    };
    const result = checkRubric(rubric(a, rule(booked, score('eq', 5)), reordered), METRIC_MAP);
    expect(result.byRule.map((i) => i.map((x) => x.code))).toEqual([[], [], ['duplicate']]);
    expect(result.byRule[2][0].message).toContain('rule 1');
    expect(result.errorCount).toBe(0);
  });

  it.each([
    ['score > 4 and score < 3', [score('gt', 4)], [score('lt', 3)], sat],
    ['eq 5 and neq 5', [score('eq', 5)], [score('neq', 5)], booked],
    ['score eq 5 and score eq 4', [score('eq', 5)], [score('eq', 4)], handle],
    ['enum in [a] and eq b', [enumC('in', ['resolved'])], [enumC('eq', 'unresolved')], resolution],
    ['True and False', [score('eq', true)], [score('eq', 0)], booked],
  ])('%s can never pass together', (_, first, second, metricId) => {
    const result = checkRubric(rubric(rule(metricId, ...first), rule(metricId, ...second)), METRIC_MAP);
    expect(result.byRule[1]).toMatchObject([{ severity: 'warning', code: 'never-pass' }]);
    expect(result.byRule[1][0].message).toMatch(/rule 1/);
    expect(result.byRule[1][0].message).toContain(METRIC_MAP.get(metricId)?.name);
  });

  it('flags a single rule that no value on the 0-5 scale satisfies', () => {
    expect(codes(rubric(rule(sat, score('gt', 5))))).toEqual([['never-pass']]);
  });

  it('says what fails in plain words, whatever the metric is called (no "a Empathy value")', () => {
    const [issue] = checkRubric(rubric(rule(sat, score('gt', 5))), METRIC_MAP).byRule[0];
    const name = METRIC_MAP.get(sat)?.name ?? '';
    expect(issue.message).toContain(`Every call with a value for ${name} fails the rubric.`);
  });

  it('finds conflicts only three rules together make', () => {
    const r = rubric(
      rule(resolution, enumC('in', ['resolved', 'unresolved'])),
      rule(resolution, enumC('in', ['resolved', 'partially_resolved'])),
      rule(resolution, enumC('neq', 'resolved')),
    );
    const result = checkRubric(r, METRIC_MAP);
    expect(result.byRule.map((i) => i.map((x) => x.code))).toEqual([[], [], ['never-pass']]);
    expect(result.byRule[2][0].message).toMatch(/rules 1 and 2/);
  });
});

describe('checkRubric properties', () => {
  it('never throws, whatever the rubric holds', () => {
    fc.assert(
      fc.property(fc.array(arbAnyRule, { maxLength: 6 }), fc.boolean(), (rules, known) => {
        const result = checkRubric(rubric(...rules), known ? METRIC_MAP : null);
        expect(result.byRule).toHaveLength(rules.length);
      }),
    );
  });

  it("finds no error in rules built from each metric's own operators and values", () => {
    const arbRule = arbMetric.chain((m) =>
      fc.array(arbValidCondition(m), { minLength: 1, maxLength: 2 }).map((cs) => rule(m.id, ...cs)),
    );
    fc.assert(
      fc.property(fc.array(arbRule, { maxLength: 6 }), (rules) => {
        expect(checkRubric(rubric(...rules), METRIC_MAP).errorCount).toBe(0);
      }),
    );
  });

  it("the form validator's light check blocks on exactly the errors of the full check", () => {
    fc.assert(
      fc.property(fc.array(arbAnyRule, { maxLength: 6 }), fc.boolean(), (rules, known) => {
        const metrics = known ? METRIC_MAP : null;
        const full = checkRubric(rubric(...rules), metrics);
        const light = rubricErrors(rubric(...rules), metrics);
        expect(light.byRule).toEqual(full.byRule.map((issues) => issues.filter((i) => i.severity === 'error')));
        expect(light.general).toEqual(full.general);
      }),
    );
  });

  it('flags an unknown metric id exactly when the metric is missing from the catalogue', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 200 }), (id) => {
        const issues = checkRubric(rubric(rule(id, score('gte', 1))), METRIC_MAP).byRule[0].map((i) => i.code);
        expect(issues.includes('unknown-metric')).toBe(!METRIC_MAP.has(id));
      }),
    );
  });

  // The warning is checked against the evaluator on witness values: it appears exactly when no value of
  // the metric satisfies both rules.
  it('says "never pass together" exactly when no value passes both rules', () => {
    const arbPair = arbMetric.chain((m) => fc.tuple(fc.constant(m), arbValidCondition(m), arbValidCondition(m)));
    fc.assert(
      fc.property(arbPair, ([m, a, b]) => {
        const rules = [rule(m.id, a), rule(m.id, b)];
        const flagged = checkRubric(rubric(...rules), METRIC_MAP)
          .byRule.flat()
          .some((i) => i.code === 'never-pass');
        const anyPasses = witnesses(m, [a.value, b.value]).some((result) =>
          rules.every((r) => evaluateRule(r, resultsById({ metrics: [result] })) === 'pass'),
        );
        expect(flagged).toBe(!anyPasses);
      }),
      { numRuns: 300 },
    );
  });
});

/** Call results covering every region the conditions can tell apart (values are half-steps, so +-0.25 lies between). */
function witnesses(m: Metric, values: unknown[]) {
  const base = { id: m.id, name: m.name, type: m.eval_type };
  const family = familyOf(m);
  if (family === 'binary') return [0, 5].map((score) => ({ ...base, score, enum: null, value: null }));
  if (family === 'enum') return (m.enum_values as string[]).map((v) => ({ ...base, score: 0, enum: v, value: v }));
  const points = values.flatMap((v) => [Number(v) - 0.25, Number(v), Number(v) + 0.25]);
  const inScale =
    m.eval_type === 'continuous_qualitative'
      ? [...points, 0, 5].filter((p) => p >= 0 && p <= 5)
      : [...points, -1000, 1000];
  return inScale.map((score) => ({ ...base, score, enum: null, value: null }));
}

it('covers every metric type in the test catalogue', () => {
  expect(new Set(METRICS.map((m) => familyOf(m)))).toEqual(new Set(['binary', 'score', 'enum']));
});

describe('checkRubric: frozen rules are remembered, never answered differently', () => {
  it('gives the same issues for a rubric whose rules are frozen, checked again after one rule changes', () => {
    fc.assert(
      fc.property(fc.array(arbAnyRule, { minLength: 1, maxLength: 8 }), arbAnyRule, fc.nat(), (rules, next, at) => {
        const config = rubric(...rules);
        const expected = checkRubric(structuredClone(config), METRIC_MAP);
        freezeRules(rulesOf(config));
        expect(checkRubric(config, METRIC_MAP)).toEqual(expected);
        expect(checkRubric(config, METRIC_MAP)).toEqual(expected);
        // One rule replaced (as an edit does): the others keep their objects and memos.
        const edited = replaceRule(config, at % rules.length, next);
        const expectedEdited = checkRubric(structuredClone(edited), METRIC_MAP);
        freezeRules(rulesOf(edited));
        expect(checkRubric(edited, METRIC_MAP)).toEqual(expectedEdited);
      }),
      { numRuns: 200 },
    );
  });
});
