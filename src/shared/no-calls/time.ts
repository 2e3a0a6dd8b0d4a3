import { HH_MM } from '../schemas/no-calls';

// Wall-clock helpers for the no-calls schedule: "HH:MM" text <-> minutes after midnight.

export const MINUTES_PER_DAY = 1440;

/** Minutes after midnight for a well-formed "HH:MM", else undefined. */
export function parseHhMm(text: unknown): number | undefined {
  if (typeof text !== 'string' || !HH_MM.test(text)) return undefined;
  const [hours, minutes] = text.split(':').map(Number);
  return hours * 60 + minutes;
}

export function formatHhMm(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
}

/** "8 h", "45 min", "8 h 30 min": a duration in minutes, for messages. */
export function formatDuration(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h === 0) return `${m} min`;
  return m === 0 ? `${h} h` : `${h} h ${m} min`;
}
