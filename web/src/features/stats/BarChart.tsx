import { useId } from 'react';

export type Bar = { label: string; value: number; color?: string };

/**
 * A horizontal bar chart in HTML, so its labels keep their size on a phone
 * (an SVG scaled to fit shrank them to ~9 px). The bars are decoration for
 * sighted readers; the same numbers are in a <table>, visually hidden unless
 * `asTable`, which is what screen readers read.
 */
export function BarChart({
  title,
  bars,
  format,
  labelHeading,
  valueHeading,
  asTable,
}: {
  title: string;
  bars: Bar[];
  format: (value: number) => string;
  labelHeading: string;
  valueHeading: string;
  asTable: boolean;
}) {
  const id = useId();
  const max = Math.max(0, ...bars.map((b) => b.value));
  return (
    <figure className="chart" aria-labelledby={`${id}-title`}>
      <figcaption id={`${id}-title`} className="chart-title">
        {title}
      </figcaption>
      {!asTable && (
        <div className="hbars" aria-hidden="true">
          {bars.length === 0 && <p className="muted">No data yet.</p>}
          {bars.map((bar, i) => (
            <div
              key={`${bar.label}-${i}`}
              className="hbar-row"
              title={`${bar.label}: ${format(bar.value)}`}
            >
              <span className="hbar-label" title={bar.label}>
                {bar.label}
              </span>
              <span className="hbar-track">
                <span
                  className="hbar-fill"
                  style={{
                    width: `${max > 0 && bar.value > 0 ? Math.max(1.5, (bar.value / max) * 100) : 0}%`,
                    background: bar.color ?? 'var(--primary)',
                  }}
                />
              </span>
              <span className="hbar-value">{format(bar.value)}</span>
            </div>
          ))}
        </div>
      )}
      <div className={asTable ? 'chart-table-wrap' : 'sr-only'}>
        <table className="chart-table" aria-labelledby={`${id}-title`}>
          <thead>
            <tr>
              <th scope="col">{labelHeading}</th>
              <th scope="col" className="num">
                {valueHeading}
              </th>
            </tr>
          </thead>
          <tbody>
            {bars.map((bar, i) => (
              <tr key={`${bar.label}-${i}`}>
                <th scope="row">
                  {bar.color && (
                    <span
                      className="chart-swatch"
                      style={{ background: bar.color }}
                      aria-hidden="true"
                    />
                  )}
                  {bar.label}
                </th>
                <td className="num">{format(bar.value)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
