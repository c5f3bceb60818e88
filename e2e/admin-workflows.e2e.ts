import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { apiCall, screenshot, signUpOrg, type Session } from './support/browser.js';
import { browserSuite } from './support/suite.js';

type Stage = { id: string; name: string; isLost: boolean };
type Deal = { id: string; title: string; stageId: string; stageName: string };
type Contact = { id: string; email: string; visibility: string };

/**
 * The admin's workflows in the web UI: the kanban pipeline and its
 * statistics, the stages editor, templates with preview, CSV import and
 * export, CRM settings (training: training.e2e.ts).
 */
describe('when an org admin works the pipeline, templates, settings and CSV', () => {
  let session: Session;
  let page: Page;
  let stages: Stage[];
  let sarah: Contact;
  let redesign: Deal;

  const column = (name: string) => page.locator(`section.board-column[data-stage="${name}"]`);
  const count = (name: string) => column(name).locator('.column-count');
  const value = (name: string) => column(name).locator('.column-value');
  /** dnd-kit's keyboard sensor listens from the task after the pick-up and measures first: pace the keys. */
  const keys = async (...names: string[]) => {
    for (const name of names) {
      await page.keyboard.press(name);
      await page.waitForTimeout(250);
    }
  };

  const suite = browserSuite('admin');

  beforeAll(async () => {
    ({ session, page } = suite);
    await signUpOrg(page, {
      orgName: 'Pipeline Co',
      name: 'Paula Pipeline',
      emailPrefix: 'paula',
    });
    stages = (await apiCall<{ data: Stage[] }>(page, 'GET', '/stages')).data;
    sarah = await apiCall<Contact>(page, 'POST', '/contacts', {
      firstName: 'Sarah',
      lastName: 'Mitchell',
      email: 'sarah@acmecorp.example',
      company: 'Acme Corporation',
      visibility: 'organization',
    });
    const mark = await apiCall<Contact>(page, 'POST', '/contacts', {
      firstName: 'Mark',
      lastName: 'Davis',
      email: 'mark@davis.example',
      visibility: 'organization',
    });
    const stageId = (name: string) => stages.find((s) => s.name === name)!.id;
    redesign = await apiCall<Deal>(page, 'POST', '/deals', {
      title: 'Website Redesign',
      amount: 12000,
      contactId: sarah.id,
      stageId: stageId('Lead'),
    });
    await apiCall(page, 'POST', '/deals', {
      title: 'Consulting Package',
      amount: 8500,
      contactId: mark.id,
      stageId: stageId('Proposal'),
    });
    await apiCall(page, 'POST', '/deals', {
      title: 'Starter Plan',
      amount: 588,
      contactId: mark.id,
      stageId: stageId('Won'),
    });
  });

  it('then a deal dragged from Lead to Proposal changes the totals and its timeline', async () => {
    await page.goto('/crm/deals');
    await column('Lead').getByText('Website Redesign').waitFor();
    expect(await count('Lead').textContent()).toBe('1');
    expect(await count('Proposal').textContent()).toBe('1');
    expect(await value('Proposal').textContent()).toBe('$8,500');
    await page.getByTestId('stat-pipeline').getByText('$20,500').waitFor();
    await screenshot(page, 'p2-01-pipeline');

    const card = column('Lead').locator('.deal-card', { hasText: 'Website Redesign' });
    // The deal statistics sit above the board: bring the board on screen before dragging.
    await card.scrollIntoViewIfNeeded();
    const from = (await card.boundingBox())!;
    const to = (await column('Proposal').locator('.board-column-body').boundingBox())!;
    await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
    await page.mouse.down();
    for (let i = 1; i <= 12; i++) {
      await page.mouse.move(
        from.x + from.width / 2 + ((to.x + to.width / 2 - from.x - from.width / 2) * i) / 12,
        from.y + from.height / 2 + ((to.y + to.height - 20 - from.y - from.height / 2) * i) / 12,
      );
    }
    await page.mouse.up();

    await column('Proposal').getByText('Website Redesign').waitFor();
    await expect.poll(() => count('Proposal').textContent()).toBe('2');
    expect(await count('Lead').textContent()).toBe('0');
    expect(await value('Proposal').textContent()).toBe('$20,500');
    expect(await value('Lead').textContent()).toBe('$0');
    await expect
      .poll(async () => (await apiCall<Deal>(page, 'GET', `/deals/${redesign.id}`)).stageName)
      .toBe('Proposal');
    await screenshot(page, 'p2-02-pipeline-after-drag');

    await page.reload();
    await column('Proposal').getByText('Website Redesign').waitFor();
    await column('Proposal').getByRole('link', { name: 'Website Redesign' }).click();
    await page.getByRole('heading', { name: 'Website Redesign' }).waitFor();
    expect(await page.getByTestId('deal-stage').textContent()).toBe('Proposal');
    const timeline = page.getByRole('list', { name: 'Deal timeline' });
    await timeline.getByText('Lead → Proposal').waitFor();
    await timeline.getByText('Stage changed').waitFor();
    await screenshot(page, 'p2-03-deal-timeline');
  });

  it('then the keyboard moves a deal, and a drop on Lost asks for the reason', async () => {
    await page.goto('/crm/deals');
    const card = column('Proposal').locator('.deal-card', { hasText: 'Consulting Package' });
    await card.focus();
    await keys('Space', 'ArrowRight', 'Space');
    await column('Negotiation').getByText('Consulting Package').waitFor();
    await expect.poll(() => count('Negotiation').textContent()).toBe('1');

    const moved = column('Negotiation').locator('.deal-card', { hasText: 'Consulting Package' });
    const from = (await moved.boundingBox())!;
    const to = (await column('Lost').locator('.board-column-body').boundingBox())!;
    await page.mouse.move(from.x + 20, from.y + 20);
    await page.mouse.down();
    for (let i = 1; i <= 12; i++) {
      await page.mouse.move(
        from.x + 20 + ((to.x + 40 - from.x - 20) * i) / 12,
        from.y + 20 + ((to.y + 40 - from.y - 20) * i) / 12,
      );
    }
    await page.mouse.up();
    const dialog = page.getByRole('dialog', { name: /Why was “Consulting Package” lost/ });
    await dialog.getByLabel('Lost reason').fill('Price');
    await screenshot(page, 'p2-04-lost-reason');
    await dialog.getByRole('button', { name: 'Move to Lost' }).click();
    await column('Lost').getByText('Consulting Package').waitFor();
    await page.getByTestId('stat-winrate').getByText('50%').waitFor();

    await page.getByText('List', { exact: true }).click();
    const table = page.getByRole('table');
    await table.getByRole('link', { name: 'Consulting Package' }).waitFor();
    await table
      .getByRole('row', { name: /Consulting Package/ })
      .getByText('lost', { exact: true })
      .waitFor();
    await screenshot(page, 'p2-05-deal-list');
  });

  it('then stages are reordered, renamed and a stage with deals cannot be deleted', async () => {
    await page.goto('/crm/settings');
    const list = page.getByRole('list', { name: 'Stages in pipeline order' });
    await list.getByLabel('Name of Qualified').waitFor();
    await page.getByRole('button', { name: 'Reorder Qualified' }).focus();
    await keys('Space', 'ArrowDown', 'Space');
    await expect
      .poll(async () =>
        (await apiCall<{ data: Stage[] }>(page, 'GET', '/stages')).data.map((s) => s.name),
      )
      .toEqual(['Lead', 'Proposal', 'Qualified', 'Negotiation', 'Won', 'Lost']);

    await list.getByLabel('Name of Negotiation').fill('Contract Sent');
    await list
      .locator('[data-stage-row="Negotiation"]')
      .getByRole('button', { name: 'Save' })
      .click();
    await list.getByLabel('Name of Contract Sent').waitFor();

    await page.getByRole('button', { name: 'Delete Proposal' }).click();
    const confirm = page.getByRole('dialog', { name: 'Delete the stage Proposal?' });
    await confirm.getByRole('button', { name: 'Delete stage' }).click();
    await confirm.getByRole('alert').waitFor();
    expect(await confirm.getByRole('alert').textContent()).toMatch(/deal/i);
    await screenshot(page, 'p2-06-stage-delete-refused');
    await confirm.getByRole('button', { name: 'Cancel' }).click();

    await page.goto('/crm/deals');
    await column('Contract Sent').waitFor();
    const names = await page.locator('section.board-column h3').allTextContents();
    expect(names.map((n) => n.trim())).toEqual([
      'Lead',
      'Proposal',
      'Qualified',
      'Contract Sent',
      'Won',
      'Lost',
    ]);
  });

  it('then a template with {{first_name}} is linted, saved and previewed on a contact', async () => {
    await page.goto('/crm/templates');
    await page.getByRole('button', { name: 'New template' }).click();
    const editor = page.getByRole('form', { name: 'Template editor' });
    await editor.getByLabel('Name').fill('Warm welcome');
    await editor.getByLabel('Subject').fill('Great speaking with you, {{first_name}}!');
    await editor.getByLabel('Body').fill('Hi {{frist_name}}, welcome from ');
    await editor.getByRole('button', { name: 'Save template' }).click();
    await editor.getByText(/unknown variable \{\{frist_name\}\}/).waitFor();
    await screenshot(page, 'p2-07-template-lint');

    await editor.getByLabel('Body').fill('Hi {{first_name}}, welcome from ');
    await editor.getByRole('button', { name: '{{company_name}}' }).click();
    expect(await editor.getByLabel('Body').inputValue()).toBe(
      'Hi {{first_name}}, welcome from {{company_name}}',
    );
    await editor.getByRole('button', { name: 'Save template' }).click();
    await page.getByRole('navigation', { name: 'Templates' }).getByText('Warm welcome').waitFor();

    await page.getByLabel('Search a contact to preview with').fill('Sarah');
    await page
      .getByLabel('Preview contact')
      .locator('option', { hasText: 'Sarah Mitchell' })
      .waitFor({
        state: 'attached',
      });
    await page
      .getByLabel('Preview contact')
      .selectOption({ label: 'Sarah Mitchell · Acme Corporation' });
    await expect
      .poll(() => page.getByTestId('preview-body').textContent())
      .toBe('Hi Sarah, welcome from Acme Corporation');
    expect(await page.getByTestId('preview-subject').textContent()).toBe(
      'Great speaking with you, Sarah!',
    );
    await screenshot(page, 'p2-08-template-preview');

    await page.goto(`/crm/contacts/${sarah.id}`);
    await page.getByRole('button', { name: 'Use template' }).click();
    const use = page.getByRole('dialog', { name: 'Use a template' });
    await use.getByRole('combobox').selectOption({ label: 'Warm welcome (email)' });
    await use.getByText('Hi Sarah, welcome from Acme Corporation').waitFor();
    await use.getByRole('button', { name: 'Copy and log' }).click();
    await use.getByText(/logged on the timeline/).waitFor();
    await use.getByRole('button', { name: 'Done' }).click();
    const templates = await apiCall<{ data: { name: string; useCount: number }[] }>(
      page,
      'GET',
      '/templates',
    );
    expect(templates.data.find((t) => t.name === 'Warm welcome')?.useCount).toBe(1);
  });

  it('then a small CSV goes through the import wizard and comes back in the export', async () => {
    await page.goto('/crm/contacts');
    await page.getByRole('button', { name: 'Import' }).click();
    const wizard = page.getByRole('dialog', { name: 'Import contacts' });
    const csv = [
      'First Name,Last Name,E-mail Address,Company Name,Tags,Favourite Color',
      'Lisa,Chen,lisa@chen.example,Chen Ltd,"Enterprise;Referral",blue',
      'Rachel,Kim,rachel@kim.example,Kim & Co,SMB,green',
      'No,Email,,Nowhere,,red',
      'Sarah,Mitchell,SARAH@acmecorp.example,Acme,,teal',
    ].join('\n');
    await wizard.locator('input[type="file"]').setInputFiles({
      name: 'contacts.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(csv),
    });
    await wizard.getByRole('button', { name: 'Next: map columns' }).click();
    const mapping = wizard.getByRole('table', { name: 'Column mapping' });
    const picker = (header: string) =>
      mapping.getByRole('combobox', { name: `Field for column ${header}`, exact: true });
    expect(await picker('E-mail Address').inputValue()).toBe('email');
    expect(await picker('Favourite Color').inputValue()).toBe('');
    await screenshot(page, 'p2-09-import-mapping');

    await wizard.getByRole('button', { name: 'Next: dry run' }).click();
    const dry = wizard.getByTestId('dry-run-summary');
    await dry.waitFor();
    await dry.getByText(/Row 3:/).waitFor();
    expect(await dry.locator('dd').allTextContents()).toEqual(['2', '0', '1', '1']);
    await wizard.getByText('Update', { exact: true }).click();
    await expect.poll(() => dry.locator('dd').allTextContents()).toEqual(['2', '1', '0', '1']);
    await screenshot(page, 'p2-10-import-dry-run');

    await wizard.getByRole('button', { name: /^Import 3 contacts$/ }).click();
    const summary = wizard.getByTestId('import-summary');
    await summary.waitFor();
    expect(await summary.locator('dd').allTextContents()).toEqual(['2', '1', '0', '1']);
    await screenshot(page, 'p2-11-import-done');
    await wizard.locator('.dialog-footer').getByRole('button', { name: 'Close' }).click();
    await page.getByRole('link', { name: 'Lisa Chen' }).waitFor();

    await page.getByPlaceholder('Search name, e-mail, company, phone…').fill('example');
    const exportLink = page.getByRole('link', { name: 'Export' });
    await expect.poll(() => exportLink.getAttribute('href')).toContain('q=example');
    const href = (await exportLink.getAttribute('href'))!;
    const response = await page.request.get(href);
    expect(response.status()).toBe(200);
    const text = await response.text();
    expect(text.split('\n')[0]).toContain('First Name');
    expect(text).toContain('lisa@chen.example');
    expect(text).toContain('rachel@kim.example');
    expect(text).toContain('Enterprise');
  });

  it('then bulk update changes the selected contacts, all or nothing', async () => {
    await page.goto('/crm/contacts');
    await page.getByLabel('Select Lisa Chen').check();
    await page.getByLabel('Select Rachel Kim').check();
    const bar = page.getByRole('region', { name: 'Bulk actions' });
    await bar.getByText('2 selected').waitFor();
    await bar.getByLabel('Set status').selectOption('inactive');
    await bar.getByLabel('Add tags').fill('Imported');
    await bar.getByRole('button', { name: 'Apply to 2' }).click();
    await bar.getByText('Updated 2 contacts.').waitFor();
    await screenshot(page, 'p2-12-bulk');
    const lisa = await apiCall<{ data: { status: string; tags: string[] }[] }>(
      page,
      'GET',
      '/contacts?q=lisa',
    );
    expect(lisa.data[0]).toMatchObject({ status: 'inactive' });
    expect(lisa.data[0]?.tags).toContain('Imported');
  });

  it('then a changed setting applies to new contacts', async () => {
    await page.goto('/crm/settings');
    const form = page.getByRole('form', { name: 'CRM settings' });
    const toggle = form.getByRole('switch', { name: 'Allow private contacts' });
    expect(await toggle.isChecked()).toBe(true);
    await toggle.uncheck();
    await form.getByRole('button', { name: 'Save settings' }).click();
    await page.getByText('Settings saved').waitFor();
    await page.getByRole('heading', { name: /^Plan/ }).waitFor();
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'p2-13-crm-settings');
    const created = await apiCall<Contact>(page, 'POST', '/contacts', {
      firstName: 'New',
      lastName: 'Rule',
      email: 'new.rule@example.test',
    });
    expect(created.visibility).not.toBe('individual');
    await page.reload();
    expect(await form.getByRole('switch', { name: 'Allow private contacts' }).isChecked()).toBe(
      false,
    );
  });

  it('then a long column loads more deals as it scrolls', async () => {
    const lead = stages.find((s) => s.name === 'Lead')!.id;
    for (let batch = 0; batch < 6; batch++) {
      await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          apiCall(page, 'POST', '/deals', {
            title: `Bulk deal ${batch * 10 + i}`,
            amount: 100,
            contactId: sarah.id,
            stageId: lead,
          }),
        ),
      );
    }
    await page.goto('/crm/deals');
    await expect.poll(() => count('Lead').textContent()).toBe('60');
    const cards = column('Lead').locator('.deal-card');
    await expect.poll(() => cards.count()).toBe(50);
    await column('Lead')
      .locator('.board-column-body')
      .evaluate((el) => el.scrollTo(0, el.scrollHeight));
    await expect.poll(() => cards.count()).toBe(60);
    expect(await value('Lead').textContent()).toBe('$6,000');
  });

  it('then the dashboard shows the deal statistics with charts, and no page logged an error', async () => {
    await page.goto('/dashboard');
    await page.getByTestId('stat-pipeline').waitFor();
    await page.getByRole('figure', { name: /Value per stage/ }).waitFor();
    await page.getByRole('table', { name: /Value per stage/ }).waitFor({ state: 'attached' });
    await screenshot(page, 'p2-15-dashboard-stats');
    expect(session.problems).toEqual([]);
  });
});
