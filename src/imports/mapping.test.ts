import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestApp,
  signupOrg,
  type Client,
  type Org,
  type TestApp,
} from '../../test/harness.js';
import { allContacts, byEmail, importCsv, total } from '../../test/imports.js';
import { waitForImportJobs } from './jobs.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ IMPORT_RATE_PER_MINUTE: '1000' });
});
afterAll(() => t.close());

const withMapping = (mapping: unknown, extra = '') =>
  `?mapping=${encodeURIComponent(typeof mapping === 'string' ? mapping : JSON.stringify(mapping))}${extra}`;

const problemPaths = (body: { errors?: { path: string }[] }) =>
  (body.errors ?? []).map((e) => e.path);

describe('header names of real exports, without a mapping', () => {
  let org: Org;
  beforeAll(async () => {
    org = await signupOrg(t.app, { plan: 'growth' });
  });

  it('when a Google Contacts export (new format) is imported, then the job title, company, address and first e-mail survive and a second e-mail does not replace the first', async () => {
    const csv =
      'First Name,Middle Name,Last Name,Organization Name,Organization Title,Labels,' +
      'E-mail 1 - Label,E-mail 1 - Value,E-mail 2 - Label,E-mail 2 - Value,' +
      'Phone 1 - Label,Phone 1 - Value,Address 1 - Formatted,Address 1 - City,Address 1 - Region\n' +
      'Lena,,Berg,Berg AB,Head of Sales,* myContacts ::: Nordics,* Work,lena@berg.example,Home,lena@home.example,' +
      'Mobile,+46 70 123 45 67,"Storgatan 1\nStockholm",Stockholm,Stockholm län\n';
    const r = await importCsv(org.owner, csv);
    expect(r.body).toMatchObject({ created: 1, errors: [] });
    const lena = byEmail(await allContacts(org.owner)).get('lena@berg.example');
    expect(lena).toMatchObject({
      firstName: 'Lena',
      lastName: 'Berg',
      company: 'Berg AB',
      jobTitle: 'Head of Sales',
      phone: '+46 70 123 45 67',
      street: 'Storgatan 1\nStockholm',
      city: 'Stockholm',
      state: 'Stockholm län',
      tags: ['Nordics'],
    });
  });

  it('when a HubSpot export is imported, then State/Region, Mobile Phone Number, Street Address and Postal Code survive', async () => {
    const csv =
      'Record ID,First Name,Last Name,Email,Phone Number,Mobile Phone Number,Company Name,Job Title,' +
      'Street Address,City,State/Region,Postal Code,Country/Region,Lifecycle Stage\n' +
      '101,Omar,Haddad,omar@haddad.example,555-0101,555-0199,Haddad Imports,Buyer,' +
      '1 Main St,Austin,TX,73301,United States,Opportunity\n';
    const r = await importCsv(org.owner, csv);
    expect(r.body).toMatchObject({ created: 1, errors: [] });
    expect(byEmail(await allContacts(org.owner)).get('omar@haddad.example')).toMatchObject({
      phone: '555-0101',
      mobile: '555-0199',
      company: 'Haddad Imports',
      jobTitle: 'Buyer',
      street: '1 Main St',
      city: 'Austin',
      state: 'TX',
      postalCode: '73301',
      country: 'United States',
    });
  });

  it('when a Pipedrive export is imported, then the person name is split and the organization kept', async () => {
    const csv =
      'Person - Name,Person - Email,Person - Phone,Organization - Name\n' +
      'Ana Maria Lopes,ana@lopes.example,+351 21 000 0000,Lopes Lda\n';
    expect((await importCsv(org.owner, csv)).body).toMatchObject({ created: 1, errors: [] });
    expect(byEmail(await allContacts(org.owner)).get('ana@lopes.example')).toMatchObject({
      firstName: 'Ana Maria',
      lastName: 'Lopes',
      phone: '+351 21 000 0000',
      company: 'Lopes Lda',
    });
  });

  it('when a header is unknown, then its values decide: e-mails fill the e-mail', async () => {
    const csv = 'First Name,Last Name,Contact\nKim,Lee,kim@lee.example\n';
    expect((await importCsv(org.owner, csv)).body).toMatchObject({ created: 1, errors: [] });
    expect(byEmail(await allContacts(org.owner)).has('kim@lee.example')).toBe(true);
  });
});

describe('importing with a mapping', () => {
  let org: Org;
  let owner: Client;
  beforeAll(async () => {
    org = await signupOrg(t.app, { plan: 'growth' });
    owner = org.owner;
    for (const field of [
      { key: 'seats', label: 'Seats', type: 'number' },
      { key: 'renewal', label: 'Renewal date', type: 'date' },
    ]) {
      expect((await owner.post('/custom-fields', field)).statusCode).toBe(201);
    }
  });

  const file =
    'Vorname,Nachname,Mail,Firma,Notiz,Gruppe,Labels,Plätze\n' +
    'Jonas,Weber,jonas@weber.example,Weber GmbH,secret note,kunden,vip; berlin,12\n' +
    'Mara,Kern,mara@kern.example,Kern KG,,partner,,abc\n';
  const mapping = {
    Vorname: 'firstName',
    Nachname: 'lastName',
    Mail: 'email',
    Firma: 'company',
    Notiz: null,
    Gruppe: 'tags',
    Labels: 'tags',
    Plätze: 'custom:seats',
  };

  it('when a dry run gets a mapping, then it counts by the mapping and writes nothing', async () => {
    const before = await total(owner);
    const r = await importCsv(owner, file, withMapping(mapping, '&dryRun=true'));
    expect(r.statusCode, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ created: 1, errorCount: 1 });
    expect(await total(owner)).toBe(before);
  });

  it('when columns are mapped, then a skipped column stays out, two tags columns merge and a custom field is checked by its type', async () => {
    const r = await importCsv(owner, file, withMapping(mapping));
    expect(r.statusCode, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ created: 1, errorCount: 1 });
    expect(r.body.errors).toEqual([
      { row: 2, message: expect.stringMatching(/seats must be a number/) },
    ]);
    const contacts = byEmail(await allContacts(owner));
    expect(contacts.get('jonas@weber.example')).toMatchObject({
      firstName: 'Jonas',
      company: 'Weber GmbH',
      notes: null,
      tags: ['kunden', 'vip', 'berlin'],
      customFields: { seats: 12 },
    });
    expect(contacts.has('mara@kern.example')).toBe(false);
  });

  it('when an update maps a custom field, then it merges into the custom fields and the timeline lists it', async () => {
    const jonas = byEmail(await allContacts(owner)).get('jonas@weber.example')!;
    const csv = 'Mail,Vorname,Nachname,Erneuerung\njonas@weber.example,Jonas,Weber,2027-03-01\n';
    const r = await importCsv(
      owner,
      csv,
      withMapping(
        { Mail: 'email', Vorname: 'firstName', Nachname: 'lastName', Erneuerung: 'custom:renewal' },
        '&onDuplicate=update',
      ),
    );
    expect(r.body).toMatchObject({ updated: 1, errors: [] });
    const after = (await owner.get(`/contacts/${jonas.id}`)).json();
    expect(after.customFields).toEqual({ seats: 12, renewal: '2027-03-01' });
    const activities = (await owner.get(`/contacts/${jonas.id}/activities`)).json().data;
    expect(activities[0].changes).toEqual([
      { field: 'custom:renewal', from: null, to: '2027-03-01' },
    ]);
  });

  it('when a mapping is wrong, then 422 names the column and nothing is written', async () => {
    const base = { 'First Name': 'firstName', 'Last Name': 'lastName', Email: 'email' };
    const csv = 'First Name,Last Name,Email,Work Email\nA,B,a@b.example,w@b.example\n';
    const cases: [unknown, string][] = [
      [{ ...base, Phone: 'phone' }, 'mapping.Phone'],
      [{ ...base, 'Work Email': 'email' }, 'mapping.Work Email'],
      [{ 'First Name': 'firstName', 'Work Email': 'email' }, 'mapping'],
      [{ 'First Name': 'firstName', 'Last Name': 'lastName', 'Work Email': null }, 'mapping'],
      [{ ...base, 'Work Email': 'custom:nope' }, 'mapping.Work Email'],
    ];
    const before = await total(owner);
    const imports = (await owner.get('/imports')).json().data.length;
    for (const [m, path] of cases) {
      const r = await importCsv(owner, csv, withMapping(m));
      expect(r.statusCode, JSON.stringify(m)).toBe(422);
      expect(problemPaths(r.body), JSON.stringify(r.body)).toContain(path);
    }
    // The file has two columns named Email: a mapping cannot tell them apart.
    const twice = await importCsv(
      owner,
      'First Name,Last Name,Email,Email\nA,B,a@b.example,x@b.example\n',
      withMapping(base),
    );
    expect(twice.statusCode).toBe(422);
    expect(problemPaths(twice.body)).toEqual(['mapping.Email']);
    expect(twice.body.detail).toMatch(/2 columns named "Email"/);
    // Bad JSON or a bad shape is refused while the query is checked.
    for (const bad of ['{"First Name":', '["firstName"]', JSON.stringify({ A: 'nickname' })]) {
      const r = await importCsv(owner, csv, withMapping(bad));
      expect(r.statusCode, bad).toBe(422);
      expect(problemPaths(r.body)[0], bad).toMatch(/^querystring\.mapping/);
    }
    expect(await total(owner)).toBe(before);
    expect((await owner.get('/imports')).json().data.length).toBe(imports);
  });

  it('when an async import gets a mapping, then the job keeps it and applies it; a bad one is refused before any job', async () => {
    const csv = 'Vorname,Nachname,Mail,Plätze\nEva,Roth,eva@roth.example,3\n';
    const m = { Vorname: 'firstName', Nachname: 'lastName', Mail: 'email', Plätze: 'custom:seats' };
    const res = await owner.request(
      'POST',
      `/contacts/import${withMapping(m, '&async=true')}`,
      csv,
      {
        'content-type': 'text/csv',
      },
    );
    expect(res.statusCode, res.body).toBe(202);
    await waitForImportJobs();
    const job = (await owner.get(`/imports/${res.json().id}`)).json();
    expect(job).toMatchObject({ status: 'done', created: 1, mapping: m });
    expect(byEmail(await allContacts(owner)).get('eva@roth.example')).toMatchObject({
      customFields: { seats: 3 },
    });

    const imports = (await owner.get('/imports')).json().data.length;
    const bad = await owner.request(
      'POST',
      `/contacts/import${withMapping({ ...m, Extra: 'phone' }, '&async=true')}`,
      csv,
      { 'content-type': 'text/csv' },
    );
    expect(bad.statusCode).toBe(422);
    expect(problemPaths(bad.json())).toEqual(['mapping.Extra']);
    expect((await owner.get('/imports')).json().data.length).toBe(imports);
  });
});
