/** 0.6234 -> "62.3%". */
export function percent(rate: number): string {
  return `${(Math.round(rate * 1000) / 10).toFixed(1)}%`;
}

/** A call's time in the project's time zone (falls back to the browser's when the zone is odd). */
export function callTime(iso: string | undefined, timeZone: string | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const options: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeStyle: 'short' };
  try {
    return date.toLocaleString('en', { ...options, timeZone });
  } catch {
    return date.toLocaleString('en', options);
  }
}
