// The time-zone list of decision 5: Intl's list omits some names it accepts (UTC, Asia/Kolkata, Europe/Kyiv
// in some engines), so UTC and the stored value are added.

let cached: string[] | undefined;

function supportedTimeZones(): string[] {
  if (!cached) {
    let zones: string[] = [];
    try {
      zones = Intl.supportedValuesOf('timeZone');
    } catch {
      // Older engines: the list stays short, and any name Intl accepts is still valid when typed in.
    }
    cached = [...new Set(['UTC', ...zones])].sort();
  }
  return cached;
}

export function timeZoneOptions(current?: string): string[] {
  const zones = supportedTimeZones();
  return current && !zones.includes(current) ? [...zones, current].sort() : zones;
}
