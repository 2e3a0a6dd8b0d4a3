// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { act, cleanup, renderHook } from '@testing-library/react';
import type { ReactNode } from 'react';
import { FormProvider, useForm, type Resolver, type UseFormReturn } from 'react-hook-form';
import {
  setValueUncopied,
  subscribeToValueChanges,
  useFieldErrorAndSubmits,
  useFormValue,
  useFormValues,
} from './form-values';

afterEach(cleanup);

type Values = { name: string; rubric_config: { rules: { id: number }[] } };
const initial: Values = { name: 'A', rubric_config: { rules: [{ id: 1 }, { id: 2 }] } };

function withForm<T>(hook: () => T) {
  let form!: UseFormReturn<Values>;
  let renders = 0;
  let hostRenders = 0;
  function Wrapper({ children }: { children: ReactNode }) {
    hostRenders++;
    form = useForm<Values>({
      defaultValues: initial,
      mode: 'onChange',
      resolver: (values) => ({ values, errors: {} }),
    });
    return <FormProvider {...form}>{children}</FormProvider>;
  }
  const { result } = renderHook(
    () => {
      renders++;
      return hook();
    },
    { wrapper: Wrapper },
  );
  return { result, form: () => form, renders: () => renders, hostRenders: () => hostRenders };
}

describe('subscribeToValueChanges', () => {
  it('tells a change, setValue and reset, and not a validation, an error or an unchanged value', async () => {
    const { form } = withForm(() => null);
    const f = form();
    let told = 0;
    const stop = subscribeToValueChanges(
      f.control,
      () => f.getValues(),
      () => told++,
    );
    act(() => f.setValue('name', 'B'));
    expect(told).toBe(1);
    act(() => f.setValue('name', 'B')); // the same value: no change
    expect(told).toBe(1);
    await act(() => f.trigger());
    act(() => f.setError('name', { type: 'server', message: 'Taken' }));
    act(() => f.clearErrors());
    expect(told).toBe(1);
    act(() => f.setValue('rubric_config', { rules: [{ id: 1 }] }));
    expect(told).toBe(2);
    act(() => f.reset(initial));
    expect(told).toBe(3);
    stop();
    act(() => f.setValue('name', 'C'));
    expect(told).toBe(3);
  });
});

describe('useFormValues / useFormValue', () => {
  it('hand over the form’s own objects, new only when a value changed', () => {
    const { result, form } = withForm(() => ({
      all: useFormValues<Values>(),
      rubric: useFormValue<Values, 'rubric_config'>('rubric_config'),
    }));
    const first = result.current;
    expect(first.rubric).toBe(form().getValues('rubric_config'));
    expect(first.all.rubric_config).toBe(first.rubric);
    act(() => form().setValue('name', 'B'));
    expect(result.current.all).not.toBe(first.all);
    expect(result.current.all.name).toBe('B');
    // The rubric did not change: the same object, so memos keyed on it hold.
    expect(result.current.rubric).toBe(first.rubric);
    const next = { rules: [{ id: 1 }, { id: 2 }, { id: 3 }] };
    act(() => form().setValue('rubric_config', next));
    expect(result.current.rubric).toEqual(next);
    expect(result.current.rubric).toBe(form().getValues('rubric_config'));
  });

  it('do not re-render for a validation or an error', async () => {
    const { form, renders } = withForm(() => useFormValue<Values, 'name'>('name'));
    const before = renders();
    await act(() => form().trigger());
    act(() => form().setError('name', { type: 'server', message: 'Taken' }));
    expect(renders()).toBe(before);
  });
});

describe('useFieldErrorAndSubmits', () => {
  it("renders again for the field's error and a submit, not for validations that change neither", async () => {
    let invalid = false;
    const rubricResolver: Resolver<Values> = (values) =>
      invalid
        ? { values: {}, errors: { rubric_config: { type: 'custom', message: 'Rule 2 is broken' } } }
        : { values, errors: {} as Record<string, never> };
    let form!: UseFormReturn<Values>;
    let renders = 0;
    function Wrapper({ children }: { children: ReactNode }) {
      form = useForm<Values>({
        defaultValues: initial,
        resolver: rubricResolver,
      });
      return <FormProvider {...form}>{children}</FormProvider>;
    }
    const { result } = renderHook(
      () => {
        renders++;
        return useFieldErrorAndSubmits<Values>('rubric_config');
      },
      { wrapper: Wrapper },
    );
    const settled = renders;
    await act(() => form.trigger('rubric_config'));
    await act(() => form.trigger('rubric_config'));
    act(() => form.setError('name', { type: 'server', message: 'Taken' }));
    expect(renders).toBe(settled);
    expect(result.current).toEqual({ error: undefined, submitCount: 0 });

    invalid = true;
    await act(() => form.trigger('rubric_config'));
    expect(result.current.error).toMatchObject({ message: 'Rule 2 is broken' });
    await act(() => form.handleSubmit(() => undefined)());
    expect(result.current.submitCount).toBe(1);
    invalid = false;
    await act(() => form.trigger('rubric_config'));
    expect(result.current.error).toBeUndefined();
  });
});

describe('setValueUncopied', () => {
  it('keeps the very object, tells the value watchers, and ignores the same value', () => {
    const { result, form, renders, hostRenders } = withForm(() => useFormValues<Values>());
    const rubric = { rules: [{ id: 9 }] };
    const before = renders();
    const hostBefore = hostRenders();
    act(() => setValueUncopied(form().control, 'rubric_config', rubric));
    // The form's host (useForm, above the whole page) does not render again, as with setValue.
    expect(hostRenders()).toBe(hostBefore);
    expect(form().getValues('rubric_config')).toBe(rubric);
    expect(result.current.rubric_config).toBe(rubric);
    expect(renders()).toBe(before + 1);
    act(() => setValueUncopied(form().control, 'rubric_config', rubric));
    expect(renders()).toBe(before + 1);
  });
});
