import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestApp,
  signupOrg,
  type Client,
  type Org,
  type TestApp,
} from '../../test/harness.js';
import { total } from '../../test/imports.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ IMPORT_RATE_PER_MINUTE: '1000' });
});
afterAll(() => t.close());

async function inspect(c: Client, csv: string | Buffer, query = '') {
  const r = await c.request('POST', `/contacts/import/inspect${query}`, csv, {
    'content-type': 'text/csv',
  });
  return { statusCode: r.statusCode, body: r.json() };
}

type Column = { index: number; header: string; samples: string[]; suggestion: string | null };

describe('inspecting an upload', () => {
  let org: Org;
  beforeAll(async () => {
    org = await signupOrg(t.app, { plan: 'growth' });
    const field = { key: 'signed_on', label: 'Signed on', type: 'date' };
    expect((await org.owner.post('/custom-fields', field)).statusCode).toBe(201);
    const tier = { key: 'tier', label: 'Tier', type: 'select', options: ['gold', 'silver'] };
    expect((await org.owner.post('/custom-fields', tier)).statusCode).toBe(201);
  });

  it('when a file is inspected, then each column comes with its first non-empty values and a suggestion from its header, and nothing is written', async () => {
    const long = 'n'.repeat(300);
    const rows = [
      'Given Name,Family Name,Organization Title,E-mail 1 - Value,E-mail 2 - Value,Tier,Labels,Notes',
      `Ann,Ng,CEO,ann@ng.example,ann@home.example,gold,a,${long}`,
      ',,,,,,,',
      'Bo,Li,,bo@li.example,,silver,b,',
      ...Array.from({ length: 6 }, (_, i) => `P${i},Q,,p${i}@x.example,,,,`),
    ];
    const before = await total(org.owner);
    const imports = (await org.owner.get('/imports')).json().data.length;
    const r = await inspect(org.owner, rows.join('\r\n') + '\r\n');
    expect(r.statusCode, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ rows: 8, rowsEstimated: false });
    const columns = r.body.columns as Column[];
    expect(columns.map((c) => c.suggestion)).toEqual([
      'firstName',
      'lastName',
      'jobTitle',
      'email',
      null,
      'custom:tier',
      'tags',
      'notes',
    ]);
    expect(columns[0]).toEqual({
      index: 0,
      header: 'Given Name',
      samples: ['Ann', 'Bo', 'P0', 'P1', 'P2'],
      suggestion: 'firstName',
    });
    expect(columns[2]!.samples).toEqual(['CEO']);
    expect(columns[7]!.samples).toEqual(['n'.repeat(200)]);
    expect(await total(org.owner)).toBe(before);
    expect((await org.owner.get('/imports')).json().data.length).toBe(imports);
  });

  it('when headers are unknown, then the values decide: e-mails, phones (then mobiles), dates for a custom date field; a repeated header is suggested once', async () => {
    const csv =
      'Vorname,Nachname,Kontakt,Tel,Handy,Seit,Kunde,Vorname\n' +
      'Jonas,Weber,jonas@weber.example,+49 30 1234567,0170 1234567,2024-05-01,12345678,X\n' +
      'Mara,Kern,mara@kern.example,(030) 765-4321,0171/7654321,2023-11-30,87654321,Y\n';
    // A CSV file has no sheets: the sheet asked for is passed on and does not matter.
    const r = await inspect(org.owner, csv, '?sheet=Sheet1');
    expect(r.statusCode).toBe(200);
    expect((await inspect(org.owner, csv, '?sheet=')).statusCode).toBe(422);
    expect((r.body.columns as Column[]).map((c) => c.suggestion)).toEqual([
      null,
      null,
      'email',
      'phone',
      'mobile',
      'custom:signed_on',
      null,
      null,
    ]);
  });

  it('when the file is far longer than its head, then only the head is read and the row count is an estimate', async () => {
    // Rows of one width, as most exports' are, so the head's bytes per row hold for the file.
    const row = (i: number) => {
      const n = String(i).padStart(6, '0');
      return `First${n},Last${n},person${n}@big.example,Company ${n}\n`;
    };
    const parts = ['First Name,Last Name,Email,Company\n'];
    for (let i = 0; i < 200_000; i++) parts.push(row(i));
    const body = Buffer.from(parts.join(''));
    const r = await inspect(org.owner, body);
    expect(r.statusCode).toBe(200);
    expect(r.body.rowsEstimated).toBe(true);
    expect(r.body.rows).toBeGreaterThan(195_000);
    expect(r.body.rows).toBeLessThan(205_000);
    expect((r.body.columns as Column[]).map((c) => c.suggestion)).toEqual([
      'firstName',
      'lastName',
      'email',
      'company',
    ]);
    // Only the head sent, with the whole size (what the wizard does): the same answer.
    const head = body.subarray(0, 2 * 1024 * 1024 + 17);
    const h = await inspect(org.owner, head, `?size=${body.length}`);
    expect(h.statusCode, JSON.stringify(h.body)).toBe(200);
    expect(h.body.rowsEstimated).toBe(true);
    expect(h.body.rows).toBeGreaterThan(195_000);
    expect(h.body.rows).toBeLessThan(205_000);
    // A head shorter than what inspect reads, cut mid-row: no error, an estimate.
    const short = await inspect(org.owner, body.subarray(0, 5000 + 7), `?size=${body.length}`);
    expect(short.statusCode, JSON.stringify(short.body)).toBe(200);
    expect(short.body).toMatchObject({ rowsEstimated: true });
    expect(short.body.rows).toBeGreaterThan(150_000);
  });

  it('when the file is empty, has only a header or is not CSV, then 4xx and nothing is written', async () => {
    const before = await total(org.owner);
    const empty = await inspect(org.owner, '');
    expect(empty.statusCode).toBe(422);
    expect(empty.body.detail).toMatch(/empty/);
    const headerOnly = await inspect(org.owner, 'First Name,Last Name,Email\n');
    expect(headerOnly.statusCode).toBe(422);
    expect(headerOnly.body.detail).toMatch(/no data rows/);
    const json = await org.owner.post('/contacts/import/inspect', { firstName: 'A' });
    expect(json.statusCode).toBe(415);
    const wide = await inspect(org.owner, `${Array.from({ length: 1001 }, (_, i) => `c${i}`)}\n`);
    expect(wide.statusCode).toBe(422);
    expect(await total(org.owner)).toBe(before);
  });

  it('when the caller may not import, then 403 as for the import', async () => {
    const employee = await org.addUser('employee');
    expect(
      (await inspect(employee.client, 'First Name,Last Name,Email\nA,B,a@b.example\n')).statusCode,
    ).toBe(403);
    const starter = await signupOrg(t.app, { plan: 'starter' });
    const r = await inspect(starter.owner, 'First Name,Last Name,Email\nA,B,a@b.example\n');
    expect(r.statusCode).toBe(403);
    expect(r.body.type).toMatch(/plan-feature/);
  });
});
