// Time zone names, as decision 5 says: whatever Intl accepts. Its own module so that the per-kind table
// (src/shared/field-kinds.ts), which the project schema reads, can check zones without importing it.

let listedZones: ReadonlySet<string> | undefined;

/**
 * The engine's own list of zone names. Looking a name up there costs a few milliseconds the first time; the
 * first DateTimeFormat of a page loads the locale's date data (40-70 ms in a cold browser page), which a
 * project's first screen otherwise pays just to check its time zone.
 */
function engineZoneList(): ReadonlySet<string> {
  if (!listedZones) {
    try {
      listedZones = new Set(Intl.supportedValuesOf('timeZone'));
    } catch {
      listedZones = new Set(); // older engines: every name takes the DateTimeFormat check
    }
  }
  return listedZones;
}

/** IANA names as decision 5 says: whatever Intl accepts (it accepts UTC, Asia/Kolkata, Europe/Kyiv). */
export function isValidTimeZone(name: string): boolean {
  if (!name) return false;
  // A listed name is accepted; an unlisted one (an alias such as Asia/Calcutta, another spelling) may be too.
  if (engineZoneList().has(name)) return true;
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}
