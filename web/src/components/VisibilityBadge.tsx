import { visibilityLabel, type Visibility } from '../lib/visibility';
import { Badge } from './Badge';
import { Icon } from './Icon';

/** A record's visibility level (contact or deal), with its icon. */
export function VisibilityBadge({ visibility }: { visibility: Visibility }) {
  const o = visibilityLabel(visibility);
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
