import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { apiCall, screenshot } from './support/browser.js';
import { browserSuite } from './support/suite.js';

/**
 * Issue 22 (5, 6): each demo role sees only the controls it may use, is told
 * why when an expected one is absent, and sees record owners by name, at a
 * laptop and a phone size.
 */
const password = 'kantivo-demo';
const viewports = [
  { name: 'desktop', width: 1440, height: 900 },
  { name: 'phone', width: 390, height: 844 },
] as const;

type Role = 'owner' | 'admin' | 'employee' | 'partner' | 'rep';
const emailOf = (role: Role) => `${role}@demo.kantivo.test`;

type Shown = {
  importExport: boolean;
  /** The select-all checkbox's name, or null when rows have no checkboxes. */
  selectAll: string | null;
  settingsTab: boolean;
};
const expected: Record<Role, Shown> = {
  owner: { importExport: true, selectAll: 'Select all loaded contacts', settingsTab: true },
  admin: { importExport: true, selectAll: 'Select all loaded contacts', settingsTab: true },
  employee: { importExport: false, selectAll: null, settingsTab: false },
  partner: {
    importExport: true,
    selectAll: 'Select all loaded contacts you own',
    settingsTab: false,
  },
  rep: { importExport: false, selectAll: null, settingsTab: false },
};

async function signInAs(page: Page, role: Role): Promise<void> {
  await page.context().clearCookies();
  await page.goto('/sign-in');
  await page.getByLabel('E-mail').fill(emailOf(role));
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: /^Welcome back,/ }).waitFor();
}

async function openContact(page: Page, name: string): Promise<void> {
  await page.goto(`/crm/contacts?q=${encodeURIComponent(name.split(' ')[0]!)}`);
  await page.getByRole('link', { name }).click();
  await page.getByRole('heading', { name, level: 2 }).waitFor();
}

describe('when each demo role opens the CRM', () => {
  let page: Page;

  const suite = browserSuite('perm');

  beforeAll(async () => {
    ({ page } = suite);
  });

  for (const vp of viewports) {
    describe(`at ${vp.width}x${vp.height}`, () => {
      beforeAll(async () => {
        await page.setViewportSize({ width: vp.width, height: vp.height });
      });

      for (const role of Object.keys(expected) as Role[]) {
        it(`then the ${role} sees Import/Export, row checkboxes and the Settings tab only if it may use them`, async () => {
          const shown = expected[role];
          await signInAs(page, role);
          await page.goto('/crm/contacts');
          await page.getByRole('heading', { name: 'Contacts' }).waitFor();
          await page.locator('.contacts-table tbody tr').first().waitFor();
          const main = page.getByRole('main');
          expect(await main.getByRole('button', { name: /^Import/ }).count()).toBe(
            shown.importExport ? 1 : 0,
          );
          expect(
            (await main.getByRole('link', { name: /^Export/ }).count()) +
              (await main.getByRole('button', { name: /^Export/ }).count()),
          ).toBe(shown.importExport ? 1 : 0);
          const boxes = main.getByRole('checkbox', { name: /^Select / });
          if (shown.selectAll === null) {
            expect(await boxes.count()).toBe(0);
          } else {
            await main.getByRole('checkbox', { name: shown.selectAll, exact: true }).waitFor();
          }
          if (role === 'partner') {
            // Bulk acts on what the partner may update: its own contacts only.
            await main.getByRole('checkbox', { name: 'Select Lisa Chen' }).waitFor();
            expect(await main.getByRole('checkbox', { name: 'Select Rachel Kim' }).count()).toBe(0);
            expect(
              await main.getByRole('checkbox', { name: 'Select Sarah Mitchell' }).count(),
            ).toBe(0);
          }
          const tabs = page.getByRole('navigation', { name: 'CRM sections' });
          expect(await tabs.getByRole('link', { name: 'Settings' }).count()).toBe(
            shown.settingsTab ? 1 : 0,
          );
          await screenshot(page, `perm-${vp.name}-${role}-contacts`);
        });
      }

      it("then a sales rep's own contact has no Edit and says which setting would allow it, and owners show by name", async () => {
        await signInAs(page, 'rep');
        await page.goto('/crm/contacts');
        await page.locator('.contacts-table tbody tr').first().waitFor();
        const sarahRow = page.getByRole('row', { name: /Sarah Mitchell/ });
        await sarahRow.getByText('Adam Admin').waitFor();
        expect(await page.getByText('Another user').count()).toBe(0);

        await openContact(page, 'James Rodriguez');
        const card = page.locator('.contact-card');
        expect(await card.getByRole('button', { name: 'Edit' }).count()).toBe(0);
        expect(await card.getByRole('button', { name: /Delete/ }).count()).toBe(0);
        const reason = page.getByTestId('no-edit-reason');
        await reason.waitFor();
        expect(await reason.textContent()).toContain(
          'Your organization lets sales reps edit their own contacts only when “Sales reps can edit their own contacts” is on',
        );
        await screenshot(page, `perm-${vp.name}-rep-own-contact`);

        await openContact(page, 'Sarah Mitchell');
        await page.getByText('Adam Admin').first().waitFor();
        expect(await page.getByTestId('no-edit-reason').textContent()).toContain(
          'Sales reps may edit only their own contacts',
        );
      });

      it('then an org admin sees Edit, Commit and Delete on a contact, with no reason line', async () => {
        await signInAs(page, 'admin');
        await openContact(page, 'James Rodriguez');
        const card = page.locator('.contact-card');
        await card.getByRole('button', { name: 'Edit' }).waitFor();
        await card.getByRole('button', { name: /Delete/ }).waitFor();
        expect(await page.getByTestId('no-edit-reason').count()).toBe(0);
        await page.getByText('Rita Rep').first().waitFor();
      });

      it("then on the board a sales rep's card for a deal it may not move is not draggable and says why on hover; its own is", async () => {
        await signInAs(page, 'rep');
        await page.goto('/crm/deals');
        const locked = page.locator('li.deal-card', { hasText: 'Starter Plan' });
        await locked.waitFor();
        expect(await locked.getAttribute('aria-roledescription')).toBe('deal');
        expect(await locked.getAttribute('class')).toContain('deal-card-locked');
        const own = page.locator('li.deal-card', { hasText: 'Annual License' });
        expect(await own.getAttribute('aria-roledescription')).toBe('draggable deal');
        expect(await own.getAttribute('title')).toBeNull();

        await locked.scrollIntoViewIfNeeded();
        await locked.focus();
        const reason = locked.locator('.deal-card-reason');
        await reason.waitFor({ state: 'visible' });
        expect(await reason.textContent()).toContain('Sales reps may move only the deals they own');
        await screenshot(page, `perm-${vp.name}-rep-board-locked`);

        // A drag of the locked card does nothing: it stays in its column and no error follows.
        const box = (await locked.boundingBox())!;
        await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
        await page.mouse.down();
        await page.mouse.move(box.x + box.width / 2 + 40, box.y + box.height / 2 + 10, {
          steps: 5,
        });
        await page.mouse.up();
        expect(await page.getByText('The move was undone').count()).toBe(0);
      });

      it("then a sales rep's view of another's deal has no Edit or Move, says why, and names the owner", async () => {
        await signInAs(page, 'rep');
        await page.goto('/crm/deals?view=list');
        await page.getByRole('link', { name: 'Starter Plan' }).first().click();
        await page.getByRole('heading', { name: 'Starter Plan' }).waitFor();
        expect(await page.getByRole('button', { name: 'Edit' }).count()).toBe(0);
        expect(await page.getByRole('button', { name: 'Move stage' }).count()).toBe(0);
        expect(await page.getByTestId('no-edit-reason').textContent()).toContain(
          'Sales reps may edit only the deals they own',
        );
        await page.getByText('Olivia Owner').first().waitFor();
        await screenshot(page, `perm-${vp.name}-rep-other-deal`);
      });

      it('then org settings pages are not offered to non-admins and are not found by address', async () => {
        for (const role of ['employee', 'partner', 'rep'] as const) {
          await signInAs(page, role);
          await page.goto('/settings/users');
          await page.getByRole('heading', { name: 'Page not found' }).waitFor();
          await page.goto('/crm/settings');
          await page.waitForURL(/\/crm\/contacts/);
        }
        await screenshot(page, `perm-${vp.name}-rep-settings-not-found`);
      });
    });
  }

  it('then when the owner hides staff names from partners, a partner sees "Organization staff" for staff-owned records, and its own team by name', async () => {
    await page.setViewportSize({ width: 1440, height: 900 });
    await signInAs(page, 'owner');
    await page.goto('/crm/settings');
    const toggle = page.getByRole('switch', { name: /Hide staff names from partners/ });
    await toggle.waitFor();
    expect(await toggle.isChecked()).toBe(false);
    await toggle.check();
    await page.getByRole('button', { name: /^Save/ }).click();
    await page.getByText('Settings saved.', { exact: false }).waitFor();
    await screenshot(page, 'perm-desktop-owner-crm-settings');

    await signInAs(page, 'partner');
    await page.goto('/crm/contacts');
    await page.locator('.contacts-table tbody tr').first().waitFor();
    await page
      .getByRole('row', { name: /Sarah Mitchell/ })
      .getByText('Organization staff')
      .waitFor();
    await page
      .getByRole('row', { name: /Rachel Kim/ })
      .getByText('Rita Rep')
      .waitFor();
    await screenshot(page, 'perm-desktop-partner-staff-hidden');

    await signInAs(page, 'owner');
    await apiCall(page, 'PATCH', '/crm/settings', { hideStaffNamesFromPartners: false });
    await signInAs(page, 'partner');
    await page.goto('/crm/contacts');
    await page
      .getByRole('row', { name: /Sarah Mitchell/ })
      .getByText('Adam Admin')
      .waitFor();
  });
});
