import { describe, expect, it } from 'vitest';
import { QueryClient } from '@tanstack/react-query';
import { toFormValues } from '../../shared/form';
import { projectResolver, validateProjectValues, type ProjectResolverContext } from './resolver';
import { testProject } from './test-project';

function contextFor(overrides: Record<string, unknown> = {}): ProjectResolverContext {
  const base = testProject(overrides);
  return { projectId: base.id, base, baseValues: toFormValues(base), queryClient: new QueryClient() };
}

describe('the project resolver', () => {
  it('accepts an untouched form even when stored values are odd (decision 8)', () => {
    const context = contextFor({ sample_rate: 7, outbound_timeout: 900, name: '' });
    expect(validateProjectValues(toFormValues(context.base), context, [])).toEqual([]);
  });

  it('checks only edited fields, with cross-field rules', () => {
    const context = contextFor({ outbound_timeout: 900 });
    const values = { ...toFormValues(context.base), min_call_duration: '1000', name: ' ' };
    expect(validateProjectValues(values, context, [])).toEqual([
      { path: 'name', message: 'This field may not be blank.' },
      { path: 'min_call_duration', message: 'The minimum call duration must not exceed the maximum.' },
    ]);
  });

  it('runs section validators and keeps their issues only on edited fields', () => {
    const context = contextFor();
    const validator = () => [
      { path: 'rubric_config.rules.0', message: 'Metric no longer exists.' },
      { path: 'no_calls_notify_time_period.time_periods.0.end_time', message: 'Not edited, not blocking.' },
    ];
    const untouched = toFormValues(context.base);
    expect(validateProjectValues(untouched, context, [validator])).toEqual([]);
    const values = {
      ...untouched,
      rubric_config: { ...untouched.rubric_config, rules: untouched.rubric_config.rules!.slice(0, 1) },
    };
    expect(validateProjectValues(values, context, [validator])).toEqual([
      { path: 'rubric_config.rules.0', message: 'Metric no longer exists.' },
    ]);
  });

  it('a throwing validator does not block the form', () => {
    const context = contextFor();
    const values = { ...toFormValues(context.base), name: 'New' };
    expect(
      validateProjectValues(values, context, [
        () => {
          throw new Error('bug');
        },
      ]),
    ).toEqual([]);
  });

  it('returns RHF errors at the paths, or the values when valid', async () => {
    const context = contextFor();
    const values = { ...toFormValues(context.base), outbound_timeout: '301' };
    const result = await projectResolver(values, context, { fields: {}, shouldUseNativeValidation: false });
    expect(result.errors).toEqual({
      outbound_timeout: { type: 'validate', message: 'At most 300 seconds (5 minutes).' },
    });
    const ok = await projectResolver(toFormValues(context.base), context, {
      fields: {},
      shouldUseNativeValidation: false,
    });
    expect(ok.errors).toEqual({});
  });
});
