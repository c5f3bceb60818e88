import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

type ManifestChunk = { file: string; isEntry?: boolean; imports?: string[] };

const configFile = fileURLToPath(new URL('../web/vite.config.ts', import.meta.url));
let outDir: string;
let manifest: Record<string, ManifestChunk>;

beforeAll(async () => {
  // A build of its own, so a browser test building web/dist meanwhile is not disturbed.
  outDir = mkdtempSync(join(tmpdir(), 'kantivo-web-'));
  // Vitest sets NODE_ENV=test, which would build React's development version;
  // what is measured is what `npm start` serves.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ configFile, logLevel: 'warn', build: { outDir, manifest: true } });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
  manifest = JSON.parse(readFileSync(join(outDir, '.vite/manifest.json'), 'utf8')) as Record<
    string,
    ManifestChunk
  >;
}, 120_000);

afterAll(() => rmSync(outDir, { recursive: true, force: true }));

/** The entry and every chunk it imports statically: what the first page must load. */
function initialFiles(): string[] {
  const entry = Object.keys(manifest).find((key) => manifest[key]?.isEntry);
  const seen = new Set<string>();
  const visit = (key: string) => {
    if (seen.has(key)) return;
    seen.add(key);
    for (const next of manifest[key]?.imports ?? []) visit(next);
  };
  if (entry) visit(entry);
  return [...seen].map((key) => manifest[key]?.file ?? key);
}

describe('the web build (issue 22, item 14)', () => {
  it('when the app is opened, then its initial script is under 250 KB compressed', () => {
    const files = initialFiles();
    expect(files.length).toBeGreaterThan(0);
    const gzipped = files.reduce(
      (sum, file) => sum + gzipSync(readFileSync(join(outDir, file)), { level: 9 }).length,
      0,
    );
    expect(gzipped).toBeLessThan(250 * 1024);
    // React's production build: no development runtime in the first script.
    expect(files.join(' ')).not.toContain('jsx-dev-runtime');
  });

  it('when pages are split by route, then the board and the contacts are not in the initial script', () => {
    const initial = initialFiles().join(' ');
    const lazy = Object.values(manifest).filter((chunk) => !initial.includes(chunk.file));
    for (const page of ['DealsPage', 'ContactsPage', 'TrainingPage']) {
      expect(lazy.some((chunk) => chunk.file.includes(page))).toBe(true);
      expect(initial).not.toContain(page);
    }
  });

  it('when built for production, then no source map is written and text files are precompressed', () => {
    const files = Object.values(manifest).map((chunk) => chunk.file);
    for (const file of files) {
      expect(() => readFileSync(join(outDir, `${file}.map`))).toThrow();
    }
    const entry = initialFiles()[0] ?? '';
    expect(readFileSync(join(outDir, `${entry}.br`)).length).toBeGreaterThan(0);
    expect(readFileSync(join(outDir, `${entry}.gz`)).length).toBeGreaterThan(0);
    expect(readFileSync(join(outDir, 'index.html'), 'utf8')).not.toContain('sourceMappingURL');
  });
});
