import { parseHhMm } from './time';

// The windows of a schedule that can be reasoned about (well-formed times, end after start), read
// defensively from whatever the API or the form holds.

export interface UsablePeriod {
  index: number; // position in time_periods
  start: number; // minutes after midnight
  end: number;
  startTime: string;
  endTime: string;
  timeFrame: number | undefined; // minutes without calls; undefined when not a whole number
}

export function periodsOf(config: unknown): unknown[] {
  if (!config || typeof config !== 'object') return [];
  const periods = (config as { time_periods?: unknown }).time_periods;
  return Array.isArray(periods) ? periods : [];
}

export function usablePeriods(config: unknown): UsablePeriod[] {
  const usable: UsablePeriod[] = [];
  periodsOf(config).forEach((period, index) => {
    if (!period || typeof period !== 'object') return;
    const { start_time, end_time, time_frame } = period as Record<string, unknown>;
    const start = parseHhMm(start_time);
    const end = parseHhMm(end_time);
    if (start === undefined || end === undefined || end <= start) return;
    const timeFrame = typeof time_frame === 'number' && Number.isInteger(time_frame) ? time_frame : undefined;
    usable.push({ index, start, end, startTime: start_time as string, endTime: end_time as string, timeFrame });
  });
  return usable;
}

export function timeZoneOf(config: unknown): string | undefined {
  if (!config || typeof config !== 'object') return undefined;
  const zone = (config as { time_zone?: unknown }).time_zone;
  return typeof zone === 'string' ? zone : undefined;
}
