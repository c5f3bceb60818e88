import {
  closestCorners,
  DndContext,
  DragOverlay,
  KeyboardSensor,
  PointerSensor,
  useSensor,
  useSensors,
  type Announcements,
  type DragEndEvent,
  type DragStartEvent,
} from '@dnd-kit/core';
import { sortableKeyboardCoordinates } from '@dnd-kit/sortable';
import { useCallback, useState } from 'react';
import { Notice } from '../../components/Notice';
import { errorMessage } from '../../lib/api';
import { useLoadMoreColumn, useMoveDeal, type Column, type Deal, type Pipeline } from './api';
import { BoardColumn } from './BoardColumn';
import { DealCardFace } from './DealCard';
import { LostReasonDialog } from './LostReasonDialog';
import { placementFor, type Placement } from './placement';

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

/** The kanban board: drag and drop between and within columns, optimistic, undone on error. */
export function Board({ board, currency }: { board: Pipeline; currency: string }) {
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 5 } }),
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
  const onLoadMore = useCallback(
    (column: Column) => {
      if (!loadMore.isPending) loadMore.mutate(column);
    },
    [loadMore],
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
        <div className="board" role="region" aria-label="Pipeline board">
          {board.stages.map((column) => (
            <BoardColumn
              key={column.id}
              column={column}
              currency={currency}
              loadingMore={loadMore.isPending && loadMore.variables?.id === column.id}
              onLoadMore={onLoadMore}
            />
          ))}
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
