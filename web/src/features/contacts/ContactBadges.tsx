import { Badge } from '../../components/Badge';
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
