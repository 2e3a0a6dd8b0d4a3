import { describe, expect, it } from 'vitest';
import { PROJECT_FIELDS } from '../schemas/project';
import { buildPatch } from '../patch';
import { toFormValues } from '../form';
import { emptySchedule, newPeriod, removePeriod, tidyTime, timeFrameFromText, updatePeriod, withChanges } from './edit';
import { describeSchedule } from './summary';

const stored = {
  time_zone: 'America/New_York',
  time_periods: [{ start_time: '09:00', end_time: '17:00', time_frame: 30, note: 'kept' }],
  exception_numbers: ['+14155552671', '+15551234567'],
  agents: [10, 1, 90],
  escalation: { channel: 'pager' },
};
const project = { id: 7, timezone: 'Europe/Paris', notify_no_calls: true, no_calls_notify_time_period: stored };

describe('schedule edits', () => {
  it('start an empty schedule from a missing one in the given zone', () => {
    expect(withChanges(null, 'Europe/Paris', { agents: [3] })).toEqual({
      ...emptySchedule('Europe/Paris'),
      agents: [3],
    });
  });

  it('treat {} like no schedule, and fill only the required keys a stored one lacks', () => {
    expect(withChanges({}, 'UTC', { agents: [3] })).toEqual({ ...emptySchedule('UTC'), agents: [3] });
    expect(withChanges({ time_periods: [], extra: 1 }, 'UTC', { agents: [3] })).toEqual({
      time_zone: 'UTC',
      time_periods: [],
      extra: 1,
      agents: [3],
    });
    expect(withChanges({ time_zone: 'Nowhere' }, 'UTC', {})).toEqual({ time_zone: 'Nowhere', time_periods: [] });
  });

  it('keep unknown keys on the schedule and on windows', () => {
    const edited = withChanges(stored, 'UTC', { time_periods: updatePeriod(stored, 0, { end_time: '18:00' }) });
    expect(edited).toEqual({ ...stored, time_periods: [{ ...stored.time_periods[0], end_time: '18:00' }] });
    expect(removePeriod(edited, 0)).toEqual([]);
  });

  it('propose a next window after the latest one', () => {
    expect(newPeriod(null)).toEqual({ start_time: '09:00', end_time: '17:00', time_frame: 30 });
    expect(newPeriod(stored)).toEqual({ start_time: '17:00', end_time: '18:00', time_frame: 30 });
    expect(
      newPeriod({ ...stored, time_periods: [{ start_time: '23:30', end_time: '23:59', time_frame: 10 }] }),
    ).toEqual({
      start_time: '22:59',
      end_time: '23:59',
      time_frame: 30,
    });
  });

  it('keep typed text that is not a whole number, and tidy loose times', () => {
    expect([
      timeFrameFromText('45'),
      timeFrameFromText(' 45 '),
      timeFrameFromText('4.5'),
      timeFrameFromText(''),
    ]).toEqual([45, 45, '4.5', '']);
    expect([tidyTime('9:30'), tidyTime('0930'), tidyTime('9.30'), tidyTime('25:00'), tidyTime('nine')]).toEqual([
      '09:30',
      '09:30',
      '09:30',
      '25:00',
      'nine',
    ]);
  });
});

describe('the PATCH for a schedule', () => {
  it('treats reordered numbers and agents as no change', () => {
    const values = toFormValues(project);
    values.no_calls_notify_time_period = {
      ...stored,
      exception_numbers: ['+15551234567', '+14155552671'],
      agents: [90, 10, 1],
    };
    expect(buildPatch(project, values)).toEqual({});
  });

  it('sends the whole object, unknown keys included, when one window changes', () => {
    const values = toFormValues(project);
    const schedule = values.no_calls_notify_time_period;
    values.no_calls_notify_time_period = withChanges(schedule, 'UTC', {
      time_periods: updatePeriod(schedule, 0, { time_frame: 45 }),
    });
    expect(buildPatch(project, values)).toEqual({
      no_calls_notify_time_period: { ...stored, time_periods: [{ ...stored.time_periods[0], time_frame: 45 }] },
    });
  });

  it('is labelled by the project field registry', () => {
    expect(PROJECT_FIELDS.no_calls_notify_time_period.section).toBe('no-calls');
  });
});

describe('describeSchedule', () => {
  it('says when silence raises an alert, in plain language', () => {
    const example = {
      ...stored,
      time_periods: [...stored.time_periods, { start_time: '18:00', end_time: '23:59', time_frame: 60 }],
    };
    expect(describeSchedule(example, true, (id) => (id === 1 ? 'Support bot' : `#${id}`))).toBe(
      'Alert when no call arrives for 30 minutes between 09:00 and 17:00, or for 60 minutes between 18:00 and 23:59, America/New_York time. ' +
        'Calls from +14155552671 and +15551234567 are ignored. #10, Support bot and #90 are not monitored; every other agent is.',
    );
  });

  it('leaves malformed numbers out of the sentence, and says so', () => {
    expect(describeSchedule({ ...stored, exception_numbers: ['+14155552671', '12ab'], agents: [] }, true)).toContain(
      'Calls from +14155552671 are ignored (1 malformed entry not included). Every agent is monitored.',
    );
  });

  it('says the schedule has no effect while the alert is off, and names windows left out', () => {
    const text = describeSchedule(
      { ...emptySchedule('UTC'), time_periods: [{ start_time: '10:00', end_time: '09:00', time_frame: 1 }] },
      false,
    );
    expect(text).toBe(
      'The alert is off, so this schedule has no effect. No monitoring windows (1 window with errors not included): add a window to say when silence raises an alert. Calls from every number count. Every agent is monitored.',
    );
  });
});
