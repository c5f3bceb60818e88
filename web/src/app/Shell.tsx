import { Suspense, useEffect, useRef, useState, type ReactNode } from 'react';
import { useLocation } from 'wouter';
import { Badge } from '../components/Badge';
import { Icon } from '../components/Icon';
import { NavLink } from '../components/NavLink';
import { Spinner } from '../components/Spinner';
import { useSignOut } from '../features/auth/api';
import { initials } from '../lib/format';
import { isOrgAdmin, isPartnerSide, roleLabels, type Me } from '../lib/session';
import { lazyPage } from './lazyPage';
import { portalName, sidebarItems } from './navigation';

// Opened rarely; its form validation (Zod) stays out of the first script.
const ChangePasswordDialog = lazyPage(
  () => import('../features/auth/ChangePasswordDialog'),
  'ChangePasswordDialog',
);

/**
 * The phone menu: the sidebar slides over the page (CSS shows the menu
 * button only on narrow screens). Opening focuses the first link; Escape,
 * the backdrop or following a link closes it, and focus returns to the button.
 */
function useNavDrawer() {
  const [open, setOpen] = useState(false);
  const [location] = useLocation();
  const button = useRef<HTMLButtonElement>(null);
  const sidebar = useRef<HTMLElement>(null);

  // Focus goes back to the menu button once the page behind is no longer inert.
  const restoreFocus = useRef(false);
  const close = (returnFocus: boolean) => {
    restoreFocus.current = returnFocus;
    setOpen(false);
  };

  // A followed link closes the menu; the new page takes the focus as usual.
  useEffect(() => setOpen(false), [location]);

  useEffect(() => {
    if (!open) {
      if (restoreFocus.current) button.current?.focus();
      restoreFocus.current = false;
      return;
    }
    sidebar.current?.querySelector<HTMLElement>('a, button')?.focus();
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      restoreFocus.current = true;
      setOpen(false);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [open]);

  return { open, toggle: () => setOpen((o) => !o), close, button, sidebar };
}

/** The signed-in frame: sidebar with the portal's sections, top bar with org, user and sign-out. */
export function Shell({ me, children }: { me: Me; children: ReactNode }) {
  const signOut = useSignOut();
  const [changingPassword, setChangingPassword] = useState(false);
  const [, navigate] = useLocation();
  const drawer = useNavDrawer();
  const roleTone = isOrgAdmin(me.user.role) ? 'indigo' : isPartnerSide(me) ? 'teal' : 'blue';

  return (
    <div className={`shell${drawer.open ? ' nav-open' : ''}`}>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <aside id="sidebar" ref={drawer.sidebar} className="sidebar" aria-label="Portal">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true">
            K
          </span>
          <span className="brand-text">
            <span className="brand-name">Kantivo</span>
            <span className="brand-portal">{portalName(me)}</span>
          </span>
          <button
            type="button"
            className="btn btn-ghost nav-close"
            aria-label="Close menu"
            onClick={() => drawer.close(true)}
          >
            <Icon name="close" />
          </button>
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
      {drawer.open && (
        <div className="nav-backdrop" aria-hidden="true" onClick={() => drawer.close(true)} />
      )}
      <div className="shell-main" inert={drawer.open}>
        <header className="topbar">
          <div className="topbar-org">
            <button
              ref={drawer.button}
              type="button"
              className="btn btn-ghost nav-toggle"
              aria-expanded={drawer.open}
              aria-controls="sidebar"
              aria-label="Menu"
              onClick={drawer.toggle}
            >
              <Icon name="menu" />
            </button>
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
          <Suspense fallback={<Spinner />}>{children}</Suspense>
        </main>
        {changingPassword && (
          <Suspense fallback={null}>
            <ChangePasswordDialog onClose={() => setChangingPassword(false)} />
          </Suspense>
        )}
      </div>
    </div>
  );
}
