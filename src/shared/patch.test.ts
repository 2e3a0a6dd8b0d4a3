import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { buildPatch, dirtyFields, isFieldDirty } from './patch';
import { toFormValues, type ProjectFormValues } from './form';
import type { Project } from './schemas/project';

const example = (name: string) =>
  JSON.parse(readFileSync(new URL(`./reference/examples/${name}`, import.meta.url), 'utf8'));

function baseProject(overrides: Record<string, unknown> = {}): Project {
  return {
    id: 7,
    name: 'Support line',
    timezone: 'America/New_York',
    outbound_timeout: 240,
    max_call_duration: 900,
    min_call_duration: 20,
    sample_rate: 0.5,
    max_messages_chat_runs_limit: 100,
    end_call_enabled: true,
    use_provider_transcript: false,
    is_deleted: false,
    webhook_url: 'https://hooks.example.com/cekura',
    webhook_secret_configured: true,
    vapi_api_key_configured: true,
    daily_report_dashboard_ids: [7702, 7709, 7710],
    rubric_config: example('rubric-config.seed.json'),
    no_calls_notify_time_period: example('no-calls-notify-time-period.seed.json'),
    ...overrides,
  } as Project;
}

const edit = (project: Project, change: (values: ProjectFormValues) => void) => {
  const values = toFormValues(project);
  change(values);
  return values;
};

describe('buildPatch', () => {
  it('sends nothing for an untouched form, and only the edited fields otherwise', () => {
    const base = baseProject();
    expect(buildPatch(base, toFormValues(base))).toEqual({});
    const values = edit(base, (v) => {
      v.name = 'Support line EU';
      v.max_call_duration = '600';
      v.end_call_enabled = false;
    });
    expect(buildPatch(base, values)).toEqual({
      name: 'Support line EU',
      max_call_duration: 600,
      end_call_enabled: false,
    });
  });

  it('edited back = clean: a field changed and changed back is not sent and not dirty', () => {
    const base = baseProject();
    const values = edit(base, (v) => {
      v.name = 'Something else';
      v.name = 'Support line';
      v.outbound_timeout = '300';
      v.outbound_timeout = ' 240 ';
      v.sample_rate = '50.000';
    });
    expect(buildPatch(base, values)).toEqual({});
    expect(dirtyFields(base, values)).toEqual([]);
  });

  it('sets ignore order: reordered dashboard ids, exception numbers and excluded agents are not changes', () => {
    const base = baseProject();
    const values = edit(base, (v) => {
      v.daily_report_dashboard_ids = [7710, 7702, 7709];
      const noCalls = v.no_calls_notify_time_period!;
      noCalls.exception_numbers = [...(noCalls.exception_numbers as string[])].reverse();
      noCalls.agents = [90, 1, 10];
    });
    expect(buildPatch(base, values)).toEqual({});
    const changed = edit(base, (v) => {
      v.daily_report_dashboard_ids = [7710, 7702];
    });
    expect(buildPatch(base, changed)).toEqual({ daily_report_dashboard_ids: [7710, 7702] });
  });

  it('percent rounding never rewrites a stored sample rate that was not edited', () => {
    // 0.12345 shows as 12.345 %; the stored fraction must not be replaced by a rounded one.
    for (const stored of [0.12345, 1 / 3, 0.0000001, 0.5]) {
      const base = baseProject({ sample_rate: stored });
      expect(buildPatch(base, toFormValues(base))).toEqual({});
    }
    const base = baseProject({ sample_rate: 1 / 3 });
    expect(toFormValues(base).sample_rate).toBe('33.333');
    expect(
      buildPatch(
        base,
        edit(base, (v) => (v.sample_rate = '0.1')),
      ),
    ).toEqual({ sample_rate: 0.001 });
    expect(
      buildPatch(
        base,
        edit(base, (v) => (v.sample_rate = '12.345')),
      ),
    ).toEqual({ sample_rate: 0.12345 });
  });

  it('secrets: keep is never sent, replace sends the new value, clear sends ""', () => {
    const base = baseProject();
    expect(toFormValues(base).webhook_secret).toEqual({ mode: 'keep' });
    expect(
      buildPatch(
        base,
        edit(base, (v) => (v.webhook_secret = { mode: 'keep' })),
      ),
    ).toEqual({});
    expect(
      buildPatch(
        base,
        edit(base, (v) => (v.webhook_secret = { mode: 'replace', value: 'whsec_new' })),
      ),
    ).toEqual({ webhook_secret: 'whsec_new' });
    expect(
      buildPatch(
        base,
        edit(base, (v) => (v.vapi_api_key = { mode: 'clear' })),
      ),
    ).toEqual({ vapi_api_key: '' });
    // A replacement opened but left empty is no change yet: not counted, not checked, not sent.
    const opened = edit(base, (v) => (v.vapi_api_key = { mode: 'replace', value: '' }));
    expect(buildPatch(base, opened)).toEqual({});
    expect(isFieldDirty('vapi_api_key', toFormValues(base), opened)).toBe(false);
    // A secret the API returned in clear (old API version) is still never sent back unchanged.
    const leaky = baseProject({ webhook_secret: 'whsec_old' });
    expect(buildPatch(leaky, toFormValues(leaky))).toEqual({});
  });

  it('a reordered rubric is not a change; any rule change sends the whole rubric with unchanged rules as received', () => {
    const base = baseProject();
    const rules = (base.rubric_config as { rules: unknown[] }).rules;
    const reordered = edit(base, (v) => {
      v.rubric_config = { ...v.rubric_config, rules: [...(v.rubric_config.rules ?? [])].reverse() };
    });
    expect(isFieldDirty('rubric_config', toFormValues(base), reordered)).toBe(false);
    expect(buildPatch(base, reordered)).toEqual({});

    const removed = edit(base, (v) => {
      v.rubric_config = { ...v.rubric_config, rules: v.rubric_config.rules!.slice(1) };
    });
    const patch = buildPatch(base, removed);
    expect(patch.rubric_config).toEqual({ evaluation_logic: 'and', rules: rules.slice(1) });
    expect(JSON.stringify(patch.rubric_config?.rules?.[0])).toBe(JSON.stringify(rules[1]));
  });

  it('clearing the rubric sends {}', () => {
    const base = baseProject();
    expect(
      buildPatch(
        base,
        edit(base, (v) => (v.rubric_config = {})),
      ),
    ).toEqual({ rubric_config: {} });
  });

  it('property: a form built from any project sends nothing', () => {
    const project = fc.record({
      name: fc.oneof(fc.string(), fc.constant(null)),
      outbound_timeout: fc.oneof(fc.integer({ min: 0, max: 300 }), fc.constant(null)),
      max_call_duration: fc.integer({ min: 0, max: 100000 }),
      sample_rate: fc.oneof(fc.double({ min: 0, max: 1, noNaN: true }), fc.constant(null)),
      daily_report_dashboard_ids: fc.array(fc.integer({ min: 1, max: 9999 })),
      end_call_enabled: fc.oneof(fc.boolean(), fc.constant(null)),
      timezone: fc.constantFrom('UTC', 'Asia/Kolkata', 'Europe/Kyiv', 'Mars/Base'),
    });
    fc.assert(
      fc.property(project, (fields) => {
        const base = baseProject(fields);
        expect(buildPatch(base, toFormValues(base))).toEqual({});
      }),
    );
  });
});
