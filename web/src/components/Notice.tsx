import type { ReactNode } from 'react';
import { errorMessage } from '../lib/api';

type NoticeProps = { tone?: 'error' | 'warning' | 'info' | 'success'; children: ReactNode };

export function Notice({ tone = 'info', children }: NoticeProps) {
  const urgent = tone === 'error' || tone === 'warning';
  return (
    <div className={`notice notice-${tone}`} role={urgent ? 'alert' : 'status'}>
      {children}
    </div>
  );
}

/** Shows an API error's `detail` (or nothing when there is no error). */
export function ErrorNotice({ error }: { error: unknown }) {
  if (!error) return null;
  return <Notice tone="error">{errorMessage(error)}</Notice>;
}
