import { useId } from 'react';

export type Bar = { label: string; value: number; color?: string };

const rowHeight = 30;
const labelWidth = 110;
const valueWidth = 90;
const width = 480;

/**
 * A small horizontal bar chart in SVG: a titled image for screen readers,
 * with a <title> on every bar, and its numbers written beside the bars.
 */
export function BarChart({
  title,
  bars,
  format,
}: {
  title: string;
  bars: Bar[];
  format: (value: number) => string;
}) {
  const id = useId();
  const max = Math.max(0, ...bars.map((b) => b.value));
  const track = width - labelWidth - valueWidth;
  const height = Math.max(1, bars.length) * rowHeight + 8;
  const summary = bars.map((b) => `${b.label}: ${format(b.value)}`).join('; ');
  return (
    <figure className="chart">
      <figcaption id={`${id}-title`} className="chart-title">
        {title}
      </figcaption>
      <svg
        role="img"
        aria-labelledby={`${id}-title ${id}-desc`}
        viewBox={`0 0 ${width} ${height}`}
        width="100%"
        preserveAspectRatio="xMinYMin meet"
      >
        <desc id={`${id}-desc`}>{summary || 'No data'}</desc>
        {bars.map((bar, i) => {
          const y = i * rowHeight + 4;
          const w = max > 0 ? Math.max(bar.value > 0 ? 2 : 0, (bar.value / max) * track) : 0;
          return (
            <g key={`${bar.label}-${i}`} className="chart-bar">
              <title>{`${bar.label}: ${format(bar.value)}`}</title>
              <text
                x={labelWidth - 8}
                y={y + rowHeight / 2}
                textAnchor="end"
                dominantBaseline="middle"
                className="chart-label"
              >
                {bar.label.length > 16 ? `${bar.label.slice(0, 15)}…` : bar.label}
              </text>
              <rect
                x={labelWidth}
                y={y + 5}
                width={track}
                height={rowHeight - 10}
                rx={4}
                className="chart-track"
              />
              <rect
                x={labelWidth}
                y={y + 5}
                width={w}
                height={rowHeight - 10}
                rx={4}
                fill={bar.color ?? 'var(--primary)'}
              />
              <text
                x={labelWidth + track + 8}
                y={y + rowHeight / 2}
                dominantBaseline="middle"
                className="chart-value"
              >
                {format(bar.value)}
              </text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
}
