import AxeBuilder from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiCall, screenshot } from './support/browser.js';
import { startServer, type RunningServer } from './support/server.js';

const password = 'kantivo-demo';
const sizes = [
  { name: 'desktop', width: 1440, height: 900 },
  { name: 'phone', width: 390, height: 844 },
] as const;

type Visit = { name: string; open: (page: Page) => Promise<void> };

/** Waits until the page stopped loading: no request in flight and no spinner showing. */
async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
  await page.locator('.spinner-row').first().waitFor({ state: 'detached', timeout: 10_000 });
}

const goto =
  (path: string): Visit['open'] =>
  async (page) => {
    await page.goto(path);
    await settle(page);
  };

/** Opens the first record of a list page (a contact, a deal). */
const first =
  (path: string, linkPrefix: string): Visit['open'] =>
  async (page) => {
    await page.goto(path);
    await settle(page);
    await page.locator(`main a[href^="${linkPrefix}"]`).first().click();
    await settle(page);
  };

const openTemplate: Visit['open'] = async (page) => {
  await page.goto('/crm/templates');
  await settle(page);
  await page.locator('.template-item').first().click();
  await settle(page);
};

const changePassword: Visit['open'] = async (page) => {
  await page.goto('/dashboard');
  await settle(page);
  await page.getByRole('button', { name: 'Change password' }).click();
  await page.getByRole('dialog').waitFor();
};

const crmPages: Visit[] = [
  { name: 'dashboard', open: goto('/dashboard') },
  { name: 'contacts', open: goto('/crm/contacts') },
  { name: 'contact', open: first('/crm/contacts', '/crm/contacts/') },
  { name: 'deals-board', open: goto('/crm/deals') },
  { name: 'deals-list', open: goto('/crm/deals?view=list') },
  { name: 'deal', open: first('/crm/deals?view=list', '/crm/deals/') },
  { name: 'templates', open: goto('/crm/templates') },
  { name: 'template-editor', open: openTemplate },
  { name: 'training', open: goto('/training') },
];

// The pages whose content and controls change with the role; the other roles check these only,
// which keeps the file near two minutes.
const rolePages = crmPages.filter((v) =>
  ['dashboard', 'contacts', 'contact', 'deals-board', 'deal', 'templates'].includes(v.name),
);

const roles: { role: string; email: string; pages: Visit[] }[] = [
  {
    role: 'owner',
    email: 'owner@demo.kantivo.test',
    pages: [
      ...crmPages,
      { name: 'customers', open: goto('/customers') },
      { name: 'crm-settings', open: goto('/crm/settings') },
      { name: 'users', open: goto('/settings/users') },
      { name: 'partners', open: goto('/partners') },
      { name: 'organization', open: goto('/settings/organization') },
      { name: 'change-password', open: changePassword },
    ],
  },
  {
    role: 'employee',
    email: 'employee@demo.kantivo.test',
    pages: [...rolePages, { name: 'customers', open: goto('/customers') }],
  },
  { role: 'partner', email: 'partner@demo.kantivo.test', pages: rolePages },
  { role: 'rep', email: 'rep@demo.kantivo.test', pages: rolePages },
];

type Finding = { page: string; lines: string[] };

/** Runs axe on the page as it is; returns the serious and critical violations, readable. */
async function audit(page: Page, name: string): Promise<Finding | null> {
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  if (!bad.length) return null;
  const lines = bad.flatMap((v) => [
    `${v.id} (${v.impact}): ${v.help}`,
    ...v.nodes.slice(0, 5).map((n) => `    at ${n.target.join(' ')}`),
    ...(v.nodes.length > 5 ? [`    … and ${v.nodes.length - 5} more`] : []),
  ]);
  return { page: name, lines };
}

/** How far the page is wider than the window (0 when it fits). */
async function sidewaysOverflow(page: Page): Promise<number> {
  return page.evaluate(() => Math.max(0, document.documentElement.scrollWidth - window.innerWidth));
}

function report(findings: Finding[]): string {
  return findings.map((f) => `${f.page}:\n  ${f.lines.join('\n  ')}`).join('\n');
}

describe('when axe checks every page for each role and size', () => {
  let server: RunningServer;
  let browser: Browser;

  async function newContext(size: (typeof sizes)[number]): Promise<BrowserContext> {
    return browser.newContext({
      baseURL: server.url,
      viewport: { width: size.width, height: size.height },
    });
  }

  async function signIn(page: Page, email: string): Promise<void> {
    await page.goto('/sign-in');
    await apiCall(page, 'POST', '/auth/login', { email, password });
  }

  beforeAll(async () => {
    server = await startServer();
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic'],
    });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('then the signed-out pages have no serious violation', async () => {
    const findings: Finding[] = [];
    for (const size of sizes) {
      const context = await newContext(size);
      const page = await context.newPage();
      for (const path of ['/sign-in', '/sign-up']) {
        await page.goto(path);
        await settle(page);
        const name = `${path.slice(1)} ${size.name}`;
        const finding = await audit(page, name);
        if (finding) findings.push(finding);
      }
      await screenshot(page, `a11y-sign-up-${size.name}`);
      await context.close();
    }
    expect(report(findings)).toBe('');
  });

  for (const { role, email, pages } of roles) {
    it(`then the ${role}'s pages have no serious violation and none scrolls sideways`, async () => {
      const findings: Finding[] = [];
      // Both sizes side by side: the browser waits on the network as much as it computes.
      await Promise.all(
        sizes.map(async (size) => {
          const context = await newContext(size);
          const page = await context.newPage();
          await signIn(page, email);
          for (const visit of pages) {
            await visit.open(page);
            const name = `${role} ${visit.name} ${size.name}`;
            const finding = await audit(page, name);
            if (finding) findings.push(finding);
            const overflow = await sidewaysOverflow(page);
            if (overflow > 0) {
              findings.push({ page: name, lines: [`the page scrolls sideways by ${overflow} px`] });
            }
            // Every page for the owner, and what failed for the others, to look at.
            if (finding || role === 'owner')
              await screenshot(page, `a11y-${role}-${visit.name}-${size.name}`);
          }
          await context.close();
        }),
      );
      expect(report(findings)).toBe('');
    });
  }

  it('then a deal moves to the next column by keyboard', async () => {
    const context = await newContext(sizes[0]);
    const page = await context.newPage();
    await signIn(page, 'owner@demo.kantivo.test');
    await page.goto('/crm/deals');
    await settle(page);
    // The first movable deal in the first column.
    const card = page.locator('.board .deal-card:not(.deal-card-locked)').first();
    const id = await card.getAttribute('data-deal-id');
    expect(id).toBeTruthy();
    const before = await apiCall<{ stageId: string }>(page, 'GET', `/deals/${id}`);
    await card.focus();
    await page.keyboard.press('Space');
    await page.waitForTimeout(200);
    await page.keyboard.press('ArrowRight');
    await page.waitForTimeout(300);
    await page.keyboard.press('Space');
    await settle(page);
    await expect
      .poll(async () => (await apiCall<{ stageId: string }>(page, 'GET', `/deals/${id}`)).stageId)
      .not.toBe(before.stageId);
    await screenshot(page, 'a11y-board-keyboard-moved');
    await context.close();
  });
});
