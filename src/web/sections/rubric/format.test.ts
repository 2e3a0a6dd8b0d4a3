import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { count, dateTime, percent } from './format';

// The formatters are built once (not per call, as toLocaleString does): their text must stay the same.
describe('rubric formatters', () => {
  it('count writes what toLocaleString("en") writes', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 10_000_000 }), (n) => count(n) === n.toLocaleString('en')));
    expect(count(1000)).toBe('1,000');
  });

  it('dateTime writes what Date#toLocaleString("en") writes', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }), (d) => {
        const iso = d.toISOString();
        return dateTime(iso) === new Date(iso).toLocaleString('en');
      }),
    );
  });

  it('percent keeps one decimal', () => {
    expect(percent(0.6234)).toBe('62.3%');
    expect(percent(1)).toBe('100.0%');
  });
});
