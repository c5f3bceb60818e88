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
import { allContacts, byEmail, importCsv, total } from '../../test/imports.js';

// Files that are not what the import reads, and text in the encodings it does read.

async function importFile(c: Client, bytes: Buffer, contentType: string) {
  const r = await c.request('POST', '/contacts/import', bytes, { 'content-type': contentType });
  return { statusCode: r.statusCode, body: r.json() };
}

/** A small workbook, to cut short. */
async function peopleWorkbook(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const people = wb.addWorksheet('People');
  people.addRow(['First Name', 'Last Name', 'Email']);
  for (let i = 0; i < 50; i++) people.addRow([`A${i}`, `B${i}`, `a${i}@example.com`]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());
describe('text encodings', () => {
  const header = 'First Name,Last Name,Email,Notes\r\n';
  const row = 'José,Müller,jose@example.com,“5 €” – it’s fine\r\n';

  it.each([
    ['UTF-8 with BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(header + row)])],
    [
      'UTF-16 LE with BOM',
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(header + row, 'utf16le')]),
    ],
    [
      'UTF-16 BE with BOM',
      Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(header + row, 'utf16le').swap16()]),
    ],
    [
      'Windows-1252 (Excel on Windows, "CSV")',
      Buffer.from([
        ...Buffer.from(header),
        ...Buffer.from('Jos'),
        0xe9,
        ...Buffer.from(',M'),
        0xfc,
        ...Buffer.from('ller,jose@example.com,'),
        0x93,
        ...Buffer.from('5 '),
        0x80,
        0x94,
        ...Buffer.from(' '),
        0x96,
        ...Buffer.from(' it'),
        0x92,
        ...Buffer.from('s fine\r\n'),
      ]),
    ],
  ])('when a %s file is imported, then é, ü, € and ’ arrive as written', async (_name, bytes) => {
    const org = await signupOrg(t.app, { plan: 'growth' });
    const r = await importCsv(org.owner, bytes);
    expect(r.statusCode, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ created: 1 });
    const [contact] = await allContacts(org.owner);
    expect(contact).toMatchObject({
      firstName: 'José',
      lastName: 'Müller',
      email: 'jose@example.com',
      notes: '“5 €” – it’s fine',
    });
  });

  it('when Windows-1252 bytes come only deep in the file, then they are still read as Windows-1252', async () => {
    const ascii = Array.from({ length: 300 }, (_, i) => `A,B,a${i}@example.com,plain text\r\n`);
    const bytes = Buffer.concat([
      Buffer.from(header + ascii.join('')),
      Buffer.from('Zo'),
      Buffer.from([0xeb]),
      Buffer.from(',B,zoe@example.com,x\r\n'),
    ]);
    const org = await signupOrg(t.app, { plan: 'growth' });
    expect((await importCsv(org.owner, bytes)).body).toMatchObject({ created: 301 });
    expect(byEmail(await allContacts(org.owner)).get('zoe@example.com')?.firstName).toBe('Zoë');
  });

  it('when a file mixes UTF-8 and Windows-1252, then 422 naming it, and nothing is written', async () => {
    const org = await signupOrg(t.app, { plan: 'growth' });
    const utf8 = Buffer.from(header + 'José,B,j@example.com,x\r\n' + 'x,'.repeat(3000) + '\r\n');
    const bytes = Buffer.concat([utf8, Buffer.from([0xe9]), Buffer.from(',B,k@example.com,x\r\n')]);
    const r = await importCsv(org.owner, bytes);
    expect(r.statusCode).toBe(422);
    expect(r.body.detail).toMatch(/mixes text encodings.*save it again as CSV UTF-8/);
    expect(await total(org.owner)).toBe(0);
  });
});

/** A zip holding the given files. */
async function zipOf(files: Record<string, string>): Promise<Buffer> {
  const zip = new JSZip();
  for (const [name, text] of Object.entries(files)) zip.file(name, text);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

describe('bad files: each a clear 4xx, nothing written, and the server serves the next import', () => {
  let org: Org;
  beforeAll(async () => {
    org = await signupOrg(t.app, { plan: 'growth' });
  });

  const cases: [string, () => Promise<Buffer>, number, RegExp][] = [
    [
      'an empty file',
      async () => Buffer.alloc(0),
      422,
      /The file is empty: a header row is needed/,
    ],
    [
      'a header-only file',
      async () => Buffer.from('First Name,Last Name,Email\r\n'),
      422,
      /The file has a header row but no data rows/,
    ],
    [
      'a PDF',
      async () => Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n', 'latin1'),
      415,
      /The file is a PDF document, not CSV or XLSX/,
    ],
    [
      'a PNG image',
      async () => Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]),
      415,
      /The file is a PNG image, not CSV or XLSX/,
    ],
    [
      'a zip that is not a workbook',
      () => zipOf({ 'readme.txt': 'hello', 'data/people.csv': 'First Name,Last Name,Email\n' }),
      415,
      /a zip archive but not an Excel workbook, not CSV or XLSX/,
    ],
    [
      'a Word document (.docx)',
      () =>
        zipOf({
          '[Content_Types].xml': '<Types/>',
          'word/document.xml': '<w:document/>',
        }),
      415,
      /not an Excel workbook/,
    ],
    [
      'a damaged workbook',
      async () => (await peopleWorkbook()).subarray(0, 2000),
      422,
      /The workbook cannot be read: it is damaged/,
    ],
    [
      'a random binary',
      async () => Buffer.from(Array.from({ length: 5000 }, (_, i) => (i * 7919) % 256)),
      415,
      /The file is a binary file, not CSV or XLSX/,
    ],
    [
      'a legacy Excel .xls',
      async () =>
        Buffer.concat([
          Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
          Buffer.alloc(504),
        ]),
      415,
      /old Excel workbook \(\.xls\).*save it as \.xlsx.*or CSV/,
    ],
    [
      'a row of 100,000 columns',
      async () =>
        Buffer.from(`First Name,Last Name,Email,${'x,'.repeat(100_000)}\r\nA,B,a@b.example\r\n`),
      422,
      /a row is longer than 65536 bytes/,
    ],
    [
      'a header of 1,001 columns',
      async () =>
        Buffer.from(`First Name,Last Name,Email${',c'.repeat(998)}\r\nA,B,a@b.example\r\n`),
      422,
      /header has 1001 columns; at most 1000 are allowed/,
    ],
  ];

  it.each(cases)(
    'when %s is uploaded, then a clear problem',
    async (_name, make, status, detail) => {
      const bytes = await make();
      const r = await importFile(org.owner, bytes, 'application/octet-stream');
      expect(r.statusCode, JSON.stringify(r.body)).toBe(status);
      expect(r.body.detail).toMatch(detail);
      expect(await total(org.owner)).toBe(0);
      const next = await importCsv(
        org.owner,
        'First Name,Last Name,Email\r\nOk,Then,ok@example.com\r\n',
        '?dryRun=true',
      );
      expect(next).toMatchObject({ statusCode: 200, body: { created: 1 } });
    },
  );

  it('when the headers repeat, then the first of each is read and the file imports', async () => {
    const r = await importCsv(
      org.owner,
      'First Name,Last Name,Email,Email,Notes,Notes\r\nAl,Bo,al@example.com,other@example.com,first,second\r\n',
    );
    expect(r.statusCode, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ created: 1 });
    const [contact] = await allContacts(org.owner);
    expect(contact).toMatchObject({ email: 'al@example.com', notes: 'first' });
  });
});
