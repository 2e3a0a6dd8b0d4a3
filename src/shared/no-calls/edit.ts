import type { NoCallsConfigRead } from '../schemas/no-calls';
import { periodsOf, usablePeriods } from './periods';
import { formatHhMm, parseHhMm } from './time';

// Edits to a schedule. Every write spreads the object it changes, so keys the editor does not know
// (on the schedule or on a window) are kept as they were.

export type Schedule = NoCallsConfigRead;

export function emptySchedule(timeZone: string): Schedule {
  return { time_zone: timeZone, time_periods: [], exception_numbers: [], agents: [] };
}

/** No schedule configured: null, or `{}` (the emulator's default for a new project). */
export function isUnset(schedule: unknown): boolean {
  return (
    schedule === null || schedule === undefined || (typeof schedule === 'object' && Object.keys(schedule).length === 0)
  );
}

/**
 * What the editor shows and edits: an unset schedule as an empty one in the project's zone; a stored
 * one as it is, with only the required keys it lacks (time_zone, time_periods) filled in.
 */
export function scheduleView(schedule: Schedule | null, fallbackTimeZone: string): Schedule {
  if (isUnset(schedule)) return emptySchedule(fallbackTimeZone);
  const view = { ...schedule };
  if (view.time_zone === undefined) view.time_zone = fallbackTimeZone;
  if (view.time_periods === undefined) view.time_periods = [];
  return view;
}

/** The schedule with some keys replaced, starting from its view (so an unset schedule becomes a full one). */
export function withChanges(schedule: Schedule | null, fallbackTimeZone: string, changes: Partial<Schedule>): Schedule {
  return { ...scheduleView(schedule, fallbackTimeZone), ...changes };
}

export function listOf(schedule: Schedule | null, key: 'exception_numbers' | 'agents'): unknown[] {
  const list = schedule?.[key];
  return Array.isArray(list) ? list : [];
}

export function updatePeriod(schedule: Schedule | null, index: number, changes: Record<string, unknown>): unknown[] {
  return periodsOf(schedule).map((period, i) =>
    i === index ? { ...(period && typeof period === 'object' ? (period as object) : {}), ...changes } : period,
  );
}

export function removePeriod(schedule: Schedule | null, index: number): unknown[] {
  return periodsOf(schedule).filter((_, i) => i !== index);
}

/** A new window: 09:00–17:00 on an empty schedule, else the hour after the latest window (when there is one). */
export function newPeriod(schedule: Schedule | null): { start_time: string; end_time: string; time_frame: number } {
  const periods = usablePeriods(schedule);
  if (periods.length === 0) return { start_time: '09:00', end_time: '17:00', time_frame: 30 };
  const latestEnd = Math.max(...periods.map((p) => p.end));
  const start = Math.min(latestEnd, 22 * 60 + 59);
  const end = Math.min(start + 60, 23 * 60 + 59);
  return { start_time: formatHhMm(start), end_time: formatHhMm(end), time_frame: Math.min(30, end - start) };
}

/** Minutes as typed: a whole number is stored as a number, anything else as the text (kept, and flagged). */
export function timeFrameFromText(text: string): number | string {
  return /^\s*\d{1,5}\s*$/.test(text) ? Number(text) : text;
}

export function timeFrameText(value: unknown): string {
  return value === undefined || value === null ? '' : String(value);
}

/** "9:30" or "930" typed loosely -> "09:30" on blur; anything else unchanged. */
export function tidyTime(text: string): string {
  const trimmed = text.trim();
  const match = /^(\d{1,2})[:.h]?(\d{2})$/.exec(trimmed);
  if (!match) return trimmed;
  const tidy = `${match[1].padStart(2, '0')}:${match[2]}`;
  return parseHhMm(tidy) !== undefined ? tidy : trimmed;
}
