import { describe, expect, it } from 'vitest';
import { dayCoverage, describeCoverage } from './coverage';

describe('dayCoverage', () => {
  it('finds monitored bars and the unmonitored rest of the day', () => {
    const coverage = dayCoverage({
      time_periods: [
        { start_time: '18:00', end_time: '23:59', time_frame: 60 },
        { start_time: '09:00', end_time: '17:00', time_frame: 30 },
      ],
    });
    expect(coverage.gaps).toEqual([
      { start: 0, end: 540 },
      { start: 1020, end: 1080 },
      { start: 1439, end: 1440 },
    ]);
    expect(describeCoverage(coverage)).toBe(
      'Monitored: 09:00–17:00 (alert after 30 min without calls); 18:00–23:59 (alert after 1 h without calls). Not monitored: 00:00–09:00, 17:00–18:00, 23:59–24:00.',
    );
  });

  it('marks overlapping bars and ignores windows it cannot place', () => {
    const coverage = dayCoverage({
      time_periods: [
        { start_time: '00:00', end_time: '12:00', time_frame: 30 },
        { start_time: '11:00', end_time: '23:59' },
        { start_time: '13:00', end_time: '12:00', time_frame: 30 },
      ],
    });
    expect(coverage.bars.map((b) => [b.index, b.overlaps])).toEqual([
      [0, true],
      [1, true],
    ]);
    expect(describeCoverage(coverage)).toContain('11:00–23:59 (minutes not set, overlaps another window)');
    expect(describeCoverage(dayCoverage(null))).toBe('No monitored windows: the whole day is unmonitored.');
  });
});
