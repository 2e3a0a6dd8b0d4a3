import { usablePeriods } from './periods';
import { formatDuration, formatHhMm, MINUTES_PER_DAY } from './time';

// A schedule's windows on one 24-hour day: what the drawing shows and its text alternative says.

export interface DayBar {
  index: number;
  start: number;
  end: number;
  timeFrame: number | undefined;
  overlaps: boolean;
}

export interface DayCoverage {
  bars: DayBar[];
  /** Stretches of the day no window covers. */
  gaps: { start: number; end: number }[];
}

export function dayCoverage(config: unknown): DayCoverage {
  const periods = usablePeriods(config);
  const bars = periods
    .map((p) => ({
      index: p.index,
      start: p.start,
      end: p.end,
      timeFrame: p.timeFrame,
      overlaps: periods.some((o) => o.index !== p.index && o.start < p.end && p.start < o.end),
    }))
    .sort((a, b) => a.start - b.start || a.index - b.index);
  const gaps: { start: number; end: number }[] = [];
  let cursor = 0;
  for (const bar of bars) {
    if (bar.start > cursor) gaps.push({ start: cursor, end: bar.start });
    cursor = Math.max(cursor, bar.end);
  }
  if (cursor < MINUTES_PER_DAY) gaps.push({ start: cursor, end: MINUTES_PER_DAY });
  return { bars, gaps };
}

const clock = (minutes: number) => (minutes === MINUTES_PER_DAY ? '24:00' : formatHhMm(minutes));

/** The drawing in words: "Monitored: 09:00–17:00 (alert after 30 min) ... Not monitored: ...". */
export function describeCoverage({ bars, gaps }: DayCoverage): string {
  if (bars.length === 0) return 'No monitored windows: the whole day is unmonitored.';
  const monitored = bars
    .map(
      (b) =>
        `${clock(b.start)}–${clock(b.end)} (${b.timeFrame === undefined ? 'minutes not set' : `alert after ${formatDuration(b.timeFrame)} without calls`}${b.overlaps ? ', overlaps another window' : ''})`,
    )
    .join('; ');
  const unmonitored = gaps.length ? gaps.map((g) => `${clock(g.start)}–${clock(g.end)}`).join(', ') : 'none';
  return `Monitored: ${monitored}. Not monitored: ${unmonitored}.`;
}
