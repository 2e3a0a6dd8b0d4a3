// The seed builders: documentation examples adapted with their key order kept, deterministic generation.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { agents, metrics } from './seed-demo';
import { buildDemoSeed, DEMO_AGENT_IDS, DEMO_PROJECT_ID, exampleNoCallsForDemo, exampleRubricForDemo } from './seed';

const doc = (file: string) =>
  fs.readFileSync(new URL(`../../shared/reference/examples/${file}`, import.meta.url), 'utf8');

/** Every key path of a JSON value, in order (values left out). */
const keyPaths = (v: unknown, path = ''): string[] => {
  if (Array.isArray(v)) return v.flatMap((x, i) => keyPaths(x, `${path}[${i}]`));
  if (v && typeof v === 'object')
    return Object.entries(v).flatMap(([k, x]) => [`${path}.${k}`, ...keyPaths(x, `${path}.${k}`)]);
  return [];
};

describe('documentation examples adapted to the demo project', () => {
  it('keep the rubric example key for key, with the demo metric ids (same eval types as the doc implies)', () => {
    const original = JSON.parse(doc('rubric-config.seed.json'));
    const adapted = exampleRubricForDemo();
    expect(keyPaths(adapted)).toEqual(keyPaths(original));
    const ids = (r: { rules: { metric_id: number }[] }) => r.rules.map((x) => x.metric_id);
    const demoIds = ids(adapted as { rules: { metric_id: number }[] });
    expect(demoIds.some((id) => ids(original).includes(id))).toBe(false);
    const evalTypes = demoIds.map((id) => metrics.find((m) => m.id === id)?.evalType);
    expect(evalTypes).toEqual(['binary', 'continuous_qualitative', 'enum']);
    for (const id of demoIds) expect(metrics.find((m) => m.id === id)?.projectId).toBe(DEMO_PROJECT_ID);
    // Everything but the ids is the doc's, byte for byte once serialised.
    let text = JSON.stringify(adapted);
    ids(original).forEach((id, i) => {
      text = text.replace(`"metric_id":${demoIds[i]}`, `"metric_id":${id}`);
    });
    expect(text).toBe(JSON.stringify(original));
  });

  it('keep the no-calls example key for key, with three of the demo agents excluded', () => {
    const original = JSON.parse(doc('no-calls-notify-time-period.seed.json'));
    const adapted = exampleNoCallsForDemo() as { agents: number[] };
    expect(keyPaths(adapted)).toEqual(keyPaths(original));
    expect({ ...adapted, agents: original.agents }).toEqual(original);
    expect(adapted.agents.length).toBe(3);
    for (const id of adapted.agents) expect(Object.values(DEMO_AGENT_IDS)).toContain(id);
    expect(agents.filter((a) => a.projectId === DEMO_PROJECT_ID).length).toBeGreaterThan(adapted.agents.length);
  });
});

describe('demo seed', () => {
  it('is deterministic for a given clock', () => {
    const now = Date.UTC(2026, 0, 15, 12);
    expect(JSON.stringify(buildDemoSeed(now))).toBe(JSON.stringify(buildDemoSeed(now)));
  });

  it('gives every project at least three agents and ids that increase with time', () => {
    const seed = buildDemoSeed(Date.now());
    for (const p of seed.projects)
      expect(seed.agents.filter((a) => a.projectId === p.id).length).toBeGreaterThanOrEqual(3);
    const calls = seed.callLogs;
    for (let i = 1; i < calls.length; i++) {
      expect(calls[i].id).toBeGreaterThan(calls[i - 1].id);
      expect(calls[i].ts).toBeGreaterThanOrEqual(calls[i - 1].ts);
    }
  });
});

describe('the scale seed fleet', () => {
  it('has at least 50 projects with their own names, each with agents, metrics and dashboards of its own', async () => {
    const { buildScaleSeed } = await import('./seed-scale');
    const { fleetProjectIds, FLEET_SHARED_METRICS } = await import('./seed-fleet');
    const seed = buildScaleSeed(Date.now());
    const ids = fleetProjectIds();
    expect(ids.length).toBeGreaterThanOrEqual(50);
    const fleet = seed.projects.filter((p) => ids.includes(p.id));
    expect(new Set(fleet.map((p) => p.name)).size).toBe(ids.length);
    const allIds = (list: { id: number }[]) => new Set(list.map((x) => x.id)).size === list.length;
    expect([allIds(seed.agents), allIds(seed.metrics), allIds(seed.dashboards), allIds(seed.projects)]).toEqual([
      true,
      true,
      true,
      true,
    ]);
    for (const p of fleet) {
      const own = <T extends { projectId: number | null }>(list: T[]) => list.filter((x) => x.projectId === p.id);
      expect(own(seed.agents).length, p.name).toBeGreaterThanOrEqual(3);
      expect(own(seed.dashboards).length, p.name).toBeGreaterThanOrEqual(2);
      // The shared names (other ids in each project) and one metric of its own.
      expect(own(seed.metrics).map((m) => m.name)).toEqual([
        ...FLEET_SHARED_METRICS.map((m) => m.name),
        expect.stringContaining(p.name.replace(/ Line$/, '')),
      ]);
      // Its settings name only its own ids.
      const fields = p.fields as {
        rubric_config: { rules: { metric_id: number }[] };
        daily_report_dashboard_ids: number[];
      };
      for (const r of fields.rubric_config.rules) expect(own(seed.metrics).map((m) => m.id)).toContain(r.metric_id);
      for (const d of fields.daily_report_dashboard_ids) expect(own(seed.dashboards).map((x) => x.id)).toContain(d);
    }
  });
});
