import { useId } from 'react';
import { useTheme } from '@mui/material';
import { dayCoverage, describeCoverage } from '../../../shared/no-calls/coverage';
import { MINUTES_PER_DAY } from '../../../shared/no-calls/time';

const WIDTH = 480;
const BAR_TOP = 8;
const BAR_HEIGHT = 24;
const x = (minutes: number) => (minutes / MINUTES_PER_DAY) * WIDTH;
const HOURS = [0, 3, 6, 9, 12, 15, 18, 21, 24];

/**
 * The windows on a 24-hour day (inline SVG). Its text alternative (<title> and <desc>) lists the
 * monitored and the unmonitored stretches; `nowMinutes` marks the current time in the schedule's zone.
 */
export function DayChart({
  schedule,
  timeZone,
  nowMinutes,
}: {
  schedule: unknown;
  timeZone: string;
  nowMinutes?: number;
}) {
  // The CSS variables of the theme, not its light-scheme values: the chart follows a dark scheme too.
  const theme = useTheme();
  const palette = (theme.vars ?? theme).palette;
  const titleId = useId();
  const descId = useId();
  const coverage = dayCoverage(schedule);
  const nowText =
    nowMinutes === undefined
      ? ''
      : ` The line marks now, ${String(Math.floor(nowMinutes / 60)).padStart(2, '0')}:${String(nowMinutes % 60).padStart(2, '0')}.`;
  return (
    <svg
      role="img"
      aria-labelledby={`${titleId} ${descId}`}
      viewBox={`-18 0 ${WIDTH + 36} 56`}
      width="100%"
      style={{ maxWidth: 720, display: 'block' }}
    >
      <title id={titleId}>{`The schedule on a 24-hour day, ${timeZone} time.`}</title>
      <desc id={descId}>{describeCoverage(coverage) + nowText}</desc>
      <rect
        x={0}
        y={BAR_TOP}
        width={WIDTH}
        height={BAR_HEIGHT}
        style={{ fill: palette.action.hover, stroke: palette.divider }}
      />
      {coverage.bars.map((bar) => (
        <rect
          key={bar.index}
          x={x(bar.start)}
          y={BAR_TOP}
          width={Math.max(1, x(bar.end) - x(bar.start))}
          height={BAR_HEIGHT}
          style={{ fill: bar.overlaps ? palette.error.main : palette.primary.main }}
          fillOpacity={bar.overlaps ? 0.6 : 0.85}
        />
      ))}
      {nowMinutes !== undefined && (
        <line
          x1={x(nowMinutes)}
          x2={x(nowMinutes)}
          y1={BAR_TOP - 4}
          y2={BAR_TOP + BAR_HEIGHT + 4}
          style={{ stroke: palette.text.primary }}
          strokeWidth={2}
        />
      )}
      {HOURS.map((hour) => (
        <g key={hour}>
          <line
            x1={x(hour * 60)}
            x2={x(hour * 60)}
            y1={BAR_TOP + BAR_HEIGHT}
            y2={BAR_TOP + BAR_HEIGHT + 4}
            style={{ stroke: palette.text.secondary }}
          />
          <text
            x={x(hour * 60)}
            y={BAR_TOP + BAR_HEIGHT + 16}
            fontSize={10}
            textAnchor="middle"
            style={{ fill: palette.text.secondary }}
          >
            {`${String(hour).padStart(2, '0')}:00`}
          </text>
        </g>
      ))}
    </svg>
  );
}
