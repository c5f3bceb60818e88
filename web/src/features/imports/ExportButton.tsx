import { Badge } from '../../components/Badge';
import { Icon } from '../../components/Icon';
import { useMe } from '../../lib/session';
import { exportHref, type ExportFilters } from './api';
import { csvGate } from './gating';

/** Downloads the contacts matching the current filters as CSV; disabled with the plan that unlocks it. */
export function ExportButton({ filters }: { filters: ExportFilters }) {
  const me = useMe();
  const gate = csvGate(me, 'export');
  if (!gate.allowed) {
    return (
      <button
        type="button"
        className="btn"
        disabled
        title={gate.reason}
        aria-describedby="export-gate"
      >
        <Icon name="download" size={16} /> Export
        <span id="export-gate" className="sr-only">
          {gate.reason}
        </span>
        {me.org.plan === 'starter' && <Badge tone="violet">Growth</Badge>}
      </button>
    );
  }
  return (
    <a className="btn" href={exportHref(filters)} download="contacts.csv">
      <Icon name="download" size={16} /> Export
    </a>
  );
}
