import { Badge } from '../../components/Badge';
import { Icon } from '../../components/Icon';
import type { Contact } from './api';
import { labelOf } from './labels';

export function TypeBadge({ type }: { type: Contact['type'] }) {
  const o = labelOf.type(type);
  return <Badge tone={o.tone}>{o.label}</Badge>;
}

export function StatusBadge({ status }: { status: Contact['status'] }) {
  const o = labelOf.status(status);
  return (
    <Badge tone={o.tone}>
      <span className={`dot dot-${o.tone}`} aria-hidden="true" />
      {o.label}
    </Badge>
  );
}

export function VisibilityBadge({ visibility }: { visibility: Contact['visibility'] }) {
  const o = labelOf.visibility(visibility);
  return (
    <Badge tone={o.tone}>
      <Icon
        name={
          visibility === 'individual' ? 'lock' : visibility === 'partner' ? 'users' : 'building'
        }
        size={12}
      />
      {o.label}
    </Badge>
  );
}
