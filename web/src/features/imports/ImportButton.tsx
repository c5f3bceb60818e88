import { useState } from 'react';
import { Badge } from '../../components/Badge';
import { Icon } from '../../components/Icon';
import { useMe } from '../../lib/session';
import { csvGate } from './gating';
import { ImportWizard } from './ImportWizard';

/** Opens the import wizard; disabled, with the plan that unlocks it, when not allowed. */
export function ImportButton() {
  const me = useMe();
  const gate = csvGate(me, 'import');
  const [open, setOpen] = useState(false);
  return (
    <>
      <button
        type="button"
        className="btn"
        disabled={!gate.allowed}
        title={gate.allowed ? undefined : gate.reason}
        onClick={() => setOpen(true)}
      >
        <Icon name="arrowUp" size={16} /> Import
        {!gate.allowed && <span className="sr-only"> ({gate.reason})</span>}
        {!gate.allowed && me.org.plan === 'starter' && <Badge tone="violet">Growth</Badge>}
      </button>
      {open && <ImportWizard onClose={() => setOpen(false)} />}
    </>
  );
}
