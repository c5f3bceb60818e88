import type { Writable } from 'node:stream';

/**
 * A one-line progress display ("123,456 rows · 45,678 rows/s · 42%") redrawn
 * in place on a terminal; silent otherwise (the caller prints a summary).
 */
export function progressLine(out: Writable & { isTTY?: boolean }, unit: string) {
  const started = Date.now();
  const tty = out.isTTY === true;
  let last = 0;
  let drawn = false;
  const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
  const draw = (count: number, fraction?: number) => {
    const seconds = Math.max((Date.now() - started) / 1000, 0.001);
    const pct = fraction === undefined ? '' : ` · ${Math.min(100, Math.floor(fraction * 100))}%`;
    out.write(`\r${fmt(count)} ${unit} · ${fmt(count / seconds)} ${unit}/s${pct}\x1b[K`);
    drawn = true;
  };
  let latest: [number, number | undefined] = [0, undefined];
  return {
    update(count: number, fraction?: number) {
      latest = [count, fraction];
      if (!tty) return;
      const now = Date.now();
      if (now - last < 100) return;
      last = now;
      draw(count, fraction);
    },
    done() {
      if (!tty) return;
      draw(...latest);
      if (drawn) out.write('\n');
    },
  };
}
