import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestApp,
  signupOrg,
  type Client,
  type Org,
  type TestApp,
} from '../../test/harness.js';
import { allContacts, byEmail, total } from '../../test/imports.js';
import { readRecords } from './source.js';
import { xlsxRecords } from './xlsx.js';

const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

async function importFile(c: Client, bytes: Buffer, contentType = xlsxType, query = '') {
  const r = await c.request('POST', `/contacts/import${query}`, bytes, {
    'content-type': contentType,
  });
  return { statusCode: r.statusCode, body: r.json() };
}

/** A workbook as Excel would save it: People (the contacts) and a second sheet, Leads. */
async function peopleWorkbook(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const people = wb.addWorksheet('People');
  people.addRow(['First Name', 'Last Name', 'Email', 'Notes', 'Job Title', 'Company', 'Zip']);
  people.addRow([
    'Ana',
    'Souza',
    'ana@example.com',
    new Date(Date.UTC(1990, 4, 17)),
    0.1 + 0.2,
    { formula: 'CONCAT("Vértice"," Ltda")', result: 'Vértice Ltda' },
    1310,
  ]);
  people.getCell('D2').numFmt = 'dd/mm/yyyy';
  people.getCell('E2').numFmt = '0.00';
  people.getCell('G2').numFmt = '00000';
  // An empty middle cell (Notes) keeps the next cells in their columns.
  people.addRow([
    'Bo',
    'Berg',
    'bo@example.com',
    null,
    { richText: [{ text: 'Head of ' }, { font: { bold: true }, text: 'Sales' }] },
    { formula: 'ROUND(2/3,2)', result: 0.67 },
    '02134',
  ]);
  people.addRow([
    'Cy',
    'Lee',
    { text: 'cy@example.com', hyperlink: 'mailto:cy@example.com' },
    new Date(Date.UTC(2024, 0, 2, 13, 5)),
    1234567.891,
  ]);
  people.getCell('D4').numFmt = 'yyyy-mm-dd hh:mm';
  people.getCell('E4').numFmt = '#,##0.00';
  const leads = wb.addWorksheet('Leads');
  leads.addRow(['Name', 'E-mail']);
  leads.addRow(['Dee Park', 'dee@example.com']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('spreadsheets (.xlsx)', () => {
  let org: Org;
  let book: Buffer;
  beforeAll(async () => {
    org = await signupOrg(t.app, { plan: 'growth' });
    book = await peopleWorkbook();
  });

  it('when a workbook is imported, then its first sheet arrives as the spreadsheet shows it', async () => {
    const r = await importFile(org.owner, book);
    expect(r.statusCode, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ created: 3, errors: [] });
    const contacts = byEmail(await allContacts(org.owner));
    expect(contacts.get('ana@example.com')).toMatchObject({
      notes: '17/05/1990',
      jobTitle: '0.30',
      company: 'Vértice Ltda',
      postalCode: '01310',
    });
    expect(contacts.get('bo@example.com')).toMatchObject({
      jobTitle: 'Head of Sales',
      company: '0.67',
      postalCode: '02134',
    });
    expect(contacts.get('bo@example.com')?.notes ?? null).toBeNull();
    expect(contacts.get('cy@example.com')).toMatchObject({
      notes: '2024-01-02 13:05',
      jobTitle: '1,234,567.89',
    });
    expect(contacts.has('dee@example.com')).toBe(false);
  });

  it('when ?sheet= names the second sheet, then that sheet is imported; a missing one is a 422 listing the sheets', async () => {
    const other = await signupOrg(t.app, { plan: 'growth' });
    const r = await importFile(other.owner, book, 'application/octet-stream', '?sheet=Leads');
    expect(r.statusCode, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ created: 1 });
    const contacts = byEmail(await allContacts(other.owner));
    expect(contacts.get('dee@example.com')).toMatchObject({ firstName: 'Dee', lastName: 'Park' });
    const missing = await importFile(other.owner, book, xlsxType, '?sheet=Customers');
    expect(missing.statusCode).toBe(422);
    expect(missing.body.detail).toBe(
      'The workbook has no sheet named "Customers"; its sheets: "People", "Leads"',
    );
    expect(await total(other.owner)).toBe(1);
  });

  it('when ?async=true&sheet= runs as a job, then the job reads that sheet; a PDF is refused before a job starts', async () => {
    const other = await signupOrg(t.app, { plan: 'growth' });
    const finished = async (id: string) => {
      for (;;) {
        const job = (await other.owner.get(`/imports/${id}`)).json();
        if (job.status === 'done' || job.status === 'failed') return job;
        await new Promise((r) => setTimeout(r, 20));
      }
    };
    const r = await importFile(other.owner, book, xlsxType, '?async=true&sheet=Leads');
    expect(r.statusCode, JSON.stringify(r.body)).toBe(202);
    expect(await finished(r.body.id)).toMatchObject({ status: 'done', created: 1 });
    expect(byEmail(await allContacts(other.owner)).has('dee@example.com')).toBe(true);
    // A mapping is checked against the chosen sheet's header, not the first sheet's.
    const mapping = encodeURIComponent(JSON.stringify({ Name: 'fullName', 'E-mail': 'email' }));
    const mapped = await importFile(
      other.owner,
      book,
      xlsxType,
      `?async=true&sheet=Leads&onDuplicate=update&mapping=${mapping}`,
    );
    expect(mapped.statusCode, JSON.stringify(mapped.body)).toBe(202);
    expect(await finished(mapped.body.id)).toMatchObject({ status: 'done' });
    const pdf = await importFile(
      other.owner,
      Buffer.from('%PDF-1.7\n'),
      'application/octet-stream',
      '?async=true',
    );
    expect(pdf.statusCode).toBe(415);
    expect(pdf.body.detail).toMatch(/The file is a PDF document, not CSV or XLSX/);
  });

  it("when a workbook is saved in Excel's order (sheets before the shared strings and styles), then it reads the same", async () => {
    const zip = await JSZip.loadAsync(book);
    const first = [
      '[Content_Types].xml',
      '_rels/.rels',
      'xl/workbook.xml',
      'xl/_rels/workbook.xml.rels',
    ];
    const names = Object.keys(zip.files).filter((n) => !zip.files[n]!.dir);
    const sheets = names.filter((n) => n.startsWith('xl/worksheets/'));
    const rest = names.filter((n) => !first.includes(n) && !sheets.includes(n));
    const excel = new JSZip();
    for (const n of [...first, ...sheets, ...rest])
      excel.file(n, await zip.file(n)!.async('nodebuffer'));
    const bytes = await excel.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
    const rows: string[][] = [];
    for await (const cells of readRecords(() => Readable.from([bytes]))) rows.push(cells);
    expect(rows[1]).toEqual([
      'Ana',
      'Souza',
      'ana@example.com',
      '17/05/1990',
      '0.30',
      'Vértice Ltda',
      '01310',
    ]);
    expect(rows[2]?.[3]).toBe('');
  });

  it('when a workbook is inspected, then its columns show samples as displayed and its sheets are listed', async () => {
    const inspect = async (query: string) => {
      const r = await org.owner.request('POST', `/contacts/import/inspect${query}`, book, {
        'content-type': xlsxType,
      });
      return { statusCode: r.statusCode, body: r.json() };
    };
    const r = await inspect('');
    expect(r.statusCode, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ rows: 3, rowsEstimated: false, sheets: ['People', 'Leads'] });
    expect(r.body.columns[3]).toMatchObject({
      header: 'Notes',
      samples: ['17/05/1990', '2024-01-02 13:05'],
    });
    expect(r.body.columns[6]).toMatchObject({ header: 'Zip', samples: ['01310', '02134'] });
    const leads = await inspect('?sheet=Leads');
    expect(leads.body).toMatchObject({
      rows: 1,
      columns: [{ header: 'Name' }, { header: 'E-mail' }],
    });
    expect((await inspect('?sheet=Nope')).statusCode).toBe(422);
  });

  it('when a file is read, then a workbook names its sheets in order, and a CSV names none', async () => {
    const sheetsOf = async (bytes: Buffer) => {
      let names: string[] | null = null;
      const onSheets = (n: string[]) => (names = n);
      for await (const cells of readRecords(() => Readable.from([bytes]), { onSheets })) void cells;
      return names;
    };
    expect(await sheetsOf(book)).toEqual(['People', 'Leads']);
    expect(await sheetsOf(Buffer.from('First Name,Last Name,Email\nA,B,a@b.example\n'))).toBeNull();
  });

  it('when a workbook inflates to more shared text than the cap (a zip bomb), then 422 before it is held in memory', async () => {
    const read = async () => {
      for await (const cells of xlsxRecords(Readable.from([book]), undefined, 100)) void cells;
    };
    await expect(read()).rejects.toMatchObject({
      code: 'validation',
      message: expect.stringMatching(/more than 0 MB of text; save it as CSV/),
    });
  });

  it('when exceljs loses part of a workbook before its first row (about one read in 300), then the read is retried and never fails', async () => {
    // The same bytes read 600 times: without the retry about two of them answer "damaged".
    const read = async () => {
      const rows: string[][] = [];
      for await (const cells of readRecords(() => Readable.from([book]), { sheet: 'Leads' })) {
        rows.push(cells);
      }
      return rows;
    };
    for (let i = 0; i < 600; i++)
      expect((await read())[1]).toEqual(['Dee Park', 'dee@example.com']);
  });

  it('when a workbook passes the byte limit, then 413 (the same limit as CSV)', async () => {
    const read = async () => {
      for await (const cells of readRecords(() => Readable.from([book]), { byteLimit: 1000 }))
        void cells;
    };
    await expect(read()).rejects.toMatchObject({ code: 'payload_too_large' });
  });
});
