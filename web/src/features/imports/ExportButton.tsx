import { Badge } from '../../components/Badge';
import { Icon } from '../../components/Icon';
import { csvAccess } from '../../lib/permissions';
import { useMe } from '../../lib/session';
import { exportHref, type ExportFilters } from './api';

/**
 * Downloads the contacts matching the current filters as CSV. Not shown to
 * roles that may not export; unavailable, with the plan that unlocks it,
 * when the plan lacks it.
 */
export function ExportButton({ filters }: { filters: ExportFilters }) {
  const me = useMe();
  const access = csvAccess(me, 'export');
  if (!access.shown) return null;
  if (!access.allowed) {
    return (
      <button
        type="button"
        className="btn"
        disabled
        title={access.reason}
        aria-describedby="export-gate"
      >
        <Icon name="download" size={16} /> Export
        <span id="export-gate" className="sr-only">
          {access.reason}
        </span>
        <Badge tone="violet">Growth</Badge>
      </button>
    );
  }
  return (
    <a className="btn" href={exportHref(filters)} download="contacts.csv">
      <Icon name="download" size={16} /> Export
    </a>
  );
}
