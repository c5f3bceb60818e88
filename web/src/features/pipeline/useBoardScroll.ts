import { useCallback, useEffect, useRef, useState } from 'react';

type Edges = { left: boolean; right: boolean };

/**
 * The board's horizontal scroll: whether more columns hide to the left or
 * right (for the shadows and arrow buttons), the column mostly in view (for
 * the phone's stage picker), and ways to scroll by a page or to a column.
 */
export function useBoardScroll(columnCount: number) {
  const ref = useRef<HTMLDivElement>(null);
  const [edges, setEdges] = useState<Edges>({ left: false, right: false });
  const [current, setCurrent] = useState(0);

  const measure = useCallback(() => {
    const node = ref.current;
    if (!node) return;
    const max = node.scrollWidth - node.clientWidth;
    setEdges({ left: node.scrollLeft > 1, right: node.scrollLeft < max - 1 });
    const columns = [...node.querySelectorAll<HTMLElement>(':scope > .board-column')];
    const start = node.getBoundingClientRect().left;
    let best = 0;
    columns.forEach((column, index) => {
      const left = column.getBoundingClientRect().left - start;
      const bestLeft = (columns[best]?.getBoundingClientRect().left ?? 0) - start;
      if (Math.abs(left) < Math.abs(bestLeft)) best = index;
    });
    setCurrent(best);
  }, []);

  useEffect(() => {
    const node = ref.current;
    if (!node) return;
    measure();
    node.addEventListener('scroll', measure, { passive: true });
    const observer = new ResizeObserver(measure);
    observer.observe(node);
    return () => {
      node.removeEventListener('scroll', measure);
      observer.disconnect();
    };
  }, [measure, columnCount]);

  const scrollByPage = (direction: -1 | 1) =>
    ref.current?.scrollBy({ left: direction * ref.current.clientWidth * 0.8, behavior: 'smooth' });

  const scrollToColumn = (index: number) => {
    const node = ref.current;
    const column = node?.querySelectorAll<HTMLElement>(':scope > .board-column')[index];
    if (!node || !column) return;
    const left =
      column.getBoundingClientRect().left - node.getBoundingClientRect().left + node.scrollLeft;
    node.scrollTo({ left, behavior: 'smooth' });
    setCurrent(index);
  };

  return { ref, edges, current, scrollByPage, scrollToColumn };
}
