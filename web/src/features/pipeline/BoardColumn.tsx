import { useDroppable } from '@dnd-kit/core';
import { SortableContext, verticalListSortingStrategy } from '@dnd-kit/sortable';
import { memo, useEffect, useRef } from 'react';
import { Icon } from '../../components/Icon';
import { formatCount } from '../../lib/format';
import { columnPageSize, type Column } from './api';
import { DealCard } from './DealCard';
import { formatMoney } from './money';

/**
 * Pages load by themselves while the reader scrolls, up to this many cards;
 * past it, one page per click, so a column of 10,000 deals never grows a
 * DOM (and a drag-and-drop list) of 10,000 cards behind the user's back.
 */
export const autoLoadLimit = 200;

type Props = {
  column: Column;
  currency: string;
  loadingMore: boolean;
  onLoadMore: (column: Column) => void;
  /** Won and lost columns can fold to a narrow strip. */
  collapsed: boolean;
  onToggleCollapsed?: (column: Column) => void;
};

function ColumnTitle({ column }: { column: Column }) {
  return (
    <>
      <span className="stage-dot" style={{ background: column.color }} aria-hidden="true" />
      <span className="truncate">{column.name}</span>
      {column.isWon && (
        <span className="stage-won" title="Won stage">
          <Icon name="award" size={14} />
        </span>
      )}
    </>
  );
}

/** One stage: header in the stage's color with count and summed value, cards loaded on scroll. */
export const BoardColumn = memo(function BoardColumn({
  column,
  currency,
  loadingMore,
  onLoadMore,
  collapsed,
  onToggleCollapsed,
}: Props) {
  const { setNodeRef, isOver } = useDroppable({ id: column.id, data: { column: true } });
  const sentinel = useRef<HTMLDivElement>(null);
  const body = useRef<HTMLDivElement | null>(null);
  const hasMore = column.nextCursor !== null;
  const autoLoad = hasMore && !collapsed && column.deals.length < autoLoadLimit;

  useEffect(() => {
    const node = sentinel.current;
    if (!node || !autoLoad) return;
    // Watched inside the column's own scroll box, so it fires wherever the page is scrolled.
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting) && !loadingMore) onLoadMore(column);
      },
      { root: body.current, rootMargin: '0px 0px 300px 0px' },
    );
    observer.observe(node);
    return () => observer.disconnect();
  }, [column, autoLoad, loadingMore, onLoadMore]);

  const headingId = `column-${column.id}`;
  const className = `board-column${isOver ? ' board-column-over' : ''}${
    collapsed ? ' board-column-collapsed' : ''
  }`;

  if (collapsed) {
    // Still a drop target: a deal dropped here goes to the end of the stage.
    return (
      <section
        ref={setNodeRef}
        className={className}
        aria-labelledby={headingId}
        data-stage={column.name}
        style={{ borderTopColor: column.color }}
      >
        <button
          type="button"
          className="column-expand"
          aria-expanded={false}
          aria-label={`Expand ${column.name} (${column.count} deals)`}
          onClick={() => onToggleCollapsed?.(column)}
        >
          <Icon name="chevronRight" size={16} />
          <h3 id={headingId} className="column-collapsed-name">
            <ColumnTitle column={column} />
          </h3>
          <span className="column-count">{formatCount(column.count)}</span>
        </button>
      </section>
    );
  }

  return (
    <section className={className} aria-labelledby={headingId} data-stage={column.name}>
      <header className="board-column-header" style={{ borderTopColor: column.color }}>
        <h3 id={headingId}>
          <ColumnTitle column={column} />
        </h3>
        <span className="column-tools">
          <span className="column-count" aria-label={`${column.count} deals`}>
            {formatCount(column.count)}
          </span>
          {onToggleCollapsed && (
            <button
              type="button"
              className="btn btn-ghost btn-icon"
              aria-expanded={true}
              aria-label={`Collapse ${column.name}`}
              title={`Collapse ${column.name}`}
              onClick={() => onToggleCollapsed(column)}
            >
              <Icon name="chevronLeft" size={16} />
            </button>
          )}
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
            {!autoLoad && (
              <span className="muted">
                Showing {formatCount(column.deals.length)} of {formatCount(column.count)}
              </span>
            )}
            <button
              type="button"
              className="btn btn-small btn-ghost"
              disabled={loadingMore}
              onClick={() => onLoadMore(column)}
            >
              {loadingMore ? 'Loading…' : `Show ${columnPageSize} more`}
            </button>
          </div>
        )}
      </div>
    </section>
  );
});
