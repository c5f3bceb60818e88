import type { Action, Me, Role } from './session';

/**
 * The UI's permission decisions, derived from what the server itself uses
 * (`GET /me`: the role's scopes, the settings behind them, the plan's
 * features; a record's own `can`), never from a copy of the rules. Controls
 * the caller may not use are not shown; where something expected is
 * absent, `whyNot` says why in words built from the actual setting.
 */

export type SettingKey = keyof Me['settings'];
export type Feature = Me['features'][number];

/** What the CRM settings page calls each switch; reasons quote the same words. */
export const settingLabels = {
  allowPrivateContacts: 'Allow private contacts',
  requireCommitToPartner: 'Require commit to partner',
  requireCommitToOrg: 'Require commit to organization',
  partnersCanSeeOrgContacts: 'Partners can see organization contacts',
  repsCanCommitUpward: 'Sales reps can commit upward',
  repsCanEditOwnContacts: 'Sales reps can edit their own contacts',
  partnersCanDeleteOwnContacts: 'Partners can delete their own contacts',
  hideStaffNamesFromPartners: 'Hide staff names from partners',
} as const satisfies Record<SettingKey, string>;

const roleNouns = {
  owner: 'Owners',
  admin: 'Org admins',
  employee: 'Employees',
  partner: 'Partners',
  sales_rep: 'Sales reps',
} as const satisfies Record<Role, string>;

const featureNames = {
  import: 'CSV import',
  export: 'CSV export',
  custom_fields: 'Custom fields',
} as const satisfies Record<Feature, string>;

/** How a reason names an action: the verb and what it acts on. */
const actionWords: Partial<Record<Action, [verb: string, things: string]>> = {
  'contact.update': ['edit', 'contacts'],
  'contact.delete': ['delete', 'contacts'],
  'contact.commit': ['commit up', 'contacts'],
  'contact.bulk': ['bulk-update', 'contacts'],
  'contact.import': ['import', 'contacts'],
  'contact.export': ['export', 'contacts'],
  'deal.update': ['edit', 'deals'],
  'deal.delete': ['delete', 'deals'],
  'deal.commit': ['commit up', 'deals'],
};

const lower = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

/** Whether the plan includes a feature (the server's plan gate, as /me reports it). */
export const hasFeature = (me: Me, feature: Feature): boolean => me.features.includes(feature);

/**
 * Why the caller may not do `action` (on `record`, when given), or null when
 * it may. `verb` names the action when the UI calls it otherwise (a deal is
 * moved by an update).
 */
export function whyNot(
  me: Me,
  action: Action,
  record?: { ownerId: string },
  verb?: string,
): string | null {
  const scope = me.permissions[action];
  const own = record === undefined || record.ownerId === me.user.id;
  if (scope === 'all' || (scope === 'own' && own)) return null;
  const [defaultVerb, things] = actionWords[action] ?? [action.split('.')[1]!, 'records'];
  const doing = verb ?? defaultVerb;
  const who = roleNouns[me.user.role];
  const setting = me.conditions[action];
  if (scope === 'none' && setting) {
    const label = settingLabels[setting];
    const when = `only when “${label}” is on in the CRM settings (it is off now; an org admin can turn it on)`;
    return own
      ? `Your organization lets ${lower(who)} ${doing} their own ${things} ${when}.`
      : `${who} may ${doing} only their own ${things}, and ${when}.`;
  }
  if (scope === 'own') return `${who} may ${doing} only the ${things} they own.`;
  return `${who} may not ${doing} ${things}; org admins can.`;
}

/** A record's `can` as the server wrote it, with the reason when an expected action is absent. */
export function recordAction(
  me: Me,
  allowed: boolean,
  action: Action,
  record: { ownerId: string },
  verb?: string,
): { allowed: true } | { allowed: false; reason: string } {
  if (allowed) return { allowed: true };
  const reason = whyNot(me, action, record, verb);
  const [defaultVerb, things] = actionWords[action] ?? ['change', 'records'];
  return {
    allowed: false,
    reason: reason ?? `You may not ${verb ?? defaultVerb} this ${things.replace(/s$/, '')}.`,
  };
}

export type CsvAction = 'import' | 'export';

/**
 * A CSV action: hidden from roles that may not use it at all; shown but
 * unavailable, with the plan that unlocks it, when only the plan lacks it.
 */
export function csvAccess(
  me: Me,
  action: CsvAction,
):
  | { shown: false }
  | { shown: true; allowed: true }
  | { shown: true; allowed: false; reason: string } {
  if (me.permissions[action === 'import' ? 'contact.import' : 'contact.export'] === 'none') {
    return { shown: false };
  }
  if (!hasFeature(me, action)) {
    return {
      shown: true,
      allowed: false,
      reason: `${featureNames[action]} is not included in your plan; the Growth plan includes it`,
    };
  }
  return { shown: true, allowed: true };
}

/** Whether the caller may select this contact for a bulk update (bulk acts on what it may update). */
export function maySelectForBulk(me: Me, contact: { ownerId: string }): boolean {
  const scope = me.permissions['contact.bulk'];
  return scope === 'all' || (scope === 'own' && contact.ownerId === me.user.id);
}

/** A record's owner as the caller sees it: "You", the name, or "Organization staff" when hidden. */
export function ownerLabel(me: Me, record: { ownerId: string; ownerName: string | null }): string {
  if (record.ownerId === me.user.id) return 'You';
  return record.ownerName ?? 'Organization staff';
}
