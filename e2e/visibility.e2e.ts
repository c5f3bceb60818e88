import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { screenshot, type Session, signIn } from './support/browser.js';
import { browserSuite } from './support/suite.js';

async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByRole('heading', { name: 'Sign in' }).waitFor();
}

/** The demo org: an org admin's private contact never reaches a sales rep's screens. */
describe('when an org admin keeps a contact private', () => {
  let session: Session;
  let page: Page;
  let privateUrl = '';

  const suite = browserSuite('visibility');

  beforeAll(async () => {
    ({ session, page } = suite);
  });

  it('then a wrong password shows the API detail', async () => {
    await page.goto('/crm/contacts');
    await page.waitForURL(/\/sign-in\?next=/);
    await page.getByLabel('E-mail').fill('owner@demo.kantivo.test');
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').waitFor();
    expect((await page.getByRole('alert').textContent())?.length).toBeGreaterThan(5);
  });

  it('then the owner creates an individual contact', async () => {
    await signIn(page, 'owner@demo.kantivo.test');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'CRM' }).click();
    await page.getByRole('button', { name: 'Add contact' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add contact' });
    await dialog.getByLabel('First name').fill('Private');
    await dialog.getByLabel('Last name').fill('Pat');
    await dialog.getByLabel('E-mail').fill('pat@private.example');
    await dialog.getByLabel('Visibility').selectOption('individual');
    await dialog.getByRole('button', { name: 'Add contact' }).click();
    await page.getByRole('heading', { name: 'Private Pat' }).waitFor();
    privateUrl = new URL(page.url()).pathname;
    await signOut(page);
  });

  it('then the sales rep sees the Partner Portal without it', async () => {
    await signIn(page, 'rep@demo.kantivo.test');
    const banner = page.getByRole('banner');
    await banner.getByText('Sales Rep').waitFor();
    await page.getByText('Partner Portal').waitFor();
    const nav = page.getByRole('navigation', { name: 'Main' });
    const sections = await nav.getByRole('link').allTextContents();
    expect(sections.map((s) => s.trim())).toEqual(['Dashboard', 'CRM', 'Training']);
    await screenshot(page, '20-rep-dashboard');

    await nav.getByRole('link', { name: 'CRM' }).click();
    // The CRM section is its own chunk: wait for it before reading its tabs.
    await page.getByRole('navigation', { name: 'CRM sections' }).waitFor();
    const tabs = await page
      .getByRole('navigation', { name: 'CRM sections' })
      .getByRole('link')
      .allTextContents();
    expect(tabs).toEqual(['Contacts', 'Deals', 'Templates']);

    await page.getByRole('searchbox', { name: 'Search contacts' }).fill('Private Pat');
    await page.getByText('No contact matches').waitFor();
    await page.getByRole('searchbox', { name: 'Search contacts' }).fill('pat@private');
    await page.getByText('No contact matches').waitFor();
    await screenshot(page, '21-rep-search-private');

    await page.goto(privateUrl);
    await page.getByRole('alert').first().waitFor();
    expect(await page.getByRole('heading', { name: 'Private Pat' }).count()).toBe(0);
  });

  it('then the rep may create at any level but not edit their own contact by default', async () => {
    await page.goto('/crm/contacts');
    await page.getByRole('button', { name: 'Add contact' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add contact' });
    const levels = await dialog
      .getByLabel('Visibility')
      .locator('option')
      .evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value));
    expect(levels).toEqual(['individual', 'partner', 'organization']);
    await dialog.getByLabel('First name').fill('Rita');
    await dialog.getByLabel('Last name').fill('Lead');
    await dialog.getByLabel('E-mail').fill('rita.lead@example.test');
    await dialog.getByRole('button', { name: 'Add contact' }).click();
    await page.getByRole('heading', { name: 'Rita Lead' }).waitFor();
    expect(await page.getByRole('button', { name: 'Edit' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Commit up' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Add activity' }).waitFor();
    await page.getByRole('list', { name: 'Activity timeline' }).getByText('Created').waitFor();
    await screenshot(page, '22-rep-contact');
    expect(session.problems).toEqual([]);
  });
});
