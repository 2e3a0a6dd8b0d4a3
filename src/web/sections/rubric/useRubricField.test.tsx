// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { act, cleanup, renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { FormProvider, useForm, type Resolver, type UseFormReturn } from 'react-hook-form';
import type { ProjectFormValues } from '../../../shared/form';
import { rulesOf } from '../../../shared/schemas/rubric';
import { useRubricField } from './useRubricField';

afterEach(cleanup);

const rule = (metricId: number, value: number) => ({
  metric_id: metricId,
  conditions: { operator: 'and', conditions: [{ field: 'score', op: 'lte', value }] },
});
const initial = { evaluation_logic: 'and', rules: [rule(1, 1), rule(2, 2), rule(3, 3)] };

function setup() {
  let form!: UseFormReturn<ProjectFormValues>;
  const validations: unknown[] = [];
  // Blocks a rubric whose first rule asks for a score above 100: enough to see the errors follow.
  const resolver: Resolver<ProjectFormValues> = (values) => {
    validations.push(values.rubric_config);
    const first = rulesOf(values.rubric_config)[0] as ReturnType<typeof rule> | undefined;
    return first && first.conditions.conditions[0].value > 100
      ? { values: {}, errors: { rubric_config: { type: 'validate', message: 'Too high' } } as never }
      : { values, errors: {} };
  };
  function Wrapper({ children }: { children: ReactNode }) {
    form = useForm<ProjectFormValues>({
      defaultValues: { rubric_config: initial } as unknown as ProjectFormValues,
      resolver,
      mode: 'onChange',
    });
    return <FormProvider {...form}>{children}</FormProvider>;
  }
  const { result } = renderHook(() => useRubricField(), { wrapper: Wrapper });
  return { result, form: () => form, validations };
}

describe('useRubricField', () => {
  it('puts every edit in the form at once, even two before a render, and keeps the other rules', () => {
    const { result, form } = setup();
    act(() => {
      result.current.setRule(0, rule(1, 10));
      result.current.setRule(2, rule(3, 30)); // same event, no render between: must start from the first edit
    });
    expect(rulesOf(form().getValues('rubric_config'))).toEqual([rule(1, 10), rule(2, 2), rule(3, 30)]);
    expect(result.current.rules).toEqual([rule(1, 10), rule(2, 2), rule(3, 30)]);
    act(() => {
      result.current.duplicate(1);
      result.current.setRule(2, rule(2, 20)); // the copy, right after duplicating
    });
    expect(rulesOf(form().getValues('rubric_config'))).toEqual([rule(1, 10), rule(2, 2), rule(2, 20), rule(3, 30)]);
    expect(result.current.keys).toHaveLength(4);
    expect(new Set(result.current.keys).size).toBe(4);
  });

  it('validates after the edit, once for a burst of edits, and the error follows the value', async () => {
    const { result, form, validations } = setup();
    const before = validations.length;
    act(() => {
      for (const value of [101, 102, 103]) result.current.setRule(0, rule(1, value));
    });
    // Not during the edit: the keystroke paints first.
    expect(validations.length).toBe(before);
    await waitFor(() => expect(form().formState.errors.rubric_config?.message).toBe('Too high'));
    expect(validations.length).toBe(before + 1);
    act(() => result.current.setRule(0, rule(1, 5)));
    await waitFor(() => expect(form().formState.errors.rubric_config).toBeUndefined());
  });

  it('follows a value set from outside (Discard, a save, another tab) with the same number of rows', () => {
    const { result, form } = setup();
    const keys = result.current.keys;
    act(() => form().reset({ rubric_config: { evaluation_logic: 'and', rules: [rule(7, 7)] } } as never));
    expect(result.current.rules).toEqual([rule(7, 7)]);
    expect(result.current.keys).toEqual([keys[0]]);
  });
});
