import { may, type Me } from '../../lib/session';

export type CsvAction = 'import' | 'export';

/** Why a CSV action is unavailable: the plan (with the plan that unlocks it) or the role. */
export function csvGate(
  me: Me,
  action: CsvAction,
): { allowed: true } | { allowed: false; reason: string } {
  if (!may(me, action === 'import' ? 'contact.import' : 'contact.export')) {
    return { allowed: false, reason: `Your role cannot ${action} contacts` };
  }
  if (me.org.plan === 'starter') {
    return {
      allowed: false,
      reason: `${action === 'import' ? 'Import' : 'Export'} needs the Growth plan`,
    };
  }
  return { allowed: true };
}
