import { describe, expect, it } from 'vitest';
import { entryOf, findZones, parseOffset } from './time-zone-search';

const first = (query: string) => findZones(query)[0]?.name;

describe('time-zone search', () => {
  it('finds zones by city, old or new IANA name, country, abbreviation and current offset; best first', () => {
    expect(first('Kolkata')).toBe('Asia/Kolkata');
    expect(first('Calcutta')).toBe('Asia/Kolkata');
    expect(first('Asia/Calcutta')).toBe('Asia/Kolkata');
    expect(first('Kyiv')).toBe('Europe/Kyiv');
    expect(first('Kiev')).toBe('Europe/Kyiv');
    expect(first('New York')).toBe('America/New_York');
    expect(first('india')).toBe('Asia/Kolkata');
    expect(first('PST')).toBe('America/Los_Angeles');
    expect(first('UTC')).toBe('UTC');
    const plusOne = findZones('GMT+1');
    expect(plusOne.length).toBeGreaterThan(0);
    expect(plusOne.every((zone) => zone.offsetMinutes === 60)).toBe(true);
  });

  it('one zone for old and new names', () => {
    expect(entryOf('Asia/Calcutta')).toBe(entryOf('Asia/Kolkata'));
    expect(findZones('Kolkata').filter((zone) => zone.names.includes('Asia/Calcutta'))).toHaveLength(1);
  });

  it('reads offsets', () => {
    expect(parseOffset('GMT+1')).toBe(60);
    expect(parseOffset('UTC-08:00')).toBe(-480);
    expect(parseOffset('+5:30')).toBe(330);
    expect(parseOffset('Berlin')).toBeNull();
  });
});
