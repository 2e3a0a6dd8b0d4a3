// When a save happened: the local date and time, and how long ago ("5 minutes ago").

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
  ['second', 1],
];

export function relativeTime(then: Date, now: Date, locale?: string): string {
  const seconds = Math.round((then.getTime() - now.getTime()) / 1000);
  if (Math.abs(seconds) < 45) return 'just now';
  const format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  for (const [unit, size] of UNITS) {
    // Rounded away from zero symmetrically: 90 s ago is "2 minutes ago", as 90 s ahead is "in 2 minutes".
    if (Math.abs(seconds) >= size)
      return format.format(Math.sign(seconds) * Math.round(Math.abs(seconds) / size), unit);
  }
  return 'just now';
}

export function localTime(then: Date, locale?: string, timeZone?: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'medium', timeZone }).format(then);
}

/** Who saved: a console user's name, or (no users set up, everyone shares the console) words instead of "local". */
export function savedBy(user: string): string {
  return user === 'local' ? 'through this console (no sign-in set up)' : `by ${user}`;
}
