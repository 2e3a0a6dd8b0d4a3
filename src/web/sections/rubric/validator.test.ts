import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { toFormValues, type ProjectFormValues } from '../../../shared/form';
import type { Project } from '../../../shared/schemas/project';
import { METRIC_MAP, METRICS, rubric, rule } from '../../../shared/rubric/testing';
import { buildCatalog } from '../../api/metrics';
import { queryKeys } from '../../api/keys';
import { rubricValidator } from './validator';

const sat = 102;
const base = { id: 7, name: 'P', rubric_config: {} } as unknown as Project;
const withRubric = (config: unknown): ProjectFormValues => ({ ...toFormValues(base), rubric_config: config as never });
const run = (config: unknown, queryClient = new QueryClient()) =>
  rubricValidator({ projectId: 7, base, values: withRubric(config), queryClient });

describe('rubricValidator', () => {
  it('blocks on errors at the rule path, never on warnings', () => {
    const queryClient = new QueryClient();
    queryClient.setQueryData(queryKeys.metrics(7), buildCatalog(METRICS, []));
    const config = rubric(
      rule(sat, { field: 'score', op: 'gte', value: 9 }),
      rule(sat, { field: 'score', op: 'gt', value: 4 }),
      rule(sat, { field: 'score', op: 'lt', value: 3 }),
      rule(sat, { field: 'score', op: 'lt', value: 3 }),
      rule(999, { field: 'score', op: 'gte', value: 1 }),
    );
    const issues = run(config, queryClient);
    expect(issues.map((i) => i.path)).toEqual(['rubric_config.rules.0', 'rubric_config.rules.4']);
    expect(issues[1].message).toMatch(/Metric #999/);
  });

  it('does not flag unknown metrics while the metrics are not loaded', () => {
    expect(run(rubric(rule(999, { field: 'score', op: 'gte', value: 1 })))).toEqual([]);
    expect(run(rubric(rule(999, { field: 'score', op: 'in', value: [] }))).map((i) => i.path)).toEqual([
      'rubric_config.rules.0',
    ]);
  });

  it('reports rubric-level problems at rubric_config', () => {
    expect(run({ evaluation_logic: 'or', rules: [] })).toEqual([
      { path: 'rubric_config', message: expect.stringContaining('"and"') },
    ]);
  });
});

describe('buildCatalog', () => {
  it('unions project and agent metrics by id, project first, each group by name', () => {
    const [a, b, c] = METRICS;
    const catalog = buildCatalog([c, a], [b, a]);
    expect(catalog.metrics.map((m) => [m.name, m.scope])).toEqual([
      [a.name, 'project'],
      [c.name, 'project'],
      [b.name, 'agent'],
    ]);
    expect(catalog.byId.get(a.id)?.scope).toBe('project');
    expect(catalog.byId.size).toBe(3);
    expect(METRIC_MAP.size).toBe(METRICS.length);
  });
});
