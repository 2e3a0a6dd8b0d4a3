// Time-zone arithmetic with Intl only (no library): an offset is found by formatting an instant in the
// zone and reading the wall clock back (formatToParts), so it follows whatever tz data the runtime has.

const MINUTE = 60_000;
const DAY = 86_400_000;

export interface CalendarDate {
  year: number;
  month: number; // 1..12
  day: number;
}

export interface WallClock extends CalendarDate {
  hour: number;
  minute: number;
  second: number;
}

/** How a wall-clock time maps onto real time in a zone on one date. */
export type WallTimeKind =
  | 'exact' // occurs once
  | 'skipped' // inside a gap (clocks go forward): moved to the first instant after the gap
  | 'repeated'; // occurs twice (clocks go back): the earlier or later occurrence was chosen

export interface ResolvedWallTime {
  instant: number; // epoch ms
  kind: WallTimeKind;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function partsFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The wall clock in `timeZone` at an instant. */
export function wallClockAt(timeZone: string, instant: number): WallClock {
  const fields: Record<string, number> = {};
  for (const part of partsFormatter(timeZone).formatToParts(new Date(instant))) {
    if (part.type !== 'literal') fields[part.type] = Number(part.value);
  }
  return {
    year: fields.year,
    month: fields.month,
    day: fields.day,
    hour: fields.hour % 24,
    minute: fields.minute,
    second: fields.second,
  };
}

/** The zone's offset from UTC at an instant, in ms (east positive: New York in winter = -5 h). */
export function offsetAt(timeZone: string, instant: number): number {
  const wall = wallClockAt(timeZone, instant);
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
  return asUtc - Math.floor(instant / 1000) * 1000;
}

/** The calendar date `days` after `date` (proleptic Gregorian, no zone involved). */
export function addDays(date: CalendarDate, days: number): CalendarDate {
  const shifted = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1, day: shifted.getUTCDate() };
}

export function isoDate(date: CalendarDate): string {
  return `${String(date.year).padStart(4, '0')}-${String(date.month).padStart(2, '0')}-${String(date.day).padStart(2, '0')}`;
}

/**
 * The instant a wall-clock time (minutes after midnight on `date`) stands for in `timeZone`.
 * A time the clock skips resolves to the first instant after the gap (the moment clocks go forward);
 * a time that occurs twice resolves to its earlier or later occurrence as asked.
 */
export function resolveWallTime(
  timeZone: string,
  date: CalendarDate,
  minutes: number,
  prefer: 'earlier' | 'later',
): ResolvedWallTime {
  const wall = Date.UTC(date.year, date.month - 1, date.day, 0, minutes);
  // Offsets a day either side bracket any single transition near this time.
  const before = offsetAt(timeZone, wall - DAY);
  const after = offsetAt(timeZone, wall + DAY);
  const candidates = [...new Set([before, after, offsetAt(timeZone, wall)])]
    .map((offset) => wall - offset)
    .filter((instant) => instant + offsetAt(timeZone, instant) === wall)
    .sort((a, b) => a - b);
  const unique = [...new Set(candidates)];
  if (unique.length === 1) return { instant: unique[0], kind: 'exact' };
  if (unique.length > 1)
    return { instant: prefer === 'earlier' ? unique[0] : unique[unique.length - 1], kind: 'repeated' };
  return { instant: transitionBetween(timeZone, wall - after, wall - before), kind: 'skipped' };
}

/** First instant in (lo, hi] whose offset differs from the offset at lo (binary search to the minute). */
function transitionBetween(timeZone: string, lo: number, hi: number): number {
  const initial = offsetAt(timeZone, lo);
  let low = Math.min(lo, hi);
  let high = Math.max(lo, hi);
  while (high - low > MINUTE) {
    const mid = low + Math.max(MINUTE, Math.floor((high - low) / 2 / MINUTE) * MINUTE);
    if (mid >= high) break;
    if (offsetAt(timeZone, mid) === initial) low = mid;
    else high = mid;
  }
  // Transitions fall on whole minutes; align to the minute the new offset starts.
  return Math.ceil(high / MINUTE) * MINUTE;
}
