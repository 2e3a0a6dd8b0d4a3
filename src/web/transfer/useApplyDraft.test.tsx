// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, renderHook, act } from '@testing-library/react';
import type { ReactNode } from 'react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { FormProvider, useForm, type UseFormReturn } from 'react-hook-form';
import { toFormValues, type ProjectFormValues } from '../../shared/form';
import { buildPatch } from '../../shared/patch';
import type { Project } from '../../shared/schemas/project';
import type { Metric } from '../../shared/schemas/metric';
import { buildCatalog } from '../api/metrics';
import { queryKeys } from '../api/keys';
import { useApplyDraft } from './useApplyDraft';

afterEach(cleanup);

const PROJECT_ID = 7;
const base = {
  id: PROJECT_ID,
  name: 'Here',
  timezone: 'UTC',
  notify_daily_report: false,
  webhook_url: '',
  rubric_config: { evaluation_logic: 'and', rules: [] },
} as unknown as Project;
const rule = (metricId: number) => ({
  metric_id: metricId,
  conditions: { operator: 'and', conditions: [{ field: 'score', op: 'eq', value: 5 }] },
});

function setup(withCatalog: boolean) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  if (withCatalog)
    client.setQueryData(queryKeys.metrics(PROJECT_ID), buildCatalog([{ id: 1, name: 'Known' } as Metric], []));
  let form!: UseFormReturn<ProjectFormValues>;
  function Wrapper({ children }: { children: ReactNode }) {
    form = useForm<ProjectFormValues>({ defaultValues: toFormValues(base) });
    return (
      <QueryClientProvider client={client}>
        <FormProvider {...form}>{children}</FormProvider>
      </QueryClientProvider>
    );
  }
  const { result } = renderHook(() => useApplyDraft(PROJECT_ID), { wrapper: Wrapper });
  return { apply: result.current, form: () => form };
}

describe('useApplyDraft', () => {
  it('sets only the differing fields as dirty edits, and counts rules whose metric the project lacks', async () => {
    const { apply, form } = setup(true);
    let change!: Awaited<ReturnType<typeof apply>>;
    await act(async () => {
      change = await apply({
        timezone: 'UTC',
        notify_daily_report: true,
        rubric_config: { evaluation_logic: 'and', rules: [rule(1), rule(2), rule(3)] },
      });
    });
    expect(change.changed.sort()).toEqual(['notify_daily_report', 'rubric_config']);
    expect(change.unknownMetricRules).toBe(2);
    const dirty = (field: 'timezone' | 'notify_daily_report' | 'rubric_config') => form().getFieldState(field).isDirty;
    expect([dirty('notify_daily_report'), dirty('rubric_config'), dirty('timezone')]).toEqual([true, true, false]);
    expect(Object.keys(buildPatch(base, form().getValues())).sort()).toEqual(['notify_daily_report', 'rubric_config']);
  });

  it('reports null (not checked) when the metrics cannot be loaded, and 0 when the rubric did not change', async () => {
    const { apply } = setup(false); // no cache: the fetch fails in jsdom (no server)
    let change!: Awaited<ReturnType<typeof apply>>;
    await act(async () => {
      change = await apply({ rubric_config: { evaluation_logic: 'and', rules: [rule(9)] } });
    });
    expect(change.unknownMetricRules).toBeNull();
    await act(async () => {
      change = await apply({ rubric_config: { evaluation_logic: 'and', rules: [rule(9)] } });
    });
    expect(change).toEqual({ changed: [], unknownMetricRules: 0 });
  });
});
