import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { apiCall, screenshot, signUpOrg, signIn } from './support/browser.js';
import { browserSuite } from './support/suite.js';

type Page_<T> = { data: T[]; nextCursor: string | null };
type Stage = { id: string; name: string };
const desktop = { width: 1440, height: 900 };
const phone = { width: 390, height: 844 };

/** Waits until the page has its data: no spinner left and the network quiet. */
async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
  await page.locator('.spinner').first().waitFor({ state: 'detached', timeout: 15_000 });
  await page.waitForTimeout(150);
}

const overflow = (page: Page) =>
  page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  }));

/** Columns whose box is at least half inside the board's visible width. */
const columnsInView = (page: Page) =>
  page.evaluate(() => {
    const board = document.querySelector('.board')?.getBoundingClientRect();
    if (!board) return [];
    return [...document.querySelectorAll<HTMLElement>('.board-column')]
      .filter((c) => {
        const r = c.getBoundingClientRect();
        const visible = Math.min(r.right, board.right) - Math.max(r.left, board.left);
        return visible >= r.width / 2;
      })
      .map((c) => c.dataset.stage ?? '');
  });

describe('when the demo org is used on a laptop and on a phone (issue 22, items 3, 4)', () => {
  let page: Page;
  const pages: [string, string][] = [
    ['dashboard', '/dashboard'],
    ['contacts', '/crm/contacts'],
    ['contact', ''],
    ['deals', '/crm/deals'],
    ['deal', ''],
    ['templates', '/crm/templates'],
    ['settings', '/settings/users'],
    ['training', '/training'],
    ['customers', '/customers'],
    ['partners', '/partners'],
    ['crm-settings', '/crm/settings'],
    ['deal-list', '/crm/deals?view=list'],
  ];

  const suite = browserSuite('board');

  beforeAll(async () => {
    ({ page } = suite);
    await page.setViewportSize(desktop);
    await signIn(page, 'owner@demo.kantivo.test');
    const contacts = await apiCall<Page_<{ id: string }>>(page, 'GET', '/contacts?limit=1');
    const deals = await apiCall<Page_<{ id: string }>>(page, 'GET', '/deals?limit=1');
    pages[2] = ['contact', `/crm/contacts/${contacts.data[0]?.id}`];
    pages[4] = ['deal', `/crm/deals/${deals.data[0]?.id}`];
  });

  for (const [size, viewport] of [
    ['1440', desktop],
    ['390', phone],
  ] as const) {
    it(`then at ${size}px no main page overflows sideways`, async () => {
      await page.setViewportSize(viewport);
      for (const [name, url] of pages) {
        await page.goto(url);
        await settle(page);
        await screenshot(page, `board-phone-${size}-${name}`);
        const { scrollWidth, innerWidth } = await overflow(page);
        expect(scrollWidth, `${name} at ${size}px`).toBeLessThanOrEqual(innerWidth);
      }
    });
  }

  it('then at 1440px the six default stages fit, with Lost in view', async () => {
    await page.setViewportSize(desktop);
    await page.goto('/crm/deals');
    await settle(page);
    const stages = await apiCall<{ data: Stage[] }>(page, 'GET', '/stages');
    expect(await columnsInView(page)).toEqual(stages.data.map((s) => s.name));
    expect(await page.getByRole('button', { name: 'Scroll the board right' }).count()).toBe(0);
  });

  it('then Won and Lost collapse, and stay collapsed after a reload', async () => {
    await page.getByRole('button', { name: 'Collapse Lost' }).click();
    await page.getByRole('button', { name: /^Expand Lost/ }).waitFor();
    const width = await page
      .locator('.board-column[data-stage="Lost"]')
      .evaluate((n) => n.clientWidth);
    expect(width).toBeLessThan(60);
    await page.reload();
    await settle(page);
    await page.getByRole('button', { name: /^Expand Lost/ }).waitFor();
    await screenshot(page, 'board-phone-1440-lost-collapsed');
    await page.getByRole('button', { name: /^Expand Lost/ }).click();
    await page.getByRole('button', { name: 'Collapse Lost' }).waitFor();
    // Only won/lost columns fold.
    expect(await page.getByRole('button', { name: 'Collapse Lead' }).count()).toBe(0);
  });

  it('then a deal moves by keyboard to the next stage (Space, arrow, Space)', async () => {
    const card = page.locator('.board-column').first().locator('.deal-card').first();
    const id = await card.getAttribute('data-deal-id');
    const before = await apiCall<{ stageName: string }>(page, 'GET', `/deals/${id}`);
    await card.focus();
    await page.keyboard.press('Space');
    await page.waitForTimeout(200);
    await page.keyboard.press('ArrowRight');
    await page.waitForTimeout(200);
    await page.keyboard.press('Space');
    await expect
      .poll(
        async () => (await apiCall<{ stageName: string }>(page, 'GET', `/deals/${id}`)).stageName,
      )
      .not.toBe(before.stageName);
  });

  it('then on a phone the board shows one column at a time, chosen with the stage picker', async () => {
    await page.setViewportSize(phone);
    await page.goto('/crm/deals');
    await settle(page);
    expect(await columnsInView(page)).toEqual(['Lead']);
    const picker = page.getByRole('group', { name: 'Show stage' });
    await picker.getByRole('button', { name: /^Negotiation/ }).click();
    await expect.poll(() => columnsInView(page)).toEqual(['Negotiation']);
    await expect
      .poll(() => picker.getByRole('button', { name: /^Negotiation/ }).getAttribute('aria-pressed'))
      .toBe('true');
    await screenshot(page, 'board-phone-390-board-negotiation');
    await page.getByRole('button', { name: 'Add deal' }).waitFor();
    const add = await page.getByRole('button', { name: 'Add deal' }).boundingBox();
    expect((add?.x ?? 0) + (add?.width ?? 0)).toBeLessThanOrEqual(phone.width);
  });

  it('then on a phone the menu opens, takes focus, and Escape closes it', async () => {
    const menu = page.getByRole('button', { name: 'Menu' });
    expect(await menu.getAttribute('aria-expanded')).toBe('false');
    expect(await page.getByRole('navigation', { name: 'Main' }).isVisible()).toBe(false);
    await menu.click();
    const nav = page.getByRole('navigation', { name: 'Main' });
    await nav.waitFor();
    await page.waitForTimeout(300); // the slide-in
    await screenshot(page, 'board-phone-390-menu-open');
    expect(await page.evaluate(() => document.activeElement?.closest('.sidebar') !== null)).toBe(
      true,
    );
    await page.keyboard.press('Escape');
    await expect.poll(() => nav.isVisible()).toBe(false);
    expect(await menu.evaluate((node) => node === document.activeElement)).toBe(true);
    await menu.click();
    await nav.getByRole('link', { name: 'Training' }).click();
    await page.waitForURL('**/training');
    await expect.poll(() => nav.isVisible()).toBe(false);
  });

  it('then signed out, sign-in and sign-up fit a phone too', async () => {
    await page.context().clearCookies();
    for (const name of ['sign-in', 'sign-up']) {
      await page.goto(`/${name}`);
      await page.getByRole('button', { name: /Sign in|Create organization/ }).waitFor();
      await screenshot(page, `board-phone-390-${name}`);
      const { scrollWidth, innerWidth } = await overflow(page);
      expect(scrollWidth, name).toBeLessThanOrEqual(innerWidth);
    }
  });
});

describe('when a column holds many deals and the pipeline has seven stages', () => {
  let page: Page;
  const many = 260;

  const suite = browserSuite('board');

  beforeAll(async () => {
    ({ page } = suite);
    await page.setViewportSize(desktop);
    await signUpOrg(page, { orgName: 'Busy Pipeline Co', name: 'Bea Busy', emailPrefix: 'bea' });
    const contact = await apiCall<{ id: string }>(page, 'POST', '/contacts', {
      firstName: 'Big',
      lastName: 'Buyer',
      email: 'big.buyer@example.test',
    });
    const stages = await apiCall<{ data: Stage[] }>(page, 'GET', '/stages');
    const lead = stages.data[0]?.id;
    // Created through the API ten at a time (the embedded database takes one writer anyway).
    for (let start = 0; start < many; start += 10) {
      await Promise.all(
        Array.from({ length: Math.min(10, many - start) }, (_, i) =>
          apiCall(page, 'POST', '/deals', {
            title: `Bulk deal ${start + i + 1}`,
            amount: 1000 + start + i,
            contactId: contact.id,
            stageId: lead,
          }),
        ),
      );
    }
  });

  it('then the column loads pages as it scrolls, and past 200 cards one page per click', async () => {
    await page.goto('/crm/deals');
    await settle(page);
    const lead = page.locator('.board-column').first();
    const cards = lead.locator('.deal-card');
    expect(await cards.count()).toBe(50);
    const body = lead.locator('.board-column-body');
    for (let expected = 100; expected <= 200; expected += 50) {
      await body.evaluate((node) => node.scrollTo({ top: node.scrollHeight }));
      await expect.poll(() => cards.count()).toBe(expected);
    }
    await body.evaluate((node) => node.scrollTo({ top: node.scrollHeight }));
    await page.waitForTimeout(500);
    expect(await cards.count()).toBe(200);
    await lead.getByText(`Showing 200 of ${many}`).waitFor();
    await screenshot(page, 'board-phone-1440-many-deals');
    await lead.getByRole('button', { name: 'Show 50 more' }).click();
    await expect.poll(() => cards.count()).toBe(250);
    await lead.getByRole('button', { name: 'Show 50 more' }).click();
    await expect.poll(() => cards.count()).toBe(many);
    expect(await lead.getByRole('button', { name: 'Show 50 more' }).count()).toBe(0);
  });

  it('then with a seventh stage the board scrolls sideways behind a visible arrow', async () => {
    await apiCall(page, 'POST', '/stages', { name: 'On hold', color: '#64748b' });
    await page.reload();
    await settle(page);
    const right = page.getByRole('button', { name: 'Scroll the board right' });
    await right.waitFor();
    expect(await page.locator('.board-viewport.more-right').count()).toBe(1);
    await screenshot(page, 'board-phone-1440-seven-stages');
    // A new stage goes before Won and Lost; Lost is now past the right edge.
    expect(await columnsInView(page)).toContain('On hold');
    expect(await columnsInView(page)).not.toContain('Lost');
    await right.click();
    await expect.poll(() => columnsInView(page)).toContain('Lost');
    await page.getByRole('button', { name: 'Scroll the board left' }).waitFor();
    const { scrollWidth, innerWidth } = await overflow(page);
    expect(scrollWidth).toBeLessThanOrEqual(innerWidth);
  });
});
