import { useState, type ReactNode } from 'react';
import { useSearchParams } from 'wouter';
import { Icon } from '../../components/Icon';
import { ErrorNotice } from '../../components/Notice';
import { Spinner } from '../../components/Spinner';
import { may, useMe } from '../../lib/session';
import { useTitle } from '../../lib/useTitle';
import { usePipeline } from './api';
import { Board } from './Board';
import { DealFormDialog } from './DealFormDialog';
import { DealList } from './DealList';
import './pipeline.css';

type View = 'board' | 'list';

/** Deals: the kanban board or the list, statistics above them, and "Add deal". */
export function DealsPage({ stats }: { stats?: ReactNode }) {
  useTitle('Deals');
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const view: View = params.get('view') === 'list' ? 'list' : 'board';
  const currency = params.get('currency') ?? 'USD';
  const [adding, setAdding] = useState(false);
  const board = usePipeline(currency);
  const currencies = new Set(['USD', currency]);
  for (const s of board.data?.stages ?? []) for (const d of s.deals) currencies.add(d.currency);

  const setParam = (key: string, value: string | null) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (value) next.set(key, value);
        else next.delete(key);
        return next;
      },
      { replace: true },
    );

  return (
    <section className="deals-page" aria-labelledby="deals-heading">
      <div className="section-header">
        <div>
          <h2 id="deals-heading">Deals</h2>
          <p className="muted">Drag a card to move a deal; every move lands in its timeline.</p>
        </div>
        <div className="toolbar">
          <fieldset className="segmented" aria-label="View">
            {(['board', 'list'] as const).map((v) => (
              <label key={v} className={`segment${view === v ? ' selected' : ''}`}>
                <input
                  type="radio"
                  name="deal-view"
                  checked={view === v}
                  onChange={() => setParam('view', v === 'board' ? null : v)}
                />
                {v === 'board' ? 'Board' : 'List'}
              </label>
            ))}
          </fieldset>
          {currencies.size > 1 && view === 'board' && (
            <select
              aria-label="Board currency"
              value={currency}
              onChange={(e) =>
                setParam('currency', e.target.value === 'USD' ? null : e.target.value)
              }
            >
              {[...currencies].sort().map((c) => (
                <option key={c}>{c}</option>
              ))}
            </select>
          )}
          {may(me, 'deal.create') && (
            <button type="button" className="btn btn-primary" onClick={() => setAdding(true)}>
              <Icon name="plus" size={16} /> Add deal
            </button>
          )}
        </div>
      </div>
      {stats}
      {view === 'list' ? (
        <DealList />
      ) : (
        <>
          <ErrorNotice error={board.error} />
          {board.isPending ? (
            <Spinner label="Loading the pipeline…" />
          ) : (
            board.data && <Board board={board.data} currency={board.data.currency} />
          )}
        </>
      )}
      {adding && <DealFormDialog onClose={() => setAdding(false)} />}
    </section>
  );
}
