import { useState } from 'react';
import { ErrorNotice } from '../../components/Notice';
import { Spinner } from '../../components/Spinner';
import { formatCount } from '../../lib/format';
import { useDealCurrencies, useDealStats, type DealStats } from './api';
import { BarChart } from './BarChart';
import { TrendChart } from './TrendChart';
import './stats.css';

function money(currency: string) {
  let f: Intl.NumberFormat;
  try {
    f = new Intl.NumberFormat(undefined, { style: 'currency', currency, maximumFractionDigits: 0 });
  } catch {
    f = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });
  }
  return (n: number) => f.format(n);
}

function Kpi({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <div className="card stat-card kpi" data-testid={testId}>
      <div className="stat-value">{value}</div>
      <div className="stat-label">{label}</div>
    </div>
  );
}

/** Where the chart/table choice is remembered, per browser. */
const viewKey = 'kantivo.stats.view';
type View = 'charts' | 'table' | 'hidden';
const views: readonly View[] = ['charts', 'table', 'hidden'];

function storedView(): View {
  try {
    const v = localStorage.getItem(viewKey);
    return views.find((x) => x === v) ?? 'charts';
  } catch {
    return 'charts';
  }
}

function Charts({
  s,
  fmt,
  asTable,
  compact,
}: {
  s: DealStats;
  fmt: (n: number) => string;
  asTable: boolean;
  compact: boolean;
}) {
  const open = s.byStage.filter((b) => !b.isWon && !b.isLost);
  const bars = (rows: DealStats['byStage'], value: (b: DealStats['byStage'][number]) => number) =>
    rows.map((b) => ({ label: b.name, value: value(b), color: b.color }));
  return (
    <div className="chart-grid" data-testid="stats-charts">
      <BarChart
        title={`Value per stage (${s.currency})`}
        labelHeading="Stage"
        valueHeading="Value"
        format={fmt}
        bars={bars(s.byStage, (b) => b.value)}
        asTable={asTable}
      />
      <BarChart
        title="Deals per stage"
        labelHeading="Stage"
        valueHeading="Deals"
        format={formatCount}
        bars={bars(s.byStage, (b) => b.count)}
        asTable={asTable}
      />
      <BarChart
        title={`Weighted pipeline (${s.currency}, value × probability)`}
        labelHeading="Open stage"
        valueHeading="Weighted value"
        format={fmt}
        bars={bars(open, (b) => b.weightedValue)}
        asTable={asTable}
      />
      {/* Six columns fit a quarter of the row on the Deals tab; the dashboard shows the year. */}
      <TrendChart
        title={compact ? 'Win rate, last 6 months' : 'Win rate by month (won ÷ closed)'}
        months={compact ? s.byMonth.slice(-6) : s.byMonth}
        asTable={asTable}
      />
    </div>
  );
}

/**
 * Deal statistics: pipeline value, weighted value, win rate, average deal
 * size and open deals, then charts per stage (in the stages' own colors) and
 * the win rate by month, each with its numbers in a table. `compact` (the
 * Deals tab, above the board): the four charts in one row on a wide screen,
 * so the board starts within the first screen.
 */
export function DealStatsPanel({ compact = false }: { compact?: boolean }) {
  const [currency, setCurrency] = useState('USD');
  const [view, setViewState] = useState<View>(storedView);
  const stats = useDealStats(currency);
  const currencies = useDealCurrencies();
  const fmt = money(currency);
  const s = stats.data;
  const setView = (v: View) => {
    setViewState(v);
    try {
      localStorage.setItem(viewKey, v);
    } catch {
      // private mode: the choice lasts for this page only
    }
  };

  return (
    <section
      className={`deal-stats${compact ? ' deal-stats-compact' : ''}`}
      aria-labelledby="deal-stats-heading"
    >
      <div className="section-header">
        <h2 id="deal-stats-heading">Deal statistics</h2>
        <div className="toolbar stats-toolbar">
          {(currencies.data?.length ?? 0) > 1 && (
            <label className="filter">
              <span className="sr-only">Currency</span>
              <select
                value={currency}
                onChange={(e) => setCurrency(e.target.value)}
                aria-label="Statistics currency"
              >
                {currencies.data?.map((c) => (
                  <option key={c}>{c}</option>
                ))}
              </select>
            </label>
          )}
          <div className="segmented" role="group" aria-label="Show the statistics as">
            {(
              [
                ['charts', 'Charts'],
                ['table', 'Table'],
                ['hidden', 'Hide'],
              ] as const
            ).map(([v, label]) => (
              <button
                key={v}
                type="button"
                className="segment"
                aria-pressed={view === v}
                onClick={() => setView(v)}
              >
                {label}
              </button>
            ))}
          </div>
        </div>
      </div>
      <ErrorNotice error={stats.error} />
      {stats.isPending ? (
        <Spinner label="Loading statistics…" />
      ) : (
        s && (
          <>
            <div className="kpi-grid" aria-live="polite">
              <Kpi testId="stat-pipeline" label="Pipeline value" value={fmt(s.pipelineValue)} />
              <Kpi testId="stat-weighted" label="Weighted value" value={fmt(s.weightedValue)} />
              <Kpi
                testId="stat-winrate"
                label="Win rate"
                value={s.winRate === null ? '—' : `${Math.round(s.winRate * 100)}%`}
              />
              <Kpi
                testId="stat-avg"
                label="Avg deal size"
                value={s.avgDealSize === null ? '—' : fmt(s.avgDealSize)}
              />
              <Kpi testId="stat-open" label="Open deals" value={formatCount(s.openCount)} />
            </div>
            {view !== 'hidden' && (
              <Charts s={s} fmt={fmt} asTable={view === 'table'} compact={compact} />
            )}
          </>
        )
      )}
    </section>
  );
}
