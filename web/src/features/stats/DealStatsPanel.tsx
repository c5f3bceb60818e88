import { useState } from 'react';
import { ErrorNotice } from '../../components/Notice';
import { Spinner } from '../../components/Spinner';
import { formatCount } from '../../lib/format';
import { useDealCurrencies, useDealStats, useStageColors } from './api';
import { BarChart } from './BarChart';
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

/**
 * Deal statistics: pipeline value, weighted value, win rate, average deal
 * size, open deals, and charts by stage and won vs lost, in one currency.
 */
export function DealStatsPanel({ initiallyShowCharts = true }: { initiallyShowCharts?: boolean }) {
  const [currency, setCurrency] = useState('USD');
  const [charts, setCharts] = useState(initiallyShowCharts);
  const stats = useDealStats(currency);
  const currencies = useDealCurrencies();
  const colors = useStageColors();
  const fmt = money(currency);
  const s = stats.data;

  return (
    <section className="deal-stats" aria-labelledby="deal-stats-heading">
      <div className="section-header">
        <h3 id="deal-stats-heading">Deal statistics</h3>
        <div className="toolbar">
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
          <button
            type="button"
            className="btn btn-small btn-ghost"
            aria-expanded={charts}
            onClick={() => setCharts(!charts)}
          >
            {charts ? 'Hide charts' : 'Show charts'}
          </button>
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
            {charts && (
              <div className="chart-grid">
                <BarChart
                  title={`Value per stage (${s.currency})`}
                  format={fmt}
                  bars={s.byStage.map((b) => ({
                    label: b.name,
                    value: b.value,
                    color: colors.data?.get(b.stageId),
                  }))}
                />
                <BarChart
                  title="Deals per stage"
                  format={formatCount}
                  bars={s.byStage.map((b) => ({
                    label: b.name,
                    value: b.count,
                    color: colors.data?.get(b.stageId),
                  }))}
                />
                <BarChart
                  title="Won vs lost"
                  format={formatCount}
                  bars={[
                    { label: 'Won', value: s.wonCount, color: '#16a34a' },
                    { label: 'Lost', value: s.lostCount, color: '#dc2626' },
                  ]}
                />
              </div>
            )}
          </>
        )
      )}
    </section>
  );
}
