import { NavLink } from './NavLink';

/** A row of tabs that are links to sub-pages. */
export function TabLinks({
  label,
  tabs,
}: {
  label: string;
  tabs: { href: string; label: string }[];
}) {
  return (
    <nav className="tabs" aria-label={label}>
      {tabs.map((tab) => (
        <NavLink key={tab.href} href={tab.href} className="tab">
          {tab.label}
        </NavLink>
      ))}
    </nav>
  );
}
