import { AppError } from './errors.js';

/** A release function: idempotent, so every path that ends the work may call it. */
export type Release = () => void;

/**
 * A per-process cap on concurrent expensive work (imports, exports): take()
 * answers a release function, or refuses at once with 503 and Retry-After
 * rather than queueing work that holds sockets, files and connections.
 */
export function concurrencyCap(max: number, what: string, retryAfterSeconds = 5) {
  let active = 0;
  return {
    active: () => active,
    take(): Release {
      if (active >= max) {
        throw new AppError(
          'unavailable',
          `Too many ${what} are running on this server (at most ${max}); try again shortly`,
          { extra: { retryAfter: retryAfterSeconds } },
        );
      }
      active++;
      let released = false;
      return () => {
        if (released) return;
        released = true;
        active--;
      };
    },
  };
}
