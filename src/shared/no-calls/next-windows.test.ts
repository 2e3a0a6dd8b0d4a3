import { describe, expect, it } from 'vitest';
import { nextWindows } from './next-windows';
import { daylightSavingNotes, describeAbsent, formatRange } from './format-windows';
import { offsetAt, resolveWallTime } from './zoned';

const HOUR = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();
const schedule = (time_zone: string, periods: [string, string, number][]) => ({
  time_zone,
  time_periods: periods.map(([start_time, end_time, time_frame]) => ({ start_time, end_time, time_frame })),
  exception_numbers: [],
  agents: [],
});

describe('resolveWallTime', () => {
  it('finds the offsets either side of the US spring-forward change', () => {
    expect(offsetAt('America/New_York', Date.parse('2026-03-08T06:59:00Z'))).toBe(-5 * HOUR);
    expect(offsetAt('America/New_York', Date.parse('2026-03-08T07:00:00Z'))).toBe(-4 * HOUR);
  });

  it('moves a skipped time to the first instant after the gap', () => {
    const resolved = resolveWallTime('America/New_York', { year: 2026, month: 3, day: 8 }, 2 * 60 + 30, 'earlier');
    expect(resolved).toEqual({ instant: Date.parse('2026-03-08T07:00:00Z'), kind: 'skipped' });
  });

  it('picks the first or the last occurrence of a repeated time', () => {
    const date = { year: 2026, month: 11, day: 1 };
    expect(resolveWallTime('America/New_York', date, 90, 'earlier')).toEqual({
      instant: Date.parse('2026-11-01T05:30:00Z'),
      kind: 'repeated',
    });
    expect(resolveWallTime('America/New_York', date, 90, 'later')).toEqual({
      instant: Date.parse('2026-11-01T06:30:00Z'),
      kind: 'repeated',
    });
  });

  it('handles a zone with a half-hour offset and a zone with no changes', () => {
    expect(resolveWallTime('Asia/Kolkata', { year: 2026, month: 3, day: 8 }, 9 * 60, 'earlier')).toEqual({
      instant: Date.parse('2026-03-08T03:30:00Z'),
      kind: 'exact',
    });
    expect(resolveWallTime('UTC', { year: 2026, month: 3, day: 29 }, 60, 'earlier').kind).toBe('exact');
  });
});

describe('nextWindows', () => {
  const office = schedule('America/New_York', [
    ['09:00', '17:00', 30],
    ['18:00', '23:59', 60],
  ]);

  it('lists the next three windows across the US spring-forward weekend', () => {
    // Saturday 7 March 2026, 20:00 EST: the evening window is in progress.
    const result = nextWindows(office, new Date('2026-03-08T01:00:00Z'));
    expect(result?.windows.map((w) => [w.date, iso(w.start), iso(w.end), w.inProgress])).toEqual([
      ['2026-03-07', '2026-03-07T23:00:00.000Z', '2026-03-08T04:59:00.000Z', true],
      // Sunday is on EDT (UTC-4) after 02:00.
      ['2026-03-08', '2026-03-08T13:00:00.000Z', '2026-03-08T21:00:00.000Z', false],
      ['2026-03-08', '2026-03-08T22:00:00.000Z', '2026-03-09T03:59:00.000Z', false],
    ]);
  });

  it('shows each window in the schedule zone and the viewer zone, which change on different dates', () => {
    // 8 March: New York is on EDT, Berlin still on CET: 09:00 EDT is 14:00 CET (usually 15:00).
    const result = nextWindows(office, new Date('2026-03-08T12:00:00Z'))!;
    const first = result.windows[0];
    expect(formatRange(first.start, first.end, 'America/New_York')).toBe('Sun 8 Mar, 09:00–17:00 EDT');
    expect(formatRange(first.start, first.end, 'Europe/Berlin')).toBe('Sun 8 Mar, 14:00–22:00 GMT+1');
    const evening = result.windows[1];
    expect(formatRange(evening.start, evening.end, 'Europe/Berlin')).toBe('Sun 8 Mar, 23:00 – Mon 9 Mar, 04:59 GMT+1');
  });

  it('shifts a window starting in the skipped hour and says so', () => {
    const night = schedule('America/New_York', [['02:30', '05:00', 30]]);
    const result = nextWindows(night, new Date('2026-03-08T05:00:00Z'))!;
    const [first] = result.windows;
    expect([iso(first.start), iso(first.end), first.startKind]).toEqual([
      '2026-03-08T07:00:00.000Z',
      '2026-03-08T09:00:00.000Z',
      'skipped',
    ]);
    expect(daylightSavingNotes(first, 'America/New_York')).toEqual([
      '02:30 does not exist on Sun 8 Mar (clocks go forward from 02:00 to 03:00): the window starts at 03:00.',
      'That day it lasts 2 h.',
    ]);
    expect(daylightSavingNotes(result.windows[1], 'America/New_York')).toEqual([]);
  });

  it('lists a window wholly inside the gap as absent and still finds three windows', () => {
    const gap = schedule('America/New_York', [['02:10', '02:40', 15]]);
    const result = nextWindows(gap, new Date('2026-03-08T05:00:00Z'))!;
    expect(result.absent).toEqual([{ periodIndex: 0, date: '2026-03-08', startTime: '02:10', endTime: '02:40' }]);
    expect(describeAbsent(result.absent[0])).toBe(
      '02:10–02:40 does not occur on Sun 8 Mar: the clock skips that time.',
    );
    expect(result.windows.map((w) => w.date)).toEqual(['2026-03-09', '2026-03-10', '2026-03-11']);
  });

  it('covers the repeated hour when US clocks go back', () => {
    const night = schedule('America/New_York', [['01:00', '02:00', 30]]);
    const result = nextWindows(night, new Date('2026-11-01T04:00:00Z'))!;
    const [first] = result.windows;
    expect([iso(first.start), iso(first.end)]).toEqual(['2026-11-01T05:00:00.000Z', '2026-11-01T07:00:00.000Z']);
    expect(first.startKind).toBe('repeated');
    expect(daylightSavingNotes(first, 'America/New_York')).toContain('That day it lasts 2 h.');
  });

  it('follows the EU changes (last Sunday of March and October) in Europe/Berlin', () => {
    const berlin = schedule('Europe/Berlin', [['01:00', '04:00', 60]]);
    const spring = nextWindows(berlin, new Date('2026-03-28T23:30:00Z'))!;
    expect([iso(spring.windows[0].start), iso(spring.windows[0].end)]).toEqual([
      '2026-03-29T00:00:00.000Z',
      '2026-03-29T02:00:00.000Z',
    ]);
    expect(formatRange(spring.windows[0].start, spring.windows[0].end, 'Europe/Berlin')).toBe(
      'Sun 29 Mar, 01:00 GMT+1–04:00 GMT+2',
    );
    expect(daylightSavingNotes(spring.windows[0], 'Europe/Berlin')).toEqual([
      'Clocks go forward during this window on Sun 29 Mar: it lasts 2 h.',
    ]);
    const autumn = nextWindows(berlin, new Date('2026-10-24T23:30:00Z'))!;
    expect([iso(autumn.windows[0].start), iso(autumn.windows[0].end)]).toEqual([
      '2026-10-24T23:00:00.000Z',
      '2026-10-25T03:00:00.000Z',
    ]);
    expect(daylightSavingNotes(autumn.windows[0], 'Europe/Berlin')).toEqual([
      'Clocks go back during this window on Sun 25 Oct: it lasts 4 h.',
    ]);
  });

  it('ends a window at the gap when its end is skipped (EU spring, London)', () => {
    const london = schedule('Europe/London', [['00:30', '01:30', 30]]);
    const [first] = nextWindows(london, new Date('2026-03-29T00:00:00Z'))!.windows;
    expect([iso(first.start), iso(first.end), first.endKind]).toEqual([
      '2026-03-29T00:30:00.000Z',
      '2026-03-29T01:00:00.000Z',
      'skipped',
    ]);
    expect(daylightSavingNotes(first, 'Europe/London')[0]).toBe(
      '01:30 does not exist on Sun 29 Mar (clocks go forward from 01:00 to 02:00): the window ends at 02:00.',
    );
  });

  it('skips malformed windows and answers null for an unknown zone', () => {
    const odd = {
      time_zone: 'UTC',
      time_periods: [
        { start_time: '9:00', end_time: '17:00', time_frame: 30 },
        { start_time: '10:00', end_time: '09:00' },
        null,
        { start_time: '08:00', end_time: '08:30', time_frame: 'x' },
      ],
    };
    const result = nextWindows(odd, Date.parse('2026-01-01T12:00:00Z'))!;
    expect(result.windows.map((w) => [w.periodIndex, w.date, w.timeFrame])).toEqual([
      [3, '2026-01-02', undefined],
      [3, '2026-01-03', undefined],
      [3, '2026-01-04', undefined],
    ]);
    expect(nextWindows({ time_zone: 'Mars/Olympus', time_periods: [] }, 0)).toBeNull();
    expect(nextWindows(null, 0)).toBeNull();
  });
});
