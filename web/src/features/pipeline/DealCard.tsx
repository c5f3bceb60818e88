import { useSortable } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import { memo } from 'react';
import { Link } from 'wouter';
import type { Deal } from './api';
import { formatMoney } from './money';

/** A card's face: title, amount, contact and probability. */
export function DealCardFace({ deal }: { deal: Deal }) {
  return (
    <>
      <div className="deal-card-title">
        <Link href={`/crm/deals/${deal.id}`} className="deal-link" draggable={false}>
          {deal.title}
        </Link>
      </div>
      <div className="deal-card-amount">{formatMoney(deal.amount, deal.currency)}</div>
      <div className="deal-card-meta">
        <span className="truncate">{deal.contactName ?? 'Hidden contact'}</span>
        <span className="deal-prob" title="Probability">
          {deal.probability}%
        </span>
      </div>
    </>
  );
}

/**
 * A draggable deal on the board (mouse, touch, or keyboard: Space to lift,
 * arrows, Space to drop). `disabled`: the caller may not move it.
 */
export const DealCard = memo(function DealCard({
  deal,
  disabled = false,
}: {
  deal: Deal;
  disabled?: boolean;
}) {
  const { attributes, listeners, setNodeRef, transform, transition, isDragging } = useSortable({
    id: deal.id,
    data: { stageId: deal.stageId },
    disabled,
  });
  return (
    <li
      ref={setNodeRef}
      className={`deal-card${isDragging ? ' deal-card-dragging' : ''}${
        disabled ? ' deal-card-fixed' : ''
      }`}
      style={{ transform: CSS.Translate.toString(transform), transition }}
      data-deal-id={deal.id}
      {...attributes}
      {...listeners}
      aria-roledescription="draggable deal"
      aria-label={`${deal.title}, ${formatMoney(deal.amount, deal.currency)}, ${deal.probability}%`}
    >
      <DealCardFace deal={deal} />
    </li>
  );
});
