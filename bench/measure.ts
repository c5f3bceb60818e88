import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

/** A figure's samples reduced to what the table shows. */
export type Summary = {
  median: number;
  min: number;
  max: number;
  p25: number;
  p75: number;
  n: number;
  /** (p75 - p25) / median, in percent: the spread, robust to one outlier. */
  spreadPct: number;
};

export function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

export function summarize(samples: number[]): Summary {
  const s = [...samples].sort((a, b) => a - b);
  const median = quantile(s, 0.5);
  const p25 = quantile(s, 0.25);
  const p75 = quantile(s, 0.75);
  return {
    median,
    min: s[0] ?? Number.NaN,
    max: s[s.length - 1] ?? Number.NaN,
    p25,
    p75,
    n: s.length,
    spreadPct: median > 0 ? ((p75 - p25) / median) * 100 : 0,
  };
}

/** Wall time of one call, in milliseconds. */
export async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await work();
  return { ms: performance.now() - start, value };
}

/**
 * Latency samples of several calls taken in turn (a, b, c, a, b, c, …), so
 * that the machine's drift hits each alike: `warmup` unmeasured rounds (a
 * server's code is only fast once the JIT has seen it), then up to `count`
 * measured ones, stopping after `budgetMs` once `min` rounds are in.
 */
export async function interleavedLatencies(
  works: (() => Promise<unknown>)[],
  count: number,
  options: { warmup?: number; budgetMs?: number; min?: number } = {},
): Promise<number[][]> {
  const { warmup = 3, budgetMs = Infinity, min = 5 } = options;
  const warming = performance.now();
  // A slow probe is warm after a few rounds; half the budget bounds the warm-up.
  for (let i = 0; i < warmup && (i < 2 || performance.now() - warming < budgetMs / 2); i++)
    for (const work of works) await work();
  const out = works.map((): number[] => []);
  const start = performance.now();
  for (let i = 0; i < count; i++) {
    for (const [w, work] of works.entries()) out[w]!.push((await timed(work)).ms);
    if (i + 1 >= min && performance.now() - start > budgetMs) break;
  }
  return out;
}

/** The resident set size of a process in bytes, from /proc (Linux). */
export function rssOf(pid: number): number | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
    return match ? Number(match[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** Samples a process's RSS every `intervalMs` until stopped; reports the peak. */
export function rssSampler(pid: number, intervalMs = 50) {
  let peak = rssOf(pid) ?? 0;
  const timer = setInterval(() => {
    const rss = rssOf(pid);
    if (rss !== undefined && rss > peak) peak = rss;
  }, intervalMs);
  return {
    stop(): number {
      clearInterval(timer);
      const rss = rssOf(pid);
      if (rss !== undefined && rss > peak) peak = rss;
      return peak;
    },
  };
}

export const mb = (bytes: number) => bytes / (1024 * 1024);

/** Progress lines on stderr, so stdout stays the table. */
export function log(message: string): void {
  const t = new Date().toISOString().slice(11, 19);
  process.stderr.write(`[bench ${t}] ${message}\n`);
}

/** CPU seconds (user + system) a process has used so far, from /proc (Linux). */
export function cpuSecondsOf(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return Number.NaN;
  }
}
