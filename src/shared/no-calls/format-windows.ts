import type { AbsentWindow, WindowOccurrence } from './next-windows';
import { formatDuration, parseHhMm } from './time';
import { wallClockAt } from './zoned';

// Human text for upcoming windows: the range in a given zone, and the daylight-saving notes.

const MINUTE = 60_000;
const LOCALE = 'en-GB'; // "Mon 9 Mar", 24-hour clock, as the schedule itself is written

const dateFormats = new Map<string, Intl.DateTimeFormat>();
const zoneFormats = new Map<string, Intl.DateTimeFormat>();

function cached(map: Map<string, Intl.DateTimeFormat>, key: string, make: () => Intl.DateTimeFormat) {
  let format = map.get(key);
  if (!format) map.set(key, (format = make()));
  return format;
}

function dateLabel(instant: number, timeZone: string): string {
  const format = cached(
    dateFormats,
    timeZone,
    () => new Intl.DateTimeFormat(LOCALE, { timeZone, weekday: 'short', day: 'numeric', month: 'short' }),
  );
  return format.format(instant).replace(',', '');
}

function timeLabel(instant: number, timeZone: string): string {
  const wall = wallClockAt(timeZone, instant);
  return `${String(wall.hour).padStart(2, '0')}:${String(wall.minute).padStart(2, '0')}`;
}

/** Short zone name at an instant: "EST", "EDT", "GMT+1" (en-US knows US abbreviations, others as GMT±h). */
export function zoneLabel(instant: number, timeZone: string): string {
  const format = cached(
    zoneFormats,
    timeZone,
    () => new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'short' }),
  );
  return format.formatToParts(instant).find((part) => part.type === 'timeZoneName')?.value ?? timeZone;
}

/** "Mon 9 Mar, 09:00–17:00 EDT", or with both dates when the range crosses midnight in that zone. */
export function formatRange(start: number, end: number, timeZone: string): string {
  const startDate = dateLabel(start, timeZone);
  const endDate = dateLabel(end, timeZone);
  const startZone = zoneLabel(start, timeZone);
  const endZone = zoneLabel(end, timeZone);
  const endText = `${endDate === startDate ? '' : `${endDate}, `}${timeLabel(end, timeZone)} ${endZone}`;
  const startText = `${startDate}, ${timeLabel(start, timeZone)}${startZone === endZone ? '' : ` ${startZone}`}`;
  return endDate === startDate ? `${startText}–${endText}` : `${startText} – ${endText}`;
}

/** The local clock just before and at a transition instant: "02:00" and "03:00". */
function gapBounds(transition: number, timeZone: string): [string, string] {
  const before = timeLabel(transition - MINUTE, timeZone);
  const [h, m] = before.split(':').map(Number);
  const total = (h * 60 + m + 1) % 1440;
  const from = `${String(Math.floor(total / 60)).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`;
  return [from, timeLabel(transition, timeZone)];
}

const minutesOf = (text: string) => parseHhMm(text) ?? 0;

/** Notes for a window touched by a daylight-saving change; [] for an ordinary day. */
export function daylightSavingNotes(occurrence: WindowOccurrence, timeZone: string): string[] {
  const notes: string[] = [];
  const day = dateLabel(occurrence.start, timeZone);
  if (occurrence.startKind === 'skipped') {
    const [from, to] = gapBounds(occurrence.start, timeZone);
    notes.push(
      `${occurrence.startTime} does not exist on ${day} (clocks go forward from ${from} to ${to}): the window starts at ${to}.`,
    );
  }
  if (occurrence.endKind === 'skipped') {
    const [from, to] = gapBounds(occurrence.end, timeZone);
    notes.push(
      `${occurrence.endTime} does not exist on ${day} (clocks go forward from ${from} to ${to}): the window ends at ${to}.`,
    );
  }
  if (occurrence.startKind === 'repeated') {
    notes.push(
      `${occurrence.startTime} occurs twice on ${day} (clocks go back): the window starts at the first ${occurrence.startTime}.`,
    );
  }
  if (occurrence.endKind === 'repeated') {
    notes.push(
      `${occurrence.endTime} occurs twice on ${day} (clocks go back): the window ends at the second ${occurrence.endTime}.`,
    );
  }
  const actual = Math.round((occurrence.end - occurrence.start) / MINUTE);
  const nominal = minutesOf(occurrence.endTime) - minutesOf(occurrence.startTime);
  if (notes.length) notes.push(`That day it lasts ${formatDuration(actual)}.`);
  else if (actual !== nominal) {
    notes.push(
      `Clocks go ${actual > nominal ? 'back' : 'forward'} during this window on ${day}: it lasts ${formatDuration(actual)}.`,
    );
  }
  return notes;
}

export function describeAbsent(window: AbsentWindow): string {
  const [year, month, day] = window.date.split('-').map(Number);
  const label = new Intl.DateTimeFormat(LOCALE, { timeZone: 'UTC', weekday: 'short', day: 'numeric', month: 'short' })
    .format(Date.UTC(year, month - 1, day))
    .replace(',', '');
  return `${window.startTime}–${window.endTime} does not occur on ${label}: the clock skips that time.`;
}
