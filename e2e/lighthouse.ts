// Lighthouse's scores for the main pages (`npm run lighthouse`; not part of
// `npm test`): the production build on the demo data, Debian's Chromium,
// Lighthouse's default mobile profile. Lighthouse is fetched by npx on first
// use, so CI never installs it. Prints a Markdown table for the README.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from './support/server.js';

const lighthouse = 'lighthouse@12.8.2';
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const demoOwner = { email: 'owner@demo.kantivo.test', password: 'kantivo-demo' };

type Scores = { performance: number; accessibility: number; lcp: string };

async function signIn(url: string): Promise<string> {
  const response = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-requested-with': 'lighthouse' },
    body: JSON.stringify(demoOwner),
  });
  if (!response.ok) throw new Error(`sign-in failed: ${response.status}`);
  return response.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
}

async function firstId(url: string, cookie: string, path: string): Promise<string> {
  const response = await fetch(`${url}/api/v1${path}?limit=1`, { headers: { cookie } });
  const body = (await response.json()) as { data: { id: string }[] };
  const id = body.data[0]?.id;
  if (!id) throw new Error(`no record at ${path}`);
  return id;
}

function audit(pageUrl: string, cookie: string | null, out: string): Scores {
  const args = [
    '--yes',
    lighthouse,
    pageUrl,
    '--quiet',
    '--output=json',
    `--output-path=${out}`,
    '--only-categories=performance,accessibility',
    '--chrome-flags=--headless=new --no-sandbox --disable-gpu',
  ];
  if (cookie) args.push(`--extra-headers=${JSON.stringify({ Cookie: cookie })}`);
  const run = spawnSync('npx', args, {
    env: { ...process.env, CHROME_PATH: chromium },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (run.status !== 0) throw new Error(`lighthouse failed on ${pageUrl}`);
  const report = JSON.parse(readFileSync(out, 'utf8')) as {
    categories: Record<'performance' | 'accessibility', { score: number }>;
    audits: Record<string, { displayValue?: string }>;
  };
  return {
    performance: Math.round(report.categories.performance.score * 100),
    accessibility: Math.round(report.categories.accessibility.score * 100),
    lcp: report.audits['largest-contentful-paint']?.displayValue ?? '',
  };
}

// The production build (the browser tests build under NODE_ENV=test).
execFileSync('npx', ['vite', 'build', '--config', 'web/vite.config.ts'], {
  cwd: repoRoot,
  stdio: 'inherit',
  env: { ...process.env, NODE_ENV: 'production' },
});
const server = await startServer();
const work = mkdtempSync(join(tmpdir(), 'kantivo-lighthouse-'));
try {
  const cookie = await signIn(server.url);
  const contactId = await firstId(server.url, cookie, '/contacts');
  const dealId = await firstId(server.url, cookie, '/deals');
  const pages: [string, string, string | null][] = [
    ['sign-in', '/sign-in', null],
    ['dashboard', '/dashboard', cookie],
    ['contacts', '/crm/contacts', cookie],
    ['a contact', `/crm/contacts/${contactId}`, cookie],
    ['deals', '/crm/deals', cookie],
    ['a deal', `/crm/deals/${dealId}`, cookie],
  ];
  const rows = pages.map(([name, path, withCookie], i) => {
    const scores = audit(`${server.url}${path}`, withCookie, join(work, `${i}.json`));
    return `| ${name} | ${scores.performance} | ${scores.accessibility} | ${scores.lcp} |`;
  });
  console.log(
    ['| page | performance | accessibility | largest paint |', '|---|---|---|---|', ...rows].join(
      '\n',
    ),
  );
} finally {
  await server.stop();
  rmSync(work, { recursive: true, force: true });
}
