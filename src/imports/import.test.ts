import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signupOrg, type Org, type TestApp } from '../../test/harness.js';
import {
  allContacts,
  byEmail,
  importCsv,
  timelineTypes,
  total,
  type ContactLike,
} from '../../test/imports.js';

// The fixtures are sent as bytes, exactly as a browser uploads the file.
const fixtureBytes = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url));

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('importing the CSV files other CRMs export', () => {
  let org: Org;
  beforeAll(async () => {
    org = await signupOrg(t.app, { plan: 'growth' });
  });

  it('when a Google Contacts file (BOM, CRLF, quoted newline, ::: labels) is imported, then every contact arrives whole', async () => {
    const r = await importCsv(org.owner, fixtureBytes('google-contacts.csv'));
    expect(r.statusCode, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ created: 3, updated: 0, skipped: 0, errors: [] });
    const contacts = byEmail(await allContacts(org.owner));
    expect(contacts.get('ana.souza@example.com')).toMatchObject({
      firstName: 'Ana',
      lastName: 'Souza',
      phone: '+55 11 91234-5678',
      company: 'Vértice Ltda',
      jobTitle: 'CTO',
      tags: ['Partners', 'VIP'],
      notes: 'Prefers Portuguese',
      type: 'lead',
      status: 'active',
      visibility: 'individual',
      ownerId: org.ownerId,
    });
    expect(contacts.get('bjorn@example.se')).toMatchObject({
      firstName: 'Björn',
      company: 'Ek & Söner, AB',
      tags: [],
    });
    expect(contacts.get('chloe.martin@example.fr')?.notes).toBe('Met in Lyon\r\nLikes wine');
  });

  it('when an Outlook file (LF, commas and newlines in quotes, Title beside Job Title) is imported, then the job title and address are right', async () => {
    const r = await importCsv(org.owner, fixtureBytes('outlook.csv'));
    expect(r.body).toMatchObject({ created: 2, errors: [] });
    const contacts = byEmail(await allContacts(org.owner));
    expect(contacts.get('david@okafor.example')).toMatchObject({
      company: 'Okafor, Sons & Co',
      jobTitle: 'Buyer',
      street: '12 Harbour Rd\nUnit 4',
      city: 'Lagos',
      postalCode: '100001',
      country: 'Nigeria',
      phone: '+234 1 555 0100',
      mobile: '+234 80 5550 101',
      tags: ['Supplier', 'Priority'],
    });
    expect(contacts.get('emma.stone@stone.example')).toMatchObject({
      email: 'EMMA.STONE@stone.example',
      jobTitle: 'VP, Sales',
      state: 'TX',
      notes: 'She said "call me Friday"',
    });
  });

  it('when a HubSpot file gives type and status as labels and tags with ; or , then they are understood', async () => {
    const r = await importCsv(org.owner, fixtureBytes('hubspot.csv'));
    expect(r.body).toMatchObject({ created: 2, errors: [] });
    const contacts = byEmail(await allContacts(org.owner));
    expect(contacts.get('farah@haddad.example')).toMatchObject({
      company: 'Haddad Imports',
      phone: '555-0111',
      type: 'customer',
      status: 'do_not_contact',
      tags: ['enterprise', 'referral'],
    });
    expect(contacts.get('george@ito.example')).toMatchObject({
      type: 'prospect',
      status: 'inactive',
      tags: ['apac', 'webinar'],
    });
  });

  it('when a Salesforce file is imported, then Title, Account Name, mailing address and lead source map', async () => {
    const r = await importCsv(org.owner, fixtureBytes('salesforce.csv'));
    expect(r.body).toMatchObject({ created: 1, errors: [] });
    const hana = byEmail(await allContacts(org.owner)).get('hana.novak@novak.example');
    expect(hana).toMatchObject({
      jobTitle: 'Head of IT',
      company: 'Novak s.r.o.',
      street: 'Vinohradská 1',
      city: 'Praha',
      postalCode: '120 00',
      country: 'Czechia',
      source: 'Web',
    });
    expect(await timelineTypes(org.owner, hana!.id)).toEqual(['import']);
  });

  it('when a file has empty lines, ragged rows, bad rows and an e-mail twice, then good rows are written and bad ones reported by row', async () => {
    const r = await importCsv(org.owner, fixtureBytes('messy.csv'));
    expect(r.statusCode).toBe(200);
    expect(r.body).toMatchObject({ created: 2, updated: 0, skipped: 1, errorCount: 3 });
    const errors = r.body.errors as { row: number; message: string }[];
    expect(errors.map((e) => e.row)).toEqual([3, 4, 6]);
    expect(errors[0]!.message).toMatch(/last name/);
    expect(errors[1]!.message).toMatch(/not-an-email/);
    expect(errors[2]!.message).toMatch(/friend/);
    const contacts = byEmail(await allContacts(org.owner));
    expect(contacts.get('ivan@example.com')).toMatchObject({ lastName: 'Petrov', type: 'lead' });
    expect(contacts.has('mia@example.com')).toBe(true);
    expect(contacts.has('jane@example.com')).toBe(false);
  });

  it('when the header lacks an e-mail column, the file is empty or the body is JSON, then 4xx and nothing is written', async () => {
    const before = await total(org.owner);
    const noEmail = await importCsv(org.owner, 'First Name,Last Name\nA,B\n');
    expect(noEmail.statusCode).toBe(422);
    expect(noEmail.body.detail).toMatch(/Email/);
    expect((await importCsv(org.owner, '')).statusCode).toBe(422);
    const json = await org.owner.post('/contacts/import', { firstName: 'A' });
    expect(json.statusCode).toBe(415);
    expect(await total(org.owner)).toBe(before);
  });
});

describe('dry run and duplicates', () => {
  let org: Org;
  let existing: ContactLike;
  beforeAll(async () => {
    org = await signupOrg(t.app, { plan: 'scale' });
    existing = (
      await org.owner.post('/contacts', {
        firstName: 'Old',
        lastName: 'Name',
        email: 'dup@example.com',
        company: 'Old Co',
      })
    ).json();
  });
  const file =
    'First Name,Last Name,Email,Company,Phone\n' +
    'New,Name,DUP@example.com,New Co,\n' +
    'Fresh,Person,fresh@example.com,,\n' +
    'Second,Copy,fresh@example.com,,\n';

  it('when dryRun=true, then the counts are reported and nothing is written', async () => {
    const imports = (await org.owner.get('/imports')).json().data.length;
    const r = await importCsv(org.owner, file, '?dryRun=true');
    expect(r.body).toMatchObject({ created: 1, updated: 0, skipped: 2, errors: [] });
    expect(await total(org.owner)).toBe(1);
    expect((await org.owner.get('/imports')).json().data.length).toBe(imports);
  });

  it('when onDuplicate=skip (the default), then an existing e-mail is left alone and the first of a file twin wins', async () => {
    const r = await importCsv(org.owner, file);
    expect(r.body).toMatchObject({ created: 1, updated: 0, skipped: 2 });
    const contacts = byEmail(await allContacts(org.owner));
    expect(contacts.get('dup@example.com')).toMatchObject({ company: 'Old Co', version: 1 });
    expect(contacts.get('fresh@example.com')).toMatchObject({ firstName: 'Fresh' });
  });

  it('when onDuplicate=update, then the existing contact takes the non-empty cells, version + 1, with an import activity', async () => {
    const r = await importCsv(org.owner, file, '?onDuplicate=update');
    // fresh@ was created by the previous import: it is updated by its first row, the twin is skipped.
    expect(r.body).toMatchObject({ created: 0, updated: 1, skipped: 2 });
    const dup = (await org.owner.get(`/contacts/${existing.id}`)).json();
    expect(dup).toMatchObject({
      firstName: 'New',
      lastName: 'Name',
      company: 'New Co',
      email: 'dup@example.com',
      version: 2,
    });
    const tl = (await org.owner.get(`/contacts/${existing.id}/activities`)).json().data;
    expect(tl[0]).toMatchObject({ type: 'import' });
    expect(tl[0].changes).toEqual(
      expect.arrayContaining([
        { field: 'firstName', from: 'Old', to: 'New' },
        { field: 'company', from: 'Old Co', to: 'New Co' },
      ]),
    );
  });

  it('when a partner updates by import a contact it can read but not edit, then that row is an error and the rest is written', async () => {
    const partner = await org.addUser('partner');
    const shared = (
      await org.owner.post('/contacts', {
        firstName: 'Shared',
        lastName: 'Contact',
        email: 'shared@example.com',
        company: 'Org Co',
        visibility: 'organization',
      })
    ).json();
    const before = (await org.owner.get(`/contacts/${shared.id}`)).json();
    const csv =
      'First Name,Last Name,Email,Company\n' +
      'Taken,Over,Shared@Example.com,Partner Co\n' +
      'Own,Lead,own-lead@partner.example,\n' +
      'Again,Lead,OWN-LEAD@partner.example,\n';
    const r = await importCsv(partner.client, csv, '?onDuplicate=update');
    expect(r.body).toMatchObject({
      created: 1,
      updated: 0,
      skipped: 1,
      errorCount: 1,
      errors: [
        {
          row: 1,
          message: expect.stringMatching(/"Shared@Example\.com" exists and you may not edit it/),
        },
      ],
    });
    expect((await org.owner.get(`/contacts/${shared.id}`)).json()).toEqual(before);
    const mine = (await allContacts(partner.client, '&q=own-lead')).map((c) => c.firstName);
    expect(mine).toEqual(['Own']);
  });

  it('when onDuplicate=create, then every row becomes a new contact, twins included', async () => {
    const before = await total(org.owner);
    const r = await importCsv(org.owner, file, '?onDuplicate=create');
    expect(r.body).toMatchObject({ created: 3, updated: 0, skipped: 0 });
    expect(await total(org.owner)).toBe(before + 3);
  });

  it('when onDuplicate is not a mode, then 422', async () => {
    expect((await importCsv(org.owner, file, '?onDuplicate=merge')).statusCode).toBe(422);
  });
});

describe('plans and caps', () => {
  it('when a starter org imports or exports, then 403 plan-feature', async () => {
    const org = await signupOrg(t.app, { plan: 'starter' });
    const imp = await importCsv(org.owner, fixtureBytes('hubspot.csv'));
    expect(imp.statusCode).toBe(403);
    expect(imp.body.type).toMatch(/plan-feature/);
    const exp = await org.owner.get('/contacts/export');
    expect(exp.statusCode).toBe(403);
    expect(exp.json().type).toMatch(/plan-feature/);
    expect(await total(org.owner)).toBe(0);
  });

  it('when a file would pass the maxContacts cap, then the whole import is refused with 403 plan-limit', async () => {
    const org = await signupOrg(t.app, { plan: 'growth' });
    const set = await org.owner.patch('/crm/settings', { maxContacts: 3 });
    expect(set.statusCode).toBe(200);
    const csv =
      'First Name,Last Name,Email\n' + [1, 2, 3, 4].map((i) => `A,B,a${i}@x.example`).join('\n');
    const r = await importCsv(org.owner, csv);
    expect(r.statusCode).toBe(403);
    expect(r.body.type).toMatch(/plan-limit/);
    expect(await total(org.owner)).toBe(0);
    const ok = await importCsv(org.owner, csv.split('\n').slice(0, 4).join('\n'));
    expect(ok.body).toMatchObject({ created: 3 });
  });

  it('when settings require partner-level records, then a partner import starts at partner unless a column asks more', async () => {
    const org = await signupOrg(t.app, { plan: 'growth' });
    await org.owner.patch('/crm/settings', { requireCommitToPartner: true });
    const partner = await org.addUser('partner');
    const csv =
      'First Name,Last Name,Email,Visibility\nA,B,low@x.example,individual\nC,D,high@x.example,Organization\n';
    expect((await importCsv(partner.client, csv)).body).toMatchObject({ created: 2 });
    const contacts = byEmail(await allContacts(partner.client));
    expect(contacts.get('low@x.example')).toMatchObject({
      visibility: 'partner',
      partnerId: partner.partnerId,
    });
    expect(contacts.get('high@x.example')).toMatchObject({ visibility: 'organization' });
  });
});
