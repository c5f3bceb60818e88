import { useMemo, useState } from 'react';
import { Link } from 'wouter';
import { Badge, type Tone } from '../../components/Badge';
import { EmptyState } from '../../components/EmptyState';
import { ErrorNotice } from '../../components/Notice';
import { Spinner } from '../../components/Spinner';
import { formatDate } from '../../lib/format';
import { useDebouncedValue } from '../../lib/useDebouncedValue';
import { useDealList, type Deal, type DealFilters } from './api';
import { formatMoney } from './money';

const statusTone = { open: 'blue', won: 'green', lost: 'red' } as const satisfies Record<
  Deal['status'],
  Tone
>;

/** The same deals as a table, with search and an open/won/lost filter. */
export function DealList() {
  const [q, setQ] = useState('');
  const [status, setStatus] = useState<DealFilters['status']>(undefined);
  const query = useDebouncedValue(q.trim(), 300);
  const filters = useMemo<DealFilters>(
    () => ({ q: query.length >= 2 ? query : undefined, status }),
    [query, status],
  );
  const list = useDealList(filters);
  const deals = list.data?.pages.flatMap((p) => p.data) ?? [];

  return (
    <div className="deal-list">
      <div className="toolbar">
        <input
          type="search"
          className="input"
          aria-label="Search deals"
          placeholder="Search deals…"
          value={q}
          onChange={(e) => setQ(e.target.value)}
        />
        <select
          aria-label="Deal status"
          value={status ?? ''}
          onChange={(e) => setStatus((e.target.value || undefined) as DealFilters['status'])}
        >
          <option value="">All deals</option>
          <option value="open">Open</option>
          <option value="won">Won</option>
          <option value="lost">Lost</option>
        </select>
      </div>
      <ErrorNotice error={list.error} />
      {list.isPending ? (
        <Spinner label="Loading deals…" />
      ) : deals.length === 0 ? (
        <div className="card">
          <EmptyState title="No deals match">
            <p>Add a deal or change the filters.</p>
          </EmptyState>
        </div>
      ) : (
        <div className="card table-card">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Deal</th>
                <th scope="col">Contact</th>
                <th scope="col">Stage</th>
                <th scope="col" className="num">
                  Amount
                </th>
                <th scope="col" className="num">
                  Probability
                </th>
                <th scope="col">Expected close</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {deals.map((d) => (
                <tr key={d.id}>
                  <td>
                    <Link href={`/crm/deals/${d.id}`} className="row-link strong">
                      {d.title}
                    </Link>
                  </td>
                  <td>{d.contactName ?? '—'}</td>
                  <td>{d.stageName}</td>
                  <td className="num">{formatMoney(d.amount, d.currency)}</td>
                  <td className="num">{d.probability}%</td>
                  <td>{d.expectedCloseDate ? formatDate(d.expectedCloseDate) : '—'}</td>
                  <td>
                    <Badge tone={statusTone[d.status]}>{d.status}</Badge>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {list.hasNextPage && (
            <div className="timeline-more">
              <button
                type="button"
                className="btn"
                disabled={list.isFetchingNextPage}
                onClick={() => void list.fetchNextPage()}
              >
                {list.isFetchingNextPage ? 'Loading…' : 'Load more'}
              </button>
            </div>
          )}
        </div>
      )}
    </div>
  );
}
