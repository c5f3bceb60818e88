import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const screenshots = fileURLToPath(new URL('../screenshots', import.meta.url));

const flags = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export type Session = {
  context: BrowserContext;
  page: Page;
  /** Console errors, page errors and CSP violations seen so far. */
  problems: string[];
  close: () => Promise<void>;
};

/** Debian's Chromium with a fresh profile, and one page at a laptop size. */
export async function openBrowser(baseURL: string): Promise<Session> {
  const profile = mkdtempSync(join(tmpdir(), 'kantivo-chromium-'));
  // A fresh profile per run (Playwright passes it as --user-data-dir).
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless: true,
    args: flags,
    baseURL,
    viewport: { width: 1366, height: 860 },
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const problems: string[] = [];
  page.on('console', (message) => {
    // A refused sign-in or a 404/412 is logged by Chromium as a failed resource; those are expected.
    if (message.type() === 'error' && !/Failed to load resource/.test(message.text())) {
      problems.push(message.text());
    }
  });
  page.on('pageerror', (error) => problems.push(error.message));
  return {
    context,
    page,
    problems,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** The demo users' password (src/demo). */
export const demoPassword = 'kantivo-demo';

/** Signs in through the form, as a user would, and waits for the dashboard. */
export async function signIn(page: Page, email: string, password = demoPassword): Promise<void> {
  await page.goto('/sign-in');
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: /^Welcome back/ }).waitFor();
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(screenshots, `${name}.png`), fullPage: false });
}

/** Calls the API with the page's session cookie, as the UI would (CSRF header included). */
export async function apiCall<T>(
  page: Page,
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
  path: string,
  data?: unknown,
  headers: Record<string, string> = {},
): Promise<T> {
  const response = await page.request.fetch(`/api/v1${path}`, {
    method,
    data,
    headers: { 'X-Requested-With': 'e2e', ...headers },
  });
  if (!response.ok())
    throw new Error(`${method} ${path}: ${response.status()} ${await response.text()}`);
  return (response.status() === 204 ? undefined : await response.json()) as T;
}

/** Signs a new organization up through the API, leaving the page signed in as its owner. */
export async function signUpOrg(
  page: Page,
  org: { orgName: string; name: string; emailPrefix: string },
): Promise<void> {
  await page.goto('/sign-in');
  await apiCall(page, 'POST', '/auth/signup', {
    orgName: org.orgName,
    name: org.name,
    email: `${org.emailPrefix}+${Date.now()}@example.test`,
    password: 'correct horse battery',
    plan: 'growth',
  });
}
