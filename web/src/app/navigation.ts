import type { IconName } from '../components/Icon';
import { isOrgAdmin, isPartnerSide, may, type Me } from '../lib/session';

export type NavItem = { href: string; label: string; icon: IconName };

/** The portal a user works in: org staff get the Admin Portal, partner users the Partner Portal. */
export const portalName = (me: Me): string =>
  isPartnerSide(me) ? 'Partner Portal' : 'Admin Portal';

/** The sidebar sections the user's role may use; nothing they may not do is offered. */
export function sidebarItems(me: Me): NavItem[] {
  const items: NavItem[] = [{ href: '/dashboard', label: 'Dashboard', icon: 'dashboard' }];
  if (!isPartnerSide(me)) items.push({ href: '/customers', label: 'Customers', icon: 'building' });
  items.push({ href: '/crm', label: 'CRM', icon: 'briefcase' });
  items.push({ href: '/training', label: 'Training', icon: 'award' });
  if (isOrgAdmin(me.user.role) && may(me, 'org.manage')) {
    items.push({ href: '/partners', label: 'Partners', icon: 'users' });
    items.push({ href: '/settings', label: 'Settings', icon: 'settings' });
  }
  return items;
}

export type CrmTab = { href: string; label: string };

/** CRM tabs; Settings is for org admins only. */
export function crmTabs(me: Me): CrmTab[] {
  const tabs: CrmTab[] = [
    { href: '/crm/contacts', label: 'Contacts' },
    { href: '/crm/deals', label: 'Deals' },
    { href: '/crm/templates', label: 'Templates' },
  ];
  if (may(me, 'org.manage')) tabs.push({ href: '/crm/settings', label: 'Settings' });
  return tabs;
}

export function settingsTabs(me: Me): CrmTab[] {
  const tabs: CrmTab[] = [
    { href: '/settings/users', label: 'Users' },
    { href: '/settings/partners', label: 'Partners' },
  ];
  if (may(me, 'org.manage')) tabs.push({ href: '/settings/organization', label: 'Organization' });
  return tabs;
}
