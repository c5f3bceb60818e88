import type { AccessContext } from '../access/context.js';

/** The context and the lookup's JSON text it was read from (a check compares the text). */
export type AccessHint = { access: AccessContext; json: string };

/**
 * What the server last found behind each credential, so that a read can be
 * written before the lookup's answer and travel with it (src/http/auth.ts).
 * Only a hint: every use is confirmed by the database in the same message
 * as the read, and a stale hint costs a second try, never a wrong answer.
 * Bounded in size and age; the oldest entries go first.
 */
export type AccessHints = {
  get(key: string): AccessHint | undefined;
  set(key: string, hint: AccessHint): void;
  delete(key: string): void;
};

export function accessHints(options: { max?: number; ttlMs?: number } = {}): AccessHints {
  const { max = 10_000, ttlMs = 10 * 60_000 } = options;
  const entries = new Map<string, { hint: AccessHint; until: number }>();
  return {
    get(key) {
      const entry = entries.get(key);
      if (!entry) return undefined;
      if (entry.until > Date.now()) return entry.hint;
      entries.delete(key);
      return undefined;
    },
    set(key, hint) {
      entries.delete(key);
      entries.set(key, { hint, until: Date.now() + ttlMs });
      if (entries.size > max) entries.delete(entries.keys().next().value!);
    },
    delete(key) {
      entries.delete(key);
    },
  };
}
