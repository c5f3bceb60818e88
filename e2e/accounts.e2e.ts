import type { Locator, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { screenshot, type Session, signIn } from './support/browser.js';
import type { RunningServer } from './support/server.js';
import { browserSuite } from './support/suite.js';

const demoPassword = 'kantivo-demo';
const employee = 'employee@demo.kantivo.test';
const resetPassword = 'reset-by-token-1';
const changedPassword = 'changed-by-me-2';
const desktop = { width: 1366, height: 860 };
const phone = { width: 390, height: 844 };

async function signInRefused(page: Page, email: string, password: string): Promise<void> {
  await page.goto('/sign-in');
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('alert').waitFor();
  expect(await page.getByRole('heading', { name: /^Welcome back/ }).count()).toBe(0);
  expect(new URL(page.url()).pathname).toBe('/sign-in');
}

async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByRole('heading', { name: 'Sign in' }).waitFor();
}

/** True when the page scrolls sideways (something is wider than the viewport). */
const overflows = (page: Page): Promise<boolean> =>
  page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);

/** Fully inside the viewport, horizontally: a field a user can see and reach. */
async function expectInside(page: Page, locator: Locator): Promise<void> {
  await locator.scrollIntoViewIfNeeded();
  expect(await locator.isVisible()).toBe(true);
  const box = await locator.boundingBox();
  const width = page.viewportSize()?.width ?? 0;
  expect(box).not.toBeNull();
  expect(box!.x).toBeGreaterThanOrEqual(0);
  expect(box!.x + box!.width).toBeLessThanOrEqual(width);
}

/**
 * An admin never sets another user's password: they hand over a single-use
 * reset token, the user sets a password with it, and later changes it themselves.
 */
describe('when an owner resets an employee’s password', () => {
  let server: RunningServer;
  let session: Session;
  let page: Page;
  let token = '';

  const suite = browserSuite('accounts');

  beforeAll(async () => {
    ({ server, session, page } = suite);
    await session.context.grantPermissions(['clipboard-read', 'clipboard-write'], {
      origin: server.url,
    });
  });

  it('then the Users page shows a reset token once, with a copy button', async () => {
    await signIn(page, 'owner@demo.kantivo.test', demoPassword);
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Settings' })
      .click();
    await page
      .getByRole('navigation', { name: 'Settings sections' })
      .getByRole('link', { name: 'Users' })
      .click();
    await page.getByRole('heading', { name: 'Users' }).waitFor();
    await page.getByRole('button', { name: 'Reset password for Emma Employee' }).click();

    const dialog = page.getByRole('dialog', { name: 'Reset password for Emma Employee' });
    await dialog.waitFor();
    expect(await dialog.getByLabel('Reset token').count()).toBe(0);
    await screenshot(page, 'accounts-01-reset-confirm');
    await dialog.getByRole('button', { name: 'Create reset token' }).click();

    const field = dialog.getByLabel('Reset token');
    await field.waitFor();
    token = await field.inputValue();
    expect(token.length).toBeGreaterThan(16);
    expect(await field.getAttribute('readonly')).not.toBeNull();
    await dialog.getByRole('button', { name: 'Copy token' }).click();
    await dialog.getByRole('button', { name: 'Copied' }).waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(token);
    await screenshot(page, 'accounts-02-reset-token');
    await dialog.getByRole('button', { name: 'Done' }).click();
    await dialog.waitFor({ state: 'hidden' });

    // Shown only once: a new dialog starts over, without the token.
    await page.getByRole('button', { name: 'Reset password for Emma Employee' }).click();
    await dialog.getByRole('button', { name: 'Create reset token' }).waitFor();
    expect(await dialog.getByLabel('Reset token').count()).toBe(0);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await signOut(page);
  });

  it('then the employee sets a new password with the token', async () => {
    await page.getByRole('link', { name: 'Set a new password' }).click();
    await page.waitForURL(/\/reset-password$/);
    await page.getByRole('heading', { name: 'Reset your password' }).waitFor();
    await page.getByLabel('Reset token').fill(token);
    await page.getByLabel(/^New password/).fill(resetPassword);
    await page.getByLabel('Repeat the new password').fill(resetPassword);
    await screenshot(page, 'accounts-03-reset-page');
    await page.getByRole('button', { name: 'Set new password' }).click();
    await page.getByRole('status').getByText('Your password is set').waitFor();

    // The token works once.
    await page.goto('/reset-password');
    await page.getByLabel('Reset token').fill(token);
    await page.getByLabel(/^New password/).fill('another-password-3');
    await page.getByLabel('Repeat the new password').fill('another-password-3');
    await page.getByRole('button', { name: 'Set new password' }).click();
    await page.getByText('The reset token is not valid or has expired').waitFor();
    expect(await page.getByLabel('Reset token').getAttribute('aria-invalid')).toBe('true');

    await signInRefused(page, employee, demoPassword);
    await signIn(page, employee, resetPassword);
    await page.getByRole('banner').getByText('Emma Employee').waitFor();
  });

  it('then the employee changes their own password in the top bar', async () => {
    await page.getByRole('banner').getByRole('button', { name: 'Change password' }).click();
    const dialog = page.getByRole('dialog', { name: 'Change password' });
    await dialog.waitFor();
    await dialog.getByLabel('Current password').fill('not my password');
    await dialog.getByLabel(/^New password/).fill(changedPassword);
    await dialog.getByLabel('Repeat the new password').fill(changedPassword);
    await dialog.getByRole('button', { name: 'Change password' }).click();
    // Shown once, at the field it is about.
    await dialog.getByText('The current password is wrong').waitFor();
    expect(await dialog.getByLabel('Current password').getAttribute('aria-invalid')).toBe('true');
    await screenshot(page, 'accounts-04-change-wrong');

    await dialog.getByLabel('Current password').fill(resetPassword);
    await dialog.getByRole('button', { name: 'Change password' }).click();
    await dialog.getByRole('status').getByText('Your password is changed').waitFor();
    await screenshot(page, 'accounts-05-change-done');
    await dialog.getByRole('button', { name: 'Done' }).click();
    await dialog.waitFor({ state: 'hidden' });

    await signOut(page);
    await signInRefused(page, employee, resetPassword);
    await signIn(page, employee, changedPassword);
    await signOut(page);
  });

  it('then both screens fit a phone', async () => {
    await page.setViewportSize(phone);
    await page.goto('/reset-password');
    await page.getByRole('heading', { name: 'Reset your password' }).waitFor();
    for (const label of ['Reset token', 'New password', 'Repeat the new password']) {
      await expectInside(page, page.getByLabel(new RegExp(`^${label}`)));
    }
    await expectInside(page, page.getByRole('button', { name: 'Set new password' }));
    expect(await overflows(page)).toBe(false);
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'accounts-06-reset-page-phone');

    await signIn(page, employee, changedPassword);
    expect(await overflows(page)).toBe(false);
    await screenshot(page, 'accounts-07-dashboard-phone');
    await page.getByRole('banner').getByRole('button', { name: 'Change password' }).click();
    const dialog = page.getByRole('dialog', { name: 'Change password' });
    await dialog.waitFor();
    for (const label of ['Current password', 'New password', 'Repeat the new password']) {
      await expectInside(page, dialog.getByLabel(new RegExp(`^${label}`)));
    }
    await expectInside(page, dialog.getByRole('button', { name: 'Change password' }));
    expect(await overflows(page)).toBe(false);
    await screenshot(page, 'accounts-08-change-phone');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'hidden' });

    await page.setViewportSize(desktop);
    expect(session.problems).toEqual([]);
  });
});
