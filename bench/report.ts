import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import type { Summary } from './measure.js';

/** How a figure is judged; ratios (ours ÷ baseline) hold on a noisy machine. */
export type Goal =
  | { kind: 'ratioMax'; value: number }
  | { kind: 'ratioMin'; value: number }
  | { kind: 'below'; value: number }
  | { kind: 'equals'; value: number }
  | { kind: 'info' };

export type Figure = {
  name: string;
  unit: string;
  ours: Summary | number | null;
  baseline?: Summary | number | null;
  goal: Goal;
  note?: string;
};

export type Row = Figure & {
  oursValue: number | null;
  baselineValue: number | null;
  ratio: number | null;
  pass: boolean | null;
};

const valueOf = (v: Summary | number | null | undefined): number | null =>
  v === null || v === undefined ? null : typeof v === 'number' ? v : v.median;

export function judge(f: Figure): Row {
  const ours = valueOf(f.ours);
  const base = valueOf(f.baseline);
  const ratio = ours !== null && base !== null && base > 0 ? ours / base : null;
  let pass: boolean | null = null;
  const g = f.goal;
  if (g.kind === 'ratioMax') pass = ratio === null ? false : ratio <= g.value;
  else if (g.kind === 'ratioMin') pass = ratio === null ? false : ratio >= g.value;
  else if (g.kind === 'below') pass = ours === null ? false : ours < g.value;
  else if (g.kind === 'equals') pass = ours === null ? false : Math.abs(ours - g.value) < 1e-9;
  return { ...f, oursValue: ours, baselineValue: base, ratio, pass };
}

export const goalText = (g: Goal, unit: string): string =>
  g.kind === 'ratioMax'
    ? `≤ ${g.value}×`
    : g.kind === 'ratioMin'
      ? `≥ ${g.value * 100}%`
      : g.kind === 'below'
        ? `< ${g.value} ${unit}`
        : g.kind === 'equals'
          ? `= ${g.value}`
          : 'info';

function fmtNumber(v: number): string {
  if (!Number.isFinite(v)) return '–';
  if (Math.abs(v) >= 100) return Math.round(v).toLocaleString('en-US');
  if (Math.abs(v) >= 10) return v.toFixed(1);
  return v.toFixed(2);
}

function fmt(v: Summary | number | null | undefined, unit: string): string {
  if (v === null || v === undefined) return '–';
  if (typeof v === 'number') return `${fmtNumber(v)} ${unit}`;
  return `${fmtNumber(v.median)} ${unit} ±${Math.round(v.spreadPct)}%`;
}

const ratioText = (r: Row) =>
  r.ratio === null
    ? '–'
    : r.goal.kind === 'ratioMin'
      ? `${(r.ratio * 100).toFixed(0)}%`
      : `${r.ratio.toFixed(2)}×`;
const passText = (r: Row) => (r.pass === null ? '' : r.pass ? 'pass' : 'FAIL');

/** The table as Markdown (the README's format) — also what the terminal shows. */
export function markdownTable(rows: Row[]): string {
  const head = ['figure', 'ours', 'baseline', 'ratio', 'goal', 'result'];
  const lines = rows.map((r) => [
    r.name,
    fmt(r.ours, r.unit),
    fmt(r.baseline, r.unit),
    ratioText(r),
    goalText(r.goal, r.unit),
    passText(r),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const row = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [row(head), row(widths.map((w) => '-'.repeat(w))), ...lines.map(row)].join('\n');
}

export type Machine = {
  cpus: number;
  cpuModel: string;
  memGb: number;
  node: string;
  postgres: string;
  platform: string;
};

export function machine(postgres: string): Machine {
  return {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    memGb: Math.round(os.totalmem() / 1024 ** 3),
    node: process.version,
    postgres,
    platform: `${os.platform()} ${os.release()}`,
  };
}

export function writeResults(
  path: string,
  meta: Record<string, unknown>,
  rows: Row[],
  notes: string[],
): void {
  mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
  const passed = rows.filter((r) => r.pass === true).length;
  const failed = rows.filter((r) => r.pass === false).length;
  writeFileSync(
    path,
    `${JSON.stringify({ ...meta, summary: { passed, failed }, figures: rows, notes }, null, 2)}\n`,
  );
}

/** Prints the table and notes, and writes latest.json and <run>.json; returns the number of misses. */
export function publish(
  resultsDir: string,
  meta: Record<string, unknown> & { run: string; seconds: number },
  figures: Figure[],
  notes: string[],
): number {
  const rows = figures.map(judge);
  console.log(`\n${markdownTable(rows)}\n`);
  writeResults(`${resultsDir}/latest.json`, meta, rows, notes);
  writeResults(`${resultsDir}/${meta.run}.json`, meta, rows, notes);
  for (const n of notes) console.log(`note: ${n}`);
  const failures = rows.filter((r) => r.pass === false).length;
  console.log(
    `${failures === 0 ? 'all goals met' : `${failures} goal(s) missed`}; ${meta.seconds} s; results in bench/results/latest.json`,
  );
  return failures;
}
