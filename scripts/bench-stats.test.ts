import { describe, expect, it } from 'vitest';
import { quantile, spread, summarize, verdict } from './bench-stats';

describe('bench statistics', () => {
  it('interpolates quantiles between ranks', () => {
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantile([10, 20, 30, 40, 50], 0.25)).toBe(20);
    expect(quantile([10, 20], 0.95)).toBeCloseTo(19.5);
    expect(quantile([], 0.5)).toBeNaN();
  });

  it('summarises unsorted samples with their spread', () => {
    const s = summarize([5, 1, 4, 2, 3]);
    expect(s).toMatchObject({ n: 5, min: 1, p25: 2, median: 3, p75: 4, max: 5 });
    expect(spread(s, 'ms')).toBe('3 ms (n=5, min 1, IQR 2-4, max 5)');
  });

  it('judges a figure against its target in either direction', () => {
    expect(verdict(480, 500)).toBe('ok');
    expect(verdict(520, 500)).toBe('MISSED');
    expect(verdict(0.7, 0.6, false)).toBe('ok');
    expect(verdict(Number.NaN, 1)).toBe('n/a');
  });
});
