import { useCallback, useState } from 'react';

const storageKey = (userId: string) => `kantivo.board.collapsed.${userId}`;

function read(userId: string): string[] {
  try {
    const value: unknown = JSON.parse(localStorage.getItem(storageKey(userId)) ?? '[]');
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  } catch {
    // Storage blocked or the value damaged: nothing collapsed.
    return [];
  }
}

/**
 * The won/lost columns a user folded away, remembered in this browser per
 * user (a preference, not data worth a round trip to the server).
 */
export function useCollapsedStages(userId: string) {
  const [collapsed, setCollapsed] = useState<string[]>(() => read(userId));
  const toggle = useCallback(
    (stageId: string) =>
      setCollapsed((current) => {
        const next = current.includes(stageId)
          ? current.filter((id) => id !== stageId)
          : [...current, stageId];
        try {
          localStorage.setItem(storageKey(userId), JSON.stringify(next));
        } catch {
          // Not remembered; the board still folds for this visit.
        }
        return next;
      }),
    [userId],
  );
  return { isCollapsed: (stageId: string) => collapsed.includes(stageId), toggle };
}
