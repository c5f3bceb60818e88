import { useId, type CSSProperties } from 'react';

export type MonthPoint = {
  month: string;
  wonCount: number;
  lostCount: number;
  winRate: number | null;
};

const monthName = new Intl.DateTimeFormat(undefined, { month: 'short', timeZone: 'UTC' });
const monthYear = new Intl.DateTimeFormat(undefined, {
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});
const dateOf = (month: string) => new Date(`${month}-01T00:00:00Z`);
const percent = (rate: number | null) => (rate === null ? '—' : `${Math.round(rate * 100)}%`);

/**
 * Win rate per month as columns (0–100 %), a month without closed deals shown
 * as a gap rather than 0 %. Its numbers, with the won and lost counts, are in
 * a <table> (visually hidden unless `asTable`).
 */
export function TrendChart({
  title,
  months,
  asTable,
}: {
  title: string;
  months: MonthPoint[];
  asTable: boolean;
}) {
  const id = useId();
  return (
    <figure className="chart" aria-labelledby={`${id}-title`}>
      <figcaption id={`${id}-title`} className="chart-title">
        {title}
      </figcaption>
      {!asTable && (
        <div
          className="vbars"
          aria-hidden="true"
          style={{ '--months': months.length } as CSSProperties}
        >
          {months.map((m) => (
            <div
              key={m.month}
              className="vbar"
              title={`${monthYear.format(dateOf(m.month))}: ${percent(m.winRate)} (${m.wonCount} won, ${m.lostCount} lost)`}
            >
              <span className="vbar-label">{monthName.format(dateOf(m.month))}</span>
              <span className="vbar-track">
                {m.winRate !== null && (
                  <span
                    className="vbar-fill"
                    style={{ '--rate': Math.max(0.02, m.winRate) } as CSSProperties}
                  />
                )}
              </span>
              <span className="vbar-value">{m.winRate === null ? '' : percent(m.winRate)}</span>
            </div>
          ))}
        </div>
      )}
      <div className={asTable ? 'chart-table-wrap' : 'sr-only'}>
        <table className="chart-table" aria-labelledby={`${id}-title`}>
          <thead>
            <tr>
              <th scope="col">Month</th>
              <th scope="col" className="num">
                Won
              </th>
              <th scope="col" className="num">
                Lost
              </th>
              <th scope="col" className="num">
                Win rate
              </th>
            </tr>
          </thead>
          <tbody>
            {months.map((m) => (
              <tr key={m.month}>
                <th scope="row">{monthYear.format(dateOf(m.month))}</th>
                <td className="num">{m.wonCount}</td>
                <td className="num">{m.lostCount}</td>
                <td className="num">{percent(m.winRate)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
