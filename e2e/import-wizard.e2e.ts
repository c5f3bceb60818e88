import { mkdirSync, readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import ExcelJS from 'exceljs';
import type { Locator, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { apiCall, signUpOrg } from './support/browser.js';
import { browserSuite } from './support/suite.js';

type Contact = {
  id: string;
  firstName: string;
  lastName: string;
  email: string;
  phone: string | null;
  mobile: string | null;
  jobTitle: string | null;
  state: string | null;
  customFields: Record<string, unknown>;
};

const shots = '/tmp/wizard-shots';
mkdirSync(shots, { recursive: true });
const shot = (page: Page, name: string) =>
  page.screenshot({ path: `${shots}/${name}.png`, fullPage: false });

/** A Google Contacts export (its older "Given Name / Family Name" shape). */
const googleHeader =
  'Name,Given Name,Family Name,E-mail 1 - Type,E-mail 1 - Value,Phone 1 - Type,Phone 1 - Value,Organization 1 - Name,Organization 1 - Title,Group Membership,Notes';
const google = [
  googleHeader,
  'Ana Souza,Ana,Souza,* Work,ana.souza@example.com,Mobile,+55 11 91234-5678,Vértice Ltda,CTO,* myContacts ::: Partners,Prefers Portuguese',
  'Björn Ek,Björn,Ek,* Work,bjorn@example.se,Mobile,+46 70 123 45 67,"Ek & Söner, AB",Buyer,* myContacts,',
].join('\n');
const google2 = [
  googleHeader,
  'Chen Wei,Chen,Wei,* Work,chen.wei@example.cn,Mobile,+86 139 1234 5678,Wei Trading,Founder,* myContacts,',
].join('\n');
const google3 = [
  googleHeader,
  'Dana Lee,Dana,Lee,* Work,dana@lee.example,Mobile,+1 415 555 0100,Lee Labs,Designer,* myContacts,',
].join('\n');
/** A HubSpot export: `State/Region` is the state, `Favourite Color` goes to a new custom field. */
const hubspot = [
  'First Name,Last Name,Email,Phone Number,Company Name,Job Title,City,State/Region,Country/Region,Lifecycle Stage,Favourite Color',
  'Farah,Haddad,farah@haddad.example,555-0111,Haddad Imports,COO,Austin,Texas,United States,customer,teal',
  'George,Ito,george@ito.example,,Ito KK,CEO,Osaka,Osaka,Japan,lead,red',
].join('\n');
/** Two bad rows (no e-mail, a broken one), a new contact and an update of Ana. */
const badRows = [
  'First Name,Last Name,Email,Job Title',
  'Dora,Diaz,dora@diaz.example,Engineer',
  'No,Email,,Nobody',
  'Bad,Address,not-an-email,Nobody',
  'Ana,Souza,ana.souza@example.com,Chief Technology Officer',
].join('\n');

/** A workbook whose second sheet holds the contacts to import: the wizard asks which sheet. */
async function workbook(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const archive = wb.addWorksheet('Archive');
  archive.addRow(['Name', 'Email']);
  archive.addRow(['Old Timer', 'old@timer.example']);
  const people = wb.addWorksheet('Contacts');
  people.addRow(['First Name', 'Last Name', 'Email', 'State/Region']);
  people.addRow(['Emil', 'Berg', 'emil@berg.example', 'Skåne']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function axe(page: Page, step: string): Promise<string[]> {
  const result = await new AxeBuilder({ page })
    .include('dialog[open]')
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) => `${step}: ${v.id} ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
    );
}

/** How far the page, or the wizard's body, is wider than it shows (0 when it fits). */
const sideways = (page: Page) =>
  page.evaluate(() => {
    const body = document.querySelector('dialog[open] .dialog-body');
    const page = document.documentElement.scrollWidth - window.innerWidth;
    return Math.max(0, page, body ? body.scrollWidth - body.clientWidth : 0);
  });

describe('when an admin imports contacts through the wizard', () => {
  let page: Page;
  let wizard: Locator;
  const violations: string[] = [];
  const suite = browserSuite('import-wizard');
  const picker = (header: string) =>
    wizard.getByRole('combobox', { name: `Field for column ${header}`, exact: true });
  const contactsByQuery = async (q: string) =>
    (await apiCall<{ data: Contact[] }>(page, 'GET', `/contacts?q=${encodeURIComponent(q)}`)).data;

  async function open(name: string, text: string) {
    await page.goto('/crm/contacts');
    await page.getByRole('button', { name: 'Import' }).click();
    wizard = page.getByRole('dialog', { name: 'Import contacts' });
    await wizard.waitFor();
    await wizard.getByLabel('CSV or Excel file').setInputFiles({
      name,
      mimeType: 'text/csv',
      buffer: Buffer.from(text),
    });
    await wizard.getByText(`${name}:`).waitFor();
  }

  async function dryRunThenImport(expected: string[]): Promise<void> {
    await wizard.getByRole('button', { name: 'Next: dry run' }).click();
    const dry = wizard.getByTestId('dry-run-summary');
    await dry.waitFor();
    expect(await dry.locator('dd').allTextContents()).toEqual(expected);
    await wizard.getByRole('button', { name: /^Import \d+ contacts?$/ }).click();
    const bar = wizard.getByRole('progressbar', { name: 'Import progress' });
    await bar.waitFor();
    await expect.poll(() => bar.getAttribute('aria-valuenow'), { timeout: 30_000 }).toBe('100');
    await wizard.getByTestId('import-summary').waitFor();
  }

  beforeAll(async () => {
    ({ page } = suite);
    await page.setViewportSize({ width: 1440, height: 900 });
    await signUpOrg(page, { orgName: 'Wizard Co', name: 'Wanda Wizard', emailPrefix: 'wanda' });
  });

  it('then a Google Contacts file is mapped by hand, dry-run, imported with progress and its mapping saved', async () => {
    await page.goto('/crm/contacts');
    await page.getByRole('button', { name: 'Import' }).click();
    wizard = page.getByRole('dialog', { name: 'Import contacts' });
    await wizard.waitFor();
    violations.push(...(await axe(page, 'upload')));
    await shot(page, '01-upload-desktop');
    await wizard.getByLabel('CSV or Excel file').setInputFiles({
      name: 'google.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(google),
    });
    await wizard.getByText('google.csv:').waitFor();
    await wizard.getByRole('button', { name: 'Next: map columns' }).click();

    // The server's suggestions come preselected, the job title included.
    expect(await picker('Given Name').inputValue()).toBe('firstName');
    expect(await picker('Family Name').inputValue()).toBe('lastName');
    expect(await picker('E-mail 1 - Value').inputValue()).toBe('email');
    expect(await picker('Organization 1 - Title').inputValue()).toBe('jobTitle');
    await wizard.getByRole('cell', { name: /ana\.souza@example\.com/ }).waitFor();

    // What the server would refuse is said before any request.
    const next = wizard.getByRole('button', { name: 'Next: dry run' });
    await picker('E-mail 1 - Value').selectOption({ label: 'Skip this column' });
    await wizard
      .getByRole('alert')
      .getByText(/Map a column to: E-mail/)
      .waitFor();
    expect(await next.isDisabled()).toBe(true);
    await picker('E-mail 1 - Value').selectOption('email');
    await picker('Family Name').selectOption('firstName');
    await wizard.getByText(/Picked for more than one column: First name/).waitFor();
    expect(await next.isDisabled()).toBe(true);
    await picker('Family Name').selectOption('lastName');

    // By hand: the phone is a mobile, the display name and the type columns are skipped.
    await picker('Phone 1 - Value').selectOption('mobile');
    for (const header of ['Name', 'E-mail 1 - Type', 'Phone 1 - Type']) {
      await picker(header).selectOption({ label: 'Skip this column' });
    }
    expect(await wizard.getByRole('alert').count()).toBe(0);
    violations.push(...(await axe(page, 'mapping')));
    await shot(page, '02-mapping-desktop');

    await next.click();
    await wizard.getByTestId('dry-run-summary').waitFor();
    violations.push(...(await axe(page, 'dry run')));
    await shot(page, '03-dry-run-desktop');
    await wizard.getByRole('button', { name: 'Back' }).click();
    await dryRunThenImport(['2', '0', '0', '0']);
    violations.push(...(await axe(page, 'result')));
    await shot(page, '04-result-desktop');

    await wizard.getByLabel('Save this mapping as').fill('Google Contacts');
    await wizard.getByRole('button', { name: 'Save this mapping' }).click();
    await wizard.getByText('Mapping saved as “Google Contacts”.').waitFor();

    const [ana] = await contactsByQuery('ana.souza@example.com');
    expect(ana).toMatchObject({ firstName: 'Ana', lastName: 'Souza', jobTitle: 'CTO' });
    expect(ana?.mobile).toContain('91234');
    expect(ana?.phone ?? null).toBeNull();
  });

  it('then a HubSpot file is mapped by hand, with a new custom field, and the Google mapping is not offered for it', async () => {
    await open('hubspot.csv', hubspot);
    await wizard.getByRole('button', { name: 'Next: map columns' }).click();
    expect(await picker('State/Region').inputValue()).toBe('state');
    expect(await wizard.getByRole('button', { name: /^Use saved mapping/ }).count()).toBe(0);

    await picker('Lifecycle Stage').selectOption({ label: 'Skip this column' });
    await picker('Favourite Color').selectOption({ label: 'New custom field…' });
    const form = page.getByRole('dialog', { name: 'New custom field' });
    await form.getByLabel('Label').fill('Favourite colour');
    violations.push(...(await axe(page, 'new custom field')));
    await form.getByRole('button', { name: 'Create and use' }).click();
    await form.waitFor({ state: 'hidden' });
    expect(await picker('Favourite Color').inputValue()).toBe('custom:favourite_colour');

    await dryRunThenImport(['2', '0', '0', '0']);
    const [farah] = await contactsByQuery('farah@haddad.example');
    expect(farah).toMatchObject({ state: 'Texas', jobTitle: 'COO' });
    expect(farah?.customFields).toMatchObject({ favourite_colour: 'teal' });
  });

  it('then a second Google file reuses the saved mapping', async () => {
    await open('google-2.csv', google2);
    await wizard.getByRole('button', { name: 'Next: map columns' }).click();
    await wizard.getByRole('button', { name: 'Use saved mapping: Google Contacts' }).click();
    await wizard.getByText('Using the saved mapping “Google Contacts”.').waitFor();
    expect(await picker('Phone 1 - Value').inputValue()).toBe('mobile');
    expect(await picker('Name').inputValue()).toBe('');
    await dryRunThenImport(['1', '0', '0', '0']);
    const [chen] = await contactsByQuery('chen.wei@example.cn');
    expect(chen?.mobile).toContain('139');
  });

  it('then the failed rows download with an Import Error column, and an undo removes and restores', async () => {
    await open('bad-rows.csv', badRows);
    await wizard.getByRole('button', { name: 'Next: map columns' }).click();
    await wizard.getByRole('button', { name: 'Next: dry run' }).click();
    const dry = wizard.getByTestId('dry-run-summary');
    await dry.waitFor();
    await dry.getByText(/^Row 2:/).waitFor();
    await wizard.getByText('Update', { exact: true }).click();
    await expect.poll(() => dry.locator('dd').allTextContents()).toEqual(['1', '1', '0', '2']);
    await wizard.getByRole('button', { name: 'Import 2 contacts' }).click();
    const summary = wizard.getByTestId('import-summary');
    await summary.waitFor();
    expect(await summary.locator('dd').allTextContents()).toEqual(['1', '1', '0', '2']);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      wizard.getByRole('link', { name: 'Download failed rows' }).click(),
    ]);
    const lines = readFileSync((await download.path())!, 'utf8')
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/);
    expect(lines[0]).toBe('First Name,Last Name,Email,Job Title,Import Error');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toMatch(/^No,Email,,Nobody,.+/);
    expect(lines[2]).toMatch(/^Bad,Address,not-an-email,Nobody,.+/);
    expect((await contactsByQuery('ana.souza@example.com'))[0]?.jobTitle).toBe(
      'Chief Technology Officer',
    );

    await wizard.getByRole('button', { name: 'Undo this import' }).click();
    const confirm = page.getByRole('dialog', { name: 'Undo this import?' });
    await confirm.getByText(/deletes the 1 contact the import created/).waitFor();
    await confirm
      .getByText(/puts back the values it changed on the 1 contact it updated/)
      .waitFor();
    violations.push(...(await axe(page, 'undo confirmation')));
    await shot(page, '05-undo-confirm-desktop');
    await confirm.getByRole('button', { name: 'Undo the import' }).click();
    await confirm.waitFor({ state: 'hidden' });
    await wizard
      .getByTestId('undo-result')
      .getByText(/1 contact removed, 1 contact restored/)
      .waitFor();
    await shot(page, '06-undo-done-desktop');
    expect(await contactsByQuery('dora@diaz.example')).toHaveLength(0);
    expect((await contactsByQuery('ana.souza@example.com'))[0]?.jobTitle).toBe('CTO');
  });

  it('then at phone size each step fits without sideways scroll', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await open('google-phone.csv', google3);
    expect(await sideways(page)).toBe(0);
    await shot(page, '07-upload-phone');
    await wizard.getByRole('button', { name: 'Next: map columns' }).click();
    await picker('Given Name').waitFor();
    expect(await sideways(page)).toBe(0);
    violations.push(...(await axe(page, 'mapping (phone)')));
    await shot(page, '08-mapping-phone');
    await picker('Organization 1 - Title').scrollIntoViewIfNeeded();
    await shot(page, '09-mapping-phone-scrolled');
    await wizard.getByRole('button', { name: 'Use saved mapping: Google Contacts' }).click();
    await wizard.getByRole('button', { name: 'Next: dry run' }).click();
    await wizard.getByTestId('dry-run-summary').waitFor();
    expect(await sideways(page)).toBe(0);
    await shot(page, '10-dry-run-phone');
    await wizard.getByRole('button', { name: /^Import \d+ contacts?$/ }).click();
    await wizard.getByTestId('import-summary').waitFor();
    expect(await sideways(page)).toBe(0);
    violations.push(...(await axe(page, 'result (phone)')));
    await shot(page, '11-result-phone');
    await page.setViewportSize({ width: 1440, height: 900 });
  });

  it('then an Excel workbook imports from the sheet chosen', async () => {
    await page.goto('/crm/contacts');
    await page.getByRole('button', { name: 'Import' }).click();
    wizard = page.getByRole('dialog', { name: 'Import contacts' });
    await wizard.getByLabel('CSV or Excel file').setInputFiles({
      name: 'people.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: await workbook(),
    });
    const sheet = wizard.getByLabel('Sheet');
    await sheet.waitFor();
    expect(await sheet.locator('option').allTextContents()).toEqual(['Archive', 'Contacts']);
    await sheet.selectOption('Contacts');
    await wizard.getByText('people.xlsx: 4 columns, 1 row').waitFor();
    await wizard.getByRole('button', { name: 'Next: map columns' }).click();
    expect(await picker('State/Region').inputValue()).toBe('state');
    await dryRunThenImport(['1', '0', '0', '0']);
    const [emil] = await contactsByQuery('emil@berg.example');
    expect(emil).toMatchObject({ firstName: 'Emil', state: 'Skåne' });
    expect(await contactsByQuery('old@timer.example')).toHaveLength(0);
  });

  it('then axe finds no serious violation on any step', () => {
    expect(violations).toEqual([]);
  });
});
