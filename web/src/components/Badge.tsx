import type { ReactNode } from 'react';

export type Tone = 'gray' | 'blue' | 'indigo' | 'violet' | 'green' | 'amber' | 'red' | 'teal';

export function Badge({ tone = 'gray', children }: { tone?: Tone; children: ReactNode }) {
  return <span className={`badge badge-${tone}`}>{children}</span>;
}

export function Chip({ children }: { children: ReactNode }) {
  return <span className="chip">{children}</span>;
}
