import {
  closestCorners,
  DndContext,
  DragOverlay,
  KeyboardSensor,
  MouseSensor,
  TouchSensor,
  useSensor,
  useSensors,
  type Announcements,
  type DragEndEvent,
  type DragStartEvent,
} from '@dnd-kit/core';
import { sortableKeyboardCoordinates } from '@dnd-kit/sortable';
import { useCallback, useRef, useState } from 'react';
import { Icon } from '../../components/Icon';
import { Notice } from '../../components/Notice';
import { errorMessage } from '../../lib/api';
import { formatCount } from '../../lib/format';
import { useMe } from '../../lib/session';
import { useLoadMoreColumn, useMoveDeal, type Column, type Deal, type Pipeline } from './api';
import { BoardColumn } from './BoardColumn';
import { DealCardFace } from './DealCard';
import { LostReasonDialog } from './LostReasonDialog';
import { placementFor, type Placement } from './placement';
import { useBoardScroll } from './useBoardScroll';
import { useCollapsedStages } from './useCollapsedStages';
import './board.css';

const keyboardCodes = { start: ['Space'], cancel: ['Escape'], end: ['Space', 'Enter'] };

function findDeal(board: Pipeline, id: string): Deal | undefined {
  for (const s of board.stages) {
    const deal = s.deals.find((d) => d.id === id);
    if (deal) return deal;
  }
  return undefined;
}

function whereIs(board: Pipeline, id: string | number | undefined): string {
  if (id === undefined) return 'nowhere';
  const column = board.stages.find((s) => s.id === id);
  if (column) return `the end of ${column.name}`;
  const deal = findDeal(board, String(id));
  return deal ? `${deal.title} in ${deal.stageName}` : 'nowhere';
}

type BoardProps = {
  board: Pipeline;
  currency: string;
};

/**
 * The kanban board: drag and drop between and within columns, optimistic,
 * undone on error. Wider than the screen, it scrolls sideways with shadows
 * and arrows at the hidden side; won/lost columns fold away; on a phone one
 * column shows at a time, chosen with the stage picker or by swiping.
 */
export function Board({ board, currency }: BoardProps) {
  const me = useMe();
  const { isCollapsed, toggle } = useCollapsedStages(me.user.id);
  const scroll = useBoardScroll(board.stages.length);
  const onToggleCollapsed = useCallback((column: Column) => toggle(column.id), [toggle]);
  const sensors = useSensors(
    useSensor(MouseSensor, { activationConstraint: { distance: 5 } }),
    // On a touch screen a swipe scrolls (the column, or to the next one);
    // a press held a quarter second picks the card up.
    useSensor(TouchSensor, { activationConstraint: { delay: 250, tolerance: 8 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates, keyboardCodes }),
  );
  const move = useMoveDeal(currency);
  const loadMore = useLoadMoreColumn(currency);
  const [active, setActive] = useState<Deal | null>(null);
  const [askLost, setAskLost] = useState<{
    deal: Deal;
    placement: Placement;
    stage: Column;
  } | null>(null);
  // Stable, so a page arriving in one column does not re-render the others (memo).
  const { mutate: loadPage, isPending: loadingPage } = loadMore;
  const loading = useRef(loadingPage);
  loading.current = loadingPage;
  const onLoadMore = useCallback(
    (column: Column) => {
      if (!loading.current) loadPage(column);
    },
    [loadPage],
  );

  const announcements: Announcements = {
    onDragStart: ({ active: a }) => `Picked up ${whereIs(board, a.id)}.`,
    onDragOver: ({ over }) => (over ? `Over ${whereIs(board, over.id)}.` : 'Not over a column.'),
    onDragEnd: ({ over }) => (over ? `Dropped at ${whereIs(board, over.id)}.` : 'Dropped.'),
    onDragCancel: () => 'Move cancelled.',
  };

  const onDragStart = ({ active: a }: DragStartEvent) =>
    setActive(findDeal(board, String(a.id)) ?? null);
  const onDragEnd = ({ active: a, over }: DragEndEvent) => {
    setActive(null);
    if (!over) return;
    const deal = findDeal(board, String(a.id));
    const placement = deal && placementFor(board.stages, deal.id, String(over.id));
    if (!deal || !placement) return;
    const stage = board.stages.find((s) => s.id === placement.stageId);
    if (stage?.isLost && deal.stageId !== stage.id) {
      setAskLost({ deal, placement, stage });
      return;
    }
    move.mutate({ deal, placement });
  };

  return (
    <>
      {move.isError && (
        <Notice tone="error">
          The move was undone: {errorMessage(move.error)}{' '}
          <button type="button" className="btn btn-small" onClick={() => move.reset()}>
            Dismiss
          </button>
        </Notice>
      )}
      {loadMore.isError && <Notice tone="error">{errorMessage(loadMore.error)}</Notice>}
      <DndContext
        sensors={sensors}
        collisionDetection={closestCorners}
        onDragStart={onDragStart}
        onDragCancel={() => setActive(null)}
        onDragEnd={onDragEnd}
        accessibility={{
          announcements,
          screenReaderInstructions: {
            draggable:
              'To move a deal, press Space to pick it up, use the arrow keys to choose a place, and press Space again to drop it. Escape cancels.',
          },
        }}
      >
        <div className="stage-picker" role="group" aria-label="Show stage">
          {board.stages.map((column, index) => (
            <button
              key={column.id}
              type="button"
              className="stage-chip"
              aria-pressed={scroll.current === index}
              onClick={() => scroll.scrollToColumn(index)}
            >
              <span className="stage-dot" style={{ background: column.color }} aria-hidden="true" />
              {column.name}
              <span className="stage-chip-count">{formatCount(column.count)}</span>
            </button>
          ))}
        </div>
        <div
          className={`board-viewport${scroll.edges.left ? ' more-left' : ''}${
            scroll.edges.right ? ' more-right' : ''
          }`}
        >
          {scroll.edges.left && (
            <button
              type="button"
              className="board-scroll board-scroll-left"
              aria-label="Scroll the board left"
              onClick={() => scroll.scrollByPage(-1)}
            >
              <Icon name="chevronLeft" />
            </button>
          )}
          <div ref={scroll.ref} className="board" role="region" aria-label="Pipeline board">
            {board.stages.map((column) => (
              <BoardColumn
                key={column.id}
                column={column}
                currency={currency}
                loadingMore={loadMore.isPending && loadMore.variables?.id === column.id}
                onLoadMore={onLoadMore}
                collapsed={(column.isWon || column.isLost) && isCollapsed(column.id)}
                onToggleCollapsed={column.isWon || column.isLost ? onToggleCollapsed : undefined}
              />
            ))}
          </div>
          {scroll.edges.right && (
            <button
              type="button"
              className="board-scroll board-scroll-right"
              aria-label="Scroll the board right"
              onClick={() => scroll.scrollByPage(1)}
            >
              <Icon name="chevronRight" />
            </button>
          )}
        </div>
        <DragOverlay>
          {active ? (
            <div className="deal-card deal-card-overlay">
              <DealCardFace deal={active} />
            </div>
          ) : null}
        </DragOverlay>
      </DndContext>
      {askLost && (
        <LostReasonDialog
          dealTitle={askLost.deal.title}
          stageName={askLost.stage.name}
          onClose={() => setAskLost(null)}
          onConfirm={(reason) => {
            move.mutate({
              deal: askLost.deal,
              placement: { ...askLost.placement, lostReason: reason || undefined },
            });
            setAskLost(null);
          }}
        />
      )}
    </>
  );
}
