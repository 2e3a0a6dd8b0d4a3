import { describe, expect, it } from 'vitest';
import { localTime, relativeTime } from './time';

describe('relativeTime', () => {
  const now = new Date('2026-08-20T12:00:00Z');
  const ago = (seconds: number) => relativeTime(new Date(now.getTime() - seconds * 1000), now, 'en');
  it('says how long ago, in the largest unit that fits', () => {
    expect(ago(10)).toBe('just now');
    expect(ago(90)).toBe('2 minutes ago');
    expect(ago(3600)).toBe('1 hour ago');
    expect(ago(26 * 3600)).toBe('yesterday');
    expect(ago(3 * 24 * 3600)).toBe('3 days ago');
    expect(ago(400 * 24 * 3600)).toBe('last year');
  });
  it('a clock slightly ahead of ours still reads sensibly', () => {
    expect(ago(-20)).toBe('just now');
    expect(ago(-600)).toBe('in 10 minutes');
  });
});

describe('localTime', () => {
  it('formats in the given zone (the browser zone by default)', () => {
    expect(localTime(new Date('2026-08-20T12:00:05Z'), 'en-GB', 'Europe/Berlin')).toBe('20 Aug 2026, 14:00:05');
  });
});
