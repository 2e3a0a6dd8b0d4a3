import { isValidTimeZone } from '../schemas/project';
import { usablePeriods, timeZoneOf } from './periods';
import { addDays, isoDate, resolveWallTime, wallClockAt, type CalendarDate, type WallTimeKind } from './zoned';

// The next monitored windows of a schedule, as real instants. Pure: the clock is an argument.
// Daylight saving (decision 28 in docs/decisions.md): a start or end inside a skipped hour moves to
// the first instant after the gap; a time that occurs twice starts at its first occurrence and ends at
// its last, so the window covers every instant whose local time is inside it. A window entirely inside
// a gap does not occur that day and is listed as absent.

export interface WindowOccurrence {
  periodIndex: number;
  date: string; // the schedule-local date, YYYY-MM-DD
  startTime: string;
  endTime: string;
  timeFrame: number | undefined;
  start: number; // epoch ms
  end: number; // epoch ms, exclusive
  startKind: WallTimeKind;
  endKind: WallTimeKind;
  inProgress: boolean;
}

export interface AbsentWindow {
  periodIndex: number;
  date: string;
  startTime: string;
  endTime: string;
}

export interface NextWindows {
  timeZone: string;
  windows: WindowOccurrence[];
  absent: AbsentWindow[];
}

/** Days scanned ahead: windows recur daily, so a few days always find `count` of them. */
const DAYS_AHEAD = 8;

/** The next `count` windows whose end is after `now` (one in progress counts), or null without a usable zone. */
export function nextWindows(config: unknown, now: Date | number, count = 3): NextWindows | null {
  const timeZone = timeZoneOf(config);
  if (!timeZone || !isValidTimeZone(timeZone)) return null;
  const nowMs = typeof now === 'number' ? now : now.getTime();
  const periods = usablePeriods(config);
  const windows: WindowOccurrence[] = [];
  const absent: AbsentWindow[] = [];
  if (periods.length === 0) return { timeZone, windows, absent };
  const today: CalendarDate = wallClockAt(timeZone, nowMs);
  for (let offset = 0; offset < DAYS_AHEAD && windows.length < count; offset += 1) {
    const date = addDays(today, offset);
    const ofDay = periods
      .map((period) => {
        const start = resolveWallTime(timeZone, date, period.start, 'earlier');
        const end = resolveWallTime(timeZone, date, period.end, 'later');
        return { period, start, end };
      })
      .sort((a, b) => a.start.instant - b.start.instant);
    for (const { period, start, end } of ofDay) {
      if (end.instant <= nowMs) continue;
      const base = {
        periodIndex: period.index,
        date: isoDate(date),
        startTime: period.startTime,
        endTime: period.endTime,
      };
      if (end.instant <= start.instant) {
        absent.push(base);
        continue;
      }
      if (windows.length === count) break;
      windows.push({
        ...base,
        timeFrame: period.timeFrame,
        start: start.instant,
        end: end.instant,
        startKind: start.kind,
        endKind: end.kind,
        inProgress: start.instant <= nowMs,
      });
    }
  }
  return { timeZone, windows, absent };
}
