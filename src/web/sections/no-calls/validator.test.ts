import { readFileSync } from 'node:fs';
import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { toFormValues } from '../../../shared/form';
import type { Project } from '../../../shared/schemas/project';
import { validateProjectValues } from '../../settings/resolver';
import { loadPhoneCheck, noCallsValidator } from './validator';

const example = JSON.parse(
  readFileSync(
    new URL('../../../shared/reference/examples/no-calls-notify-time-period.seed.json', import.meta.url),
    'utf8',
  ),
);
const project = {
  id: 5,
  timezone: 'UTC',
  notify_no_calls: false,
  no_calls_notify_time_period: null,
  name: 'P',
} as Project;
const context = { projectId: 5, base: project, baseValues: toFormValues(project), queryClient: new QueryClient() };
const valuesWith = (schedule: unknown) =>
  ({ ...toFormValues(project), no_calls_notify_time_period: schedule }) as ReturnType<typeof toFormValues>;

describe('noCallsValidator', () => {
  it('puts blocking issues at form paths and lets warnings through', async () => {
    loadPhoneCheck();
    await import('../../../shared/no-calls/phone');
    await new Promise((resolve) => setTimeout(resolve, 0));
    const schedule = {
      ...example,
      time_periods: [
        { start_time: '09:00', end_time: '17:00', time_frame: 30 },
        { start_time: '16:00', end_time: '15:00', time_frame: 30 },
        { start_time: '12:00', end_time: '13:00', time_frame: 30 },
      ],
      exception_numbers: ['+15551234567', '+1415555', 'call me'],
    };
    const issues = noCallsValidator({
      projectId: 5,
      base: project,
      values: valuesWith(schedule),
      queryClient: context.queryClient,
    });
    expect(issues.map((i) => i.path)).toEqual([
      'no_calls_notify_time_period.time_periods.1.end_time',
      'no_calls_notify_time_period.time_periods.2.start_time',
      'no_calls_notify_time_period.exception_numbers.1',
      'no_calls_notify_time_period.exception_numbers.2',
    ]);
  });

  it('blocks through the form resolver only while the schedule is edited', () => {
    const bad = { ...example, time_periods: [{ start_time: '18:00', end_time: '09:00', time_frame: 30 }] };
    const edited = validateProjectValues(valuesWith(bad), context);
    expect(edited.map((i) => i.path)).toContain('no_calls_notify_time_period.time_periods.0.end_time');
    // The same odd value stored on the server is a warning elsewhere, not a block.
    const stored = { ...project, no_calls_notify_time_period: bad } as Project;
    const storedContext = { ...context, base: stored, baseValues: toFormValues(stored) };
    expect(validateProjectValues(toFormValues(stored), storedContext)).toEqual([]);
    expect(validateProjectValues(valuesWith(example), context)).toEqual([]);
  });
});
