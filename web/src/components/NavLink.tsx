import type { ReactNode } from 'react';
import { Link, useLocation } from 'wouter';

/** A link that marks itself current (aria-current="page") on its path and below. */
export function NavLink({
  href,
  className,
  exact,
  children,
}: {
  href: string;
  className: string;
  exact?: boolean;
  children: ReactNode;
}) {
  const [location] = useLocation();
  const active = exact ? location === href : location === href || location.startsWith(`${href}/`);
  return (
    <Link
      href={href}
      className={`${className}${active ? ' active' : ''}`}
      aria-current={active ? 'page' : undefined}
    >
      {children}
    </Link>
  );
}
