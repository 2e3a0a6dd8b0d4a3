import { describe, expect, it } from 'vitest';
import { isValidTimeZone } from './project';

describe('isValidTimeZone', () => {
  it("accepts the engine's listed names and, through Intl, the names it accepts but does not list", () => {
    expect(isValidTimeZone('Europe/Paris')).toBe(true);
    expect(isValidTimeZone('UTC')).toBe(true);
    expect(isValidTimeZone('Asia/Calcutta')).toBe(true); // an alias: not in every engine's list
    expect(isValidTimeZone('america/new_york')).toBe(true); // Intl matches names case-insensitively
  });

  it('refuses what Intl refuses', () => {
    expect(isValidTimeZone('')).toBe(false);
    expect(isValidTimeZone('Not/AZone')).toBe(false);
    expect(isValidTimeZone('Europe/Paris ')).toBe(false);
  });
});
