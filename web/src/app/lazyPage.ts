import { lazy, type LazyExoticComponent, type ReactNode } from 'react';

type Page<P> = (props: P) => ReactNode;

/**
 * A page loaded on first use, as its own chunk: the first paint needs only
 * the shell, not every screen (issue 22, item 14). Pages are named exports,
 * so this picks the export React.lazy needs as a default.
 */
export function lazyPage<K extends string, P>(
  load: () => Promise<Record<K, Page<P>>>,
  name: K,
): LazyExoticComponent<Page<P>> {
  return lazy(() => load().then((module) => ({ default: module[name] })));
}
