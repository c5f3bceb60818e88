import { useDroppable } from '@dnd-kit/core';
import { SortableContext, verticalListSortingStrategy } from '@dnd-kit/sortable';
import { useEffect, useRef } from 'react';
import { Icon } from '../../components/Icon';
import { formatCount } from '../../lib/format';
import type { Column } from './api';
import { DealCard } from './DealCard';
import { formatMoney } from './money';

type Props = {
  column: Column;
  currency: string;
  loadingMore: boolean;
  onLoadMore: (column: Column) => void;
};

/** One stage: header in the stage's color with count and summed value, cards loaded on scroll. */
export function BoardColumn({ column, currency, loadingMore, onLoadMore }: Props) {
  const { setNodeRef, isOver } = useDroppable({ id: column.id, data: { column: true } });
  const sentinel = useRef<HTMLDivElement>(null);
  const body = useRef<HTMLDivElement | null>(null);
  const hasMore = column.nextCursor !== null;

  useEffect(() => {
    const node = sentinel.current;
    if (!node || !hasMore) return;
    // Watched inside the column's own scroll box, so it fires wherever the page is scrolled.
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting) && !loadingMore) onLoadMore(column);
      },
      { root: body.current, rootMargin: '0px 0px 300px 0px' },
    );
    observer.observe(node);
    return () => observer.disconnect();
  }, [column, hasMore, loadingMore, onLoadMore]);

  const headingId = `column-${column.id}`;
  return (
    <section
      className={`board-column${isOver ? ' board-column-over' : ''}`}
      aria-labelledby={headingId}
      data-stage={column.name}
    >
      <header className="board-column-header" style={{ borderTopColor: column.color }}>
        <h3 id={headingId}>
          <span className="stage-dot" style={{ background: column.color }} aria-hidden="true" />
          {column.name}
          {column.isWon && (
            <span className="stage-won" title="Won stage">
              <Icon name="award" size={14} />
            </span>
          )}
        </h3>
        <span className="column-count" aria-label={`${column.count} deals`}>
          {formatCount(column.count)}
        </span>
        <div className="column-value" aria-label={`Total value in ${column.name}`}>
          {formatMoney(column.value, currency)}
        </div>
      </header>
      <div
        ref={(node) => {
          setNodeRef(node);
          body.current = node;
        }}
        className="board-column-body"
      >
        <SortableContext
          items={column.deals.map((d) => d.id)}
          strategy={verticalListSortingStrategy}
        >
          <ol className="deal-cards" aria-label={`Deals in ${column.name}`}>
            {column.deals.map((deal) => (
              <DealCard key={deal.id} deal={deal} />
            ))}
          </ol>
        </SortableContext>
        {column.deals.length === 0 && <p className="column-empty">Drop a deal here</p>}
        {hasMore && (
          <div ref={sentinel} className="column-more">
            <button
              type="button"
              className="btn btn-small btn-ghost"
              disabled={loadingMore}
              onClick={() => onLoadMore(column)}
            >
              {loadingMore ? 'Loading…' : 'Load more'}
            </button>
          </div>
        )}
      </div>
    </section>
  );
}
