// Contract: every PATCH body the console can produce (the form's diff after any valid edits, and the
// danger zone's delete/restore) validates against the vendor's PatchedProject, with no read-only,
// write-only-for-create or unknown key.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { validatePatchBody } from '../../test-support/contract';
import {
  PROJECT_FIELDS,
  PROJECT_FIELD_NAMES,
  projectPatchSchema,
  type ProjectField,
} from '../../shared/schemas/project';
import { toFormValues, validateField, type ProjectFormValues } from '../../shared/form';
import { buildPatch, isFieldDirty } from '../../shared/patch';
import { testProject } from './test-project';

const example = (name: string) =>
  JSON.parse(readFileSync(new URL(`../../shared/reference/examples/${name}`, import.meta.url), 'utf8'));
const zones = Intl.supportedValuesOf('timeZone');

const editByKind: Record<string, fc.Arbitrary<unknown>> = {
  boolean: fc.boolean(),
  string: fc.string({ minLength: 1, maxLength: 255 }),
  timezone: fc.constantFrom('UTC', 'Asia/Kolkata', ...zones),
  url: fc.constantFrom('', 'https://hooks.example.com/cekura', 'http://127.0.0.1:9000/hook'),
  int: fc.integer({ min: 0, max: 2147483647 }).map(String),
  percent: fc.integer({ min: 0, max: 100000 }).map((thousandths) => String(thousandths / 1000)),
  secret: fc.oneof(
    fc.constant({ mode: 'keep' }),
    fc.constant({ mode: 'clear' }),
    fc.string({ minLength: 1, maxLength: 40 }).map((value) => ({ mode: 'replace', value })),
  ),
  'int-set': fc.uniqueArray(fc.integer({ min: 1, max: 99999 }), { maxLength: 6 }),
  rubric: fc.constantFrom({}, example('rubric-config.seed.json'), { evaluation_logic: 'and', rules: [] }),
  'no-calls': fc.constant(example('no-calls-notify-time-period.seed.json')),
};

const edits = fc
  .dictionary(fc.constantFrom(...PROJECT_FIELD_NAMES), fc.constant(null), { maxKeys: 12 })
  .chain((picked) =>
    fc.record(
      Object.fromEntries(
        Object.keys(picked).map((field) => [field, editByKind[PROJECT_FIELDS[field as ProjectField].kind]]),
      ),
    ),
  );

describe('PATCH bodies against the vendor contract', () => {
  it('any valid set of edits produces a body the API accepts, with only the edited fields', () => {
    const base = testProject({
      webhook_url: 'https://old.example.com/hook',
      no_calls_notify_time_period: example('no-calls-notify-time-period.seed.json'),
    });
    const baseValues = toFormValues(base);
    let checked = 0;
    fc.assert(
      fc.property(edits, (changes) => {
        const values = { ...baseValues, ...changes } as ProjectFormValues;
        const dirty = PROJECT_FIELD_NAMES.filter((field) => isFieldDirty(field, baseValues, values));
        // The console sends nothing while an edited field is invalid.
        if (dirty.some((field) => validateField(field, values[field], values))) return;
        const body = buildPatch(base, values);
        expect(validatePatchBody(body)).toEqual([]);
        expect(projectPatchSchema.safeParse(body).success).toBe(true);
        expect(Object.keys(body).every((key) => dirty.includes(key as ProjectField))).toBe(true);
        checked += 1;
      }),
      { numRuns: 300 },
    );
    expect(checked).toBeGreaterThan(100);
  });

  it('delete and restore send only is_deleted', () => {
    expect(validatePatchBody({ is_deleted: true })).toEqual([]);
    expect(validatePatchBody({ is_deleted: false })).toEqual([]);
  });

  it('the contract check itself refuses what the console must never send', () => {
    expect(validatePatchBody({ synthflow_api_key: 'x' })).not.toEqual([]);
    expect(validatePatchBody({ id: 3 })).not.toEqual([]);
  });
});
