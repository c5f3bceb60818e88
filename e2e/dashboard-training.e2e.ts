import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { apiCall, screenshot, signUpOrg, type Session, signIn } from './support/browser.js';
import { browserSuite } from './support/suite.js';

const sizes = [
  { name: 'desktop', width: 1440, height: 900 },
  { name: 'phone', width: 390, height: 844 },
] as const;

/**
 * No sideways scrolling caused by `root` (the whole page by default): no
 * element of it reaches past the viewport, except inside a box that scrolls
 * or clips.
 */
async function expectNoOverflow(page: Page, root = 'body'): Promise<void> {
  const wide = await page.evaluate((root) => {
    const limit = document.documentElement.clientWidth;
    return [...document.querySelectorAll(`${root}, ${root} *`)]
      .filter((e) => e.getBoundingClientRect().right > limit + 1)
      .filter((e) => {
        // Inside a box that scrolls or clips (a wide table, the example board): not the page's.
        for (let a = e.parentElement; a && a !== document.body; a = a.parentElement) {
          if (getComputedStyle(a).overflowX !== 'visible') return false;
        }
        return true;
      })
      .slice(0, 5)
      .map((e) => `${e.tagName}.${e.className} ${Math.round(e.getBoundingClientRect().right)}`);
  }, root);
  expect(wide).toEqual([]);
}

/** The smallest font size among the visible chart labels and values, in px. */
async function smallestChartText(page: Page): Promise<number> {
  return page.evaluate(() => {
    const sizes = [
      ...document.querySelectorAll('.hbar-label, .hbar-value, .vbar-label, .chart-title'),
    ]
      .filter((e) => (e as HTMLElement).offsetParent !== null)
      .map((e) => parseFloat(getComputedStyle(e).fontSize));
    return Math.min(...sizes);
  });
}
let session: Session;
let page: Page;

const suite = browserSuite('stats');

beforeAll(async () => {
  ({ session, page } = suite);
});

describe('when an org admin opens the dashboard and the Deals tab of the demo', () => {
  it('then deal charts show by default in stage colors, with readable labels and a table view', async () => {
    await signIn(page, 'admin@demo.kantivo.test');
    for (const size of sizes) {
      await page.setViewportSize(size);
      await page.goto('/dashboard');
      const stats = page.getByRole('region', { name: 'Deal statistics' });
      await stats.getByTestId('stats-charts').waitFor();
      // Charts by default (the stored choice is cleared for this check).
      await page.evaluate(() => localStorage.removeItem('kantivo.stats.view'));
      await page.reload();
      await stats.getByTestId('stats-charts').waitFor();
      for (const name of [
        'Value per stage (USD)',
        'Deals per stage',
        'Weighted pipeline (USD, value × probability)',
        'Win rate by month (won ÷ closed)',
      ]) {
        // Each chart's numbers are a table that screen readers reach, hidden from sight.
        await stats.getByRole('table', { name }).waitFor({ state: 'attached' });
      }
      const valueTable = stats.getByRole('table', { name: 'Value per stage (USD)' });
      expect(await valueTable.getByRole('rowheader').allTextContents()).toEqual([
        'Lead',
        'Qualified',
        'Proposal',
        'Negotiation',
        'Won',
        'Lost',
      ]);
      expect(await valueTable.getByRole('row', { name: /Negotiation/ }).textContent()).toContain(
        '$120,000',
      );
      expect(await smallestChartText(page)).toBeGreaterThanOrEqual(12);
      // The Negotiation bar wears the stage's own color.
      const fills = await stats
        .locator('.hbar-fill')
        .evaluateAll((els) => els.map((e) => getComputedStyle(e).backgroundColor));
      expect(fills).toContain('rgb(245, 158, 11)');
      await expectNoOverflow(page);
      await screenshot(page, `stats-dashboard-${size.name}`);
      await stats.getByTestId('stats-charts').scrollIntoViewIfNeeded();
      await screenshot(page, `stats-dashboard-charts-${size.name}`);
      await stats.locator('.vbars').scrollIntoViewIfNeeded();
      await screenshot(page, `stats-dashboard-trend-${size.name}`);

      await stats.getByRole('button', { name: 'Table' }).click();
      const hidden = () => valueTable.evaluate((t) => t.closest('.sr-only') !== null);
      expect(await hidden()).toBe(false);
      await screenshot(page, `stats-dashboard-tables-${size.name}`);
      await stats.getByRole('button', { name: 'Charts' }).click();
      // Back to charts: the table is visually hidden again, still in the accessibility tree.
      await expect.poll(hidden).toBe(true);

      await page.goto('/crm/deals');
      const dealStats = page.getByRole('region', { name: 'Deal statistics' });
      await dealStats.getByTestId('stats-charts').waitFor();
      await dealStats.getByRole('table', { name: 'Win rate, last 6 months' }).waitFor({
        state: 'attached',
      });
      expect(await smallestChartText(page)).toBeGreaterThanOrEqual(12);
      // The Deals tab's header and board belong to the board's own tests.
      await expectNoOverflow(page, '.deal-stats');
      await dealStats.getByTestId('stats-charts').scrollIntoViewIfNeeded();
      await screenshot(page, `stats-deals-${size.name}`);
    }
  });
});

describe('when a new organization signs up', () => {
  it('then the dashboard shows a getting-started checklist that ticks itself off and can be dismissed', async () => {
    await page.setViewportSize(sizes[0]);
    await page.context().clearCookies();
    await signUpOrg(page, { orgName: 'Fresh Start Co', name: 'Frida First', emailPrefix: 'frida' });
    await page.goto('/dashboard');
    const checklist = page.getByRole('region', { name: 'Get started with Kantivo CRM' });
    await checklist.waitFor();
    const progress = checklist.getByTestId('getting-started-progress');
    await expect.poll(() => progress.textContent()).toBe('0 of 6 steps done');
    const done = (step: string) => checklist.getByTestId(`step-${step}`).getAttribute('data-done');
    expect(await done('contact')).toBe('false');
    await screenshot(page, 'getting-started-new-desktop');

    const contact = await apiCall<{ id: string }>(page, 'POST', '/contacts', {
      firstName: 'Sarah',
      lastName: 'Mitchell',
      email: 'sarah@acmecorp.com',
    });
    await page.reload();
    await expect.poll(() => done('contact')).toBe('true');
    await expect.poll(() => progress.textContent()).toBe('1 of 6 steps done');

    await apiCall(page, 'POST', '/deals', {
      title: 'Website Redesign',
      contactId: contact.id,
      amount: 12000,
    });
    await apiCall(page, 'POST', `/contacts/${contact.id}/activities`, {
      type: 'call',
      body: 'Intro call',
    });
    await apiCall(page, 'POST', '/templates', {
      category: 'note',
      name: 'Notes',
      body: 'Hi {{first_name}}',
    });
    await page.reload();
    await expect.poll(() => progress.textContent()).toBe('4 of 6 steps done');
    expect(await done('user')).toBe('false');
    expect(await done('stages')).toBe('false');

    await page.setViewportSize(sizes[1]);
    await expectNoOverflow(page);
    await screenshot(page, 'getting-started-phone');
    await page.setViewportSize(sizes[0]);

    await checklist.getByRole('button', { name: 'Looks good' }).click();
    await expect.poll(() => done('stages')).toBe('true');
    await expect.poll(() => progress.textContent()).toBe('5 of 6 steps done');
    await screenshot(page, 'getting-started-progress-desktop');

    await checklist.getByRole('button', { name: /Dismiss/ }).click();
    await checklist.waitFor({ state: 'detached' });
    await page.reload();
    await page.getByRole('heading', { name: /^Welcome back/ }).waitFor();
    await page.getByRole('region', { name: 'Deal statistics' }).waitFor();
    expect(await checklist.count()).toBe(0);
  });
});

describe('when a user takes the training', () => {
  const exhibits: Record<string, string[]> = {
    'Welcome & CRM overview': ['plan-limits', 'feature-cards'],
    'Managing contacts': ['contact-examples'],
    'Contact activities & timeline': ['activity-types'],
    'Visibility & permissions': ['visibility-levels', 'commit-flow', 'permission-matrix'],
    'Deals & pipeline management': ['mini-board'],
    'Customizing pipeline stages': ['stage-properties'],
    'Templates & variable substitution': ['template-example', 'template-variables'],
  };
  const answers: Record<string, string> = {
    'Managing contacts': 'First name, last name and e-mail',
    'Visibility & permissions': 'Only the sales rep', // wrong on purpose: the explanation says why
    'Deals & pipeline management':
      'An activity is logged with the stage change, who moved it and when',
    'Templates & variable substitution': '{{first_name}}',
    'Bulk operations, import & export': 'Growth and Scale',
    'CRM statistics & best practices': 'Demo Scheduled',
  };

  it("then every lesson shows the manual's tables and pictures, and every quiz explains its answer", async () => {
    for (const size of sizes) {
      await page.setViewportSize(size);
      await page.goto('/training');
      await page.getByRole('heading', { name: 'CRM training' }).waitFor();
      const emoji = await page.evaluate(() =>
        /\p{Extended_Pictographic}/u.test(document.body.innerText),
      );
      expect(emoji).toBe(false);
      const toc = page.getByRole('navigation', { name: 'Table of contents' });
      for (const title of Object.keys(exhibits)) {
        await toc.getByRole('button', { name: new RegExp(title.replace(/[&]/g, '\\$&')) }).click();
        await page.getByRole('heading', { level: 2, name: title }).waitFor();
        for (const id of exhibits[title]!) await page.getByTestId(id).waitFor();
        expect(
          await page.evaluate(() => /\p{Extended_Pictographic}/u.test(document.body.innerText)),
        ).toBe(false);
        await expectNoOverflow(page);
      }
    }
    // Tables read as tables, with their headers.
    await page.setViewportSize(sizes[0]);
    const toc = page.getByRole('navigation', { name: 'Table of contents' });
    await toc.getByRole('button', { name: /Visibility & permissions/ }).click();
    const matrix = page.getByRole('table', { name: 'Permission matrix by role' });
    expect(await matrix.getByRole('columnheader').allTextContents()).toEqual([
      'Action',
      'Org admin',
      'Partner',
      'Sales rep',
    ]);
    expect(await matrix.getByRole('row', { name: /Commit up/ }).textContent()).toContain(
      'Configurable',
    );
    await screenshot(page, 'training-visibility-desktop');
    await toc.getByRole('button', { name: /Welcome/ }).click();
    const plans = page.getByRole('table', { name: 'Plan limits' });
    expect(await plans.getByRole('row', { name: /^Contacts/ }).textContent()).toBe(
      'Contacts500UnlimitedUnlimited',
    );
    await screenshot(page, 'training-welcome-desktop');

    for (const [title, answer] of Object.entries(answers)) {
      await toc.getByRole('button', { name: new RegExp(title.replace(/[&]/g, '\\$&')) }).click();
      await page.getByRole('heading', { level: 2, name: title }).waitFor();
      const quiz = page.getByTestId('quiz');
      await quiz.getByLabel(answer, { exact: true }).check();
      await quiz.getByRole('button', { name: 'Check my answer' }).click();
      const explanation = quiz.getByTestId('quiz-explanation');
      await explanation.waitFor();
      expect((await explanation.textContent())!.length).toBeGreaterThan(60);
    }
    await toc.getByRole('button', { name: /Visibility & permissions/ }).click();
    const explanation = page.getByTestId('quiz-explanation');
    expect(await explanation.textContent()).toContain('Not quite');
    expect(await explanation.textContent()).toContain('compliance override');
    await explanation.scrollIntoViewIfNeeded();
    await screenshot(page, 'training-quiz-explained-desktop');
    expect(await page.getByTestId('training-score').textContent()).toBe('5');

    // After a reload the answered quiz still shows the right answer and why.
    await page.setViewportSize(sizes[1]);
    await page.reload();
    await page
      .getByRole('navigation', { name: 'Table of contents' })
      .getByRole('button', { name: /Templates & variable/ })
      .click();
    await page.getByTestId('quiz-explanation').waitFor();
    expect(await page.getByTestId('quiz-explanation').textContent()).toContain(
      'double curly braces',
    );
    await page.getByTestId('template-variables').scrollIntoViewIfNeeded();
    await screenshot(page, 'training-templates-phone');
    await expectNoOverflow(page);
  });

  it('then no page logged an error', () => {
    expect(session.problems).toEqual([]);
  });
});
