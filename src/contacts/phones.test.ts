import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestApp,
  signupOrg,
  type Client,
  type Org,
  type TestApp,
} from '../../test/harness.js';
import { importCsv } from '../../test/imports.js';
import { queryRows } from '../db/client.js';
import { backfillPhoneKeys } from './backfill.js';

let t: TestApp;
let org: Org;
beforeAll(async () => {
  t = await createTestApp();
  org = await signupOrg(t.app, { plan: 'growth' });
});
afterAll(() => t.close());

let seq = 0;
const person = (fields: Record<string, unknown> = {}) => ({
  firstName: 'Phone',
  lastName: `Person${++seq}`,
  email: `phone${seq}@keys.test`,
  ...fields,
});

/** The stored keys of a contact, read from the table (the API does not answer them). */
async function keysOf(id: string) {
  const [row] = await queryRows<{ phone_e164: string | null; mobile_e164: string | null }>(
    t.database.unsafeOwner,
    sql`select phone_e164, mobile_e164 from contacts where id = ${id}`,
  );
  return row!;
}

async function setCountry(country: string | null) {
  const res = await org.owner.patch('/crm/settings', { defaultPhoneCountry: country });
  expect(res.statusCode, res.body).toBe(200);
}

/** The newest import's id (the list is newest first). */
const latestImport = async () =>
  ((await org.owner.get('/imports')).json() as { data: { id: string }[] }).data[0]!.id;

const found = async (c: Client, query: string) => {
  const res = await c.get(`/contacts?${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return (res.json() as { data: { id: string }[] }).data.map((d) => d.id);
};

describe('phone keys on every write', () => {
  it('when a contact is created with a number and a country, then the key is stored and the display form is kept as typed', async () => {
    const res = await org.owner.post(
      '/contacts',
      person({ phone: ' (020) 7946-0777 ', mobile: '+44 7911 123456', country: 'United Kingdom' }),
    );
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ phone: '(020) 7946-0777', mobile: '+44 7911 123456' });
    expect(await keysOf(res.json().id)).toEqual({
      phone_e164: '+442079460777',
      mobile_e164: '+447911123456',
    });
  });

  it('when a number is not valid, then it is saved as typed with no key', async () => {
    const res = await org.owner.post(
      '/contacts',
      person({ phone: 'ask reception', country: 'GB' }),
    );
    expect(res.statusCode).toBe(201);
    expect(res.json().phone).toBe('ask reception');
    expect(await keysOf(res.json().id)).toEqual({ phone_e164: null, mobile_e164: null });
  });

  it('when the organization sets a default phone country, then national numbers of contacts without a country get keys', async () => {
    const before = await org.owner.post('/contacts', person({ phone: '020 7946 0111' }));
    expect((await keysOf(before.json().id)).phone_e164).toBeNull();
    await setCountry('GB');
    try {
      const after = await org.owner.post('/contacts', person({ phone: '020 7946 0111' }));
      expect((await keysOf(after.json().id)).phone_e164).toBe('+442079460111');
      // The contact's own country still comes first.
      const german = await org.owner.post(
        '/contacts',
        person({ phone: '030 1234567', country: 'DE' }),
      );
      expect((await keysOf(german.json().id)).phone_e164).toBe('+49301234567');
      expect((await org.owner.get('/crm/settings')).json().defaultPhoneCountry).toBe('GB');
    } finally {
      await setCountry(null);
    }
  });

  it('when the setting is not a country code, then 422 and it is unchanged', async () => {
    for (const value of ['gb', 'GBR', 'XX', 'United Kingdom', 1]) {
      const res = await org.owner.patch('/crm/settings', { defaultPhoneCountry: value });
      expect(res.statusCode, String(value)).toBe(422);
    }
    expect((await org.owner.get('/crm/settings')).json().defaultPhoneCountry).toBeNull();
    const rep = await org.addUser('employee');
    expect(
      (await rep.client.patch('/crm/settings', { defaultPhoneCountry: 'GB' })).statusCode,
    ).toBe(403);
  });

  it('when a PATCH changes the phone or the country, then the key follows, and the timeline lists only the fields', async () => {
    const c = (
      await org.owner.post('/contacts', person({ phone: '030 1234567', country: 'DE' }))
    ).json();
    const patch = async (body: Record<string, unknown>) => {
      const res = await org.owner.patch(`/contacts/${c.id}`, body);
      expect(res.statusCode, res.body).toBe(200);
    };
    await patch({ country: 'Austria' });
    expect((await keysOf(c.id)).phone_e164).toBe('+43301234567');
    await patch({ phone: '+49 30 1234567', mobile: '0664 1234567' });
    expect(await keysOf(c.id)).toEqual({
      phone_e164: '+49301234567',
      mobile_e164: '+436641234567',
    });
    await patch({ phone: '' });
    expect((await keysOf(c.id)).phone_e164).toBeNull();
    const timeline = (await org.owner.get(`/contacts/${c.id}/activities`)).json().data as {
      type: string;
      changes: { field: string }[] | null;
    }[];
    const fields = timeline.flatMap((a) => (a.changes ?? []).map((ch) => ch.field));
    expect(fields).not.toContain('phoneE164');
    expect(fields).not.toContain('mobileE164');
  });

  it('when a file with phones is imported, then the new contacts have keys, and an update by import re-keys the phone it changes', async () => {
    const csv = [
      'First Name,Last Name,Email,Phone,Mobile,Country',
      'Imp,One,imp1@keys.test,020 7946 0222,,GB',
      'Imp,Two,imp2@keys.test,+1 415 555 2671,(0151) 234-56789,Germany',
      'Imp,Three,imp3@keys.test,not a number,,',
    ].join('\n');
    const r = await importCsv(org.owner, csv);
    expect(r.statusCode, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ created: 3, errors: [] });
    const ids = new Map<string, string>();
    for (const e of ['imp1', 'imp2', 'imp3']) {
      const [id] = await found(org.owner, `q=${e}%40keys.test`);
      ids.set(e, id!);
    }
    expect(await keysOf(ids.get('imp1')!)).toEqual({
      phone_e164: '+442079460222',
      mobile_e164: null,
    });
    expect(await keysOf(ids.get('imp2')!)).toEqual({
      phone_e164: '+14155552671',
      mobile_e164: '+4915123456789',
    });
    expect(await keysOf(ids.get('imp3')!)).toEqual({ phone_e164: null, mobile_e164: null });

    const update = [
      'First Name,Last Name,Email,Phone',
      'Imp,One,IMP1@keys.test,+44 20 7946 0333',
    ].join('\n');
    const u = await importCsv(org.owner, update, '?onDuplicate=update');
    expect(u.body).toMatchObject({ updated: 1 });
    expect((await keysOf(ids.get('imp1')!)).phone_e164).toBe('+442079460333');
    const phoneImport = await latestImport();
    // A file that changes only the country re-reads the contact's phone there.
    const german = (
      await org.owner.post(
        '/contacts',
        person({ email: 'imp4@keys.test', phone: '030 1234567', country: 'DE' }),
      )
    ).json();
    const moved = ['First Name,Last Name,Email,Country', 'Imp,Four,imp4@keys.test,Austria'].join(
      '\n',
    );
    expect((await importCsv(org.owner, moved, '?onDuplicate=update')).body).toMatchObject({
      updated: 1,
    });
    expect((await keysOf(german.id)).phone_e164).toBe('+43301234567');
    // Undoing that import restores the country, and the key with it.
    expect((await org.owner.post(`/imports/${await latestImport()}/revert`)).statusCode).toBe(200);
    expect((await keysOf(german.id)).phone_e164).toBe('+49301234567');

    // Undoing the phone's import restores the phone, and its key with it.
    const revert = await org.owner.post(`/imports/${phoneImport}/revert`);
    expect(revert.statusCode, revert.body).toBe(200);
    expect(revert.json()).toMatchObject({ restored: 1 });
    expect((await keysOf(ids.get('imp1')!)).phone_e164).toBe('+442079460222');
    // A row without a mobile keeps the contact's mobile and its key.
    const keep = ['First Name,Last Name,Email,City', 'Imp,Two,imp2@keys.test,Berlin'].join('\n');
    await importCsv(org.owner, keep, '?onDuplicate=update');
    expect((await keysOf(ids.get('imp2')!)).mobile_e164).toBe('+4915123456789');
  });
});

describe('finding a contact by phone, whatever the format', () => {
  let london: string;
  beforeAll(async () => {
    const res = await org.owner.post(
      '/contacts',
      person({ lastName: 'Londoner', phone: '+44 20 7946 0958', visibility: 'organization' }),
    );
    london = res.json().id;
  });

  it('when the phone filter is given in other formats, then it finds the contact', async () => {
    expect(await found(org.owner, `phone=${encodeURIComponent('+44 20 7946 0958')}`)).toEqual([
      london,
    ]);
    expect(await found(org.owner, `phone=${encodeURIComponent('+442079460958')}`)).toEqual([
      london,
    ]);
    await setCountry('GB');
    try {
      for (const typed of ['020 7946 0958', '(020) 7946-0958', '020.7946.0958']) {
        expect(await found(org.owner, `phone=${encodeURIComponent(typed)}`), typed).toEqual([
          london,
        ]);
      }
    } finally {
      await setCountry(null);
    }
  });

  it('when the search box holds the number in another format, then it finds the contact', async () => {
    await setCountry('GB');
    try {
      expect(await found(org.owner, `q=${encodeURIComponent('(020) 7946-0958')}`)).toEqual([
        london,
      ]);
    } finally {
      await setCountry(null);
    }
    expect(await found(org.owner, `q=${encodeURIComponent('+442079460958')}`)).toEqual([london]);
    // A substring of the typed form still finds it as before.
    expect(await found(org.owner, `q=${encodeURIComponent('7946 0958')}`)).toEqual([london]);
  });

  it('when the phone filter is no phone number, then 422; a national number with no country to read it in finds nothing', async () => {
    for (const value of ['hello', '12', '+44 20 7946 0958; drop']) {
      const res = await org.owner.get(`/contacts?phone=${encodeURIComponent(value)}`);
      expect(res.statusCode, value).toBe(422);
    }
    expect(await found(org.owner, `phone=${encodeURIComponent('020 7946 0958')}`)).toEqual([]);
  });

  it('when a contact the caller may not read has the number, then the search does not find it', async () => {
    const rep = await org.addUser('sales_rep');
    const other = await org.addUser('sales_rep');
    const own = await rep.client.post(
      '/contacts',
      person({ phone: '+44 161 496 0000', visibility: 'individual' }),
    );
    expect(own.statusCode, own.body).toBe(201);
    const query = `phone=${encodeURIComponent('+44 (161) 496-0000')}`;
    expect(await found(rep.client, query)).toEqual([own.json().id]);
    expect(await found(other.client, query)).toEqual([]);
    expect(await found(other.client, `q=${encodeURIComponent('+441614960000')}`)).toEqual([]);
    // A partner of another reseller may export what it reads: not this contact.
    const stranger = await org.addUser('partner');
    expect(await found(stranger.client, query)).toEqual([]);
    const exported = await stranger.client.get(`/contacts/export?${query}`);
    expect(exported.statusCode).toBe(200);
    expect(exported.body.trim().split('\n')).toHaveLength(1);
    // Org admins read every record (compliance override).
    expect(await found(org.owner, query)).toEqual([own.json().id]);
  });

  it('when the export is filtered by phone, then it holds the contact', async () => {
    const res = await org.owner.get(
      `/contacts/export?phone=${encodeURIComponent('+44 20 7946 0958')}`,
    );
    expect(res.statusCode, res.body).toBe(200);
    expect(res.body.trim().split('\n')).toHaveLength(2);
    expect(res.body).toContain('+44 20 7946 0958');
  });
});

describe('backfill of contacts written before the keys', () => {
  it('when an admin sets the default country, then the contacts already stored get keys read in it', async () => {
    const other = await signupOrg(t.app, { plan: 'growth' });
    const res = await other.owner.post('/contacts', person({ phone: '020 7946 0555' }));
    const id = res.json().id as string;
    // A national number with no country to read it in has no key.
    expect((await keysOf(id)).phone_e164).toBeNull();
    const set = await other.owner.patch('/crm/settings', { defaultPhoneCountry: 'GB' });
    expect(set.statusCode, set.body).toBe(200);
    await expect
      .poll(async () => (await keysOf(id)).phone_e164, { timeout: 15_000 })
      .toBe('+442079460555');
    const found = await other.owner.get(
      `/contacts?phone=${encodeURIComponent('+44 20 7946 0555')}`,
    );
    expect(found.json().data.map((c: { id: string }) => c.id)).toEqual([id]);
  });

  it('when contacts have phones but no keys, then the backfill keys them once, in batches, and leaves no work behind', async () => {
    await setCountry('GB');
    const ids: string[] = [];
    try {
      for (const phone of ['020 7946 0444', '+1 415 555 2671', 'no phone']) {
        const res = await org.owner.post('/contacts', person({ phone }));
        ids.push(res.json().id);
      }
    } finally {
      await setCountry(null);
    }
    const owner = t.database.unsafeOwner;
    // As the contacts of a database migrated to 0028 were: keys null, on the work list.
    await owner.execute(
      sql`update contacts set phone_e164 = null, mobile_e164 = null where org_id = ${org.orgId}`,
    );
    await owner.execute(sql`insert into phone_key_backfill (org_id, contact_id)
      select org_id, id from contacts where org_id = ${org.orgId} and (phone is not null or mobile is not null)
      on conflict do nothing`);
    await owner.execute(
      sql`update crm_settings set default_phone_country = 'GB' where org_id = ${org.orgId}`,
    );
    try {
      const keyed = await backfillPhoneKeys(t.database, { batchSize: 2 });
      expect(keyed).toBeGreaterThanOrEqual(3);
      expect((await keysOf(ids[0]!)).phone_e164).toBe('+442079460444');
      expect((await keysOf(ids[1]!)).phone_e164).toBe('+14155552671');
      expect((await keysOf(ids[2]!)).phone_e164).toBeNull();
      const [left] = await queryRows<{ n: number }>(
        owner,
        sql`select count(*)::int as n from phone_key_backfill`,
      );
      expect(left!.n).toBe(0);
      expect(await backfillPhoneKeys(t.database)).toBe(0);
      // The backfill is no edit: versions stay.
      expect((await org.owner.get(`/contacts/${ids[0]}`)).json().version).toBe(1);
    } finally {
      await owner.execute(
        sql`update crm_settings set default_phone_country = null where org_id = ${org.orgId}`,
      );
    }
  });
});
