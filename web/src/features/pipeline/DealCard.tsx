import { useSortable } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import { memo } from 'react';
import { Link } from 'wouter';
import { Icon } from '../../components/Icon';
import { recordAction } from '../../lib/permissions';
import { useMe } from '../../lib/session';
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
 * arrows, Space to drop). A deal the caller may not move (the server's
 * `can.move`) stays put and says why on hover and focus.
 */
export const DealCard = memo(function DealCard({ deal }: { deal: Deal }) {
  const me = useMe();
  const movable = recordAction(me, deal.can.move, 'deal.update', deal, 'move');
  const { attributes, listeners, setNodeRef, transform, transition, isDragging } = useSortable({
    id: deal.id,
    data: { stageId: deal.stageId },
    disabled: !movable.allowed,
    // A list item, not a button: it holds a link, and its list must hold list items (axe).
    attributes: { role: 'listitem' },
  });
  const reasonId = `deal-lock-${deal.id}`;
  return (
    <li
      ref={setNodeRef}
      className={`deal-card${isDragging ? ' deal-card-dragging' : ''}${movable.allowed ? '' : ' deal-card-locked'}`}
      style={{ transform: CSS.Translate.toString(transform), transition }}
      data-deal-id={deal.id}
      {...attributes}
      {...listeners}
      aria-roledescription={movable.allowed ? 'draggable deal' : 'deal'}
      aria-label={`${deal.title}, ${formatMoney(deal.amount, deal.currency)}, ${deal.probability}%`}
      {...(movable.allowed ? {} : { title: movable.reason, 'aria-describedby': reasonId })}
    >
      <DealCardFace deal={deal} />
      {!movable.allowed && (
        <p className="deal-card-reason" id={reasonId}>
          <Icon name="lock" size={12} /> {movable.reason}
        </p>
      )}
    </li>
  );
});
