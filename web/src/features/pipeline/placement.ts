import type { Column, Deal, Pipeline } from './api';

/** Where a dropped deal goes: the API's move body. */
export type Placement = {
  stageId: string;
  beforeId?: string;
  afterId?: string;
  lostReason?: string;
};

/**
 * Turns a drop into a move: over a card, the deal takes that card's place
 * (after it when moving down its own column, before it otherwise); over a
 * column's empty space, it goes to the end. Null when nothing would change.
 */
export function placementFor(stages: Column[], dealId: string, overId: string): Placement | null {
  const from = stages.find((s) => s.deals.some((d) => d.id === dealId));
  const target =
    stages.find((s) => s.id === overId) ?? stages.find((s) => s.deals.some((d) => d.id === overId));
  if (!from || !target) return null;
  if (overId === dealId) return null;
  if (target.id === overId) {
    const last = target.deals.filter((d) => d.id !== dealId).at(-1);
    if (target.id === from.id && from.deals.at(-1)?.id === dealId) return null;
    return last ? { stageId: target.id, afterId: last.id } : { stageId: target.id };
  }
  if (target.id === from.id) {
    const fromIndex = from.deals.findIndex((d) => d.id === dealId);
    const toIndex = from.deals.findIndex((d) => d.id === overId);
    return fromIndex < toIndex
      ? { stageId: target.id, afterId: overId }
      : { stageId: target.id, beforeId: overId };
  }
  return { stageId: target.id, beforeId: overId };
}

const sameCurrency = (board: Pipeline, deal: Deal) => deal.currency === board.currency;

/** The board as it will look after the move; counts and values follow the deal. */
export function applyMove(board: Pipeline, deal: Deal, placement: Placement): Pipeline {
  const target = board.stages.find((s) => s.id === placement.stageId);
  const moved: Deal = {
    ...deal,
    stageId: placement.stageId,
    stageName: target?.name ?? deal.stageName,
    status: target?.isWon ? 'won' : target?.isLost ? 'lost' : 'open',
    lostReason: target?.isLost ? (placement.lostReason ?? null) : null,
  };
  const value = sameCurrency(board, deal) ? deal.amount : 0;
  return {
    ...board,
    stages: board.stages.map((s) => {
      const had = s.deals.some((d) => d.id === deal.id);
      let deals = s.deals.filter((d) => d.id !== deal.id);
      let { count, value: sum } = s;
      if (s.id === deal.stageId && s.id !== placement.stageId) {
        count -= 1;
        sum -= value;
      }
      if (s.id === placement.stageId) {
        if (s.id !== deal.stageId) {
          count += 1;
          sum += value;
        }
        const anchor = placement.beforeId ?? placement.afterId;
        const at = anchor ? deals.findIndex((d) => d.id === anchor) : -1;
        const index = at < 0 ? deals.length : placement.beforeId ? at : at + 1;
        deals = [...deals.slice(0, index), moved, ...deals.slice(index)];
      }
      if (!had && s.id !== placement.stageId) return s;
      return { ...s, deals, count, value: Math.round(sum * 100) / 100 };
    }),
  };
}
