import { describe, expect, it } from 'vitest';
import { STORED_VIEW, viewOrder } from './view-order';

const data = {
  figures: [
    { fails: 3, evaluated: 10 },
    { fails: 0, evaluated: 10 },
    { fails: 7, evaluated: 10 },
    { fails: 3, evaluated: 10 },
  ],
  issues: [[], [{ severity: 'warning' as const, code: 'no-fails' as const, message: 'x' }], [], []],
  metricNames: ['Customer satisfaction', 'Latency (ms)', 'Call resolution', 'Empathy'],
};

describe('viewOrder', () => {
  it('is the stored order by default', () => {
    expect(viewOrder(4, STORED_VIEW, data)).toEqual([0, 1, 2, 3]);
  });

  it('sorts by fail count, ties in stored order', () => {
    expect(viewOrder(4, { ...STORED_VIEW, sort: 'most-fails' }, data)).toEqual([2, 0, 3, 1]);
    expect(viewOrder(4, { ...STORED_VIEW, sort: 'fewest-fails' }, data)).toEqual([1, 0, 3, 2]);
  });

  it('filters to failing rules, rules with problems, or a metric name', () => {
    expect(viewOrder(4, { ...STORED_VIEW, failing: true }, data)).toEqual([0, 2, 3]);
    expect(viewOrder(4, { ...STORED_VIEW, problems: true }, data)).toEqual([1]);
    expect(viewOrder(4, { ...STORED_VIEW, metric: ' LAT' }, data)).toEqual([1]);
    expect(viewOrder(4, { ...STORED_VIEW, metric: 'tion', sort: 'most-fails' }, data)).toEqual([2, 0]);
  });
});
