import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { apiCall, screenshot, type Session } from './support/browser.js';
import { browserSuite } from './support/suite.js';

/**
 * One org admin's day: sign up, add a contact, find it, edit it, see the
 * edit in the timeline, log a call, commit up, link a customer; a stale edit
 * is refused with a reload; users and partners are managed in Settings.
 */
describe('when an org admin signs up and works with contacts', () => {
  let session: Session;
  let page: Page;
  const email = `tess+${Date.now()}@example.test`;

  const suite = browserSuite('contacts');

  beforeAll(async () => {
    ({ session, page } = suite);
  });

  it('then the sign-up validates with the shared schema and lands on the dashboard', async () => {
    await page.goto('/');
    await page.waitForURL('**/sign-in');
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await screenshot(page, '01-sign-in');

    await page.getByRole('link', { name: 'Create an organization' }).click();
    await page.getByRole('heading', { name: 'Create your organization' }).waitFor();
    await page.getByRole('button', { name: 'Create organization' }).click();
    expect(await page.getByText('Required').count()).toBeGreaterThanOrEqual(2);
    await page.getByLabel('Password').fill('short');
    await page.getByRole('button', { name: 'Create organization' }).click();
    await page.getByText('at least 8 characters').waitFor();
    await screenshot(page, '02-sign-up-validation');

    await page.getByLabel('Organization name').fill('Acme Test Co');
    await page.getByLabel('Your name').fill('Tess Tester');
    await page.getByLabel('Work e-mail').fill(email);
    await page.getByLabel('Password').fill('correct horse battery');
    await page.getByLabel('Plan').selectOption('growth');
    await page.getByRole('button', { name: 'Create organization' }).click();
    await page.getByRole('heading', { name: 'Welcome back, Tess' }).waitFor();
    expect(page.url()).toMatch(/\/dashboard$/);
    const banner = page.getByRole('banner');
    await banner.getByText('Acme Test Co').waitFor();
    await banner.getByText('Owner').waitFor();
    const nav = page.getByRole('navigation', { name: 'Main' });
    for (const section of ['Dashboard', 'Customers', 'CRM', 'Partners', 'Settings']) {
      await nav.getByRole('link', { name: section }).waitFor();
    }
  });

  it('then a contact is added with every kind of field, and opens with its timeline', async () => {
    await apiCall(page, 'POST', '/custom-fields', {
      key: 'industry',
      label: 'Industry',
      type: 'select',
      options: ['Software', 'Retail'],
    });
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'CRM' }).click();
    await page.waitForURL('**/crm/contacts');
    const tabs = page.getByRole('navigation', { name: 'CRM sections' });
    for (const tab of ['Contacts', 'Deals', 'Templates', 'Settings']) {
      await tabs.getByRole('link', { name: tab }).waitFor();
    }
    await page.getByText('No contacts yet').waitFor();

    // Keyboard: the dialog takes focus, Escape closes it and focus goes back to the button.
    await page.getByRole('button', { name: 'Add contact' }).focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Add contact' });
    await dialog.waitFor();
    expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe(
      'firstName',
    );
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    expect(await page.evaluate(() => document.activeElement?.textContent)).toContain('Add contact');

    await page.getByRole('button', { name: 'Add contact' }).click();
    await dialog.getByRole('button', { name: 'Add contact' }).click();
    await dialog.getByText('Required').first().waitFor();
    const visibilityOptions = await dialog
      .getByLabel('Visibility')
      .locator('option')
      .evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value));
    expect(visibilityOptions).toEqual(['individual', 'organization']);

    await dialog.getByLabel('First name').fill('Sarah');
    await dialog.getByLabel('Last name').fill('Mitchell');
    await dialog.getByLabel('E-mail').fill('sarah@acmecorp.example');
    await dialog.getByLabel('Phone', { exact: true }).fill('(555) 234-5678');
    await dialog.getByLabel('Company').fill('Acme Corporation');
    await dialog.getByLabel('Job title').fill('VP of Operations');
    await dialog.getByLabel('City').fill('Springfield');
    await dialog.getByLabel('Type').selectOption('prospect');
    await dialog.getByLabel('Source').fill('Referral');
    const tags = dialog.getByLabel('Tags');
    await tags.fill('Enterprise');
    await tags.press('Enter');
    await tags.fill('Trade Show');
    await tags.press('Enter');
    await dialog.getByLabel('Industry').selectOption('Software');
    await dialog.getByLabel('Visibility').selectOption('individual');
    await screenshot(page, '03-add-contact-form');
    await dialog.getByRole('button', { name: 'Add contact' }).click();

    await page.getByRole('heading', { name: 'Sarah Mitchell' }).waitFor();
    expect(page.url()).toMatch(/\/crm\/contacts\/[0-9a-f-]{36}$/);
    const card = page.getByRole('article');
    await card.getByText('Prospect').waitFor();
    await card.getByText('Individual').waitFor();
    await card.getByText('Trade Show').waitFor();
    await card.getByText('Software').waitFor();
    await page.getByRole('list', { name: 'Activity timeline' }).getByText('Created').waitFor();
  });

  it('then the list searches on the server and pages through many contacts', async () => {
    // 140 more contacts: more than one page (100), so the table must fetch the next one.
    for (let batch = 0; batch < 14; batch++) {
      await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          apiCall(page, 'POST', '/contacts', {
            firstName: `Bulk${batch * 10 + i}`,
            lastName: 'Person',
            email: `bulk${batch * 10 + i}@example.test`,
            company: 'Bulk Industries',
            tags: ['bulk'],
            visibility: 'organization',
          }),
        ),
      );
    }
    await page.getByRole('link', { name: 'All contacts' }).click();
    await page.getByText('100+ contacts').waitFor();

    const table = page.locator('.table-scroll');
    await table.evaluate((el) => el.scrollTo(0, el.scrollHeight));
    await page.getByText('141 contacts').waitFor();
    // Only the rows in view are in the DOM, whatever the length of the list.
    expect(await page.locator('.contacts-table tbody tr').count()).toBeLessThan(60);

    await page.getByRole('searchbox', { name: 'Search contacts' }).fill('mitch');
    await page.getByText('1 matching contact').waitFor();
    expect(page.url()).toContain('q=mitch');
    const rows = page.locator('.contacts-table tbody tr');
    await expect.poll(() => rows.count(), { timeout: 10_000 }).toBe(1);
    await rows.first().getByText('Sarah Mitchell').waitFor();
    await screenshot(page, '04-contacts-search');

    await page.getByRole('searchbox', { name: 'Search contacts' }).fill('');
    await page.getByLabel('Visibility', { exact: true }).selectOption('individual');
    await page.getByText('1 matching contact').waitFor();
    await page.getByLabel('Visibility', { exact: true }).selectOption('');
    await page.getByRole('textbox', { name: 'Tag' }).fill('bulk');
    await page.getByText('100+ matching contacts').waitFor();
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await page.getByText('141 contacts').waitFor();
    await screenshot(page, '05-contacts-list');
  });

  it('then an edit sends If-Match and shows up in the timeline as old → new', async () => {
    await page.getByRole('searchbox', { name: 'Search contacts' }).fill('Sarah');
    await page.getByText('1 matching contact').waitFor();
    await page.getByRole('link', { name: 'Sarah Mitchell' }).click();
    await page.getByRole('heading', { name: 'Sarah Mitchell' }).waitFor();

    await page.getByRole('button', { name: 'Edit' }).click();
    const dialog = page.getByRole('dialog', { name: 'Edit Sarah Mitchell' });
    await dialog.getByLabel('Job title').fill('COO');
    await dialog.getByLabel('Status').selectOption('inactive');
    await dialog.getByRole('button', { name: 'Save changes' }).click();
    await dialog.waitFor({ state: 'hidden' });

    const timeline = page.getByRole('list', { name: 'Activity timeline' });
    const update = timeline.locator('.timeline-field_update').first();
    await update.getByText('VP of Operations').waitFor();
    await update.getByText('COO').waitFor();
    await timeline.getByText('Status changed').waitFor();
    await page.getByRole('article').getByText('Inactive').waitFor();
  });

  it('then a stale edit says someone else changed it and offers a reload', async () => {
    await page.getByRole('button', { name: 'Edit' }).click();
    const dialog = page.getByRole('dialog', { name: 'Edit Sarah Mitchell' });
    const id = page.url().split('/').pop()!;
    const current = await apiCall<{ version: number }>(page, 'GET', `/contacts/${id}`);
    await apiCall(
      page,
      'PATCH',
      `/contacts/${id}`,
      { mobile: '555-0100' },
      {
        'If-Match': `"${current.version}"`,
      },
    );

    await dialog.getByLabel('Company').fill('Acme Corp (renamed)');
    await dialog.getByRole('button', { name: 'Save changes' }).click();
    await dialog.getByText('This contact was changed by someone else').waitFor();
    await screenshot(page, '06-stale-edit');
    await dialog.getByRole('button', { name: 'Reload latest version' }).click();
    await expect.poll(() => dialog.getByLabel('Mobile').inputValue()).toBe('555-0100');
    expect(await dialog.getByLabel('Company').inputValue()).toBe('Acme Corporation');
    await dialog.getByLabel('Company').fill('Acme Corp');
    await dialog.getByRole('button', { name: 'Save changes' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByRole('article').getByText('Acme Corp', { exact: true }).waitFor();
  });

  it('then a call is logged and the timeline filters by type', async () => {
    await page.getByRole('button', { name: 'Add activity' }).click();
    const form = page.getByRole('form', { name: 'Add activity' });
    await form.getByText('Call', { exact: true }).click();
    await form.getByLabel('Subject').fill('Discovery call');
    await form.getByRole('button', { name: 'Log call' }).click();
    await form.getByText('Required').waitFor();
    await form.getByLabel('Description').fill('Walked through the rollout plan.');
    await form.getByRole('button', { name: 'Log call' }).click();
    const timeline = page.getByRole('list', { name: 'Activity timeline' });
    await timeline.getByText('Discovery call').waitFor();
    await timeline.locator('.timeline-call').getByText('You').waitFor();

    await page.getByLabel('Filter by type').selectOption('call');
    await page.waitForFunction(() => {
      const items = [...document.querySelectorAll('.timeline-item')];
      return items.length === 1 && items[0]!.classList.contains('timeline-call');
    });
    await page.getByLabel('Filter by type').selectOption('');
    await timeline.getByText('Created').waitFor();
  });

  it('then commit up asks first, says it is permanent, and raises the visibility', async () => {
    await page.getByRole('button', { name: 'Commit up' }).click();
    const dialog = page.getByRole('dialog', { name: 'Commit up' });
    await dialog.getByText('This is permanent.').waitFor();
    await screenshot(page, '07-commit-up');
    await dialog.getByRole('button', { name: 'Commit to Organization' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByRole('article').getByText('Organization', { exact: true }).waitFor();
    const change = page.locator('.timeline-visibility_change').first();
    await change.getByText('individual').waitFor();
    await change.getByText('organization').waitFor();
    // Nothing is above organization, so the action is no longer offered.
    expect(await page.getByRole('button', { name: 'Commit up' }).count()).toBe(0);
  });

  it('then the contact is linked to a platform customer', async () => {
    await apiCall(page, 'POST', '/customers', { name: 'Acme Billing Account' });
    await page.getByRole('button', { name: 'Link customer' }).click();
    const dialog = page.getByRole('dialog', { name: 'Link customer' });
    await dialog.getByLabel('Customer').selectOption({ label: 'Acme Billing Account' });
    await dialog.getByRole('button', { name: 'Link customer' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByRole('article').getByText('Acme Billing Account').waitFor();
    await page
      .locator('.timeline-customer_linked')
      .first()
      .getByText('Acme Billing Account')
      .waitFor();
    await screenshot(page, '08-contact-detail');
  });

  it('then the dashboard counts what the user can read', async () => {
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Dashboard' })
      .click();
    const total = page.locator('.stat-card', { hasText: 'Total contacts' });
    await total.getByText('141').waitFor();
    await page
      .locator('.stat-card', { hasText: 'Prospects' })
      .getByText('1', { exact: true })
      .waitFor();
    await screenshot(page, '09-dashboard');
  });

  it('then users and partners are managed under Settings', async () => {
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Settings' })
      .click();
    await page.getByRole('heading', { name: 'Users', exact: true }).waitFor();
    await page
      .getByRole('navigation', { name: 'Settings sections' })
      .getByRole('link', { name: 'Partners' })
      .click();
    await page.getByRole('button', { name: 'Add partner' }).click();
    const partnerDialog = page.getByRole('dialog', { name: 'Add partner' });
    await partnerDialog.getByLabel('Partner name').fill('Northwind Resellers');
    await partnerDialog.getByRole('button', { name: 'Add partner' }).click();
    await page.getByRole('heading', { name: 'Northwind Resellers' }).waitFor();

    await page
      .getByRole('navigation', { name: 'Settings sections' })
      .getByRole('link', { name: 'Users' })
      .click();
    await page.getByRole('button', { name: 'Add user' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add user' });
    await dialog.getByLabel('Name').fill('Rick Rep');
    await dialog.getByLabel('E-mail').fill(`rick+${Date.now()}@example.test`);
    await dialog.getByLabel('Password').fill('another good password');
    await dialog.getByLabel('Role').selectOption('sales_rep');
    await dialog.getByRole('button', { name: 'Add user' }).click();
    await dialog.getByText('Choose the partner this user works for').waitFor();
    await dialog.getByLabel('Partner').selectOption({ label: 'Northwind Resellers' });
    await dialog.getByRole('button', { name: 'Add user' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const row = page.getByRole('row', { name: /Rick Rep/ });
    await row.getByText('Sales Rep').waitFor();
    await row.getByText('Northwind Resellers').waitFor();
    await screenshot(page, '10-users');

    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Partners' })
      .click();
    await page
      .locator('.partner-card', { hasText: 'Northwind Resellers' })
      .getByText('Rick Rep')
      .waitFor();
    await screenshot(page, '11-partners');
  });

  it('then the pages work on a smaller laptop screen and nothing failed in the browser', async () => {
    await page.setViewportSize({ width: 1024, height: 700 });
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'CRM' }).click();
    await page.getByText('100+ contacts').waitFor();
    await screenshot(page, '12-contacts-1024');
    await page.getByRole('searchbox', { name: 'Search contacts' }).fill('Sarah');
    await page.getByRole('link', { name: 'Sarah Mitchell' }).click();
    await page.getByRole('heading', { name: 'Sarah Mitchell' }).waitFor();
    await screenshot(page, '13-contact-1024');
    expect(session.problems).toEqual([]);

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
  });
});
