import { useState } from 'react';
import { Badge } from '../../components/Badge';
import { Icon } from '../../components/Icon';
import { csvAccess } from '../../lib/permissions';
import { useMe } from '../../lib/session';
import { ImportWizard } from './ImportWizard';

/**
 * Opens the import wizard. Not shown to roles that may not import;
 * unavailable, with the plan that unlocks it, when the plan lacks it.
 */
export function ImportButton() {
  const me = useMe();
  const access = csvAccess(me, 'import');
  const [open, setOpen] = useState(false);
  if (!access.shown) return null;
  return (
    <>
      <button
        type="button"
        className="btn"
        disabled={!access.allowed}
        title={access.allowed ? undefined : access.reason}
        onClick={() => setOpen(true)}
      >
        <Icon name="arrowUp" size={16} /> Import
        {!access.allowed && (
          <>
            <span className="sr-only"> ({access.reason})</span>
            <Badge tone="violet">Growth</Badge>
          </>
        )}
      </button>
      {open && <ImportWizard onClose={() => setOpen(false)} />}
    </>
  );
}
