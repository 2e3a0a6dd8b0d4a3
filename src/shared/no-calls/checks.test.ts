import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkNoCalls as checkWith, issuesAt } from './checks';
import { checkStoredNumber } from './phone';
import { checkE164Form } from './number-form';

const example = JSON.parse(
  readFileSync(new URL('../reference/examples/no-calls-notify-time-period.seed.json', import.meta.url), 'utf8'),
);
const checkNoCalls = (config: unknown) => checkWith(config, checkStoredNumber);
const withPeriods = (time_periods: unknown[]) => ({ ...example, time_periods });
const errors = (config: unknown) => checkNoCalls(config).filter((i) => i.severity === 'error');

describe('checkNoCalls', () => {
  it("accepts the documentation's example, warning only on its 555 number", () => {
    expect(errors(example)).toEqual([]);
    expect(checkNoCalls(example)).toEqual([
      { path: 'exception_numbers.0', message: expect.stringContaining('555'), severity: 'warning' },
    ]);
    expect(checkNoCalls(null)).toEqual([]);
    expect(checkNoCalls({})).toEqual([]);
  });

  it('flags malformed times and an end not after the start, with the overnight hint', () => {
    const issues = errors(
      withPeriods([
        { start_time: '9:00', end_time: '25:00', time_frame: 30 },
        { start_time: '22:00', end_time: '06:00', time_frame: 30 },
      ]),
    );
    expect(issues.map((i) => i.path)).toEqual([
      'time_periods.0.start_time',
      'time_periods.0.end_time',
      'time_periods.1.end_time',
    ]);
    expect(issues[2].message).toContain('An overnight span is two windows');
  });

  it('flags overlapping windows at the later one; touching windows are fine', () => {
    const issues = errors(
      withPeriods([
        { start_time: '09:00', end_time: '17:00', time_frame: 30 },
        { start_time: '17:00', end_time: '18:00', time_frame: 30 },
        { start_time: '16:30', end_time: '17:30', time_frame: 30 },
      ]),
    );
    expect(issues).toEqual([
      {
        path: 'time_periods.2.start_time',
        message: 'Overlaps window 1 (09:00–17:00). Windows must not overlap.',
        severity: 'error',
      },
    ]);
  });

  it('flags minutes outside 1..1440, not whole, or longer than the window', () => {
    const issues = errors(
      withPeriods([
        { start_time: '00:00', end_time: '01:00', time_frame: 0 },
        { start_time: '01:00', end_time: '02:00', time_frame: '3o' },
        { start_time: '02:00', end_time: '03:00', time_frame: 61 },
        { start_time: '03:00', end_time: '04:00', time_frame: 1441 },
        { start_time: '04:00', end_time: '05:00', time_frame: 60 },
      ]),
    );
    expect(issues.map((i) => [i.path, i.message.slice(0, 30)])).toEqual([
      ['time_periods.0.time_frame', 'Enter whole minutes, from 1 to'],
      ['time_periods.1.time_frame', 'Enter whole minutes, from 1 to'],
      ['time_periods.2.time_frame', 'Longer than the window (1 h): '],
      ['time_periods.3.time_frame', 'Enter whole minutes, from 1 to'],
    ]);
  });

  it('flags an unknown time zone, malformed numbers, duplicates and non-id agents', () => {
    const issues = checkNoCalls({
      ...example,
      time_zone: 'America/Nowhere',
      exception_numbers: ['+14155552671', '12ab', '+14155552671'],
      agents: [1, '2'],
    });
    expect(issues.map((i) => [i.path, i.severity])).toEqual([
      ['time_zone', 'error'],
      ['exception_numbers.1', 'error'],
      ['exception_numbers.2', 'warning'],
      ['agents.1', 'error'],
    ]);
    expect(issuesAt(issues, 'exception_numbers.1')[0].message).toContain('E.164');
  });

  it('without phone metadata checks the E.164 form only', () => {
    const config = { ...example, exception_numbers: ['+1415555', '4155552671', '+15551234567'] };
    expect(checkWith(config, checkE164Form).map((i) => i.path)).toEqual(['exception_numbers.1']);
    expect(checkNoCalls(config).map((i) => [i.path, i.severity])).toEqual([
      ['exception_numbers.0', 'error'],
      ['exception_numbers.1', 'error'],
      ['exception_numbers.2', 'warning'],
    ]);
  });

  it('accepts zone names Intl knows beyond supportedValuesOf (decision 5)', () => {
    for (const time_zone of ['UTC', 'Asia/Kolkata', 'Europe/Kyiv'])
      expect(errors({ ...example, time_zone })).toEqual([]);
  });
});
