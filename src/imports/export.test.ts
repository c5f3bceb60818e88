import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contacts } from '../db/schema.js';
import { createTestApp, signupOrg, type Org, type TestApp } from '../../test/harness.js';
import { allContacts, importCsv, type ContactLike } from '../../test/imports.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('export', () => {
  let org: Org;
  beforeAll(async () => {
    org = await signupOrg(t.app, { plan: 'growth' });
  });

  it('when a cell starts with = + - @ or a tab, then the export prefixes a quote and the import takes it off again', async () => {
    const evil = (
      await org.owner.post('/contacts', {
        firstName: '=HYPERLINK("http://x","y")',
        lastName: '@SUM(A1)',
        email: 'evil@example.com',
        phone: '+1 555 0100',
        company: "'quoted already",
        notes: '-2+3',
      })
    ).json();
    const res = await org.owner.get('/contacts/export?q=evil');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.body).toContain(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(res.body).toContain("'@SUM(A1)");
    expect(res.body).toContain("'+1 555 0100");
    expect(res.body).toContain("'-2+3");
    const other = await signupOrg(t.app, { plan: 'growth' });
    expect((await importCsv(other.owner, res.body)).body).toMatchObject({ created: 1 });
    const [back] = await allContacts(other.owner);
    for (const key of ['firstName', 'lastName', 'phone', 'company', 'notes'])
      expect(back![key], key).toEqual(evil[key]);
  });

  it('when a stored cell starts with a tab or a carriage return, then the export prefixes a quote too', async () => {
    // The API trims both off what it takes, but rows written before (or by
    // other tools) may start with one.
    const own = await signupOrg(t.app, { plan: 'growth' });
    const { id } = (
      await own.owner.post('/contacts', { firstName: 'Tab', lastName: 'Start', email: 't@x.io' })
    ).json();
    await t.database.unsafeOwner
      .update(contacts)
      .set({ jobTitle: '\tTabbed', city: '\rReturned', company: 'Plain' })
      .where(and(eq(contacts.orgId, own.orgId), eq(contacts.id, id)));
    const res = await own.owner.get('/contacts/export');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain("'\tTabbed");
    expect(res.body).toContain("'\rReturned");
    expect(res.body).toContain(',Plain,');
    expect(res.body).not.toContain("'Plain");
  });

  it('when contacts are exported and imported into a fresh org, then the same contacts come back', async () => {
    const seed = [
      { firstName: 'Zoë', lastName: 'Quinn', email: 'zoe@example.com', tags: ['a', 'b c'] },
      {
        firstName: 'Yusuf',
        lastName: "O'Brien",
        email: 'yusuf@example.com',
        company: 'Comma, Inc',
        notes: 'line one\nline "two"',
        type: 'vendor',
        status: 'inactive',
        website: 'https://example.com',
        street: '1 Main St',
        city: 'Springfield',
        state: 'IL',
        postalCode: '62701',
        country: 'US',
        linkedin: 'https://linkedin.com/in/yusuf',
        source: 'Event',
        mobile: '555 1',
        jobTitle: 'CEO',
        visibility: 'organization',
      },
    ];
    for (const c of seed) expect((await org.owner.post('/contacts', c)).statusCode).toBe(201);
    const exported = await org.owner.get('/contacts/export');
    const fresh = await signupOrg(t.app, { plan: 'growth' });
    const r = await importCsv(fresh.owner, exported.body);
    const source = await allContacts(org.owner);
    expect(r.body).toMatchObject({ created: source.length, errors: [] });
    const strip = (c: ContactLike) => {
      const { id: _i, ownerId: _o, createdBy: _c, createdAt: _a, updatedAt: _u, ...rest } = c;
      return rest;
    };
    const sort = (l: ContactLike[]) => l.sort((a, b) => a.email.localeCompare(b.email));
    expect(sort(await allContacts(fresh.owner)).map(strip)).toEqual(sort(source).map(strip));
    // And exporting the copy gives the same file.
    expect((await fresh.owner.get('/contacts/export')).body).toBe(exported.body);
  });

  it('when filters are given, then only matching contacts are exported', async () => {
    const res = await org.owner.get('/contacts/export?status=inactive');
    expect(res.body).toMatch(/^First Name,Last Name,Email,/);
    expect(res.body).toContain('yusuf@example.com');
    expect(res.body).not.toContain('zoe@example.com');
    expect((await org.owner.get('/contacts/export?status=nope')).statusCode).toBe(422);
  });

  it('when a partner exports, then only the contacts it can read are in the file; reps and employees may not export', async () => {
    const partner = await org.addUser('partner');
    const otherPartner = await org.addUser('partner');
    await partner.client.post('/contacts', {
      firstName: 'Mine',
      lastName: 'P',
      email: 'mine@partner.example',
    });
    await otherPartner.client.post('/contacts', {
      firstName: 'Theirs',
      lastName: 'P',
      email: 'theirs@partner.example',
      visibility: 'partner',
    });
    await org.owner.post('/contacts', {
      firstName: 'Private',
      lastName: 'Owner',
      email: 'private@owner.example',
    });
    const body = (await partner.client.get('/contacts/export')).body;
    expect(body).toContain('mine@partner.example');
    expect(body).toContain('yusuf@example.com'); // organization level
    expect(body).not.toContain('theirs@partner.example');
    expect(body).not.toContain('private@owner.example');
    expect(body).not.toContain('zoe@example.com'); // the owner's individual contact
    const rep = await org.addUser('sales_rep', partner.partnerId!);
    expect((await rep.client.get('/contacts/export')).statusCode).toBe(403);
    const employee = await org.addUser('employee');
    expect((await employee.client.get('/contacts/export')).statusCode).toBe(403);
    expect((await employee.client.post('/contacts/import', 'a,b\n')).statusCode).toBe(403);
  });
});
