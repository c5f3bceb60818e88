import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestApp,
  signupOrg,
  type Client,
  type Org,
  type TestApp,
} from '../../test/harness.js';
import { queryRows } from '../db/client.js';

type Saved = {
  id: string;
  name: string;
  mapping: Record<string, string | null>;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  version: number;
};

let t: TestApp;
let org: Org;
let other: Org;

beforeAll(async () => {
  t = await createTestApp();
  org = await signupOrg(t.app, { plan: 'growth' });
  other = await signupOrg(t.app, { plan: 'growth', orgName: 'Other' });
});
afterAll(() => t.close());

const google = {
  'Given Name': 'firstName',
  'Family Name': 'lastName',
  'E-mail 1 - Value': 'email',
  'Organization Title': 'jobTitle',
  Notes: null,
};

async function save(who: Client, name: string, mapping: Record<string, unknown> = google) {
  const res = await who.post('/import-mappings', { name, mapping });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as Saved;
}

async function storedCount(orgId: string): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    t.database.unsafeOwner,
    sql`select count(*)::int as n from import_mappings where org_id = ${orgId}`,
  );
  return row!.n;
}

const names = async (who: Client) =>
  ((await who.get('/import-mappings')).json() as { data: Saved[] }).data.map((m) => m.name);

describe('saved import mappings', () => {
  it('when an admin saves, lists, reads, renames, replaces and deletes a mapping, then each step answers the mapping as stored', async () => {
    const created = await save(org.owner, 'Google Contacts');
    expect(created).toMatchObject({
      name: 'Google Contacts',
      mapping: google,
      createdBy: org.ownerId,
      version: 1,
    });
    // The columns come back in the order they were saved, as the wizard shows them.
    expect(Object.keys(created.mapping)).toEqual(Object.keys(google));
    await save(org.owner, 'apollo', { Email: 'email' });
    expect(await names(org.owner)).toEqual(['apollo', 'Google Contacts']);

    const got = await org.owner.get(`/import-mappings/${created.id}`);
    expect(got.statusCode).toBe(200);
    expect(got.headers.etag).toBe('"1"');
    expect(got.json()).toEqual(created);

    const renamed = await org.owner.patch(
      `/import-mappings/${created.id}`,
      { name: '  Google export  ' },
      { 'if-match': '"1"' },
    );
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(renamed.json()).toMatchObject({ name: 'Google export', mapping: google, version: 2 });
    expect(renamed.headers.etag).toBe('"2"');

    const replacement = { Email: 'email', Title: 'jobTitle', Tier: 'custom:tier' };
    const replaced = await org.owner.patch(`/import-mappings/${created.id}`, {
      mapping: replacement,
    });
    expect(replaced.statusCode, replaced.body).toBe(200);
    // Replaced whole: the old columns are gone, not merged.
    expect(replaced.json()).toMatchObject({
      name: 'Google export',
      mapping: replacement,
      version: 3,
    });

    const deleted = await org.owner.del(`/import-mappings/${created.id}`);
    expect(deleted.statusCode).toBe(204);
    expect((await org.owner.get(`/import-mappings/${created.id}`)).statusCode).toBe(404);
    expect(await names(org.owner)).toEqual(['apollo']);
  });

  it('when a name is taken in any case, then saving or renaming to it is a 409 naming it and nothing changes', async () => {
    const first = await save(org.owner, 'HubSpot');
    const dup = await org.owner.post('/import-mappings', { name: 'hubspot', mapping: google });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().detail).toContain('"hubspot"');
    const second = await save(org.owner, 'Salesforce');
    const rename = await org.owner.patch(`/import-mappings/${second.id}`, { name: 'HUBSPOT' });
    expect(rename.statusCode).toBe(409);
    expect(rename.json().detail).toContain('"HUBSPOT"');
    expect((await org.owner.get(`/import-mappings/${second.id}`)).json().name).toBe('Salesforce');
    // Changing the case of its own name is no clash.
    const recased = await org.owner.patch(`/import-mappings/${first.id}`, { name: 'Hubspot' });
    expect(recased.statusCode).toBe(200);
    expect(recased.json().name).toBe('Hubspot');
    // Another organization has its own names.
    await save(other.owner, 'HubSpot');
  });

  it('when the body is bad (unknown field, not an object, no name, extra key), then 422 and nothing is written', async () => {
    const before = await storedCount(org.orgId);
    for (const body of [
      { name: 'Bad', mapping: { Email: 'emial' } },
      { name: 'Bad', mapping: { Email: 'custom:Not A Key' } },
      { name: 'Bad', mapping: 'Email=email' },
      { name: 'Bad', mapping: ['email'] },
      { name: 'Bad', mapping: null },
      { name: 'Bad', mapping: { Email: 1 } },
      { name: 'Bad', mapping: { 'E\u0000mail': 'email' } },
      { name: 'B\u0000ad', mapping: google },
      { name: 'x'.repeat(101), mapping: google },
      { name: '   ', mapping: google },
      { mapping: google },
      { name: 'Bad' },
      { name: 'Bad', mapping: google, orgId: org.orgId },
    ]) {
      const res = await org.owner.post('/import-mappings', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(422);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
    expect(await storedCount(org.orgId)).toBe(before);
    const kept = await save(org.owner, 'Kept');
    const bad = await org.owner.patch(`/import-mappings/${kept.id}`, { mapping: { A: 'nope' } });
    expect(bad.statusCode).toBe(422);
    expect((await org.owner.get(`/import-mappings/${kept.id}`)).json()).toEqual(kept);
  });

  it('when If-Match names an old version, then PATCH and DELETE answer 412 and change nothing', async () => {
    const m = await save(org.owner, 'Versioned');
    await org.owner.patch(`/import-mappings/${m.id}`, { name: 'Versioned 2' });
    const stale = await org.owner.patch(
      `/import-mappings/${m.id}`,
      { name: 'Versioned 3' },
      { 'if-match': '"1"' },
    );
    expect(stale.statusCode).toBe(412);
    expect(stale.json().currentVersion).toBe(2);
    expect(
      (await org.owner.del(`/import-mappings/${m.id}`, { 'if-match': '"1"' })).statusCode,
    ).toBe(412);
    const now = (await org.owner.get(`/import-mappings/${m.id}`)).json() as Saved;
    expect(now).toMatchObject({ name: 'Versioned 2', version: 2 });
  });

  it('when the organization holds 100 mappings, then the 101st is a 422 that says so', async () => {
    const full = await signupOrg(t.app, { plan: 'growth' });
    for (let i = 0; i < 100; i++) await save(full.owner, `Mapping ${i}`, { Email: 'email' });
    const res = await full.owner.post('/import-mappings', {
      name: 'One too many',
      mapping: { Email: 'email' },
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().detail).toContain('At most 100');
    expect(await storedCount(full.orgId)).toBe(100);
    expect((await names(full.owner)).length).toBe(100);
  }, 60_000);

  it('when a user may not import (employee, sales rep, Starter plan), then every route is a 403', async () => {
    const m = await save(org.owner, 'Staff only');
    const rep = await org.addUser('sales_rep');
    const employee = await org.addUser('employee');
    const starter = await signupOrg(t.app, { plan: 'starter' });
    for (const who of [rep.client, employee.client, starter.owner]) {
      expect((await who.get('/import-mappings')).statusCode).toBe(403);
      expect((await who.post('/import-mappings', { name: 'X', mapping: google })).statusCode).toBe(
        403,
      );
      expect((await who.get(`/import-mappings/${m.id}`)).statusCode).toBe(403);
      expect((await who.patch(`/import-mappings/${m.id}`, { name: 'Y' })).statusCode).toBe(403);
      expect((await who.del(`/import-mappings/${m.id}`)).statusCode).toBe(403);
    }
    expect((await starter.owner.get('/import-mappings')).json().type).toContain('plan-feature');
    expect((await org.owner.get(`/import-mappings/${m.id}`)).json().name).toBe('Staff only');
  });

  it("when partners save mappings, then each sees the staff's and its own, another partner's is a 404, and only admins change the staff's", async () => {
    const acme = await org.addUser('partner');
    const acmeColleague = await org.addUser('partner', acme.partnerId!);
    const globex = await org.addUser('partner');
    const staff = await save(org.owner, 'Staff shared');
    const acmeOwn = await save(acme.client, 'Acme CSV');
    const globexOwn = await save(globex.client, 'Globex CSV');

    const acmeSees = await names(acme.client);
    expect(acmeSees).toContain('Staff shared');
    expect(acmeSees).toContain('Acme CSV');
    expect(acmeSees).not.toContain('Globex CSV');
    expect(await names(acmeColleague.client)).toContain('Acme CSV');
    expect(await names(org.owner)).toEqual(expect.arrayContaining(['Acme CSV', 'Globex CSV']));

    for (const res of [
      await acme.client.get(`/import-mappings/${globexOwn.id}`),
      await acme.client.patch(`/import-mappings/${globexOwn.id}`, { name: 'Stolen' }),
      await acme.client.del(`/import-mappings/${globexOwn.id}`),
    ]) {
      expect(res.statusCode).toBe(404);
      expect(res.body).not.toContain('Globex');
    }
    // The staff's mapping: a partner uses it but may not change it.
    expect((await acme.client.get(`/import-mappings/${staff.id}`)).statusCode).toBe(200);
    expect(
      (await acme.client.patch(`/import-mappings/${staff.id}`, { name: 'Mine' })).statusCode,
    ).toBe(403);
    expect((await acme.client.del(`/import-mappings/${staff.id}`)).statusCode).toBe(403);
    // Its own partner's mapping: any user of that partner changes it; an org admin too.
    const renamed = await acmeColleague.client.patch(`/import-mappings/${acmeOwn.id}`, {
      name: 'Acme export',
    });
    expect(renamed.statusCode).toBe(200);
    expect(renamed.json().createdBy).toBe(acme.id);
    expect((await org.owner.del(`/import-mappings/${globexOwn.id}`)).statusCode).toBe(204);
    expect((await org.owner.get(`/import-mappings/${staff.id}`)).json().name).toBe('Staff shared');
  });

  it("when two partners and the staff each save the same name, then none is refused: another side's names are not revealed", async () => {
    const acme = await org.addUser('partner');
    const globex = await org.addUser('partner');
    await save(org.owner, 'Same name');
    await save(acme.client, 'Same name');
    await save(globex.client, 'same NAME');
    const again = await acme.client.post('/import-mappings', {
      name: 'SAME name',
      mapping: google,
    });
    expect(again.statusCode).toBe(409);
    expect((await names(globex.client)).filter((n) => n.toLowerCase() === 'same name')).toEqual([
      'Same name',
      'same NAME',
    ]);
  });

  it("when another organization uses a mapping's id, then every route is a 404 and the mapping is unchanged", async () => {
    const m = await save(org.owner, 'Private to org');
    for (const res of [
      await other.owner.get(`/import-mappings/${m.id}`),
      await other.owner.patch(`/import-mappings/${m.id}`, { name: 'Taken over' }),
      await other.owner.del(`/import-mappings/${m.id}`),
    ]) {
      expect(res.statusCode).toBe(404);
    }
    expect(await names(other.owner)).not.toContain('Private to org');
    expect((await org.owner.get(`/import-mappings/${m.id}`)).json()).toEqual(m);
    expect((await org.owner.get('/import-mappings/not-a-uuid')).statusCode).toBe(404);
  });
});
