import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  combineRubric,
  describeMappingLine,
  initialDecisions,
  isIdentity,
  mappingLines,
  matchRefs,
  referencedIds,
  refsOf,
  rowKey,
  rulesLost,
  translateSettings,
  undecided,
  type RefCatalog,
  type Settings,
} from './id-mapping';
import { canonicalJson, rulesOf } from './schemas/rubric';
import { exportSettings, parseSettingsImport } from './transfer';
import type { Project } from './schemas/project';

const rule = (metricId: unknown, value: unknown = 3) => ({
  metric_id: metricId,
  conditions: { operator: 'and', conditions: [{ field: 'score', op: 'gte', value }] },
});

// Bolt (the source) and Acme (the target), as in the demo: one metric of the same name and type.
const bolt: RefCatalog = {
  metric: [
    { id: 48311, name: 'Latency (ms)', type: 'numeric' },
    { id: 48309, name: 'Objection handling', type: 'continuous_qualitative' },
    { id: 48320, name: 'GDPR consent captured', type: 'binary_workflow_adherence' },
  ],
  dashboard: [{ id: 7711, name: 'Pipeline calls' }],
  agent: [{ id: 6207, name: 'Bolt SDR' }],
};
const acme: RefCatalog = {
  metric: [
    { id: 48224, name: 'Latency (ms)', type: 'numeric' },
    { id: 48229, name: 'Empathy', type: 'continuous_qualitative' },
    { id: 48220, name: 'GDPR consent captured', type: 'enum' }, // same name, other type: no match
  ],
  dashboard: [
    { id: 7702, name: 'Pipeline Calls ' }, // case and spaces do not matter
    { id: 7709, name: 'Weekly CSAT trend' },
  ],
  agent: [
    { id: 6204, name: 'Bolt SDR' },
    { id: 6205, name: 'bolt sdr' },
  ],
};
const settings: Settings = {
  rubric_config: { evaluation_logic: 'and', rules: [rule(48311, 1800), rule(48309), rule(48320, true)] },
  daily_report_dashboard_ids: [7711],
  no_calls_notify_time_period: { time_zone: 'UTC', time_periods: [], agents: [6207] },
};

describe('matchRefs', () => {
  it('matches metrics by name and type, dashboards and agents by name; same names ask; none is unmatched', () => {
    const rows = matchRefs(settings, bolt, acme);
    expect(rows.map((row) => [rowKey(row), row.match])).toEqual([
      ['metric:48311', { status: 'matched', targetId: 48224, by: 'name' }],
      ['metric:48309', { status: 'unmatched' }],
      ['metric:48320', { status: 'unmatched' }],
      ['dashboard:7711', { status: 'matched', targetId: 7702, by: 'name' }],
      ['agent:6207', { status: 'ambiguous', candidates: [6204, 6205] }],
    ]);
    expect(rows[2].type).toBe('binary'); // legacy binary types read as binary
  });

  it('a file without names (version 1) matches by id only where the id exists in the target', () => {
    const rows = matchRefs({ daily_report_dashboard_ids: [7709, 7711] }, null, acme);
    expect(rows.map((row) => row.match)).toEqual([
      { status: 'matched', targetId: 7709, by: 'id' },
      { status: 'unmatched' },
    ]);
  });
});

describe('translateSettings', () => {
  const rows = matchRefs(settings, bolt, acme);

  it('refuses to translate while an id has no decision', () => {
    const decisions = initialDecisions(rows);
    expect(undecided(rows, decisions).map(rowKey)).toEqual(['metric:48309', 'metric:48320', 'agent:6207']);
    expect(() => translateSettings(settings, rows, decisions)).toThrow(/No decision/);
  });

  it('replaces chosen ids, drops rules of dropped metrics, keeps rule key order and other keys', () => {
    const decisions = {
      ...initialDecisions(rows),
      'metric:48309': 48229,
      'metric:48320': 'drop' as const,
      'agent:6207': 6205,
    };
    const out = translateSettings(settings, rows, decisions);
    expect(rulesOf(out.rubric_config)).toEqual([rule(48224, 1800), rule(48229)]);
    expect(Object.keys(rulesOf(out.rubric_config)[0] as object)).toEqual(['metric_id', 'conditions']);
    expect(out.daily_report_dashboard_ids).toEqual([7702]);
    expect(out.no_calls_notify_time_period).toEqual({ time_zone: 'UTC', time_periods: [], agents: [6205] });
    expect(mappingLines(rows, decisions, acme).map(describeMappingLine)).toEqual([
      'Metric "Latency (ms)" #48311 -> "Latency (ms)" #48224',
      'Metric "Objection handling" #48309 -> "Empathy" #48229',
      'Metric "GDPR consent captured" #48320 -> dropped (no match in this project)',
      'Dashboard "Pipeline calls" #7711 -> "Pipeline Calls " #7702',
      'Agent "Bolt SDR" #6207 -> "bolt sdr" #6205',
    ]);
  });

  it('property: mapping every id to itself changes nothing (the same objects)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 40 }), { maxLength: 8 }),
        fc.array(fc.integer({ min: 1, max: 40 }), { maxLength: 5 }),
        (metricIds, dashboardIds) => {
          const input: Settings = {
            rubric_config: { evaluation_logic: 'and', rules: metricIds.map((id) => rule(id)) },
            daily_report_dashboard_ids: [...new Set(dashboardIds)],
          };
          const catalog: RefCatalog = {
            metric: metricIds.map((id) => ({ id, name: `m${id}`, type: 'numeric' })),
            dashboard: dashboardIds.map((id) => ({ id, name: `d${id}` })),
            agent: [],
          };
          const found = matchRefs(input, null, catalog);
          const decisions = initialDecisions(found);
          expect(isIdentity(found, decisions)).toBe(true);
          const out = translateSettings(input, found, decisions);
          expect(out.rubric_config).toBe(input.rubric_config);
          expect(out.daily_report_dashboard_ids).toBe(input.daily_report_dashboard_ids);
        },
      ),
    );
  });

  it('property: after translation no id outside the target remains, and dropping removes exactly its rules', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 12 }), { maxLength: 10 }),
        fc.func(fc.oneof(fc.constant<'drop'>('drop'), fc.integer({ min: 100, max: 105 }))),
        (metricIds, choose) => {
          const input: Settings = {
            rubric_config: { evaluation_logic: 'and', rules: metricIds.map((id) => rule(id)) },
          };
          const target: RefCatalog = {
            metric: [100, 101, 102, 103, 104, 105].map((id) => ({ id, name: `t${id}`, type: 'numeric' })),
            dashboard: [],
            agent: [],
          };
          const found = matchRefs(input, null, target); // all unmatched: the ids are not in the target
          const decisions = Object.fromEntries(found.map((row) => [rowKey(row), choose(row.id)]));
          const out = rulesOf(translateSettings(input, found, decisions).rubric_config) as { metric_id: number }[];
          for (const r of out) expect(r.metric_id).toBeGreaterThanOrEqual(100);
          expect(out).toHaveLength(metricIds.filter((id) => choose(id) !== 'drop').length);
        },
      ),
    );
  });
});

describe('export file names beside ids', () => {
  it('version 2 carries the referenced items; version 1 files still read, without names', () => {
    const project = { id: 1842, name: 'Bolt', ...settings } as unknown as Project;
    const file = exportSettings(project, new Date('2026-12-01T00:00:00Z'), bolt);
    expect(file.version).toBe(2);
    expect(file.refs).toEqual(refsOf(settings, bolt));
    expect(file.refs.metric.map((m) => m.id)).toEqual([48311, 48309, 48320]);
    const read = parseSettingsImport(JSON.stringify(file));
    expect(read.errors).toEqual([]);
    expect(read.refs).toEqual(file.refs);

    const old = parseSettingsImport(JSON.stringify({ ...file, version: 1, refs: undefined }));
    expect(old.errors).toEqual([]);
    expect(old.refs).toBeNull();
    expect(referencedIds(old.settings).dashboard).toEqual([7711]);
  });

  it('refuses malformed refs with a message', () => {
    const project = { id: 1842, name: 'Bolt', ...settings } as unknown as Project;
    const file = { ...exportSettings(project, new Date(), bolt), refs: { metric: [{ id: 'x' }], widget: [] } };
    expect(parseSettingsImport(JSON.stringify(file)).errors).toEqual([
      '"refs.metric[0]" needs a whole-number id and a name.',
      '"refs.widget" is not a list of metrics, dashboards or agents.',
    ]);
  });
});

describe('combineRubric', () => {
  const target = { evaluation_logic: 'and', rules: [rule(1), rule(2, 4)] };
  const incoming = { evaluation_logic: 'and', rules: [rule(2, 4), rule(3)] };

  it('add keeps every target rule and adds only the missing ones; replace takes the incoming rubric', () => {
    const added = combineRubric(target, incoming, 'add');
    expect(rulesOf(added)).toEqual([rule(1), rule(2, 4), rule(3)]);
    expect(rulesLost(target, added)).toEqual([]);
    const replaced = combineRubric(target, incoming, 'replace');
    expect(replaced).toBe(incoming);
    expect(rulesLost(target, replaced)).toEqual([rule(1)]);
    expect(combineRubric({}, incoming, 'add')).toEqual({ evaluation_logic: 'and', rules: incoming.rules });
  });

  it('property: add never loses a target rule and holds every incoming rule', () => {
    const arbRule = fc
      .tuple(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 0, max: 3 }))
      .map(([m, v]) => rule(m, v));
    fc.assert(
      fc.property(fc.array(arbRule, { maxLength: 8 }), fc.array(arbRule, { maxLength: 8 }), (mine, theirs) => {
        const out = rulesOf(combineRubric({ evaluation_logic: 'and', rules: mine }, { rules: theirs }, 'add'));
        expect(rulesLost({ rules: mine }, { rules: out })).toEqual([]);
        const keys = out.map(canonicalJson);
        for (const r of theirs) expect(keys).toContain(canonicalJson(r));
      }),
    );
  });
});
