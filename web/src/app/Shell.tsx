import { useState, type ReactNode } from 'react';
import { useLocation } from 'wouter';
import { Badge } from '../components/Badge';
import { Icon } from '../components/Icon';
import { NavLink } from '../components/NavLink';
import { useSignOut } from '../features/auth/api';
import { ChangePasswordDialog } from '../features/auth/ChangePasswordDialog';
import { initials } from '../lib/format';
import { isOrgAdmin, isPartnerSide, roleLabels, type Me } from '../lib/session';
import { portalName, sidebarItems } from './navigation';

/** The signed-in frame: sidebar with the portal's sections, top bar with org, user and sign-out. */
export function Shell({ me, children }: { me: Me; children: ReactNode }) {
  const signOut = useSignOut();
  const [changingPassword, setChangingPassword] = useState(false);
  const [, navigate] = useLocation();
  const roleTone = isOrgAdmin(me.user.role) ? 'indigo' : isPartnerSide(me) ? 'teal' : 'blue';

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <aside className="sidebar" aria-label="Portal">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true">
            K
          </span>
          <span className="brand-text">
            <span className="brand-name">Kantivo</span>
            <span className="brand-portal">{portalName(me)}</span>
          </span>
        </div>
        <nav aria-label="Main">
          <ul className="nav-list">
            {sidebarItems(me).map((item) => (
              <li key={item.href}>
                <NavLink href={item.href} className="nav-link">
                  <Icon name={item.icon} />
                  <span className="nav-label">{item.label}</span>
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
      </aside>
      <div className="shell-main">
        <header className="topbar">
          <div className="topbar-org">
            <span className="org-name">{me.org.name}</span>
            <span className="topbar-plan">
              <Badge tone="gray">{me.org.plan} plan</Badge>
            </span>
          </div>
          <div className="topbar-user">
            <span className="avatar" aria-hidden="true">
              {initials(me.user.name)}
            </span>
            <span className="user-meta">
              <span className="user-name">{me.user.name}</span>
              <span className="user-email">{me.user.email}</span>
            </span>
            <Badge tone={roleTone}>{roleLabels[me.user.role]}</Badge>
            <button
              type="button"
              className="btn btn-ghost"
              onClick={() => setChangingPassword(true)}
            >
              <Icon name="lock" size={16} />
              <span className="topbar-label">Change password</span>
            </button>
            <button
              type="button"
              className="btn btn-ghost"
              onClick={() => signOut.mutate(undefined, { onSettled: () => navigate('/sign-in') })}
              disabled={signOut.isPending}
            >
              <Icon name="logout" size={16} />
              <span className="topbar-label">Sign out</span>
            </button>
          </div>
        </header>
        <main id="main" className="content" tabIndex={-1}>
          {children}
        </main>
        {changingPassword && <ChangePasswordDialog onClose={() => setChangingPassword(false)} />}
      </div>
    </div>
  );
}
