import type { Locator, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { apiCall, screenshot, type Session, signIn } from './support/browser.js';
import { browserSuite } from './support/suite.js';

// Issue 22, items 1, 2, 9 and 10: a contact's deals, deal visibility and commit-up,
// the bulk commit-up confirmation, and form errors that help.

const sizes = [
  { name: 'desktop', width: 1440, height: 900 },
  { name: 'phone', width: 390, height: 844 },
] as const;

/** Signs in afresh (another user may be signed in on this page). */
async function signInAs(page: Page, email: string): Promise<void> {
  await page.context().clearCookies();
  await signIn(page, email);
}

const isFocused = (locator: Locator) => locator.evaluate((el) => el === document.activeElement);

/** No sideways scrolling of the page itself (wide tables scroll inside their card). */
const pageOverflow = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

type Contact = { id: string };
type Deal = { id: string; title: string };

describe.each(sizes)('contact ↔ deal at $name size ($width×$height)', (size) => {
  let session: Session;
  let page: Page;
  const shot = (name: string) => screenshot(page, `contact-deals-${size.name}-${name}`);
  let dana = '';
  let privateDeal: Deal;

  const suite = browserSuite('contact-deals');

  beforeAll(async () => {
    ({ session, page } = suite);
    await page.setViewportSize({ width: size.width, height: size.height });
  });

  it('when the owner adds a deal from a contact page, then the form is prefilled, errors help and clear, and the deal is listed with its stage, amount and probability', async () => {
    await signInAs(page, 'owner@demo.kantivo.test');
    dana = (
      await apiCall<Contact>(page, 'POST', '/contacts', {
        firstName: 'Dana',
        lastName: 'Linked',
        email: `dana.${size.name}@linked.example`,
        visibility: 'organization',
      })
    ).id;
    await page.goto(`/crm/contacts/${dana}`);
    const deals = page.getByRole('region', { name: /^Deals/ });
    await deals.getByText('No deals with this contact yet.').waitFor();
    await deals.getByRole('button', { name: 'New deal' }).click();

    const dialog = page.getByRole('dialog', { name: 'Add deal' });
    const contactField = dialog.getByRole('combobox', { name: /^Contact/ });
    expect(
      await contactField.evaluate((el) => (el as HTMLSelectElement).selectedOptions[0]?.text),
    ).toBe('Dana Linked');
    await dialog.getByLabel('Amount').fill('12k');
    await dialog.getByRole('button', { name: 'Add deal' }).click();
    // Both problems at once, in words, and the cursor on the first.
    await dialog.getByText('Required').waitFor();
    await dialog.getByText('Enter a number').waitFor();
    expect(await isFocused(dialog.getByLabel('Title'))).toBe(true);
    await shot('01-deal-form-errors');

    await dialog.getByLabel('Title').fill('Dana expansion');
    // Fixing the title clears its message at once; the amount's stays until it changes.
    expect(await dialog.getByText('Required').count()).toBe(0);
    expect(await dialog.getByText('Enter a number').count()).toBe(1);
    await dialog.getByLabel('Amount').fill('12500');
    expect(await dialog.getByText('Enter a number').count()).toBe(0);
    expect(await dialog.getByLabel('Visibility').inputValue()).toBe('individual');
    await dialog.getByRole('button', { name: 'Add deal' }).click();
    await dialog.waitFor({ state: 'detached' });

    const item = deals.getByRole('listitem').filter({ hasText: 'Dana expansion' });
    await item.getByRole('link', { name: 'Dana expansion' }).waitFor();
    expect(await item.textContent()).toContain('$12,500');
    expect(await item.textContent()).toContain('Lead');
    expect(await item.textContent()).toContain('10% probability');
    expect(await deals.getByRole('heading').textContent()).toMatch(/Deals\s*\(1\)/);

    // The deal's own history shows on the contact's timeline, marked with the deal.
    const timeline = page.getByRole('list', { name: 'Activity timeline' });
    await timeline.getByRole('link', { name: 'Dana expansion' }).first().waitFor();
    // The card never overflows itself; the page as a whole at 390 px is the phone-layout work of issue 22.
    expect(await deals.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0);
    if (size.name === 'desktop') expect(await pageOverflow(page)).toBeLessThanOrEqual(0);
    await deals.scrollIntoViewIfNeeded();
    await shot('02-contact-deals');
  });

  it('when a deal is added without a contact, then the form says to choose one (not "Invalid UUID") and the message goes once one is chosen', async () => {
    await page.goto('/crm/deals');
    await page.getByRole('button', { name: 'Add deal' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add deal' });
    await dialog.getByLabel('Title').fill('Orphan deal');
    await dialog.getByRole('button', { name: 'Add deal' }).click();
    await dialog.getByText('Choose the contact this deal is with').waitFor();
    expect(await dialog.getByText(/invalid uuid/i).count()).toBe(0);
    const contactField = dialog.getByRole('combobox', { name: /^Contact/ });
    expect(await isFocused(contactField)).toBe(true);
    await shot('03-deal-without-contact');
    await contactField.selectOption({ label: 'Dana Linked' });
    expect(await dialog.getByText('Choose the contact this deal is with').count()).toBe(0);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
  });

  it('when the owner commits a deal up, then the dialog says it is permanent and the deal shows its new level', async () => {
    await page.goto(`/crm/contacts/${dana}`);
    await page.getByRole('link', { name: 'Dana expansion' }).first().click();
    await page.getByRole('heading', { name: 'Dana expansion' }).waitFor();
    const header = page.locator('.deal-detail');
    await header.getByText('Individual', { exact: true }).waitFor();
    await page.getByRole('button', { name: 'Commit up' }).click();
    const dialog = page.getByRole('dialog', { name: 'Commit up' });
    await dialog.getByText('This is permanent.').waitFor();
    expect(await dialog.textContent()).toContain(
      'a deal can never be moved back down to a lower visibility',
    );
    expect(await dialog.textContent()).toContain(
      'Dana expansion is visible at the Individual level: only you',
    );
    await shot('04-deal-commit-up');
    await dialog.getByRole('button', { name: 'Commit to Organization' }).click();
    await dialog.waitFor({ state: 'detached' });
    await header.getByText('Organization', { exact: true }).waitFor();
    // Nothing above Organization: the action is gone.
    expect(await page.getByRole('button', { name: 'Commit up' }).count()).toBe(0);
    await page
      .getByRole('list', { name: 'Deal timeline' })
      .getByText('Committed up')
      .first()
      .waitFor();
    await shot('05-deal-committed');

    // The edit form shows the level and where it changes.
    await page.getByRole('button', { name: 'Edit' }).click();
    const edit = page.getByRole('dialog', { name: 'Edit Dana expansion' });
    expect(await edit.getByLabel('Visibility').inputValue()).toBe('Organization');
    await edit.getByText(/Raised with “Commit up”/).waitFor();
    await edit.getByRole('button', { name: 'Cancel' }).click();
  });

  it("when a sales rep opens a shared contact, then the owner's private deal is neither listed nor on the timeline", async () => {
    privateDeal = await apiCall<Deal>(page, 'POST', '/deals', {
      title: 'Owner private deal',
      contactId: dana,
      visibility: 'individual',
    });
    await apiCall(page, 'POST', `/deals/${privateDeal.id}/activities`, {
      type: 'note',
      body: 'Private pricing for Dana',
    });
    await signInAs(page, 'rep@demo.kantivo.test');
    await page.goto(`/crm/contacts/${dana}`);
    const deals = page.getByRole('region', { name: /^Deals/ });
    await deals.getByRole('link', { name: 'Dana expansion' }).waitFor();
    expect(await deals.textContent()).not.toContain('Owner private deal');
    const timeline = page.getByRole('list', { name: 'Activity timeline' });
    await timeline.getByRole('link', { name: 'Dana expansion' }).first().waitFor();
    expect(await timeline.textContent()).not.toContain('Owner private deal');
    expect(await timeline.textContent()).not.toContain('Private pricing for Dana');
    await deals.scrollIntoViewIfNeeded();
    await shot('06-rep-contact-deals');
  });

  it('when the contact form has errors, then each says what to do, the first is focused, and each clears when its field changes', async () => {
    await signInAs(page, 'owner@demo.kantivo.test');
    await page.goto('/crm/contacts');
    await page.getByRole('button', { name: 'Add contact' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add contact' });
    await dialog.getByLabel('E-mail').fill('not-an-email');
    await dialog.getByRole('button', { name: 'Add contact' }).click();
    await dialog.getByText('Enter a valid e-mail address').waitFor();
    expect(await dialog.getByText('Required').count()).toBe(2);
    expect(await isFocused(dialog.getByLabel('First name'))).toBe(true);
    await shot('07-contact-form-errors');
    await dialog.getByLabel('First name').fill('Bulk');
    expect(await dialog.getByText('Required').count()).toBe(1);
    await dialog.getByLabel('E-mail').fill('bulk@ok.example');
    expect(await dialog.getByText('Enter a valid e-mail address').count()).toBe(0);
    await dialog.getByRole('button', { name: 'Add contact' }).click();
    expect(await isFocused(dialog.getByLabel('Last name'))).toBe(true);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
  });

  it('when an activity is logged without a description, then the form says so, focuses it, and clears the message on typing', async () => {
    await page.goto(`/crm/contacts/${dana}`);
    await page.getByRole('button', { name: 'Add activity' }).click();
    const form = page.getByRole('form', { name: 'Add activity' });
    await form.getByRole('button', { name: 'Log note' }).click();
    await form.getByText('Required').waitFor();
    expect(await isFocused(form.getByLabel('Description'))).toBe(true);
    await form.getByLabel('Description').fill('Called about the expansion');
    expect(await form.getByText('Required').count()).toBe(0);
    await form.getByRole('button', { name: 'Log note' }).click();
    await page
      .getByRole('list', { name: 'Activity timeline' })
      .getByText('Called about the expansion')
      .waitFor();
  });

  it('when the owner raises the visibility of selected contacts, then a confirmation shows the count and the levels before anything changes', async () => {
    for (const [first, visibility] of [
      ['Alpha', 'individual'],
      ['Beta', 'individual'],
      ['Gamma', 'organization'],
    ] as const) {
      await apiCall(page, 'POST', '/contacts', {
        firstName: first,
        lastName: 'Bulkmark',
        email: `${first.toLowerCase()}.${size.name}@bulk.example`,
        visibility,
      });
    }
    await page.goto('/crm/contacts?q=Bulkmark');
    for (const first of ['Alpha', 'Beta', 'Gamma']) {
      await page.getByLabel(`Select ${first} Bulkmark`).check();
    }
    const bar = page.getByRole('region', { name: 'Bulk actions' });
    await bar.getByLabel('Raise visibility').selectOption('organization');
    await bar.getByRole('button', { name: 'Apply to 3' }).click();
    const dialog = page.getByRole('dialog', { name: 'Commit 3 contacts up to Organization?' });
    await dialog.getByText('2 contacts: Individual → Organization').waitFor();
    await dialog.getByText('1 contact already at Organization: unchanged').waitFor();
    await dialog.getByText('This is permanent.').waitFor();
    await shot('08-bulk-commit-confirm');
    // Cancel changes nothing.
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    const alpha = await apiCall<{ data: { visibility: string; firstName: string }[] }>(
      page,
      'GET',
      '/contacts?q=Bulkmark',
    );
    expect(alpha.data.filter((c) => c.visibility === 'individual')).toHaveLength(2);

    await bar.getByRole('button', { name: 'Apply to 3' }).click();
    await dialog.getByRole('button', { name: 'Commit 3 contacts up' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByText(/^Updated \d+ contacts?\./).waitFor();
    const after = await apiCall<{ data: { visibility: string }[] }>(
      page,
      'GET',
      '/contacts?q=Bulkmark',
    );
    expect(after.data.map((c) => c.visibility)).toEqual([
      'organization',
      'organization',
      'organization',
    ]);
    expect(session.problems).toEqual([]);
  });
});
