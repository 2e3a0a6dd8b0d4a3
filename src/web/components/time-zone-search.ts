import { getTimeZones, type TimeZone } from '@vvo/tzdb';

// The time-zone finder's data and ranking, in its own chunk: @vvo/tzdb (the IANA database grouped by country
// and clock, with main cities, country names and abbreviations) is fetched when a picker opens, not on the
// first load. Current UTC offsets come from the browser's own tz database (getTimeZones computes them now).

export interface ZoneEntry {
  /** The value sent: the zone's current IANA name ("Asia/Kolkata"), "UTC" for UTC. */
  name: string;
  /** Every name that shows this clock, old and new ("Asia/Calcutta" too). */
  names: string[];
  /** "India Time · IST · UTC+05:30 · India: Mumbai, Delhi, Bengaluru, Hyderabad" */
  detail: string;
  offsetMinutes: number;
  search: { names: string[]; cities: string[]; country: string; alternative: string; abbreviations: string[] };
}

const fold = (text: string) =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[_/]+/g, ' ')
    .trim();

export function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `UTC${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

function toEntry(zone: TimeZone): ZoneEntry {
  const isUtc = zone.group.includes('UTC');
  const name = isUtc ? 'UTC' : zone.name;
  const abbreviations = [zone.abbreviation, zone.dstAbbreviation, zone.currentAbbreviation].filter(
    (a): a is string => !!a && !/^[+-]\d/.test(a),
  );
  const place = zone.countryName ? `${zone.countryName}: ${zone.mainCities.join(', ')}` : '';
  return {
    name,
    names: [...new Set([name, ...zone.group])],
    detail: [zone.alternativeName, zone.currentAbbreviation, formatOffset(zone.currentTimeOffsetInMinutes), place]
      .filter(Boolean)
      .filter((part, index, all) => all.indexOf(part) === index)
      .join(' · '),
    offsetMinutes: zone.currentTimeOffsetInMinutes,
    search: {
      names: [name, ...zone.group].map(fold),
      cities: zone.mainCities.map(fold),
      country: fold(zone.countryName ?? ''),
      alternative: fold(zone.alternativeName ?? ''),
      abbreviations: [...new Set(abbreviations.map((a) => a.toLowerCase()))],
    },
  };
}

let cached: ZoneEntry[] | undefined;
export function zoneEntries(): ZoneEntry[] {
  cached ??= getTimeZones({ includeUtc: true }).map(toEntry);
  return cached;
}

/** The entry showing `name` (its current or an old name), if any. */
export function entryOf(name: string): ZoneEntry | undefined {
  return zoneEntries().find((entry) => entry.names.includes(name));
}

/** "GMT+1", "UTC-08:00", "+5:30", "utc+0530" -> minutes east of UTC; null when the query is no offset. */
export function parseOffset(query: string): number | null {
  const match = /^(?:utc|gmt)?\s*([+-])\s*(\d{1,2})(?::?(\d{2}))?$/i.exec(query.trim());
  if (!match) return /^(utc|gmt)$/i.test(query.trim()) ? 0 : null;
  const minutes = Number(match[2]) * 60 + Number(match[3] ?? 0);
  return match[1] === '-' ? -minutes : minutes;
}

/** How well an entry fits the query (0: not at all); the best match is listed first. */
export function scoreZone(entry: ZoneEntry, query: string): number {
  const q = fold(query);
  if (!q) return 1;
  const { names, cities, country, alternative, abbreviations } = entry.search;
  const lastParts = names.map((name) => name.split(' ').slice(-1)[0] ?? '');
  const offset = parseOffset(query);
  let score = 0;
  if (names.includes(q)) score = 100;
  else if (abbreviations.includes(q)) score = 90;
  else if (cities.some((city) => city === q) || lastParts.some((part) => part === q)) score = 85;
  else if (country === q) score = 82;
  else if (offset !== null && entry.offsetMinutes === offset) score = 80;
  else if (cities.some((city) => city.startsWith(q)) || lastParts.some((part) => part.startsWith(q))) score = 70;
  else if (names.some((name) => name.startsWith(q))) score = 60;
  else if (country.startsWith(q)) score = 55;
  else if (cities.some((city) => city.includes(q)) || names.some((name) => name.includes(q))) score = 45;
  else if (alternative.includes(q) || country.includes(q)) score = 35;
  return score;
}

/** The entries fitting the query, best first (ties keep the database's order: by offset, larger zones first). */
export function findZones(query: string): ZoneEntry[] {
  return zoneEntries()
    .map((entry, index) => ({ entry, index, score: scoreZone(entry, query) }))
    .filter((item) => item.score > 0)
    .sort((a, b) => b.score - a.score || a.index - b.index)
    .map((item) => item.entry);
}
