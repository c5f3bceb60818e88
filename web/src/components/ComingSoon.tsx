import type { ReactNode } from 'react';
import { EmptyState } from './EmptyState';
import { Icon, type IconName } from './Icon';

/** A placeholder for a section that ships in a later release. */
export function ComingSoon({
  icon,
  title,
  children,
}: {
  icon: IconName;
  title: string;
  children: ReactNode;
}) {
  return (
    <div className="card coming-soon">
      <div className="coming-icon">
        <Icon name={icon} size={28} />
      </div>
      <EmptyState title={`${title} are coming soon`}>
        <p>{children}</p>
      </EmptyState>
    </div>
  );
}
