import { describe, expect, expectTypeOf, it } from 'vitest';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import {
  FIELD_KINDS,
  fieldKind,
  type FieldKindSpec,
  type FormValueByKind,
  type SecretEdit,
  type ValueByKind,
} from './field-kinds';
import type { FieldKind } from './schemas/fields';
import type { NoCallsConfigRead } from './schemas/no-calls';
import { rubricConfigSchema, rulesOf, type RubricConfigRead } from './schemas/rubric';
import { freezeRules } from './rubric/frozen-rules';
import { validateField, type ProjectFormValues } from './form';
import type { ProjectPatch } from './schemas/project';

const example = (name: string) =>
  JSON.parse(readFileSync(new URL(`./reference/examples/${name}`, import.meta.url), 'utf8'));
const zones = Intl.supportedValuesOf('timeZone');
const KINDS = Object.keys(FIELD_KINDS) as FieldKind[];

// Valid PATCH values of each kind (what the strict schema accepts), secrets aside: they are never read back.
const apiValueByKind: Record<Exclude<FieldKind, 'secret'>, fc.Arbitrary<unknown>> = {
  boolean: fc.boolean(),
  string: fc.string({ minLength: 1, maxLength: 255 }).filter((text) => text.trim() !== '' && text === text.trim()),
  timezone: fc.constantFrom('UTC', 'Asia/Kolkata', ...zones),
  url: fc.constantFrom('', 'https://hooks.example.com/cekura', 'http://127.0.0.1:9000/hook'),
  int: fc.integer({ min: 0, max: 2147483647 }),
  percent: fc.integer({ min: 0, max: 100000 }).map((hundredThousandths) => hundredThousandths / 100000),
  'int-set': fc.uniqueArray(fc.integer({ min: 1, max: 99999 }), { maxLength: 6 }),
  rubric: fc.constantFrom({}, example('rubric-config.seed.json'), { evaluation_logic: 'and', rules: [] }),
  'no-calls': fc.constant(example('no-calls-notify-time-period.seed.json')),
};
const secretEdit: fc.Arbitrary<SecretEdit> = fc.oneof(
  fc.constant({ mode: 'keep' as const }),
  fc.constant({ mode: 'clear' as const }),
  fc.string({ minLength: 1, maxLength: 40 }).map((value) => ({ mode: 'replace' as const, value })),
);

/** The first issue of the kind's strict schema, as validateField hands it to a kind. */
const strictCheck = (spec: FieldKindSpec<unknown, unknown>) => (value: unknown) => {
  const result = spec.strict.safeParse(value);
  return result.success ? undefined : (result.error.issues[0]?.message ?? 'invalid');
};

describe('the field-kind table', () => {
  it('derives exactly the form and PATCH types the fields had', () => {
    expectTypeOf<FormValueByKind>().toEqualTypeOf<{
      boolean: boolean;
      string: string;
      timezone: string;
      url: string;
      int: string;
      percent: string;
      secret: SecretEdit;
      'int-set': number[];
      rubric: RubricConfigRead;
      'no-calls': NoCallsConfigRead | null;
    }>();
    expectTypeOf<ValueByKind>().toEqualTypeOf<{
      boolean: boolean;
      string: string;
      timezone: string;
      url: string;
      int: number;
      percent: number;
      secret: string;
      'int-set': number[];
      rubric: RubricConfigRead;
      'no-calls': NoCallsConfigRead;
    }>();
    expectTypeOf<ProjectFormValues['outbound_timeout']>().toEqualTypeOf<string>();
    expectTypeOf<ProjectFormValues['notify_cron_failure']>().toEqualTypeOf<boolean>();
    expectTypeOf<ProjectFormValues['webhook_secret']>().toEqualTypeOf<SecretEdit>();
    expectTypeOf<ProjectPatch['sample_rate']>().toEqualTypeOf<number | undefined>();
    expectTypeOf<ProjectPatch['no_calls_notify_time_period']>().toEqualTypeOf<NoCallsConfigRead | undefined>();
  });

  it('a valid PATCH value survives server -> form -> PATCH, passes the kind checks and fits a stored draft', () => {
    for (const [kind, arbitrary] of Object.entries(apiValueByKind)) {
      const spec = fieldKind(kind as FieldKind);
      fc.assert(
        fc.property(arbitrary, (value) => {
          const form = spec.toForm(value);
          expect(spec.fromForm(form)).toEqual(value);
          expect(spec.strict.safeParse(spec.fromForm(form)).success).toBe(true);
          expect(spec.validate(form, strictCheck(spec))).toBeUndefined();
          // A draft is stored as JSON and read back.
          expect(spec.fitsDraft(JSON.parse(JSON.stringify(form)))).toBe(true);
          expect(spec.normalise(JSON.parse(JSON.stringify(form)))).toBe(spec.normalise(form));
        }),
        { numRuns: 60 },
      );
    }
  });

  it('a secret is read as "keep", sent only when replaced or cleared, and never stored in a draft', () => {
    const spec = FIELD_KINDS.secret;
    expect(spec.toForm('stored-in-clear')).toEqual({ mode: 'keep' });
    fc.assert(
      fc.property(secretEdit, (edit) => {
        const sent = spec.fromForm(edit);
        expect(sent).toBe(edit.mode === 'replace' ? edit.value : edit.mode === 'clear' ? '' : undefined);
        expect(spec.fitsDraft(edit)).toBe(false);
        if (sent !== undefined) expect(spec.strict.safeParse(sent).success).toBe(true);
      }),
    );
    // An opened but empty replacement is no edit yet, and blocks nothing until typed into.
    expect(spec.normalise({ mode: 'replace', value: '' })).toBe(spec.normalise({ mode: 'keep' }));
    expect(spec.validate({ mode: 'replace', value: '  ' }, () => undefined)).toMatch(/Enter the new value/);
  });

  it('is total: any server value gives a form value that normalises, and that a draft keeps', () => {
    fc.assert(
      fc.property(fc.constantFrom(...KINDS), fc.anything(), (kind, value) => {
        const spec = fieldKind(kind);
        const form = spec.toForm(value);
        const text = spec.normalise(form);
        expect(typeof text).toBe('string');
        expect(spec.normalise(spec.toForm(value))).toBe(text); // stable, also for a fresh copy
        // Secrets are never stored; an id list the server sent with a fraction in it is not restored either.
        const fractionalIds = kind === 'int-set' && !(form as number[]).every(Number.isInteger);
        expect(spec.fitsDraft(form)).toBe(kind !== 'secret' && !fractionalIds);
      }),
      // Always tried: JSON whose toString is no function (String() of it throws; fast-check found it once).
      {
        numRuns: 300,
        examples: KINDS.flatMap((kind) => [
          [kind, { toString: '' }],
          [kind, { toString: '', valueOf: '' }],
        ]) as [FieldKind, unknown][],
      },
    );
  });

  it('normalises away what is no change: number spelling, set order, rule order', () => {
    expect(FIELD_KINDS.int.normalise(' 05 ')).toBe(FIELD_KINDS.int.normalise('5'));
    expect(FIELD_KINDS.percent.normalise('12.50')).toBe(FIELD_KINDS.percent.normalise('12.5'));
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer(), { maxLength: 8 }), (ids) => {
        expect(FIELD_KINDS['int-set'].normalise([...ids].reverse())).toBe(FIELD_KINDS['int-set'].normalise(ids));
      }),
    );
    const rubric = example('rubric-config.seed.json') as { rules: unknown[] };
    const reordered = { ...rubric, rules: [...rubric.rules].reverse() };
    expect(FIELD_KINDS.rubric.normalise(reordered)).toBe(FIELD_KINDS.rubric.normalise(rubric));
    const schedule = example('no-calls-notify-time-period.seed.json') as { agents: number[] };
    const agentsReordered = { ...schedule, agents: [...schedule.agents].reverse() };
    expect(FIELD_KINDS['no-calls'].normalise(agentsReordered)).toBe(FIELD_KINDS['no-calls'].normalise(schedule));
  });

  it('refuses a stored draft value of the wrong shape', () => {
    expect(FIELD_KINDS.boolean.fitsDraft('true')).toBe(false);
    expect(FIELD_KINDS.int.fitsDraft(5)).toBe(false);
    expect(FIELD_KINDS['int-set'].fitsDraft([1, 2.5])).toBe(false);
    expect(FIELD_KINDS.rubric.fitsDraft([])).toBe(false);
    expect(FIELD_KINDS['no-calls'].fitsDraft(null)).toBe(true);
    expect(FIELD_KINDS['no-calls'].fitsDraft('schedule')).toBe(false);
  });
});

describe("the rubric's validation, rules remembered", () => {
  // What the rubric's check was before rules were remembered: the strict schema over the whole value.
  const wholeValueMessage = (value: unknown) => {
    const result = rubricConfigSchema.safeParse(value);
    if (result.success) return undefined;
    const issue = result.error.issues[0];
    return `${issue?.path.length ? `${issue.path.join('.')}: ` : ''}${issue?.message ?? 'Invalid value.'}`;
  };
  const condition = fc.record({
    field: fc.constantFrom('score', 'enum'),
    op: fc.constantFrom('gt', 'lte', 'eq', 'in', 'between'),
    value: fc.oneof(fc.integer(), fc.boolean(), fc.string(), fc.array(fc.string(), { maxLength: 2 })),
  });
  const rule = fc.oneof(
    fc.record({
      metric_id: fc.oneof(fc.integer(), fc.constant(1.5)),
      conditions: fc.record({
        operator: fc.constantFrom('and', 'or'),
        conditions: fc.array(condition, { maxLength: 2 }),
      }),
    }),
    fc.jsonValue(),
  );
  const rubric = fc.oneof(
    fc.constant({}),
    fc.record({ evaluation_logic: fc.constantFrom('and', 'or'), rules: fc.array(rule, { maxLength: 6 }) }),
    fc.record({ rules: fc.array(rule, { maxLength: 3 }) }),
    fc.jsonValue(),
  );

  it('gives the message the whole-value check gave, before and after its rules are frozen (and remembered)', () => {
    fc.assert(
      fc.property(rubric, (value) => {
        const expected = wholeValueMessage(value);
        expect(validateField('rubric_config', value)).toBe(expected);
        freezeRules(rulesOf(value));
        expect(validateField('rubric_config', value)).toBe(expected);
        expect(validateField('rubric_config', value)).toBe(expected);
      }),
      { numRuns: 300 },
    );
  });
});
