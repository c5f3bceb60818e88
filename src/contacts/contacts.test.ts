import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signupOrg, type Org, type TestApp } from '../../test/harness.js';

let t: TestApp;
let org: Org;
beforeAll(async () => {
  t = await createTestApp();
  org = await signupOrg(t.app, { plan: 'growth' });
});
afterAll(() => t.close());

const sarah = {
  firstName: 'Sarah',
  lastName: 'Mitchell',
  email: 'sarah@acmecorp.com',
  company: 'Acme Corporation',
  jobTitle: 'VP of Operations',
  phone: '(555) 234-5678',
  tags: ['Enterprise', 'Referral'],
};

describe('creating and reading contacts', () => {
  it('when only the required fields are sent, then defaults apply and a created activity is logged', async () => {
    const res = await org.owner.post('/contacts', {
      firstName: 'Min',
      lastName: 'Imal',
      email: 'min@example.com',
    });
    expect(res.statusCode).toBe(201);
    const c = res.json();
    expect(c).toMatchObject({
      type: 'lead',
      status: 'active',
      visibility: 'individual',
      version: 1,
      tags: [],
    });
    expect(c.ownerId).toBe(org.ownerId);
    expect(res.headers.etag).toBe('"1"');
    const tl = (await org.owner.get(`/contacts/${c.id}/activities`)).json();
    expect(tl.data.map((a: { type: string }) => a.type)).toEqual(['created']);
    expect(tl.data[0]).toMatchObject({ actorId: org.ownerId, actorRole: 'owner' });
  });

  it('when a required field is missing or a field is unknown or read-only, then 422 and nothing is created', async () => {
    const before = (await org.owner.get('/contacts/stats')).json().total;
    for (const body of [
      { firstName: 'A', lastName: 'B' },
      { ...sarah, nickname: 'x' },
      { ...sarah, id: '01a206e1-41ed-72a4-82ca-300d92cef5b8' },
      { ...sarah, version: 3 },
      { ...sarah, orgId: org.orgId },
      { ...sarah, email: 'not-an-email' },
      { ...sarah, type: 'friend' },
      { ...sarah, tags: 'Enterprise' },
    ]) {
      const res = await org.owner.post('/contacts', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(422);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
    expect((await org.owner.get('/contacts/stats')).json().total).toBe(before);
  });

  it('when a malformed or unknown id is asked, then 404', async () => {
    expect((await org.owner.get('/contacts/not-a-uuid')).statusCode).toBe(404);
    expect((await org.owner.get('/contacts/01a206e1-41ed-72a4-82ca-300d92cef5b8')).statusCode).toBe(
      404,
    );
  });

  it('when searching, then first/last name, e-mail, company, phone and notes match case-insensitively as substrings', async () => {
    const c = (
      await org.owner.post('/contacts', { ...sarah, notes: 'Met at the 100%_Expo' })
    ).json();
    for (const q of ['sarah', 'MITCH', 'acmecorp.com', 'acme corp', '234-56', '100%_ex']) {
      const ids = (await org.owner.get(`/contacts?q=${encodeURIComponent(q)}`))
        .json()
        .data.map((x: { id: string }) => x.id);
      expect(ids, q).toContain(c.id);
    }
    // % and _ are literal: "1%0" must not match "100".
    expect(
      (await org.owner.get(`/contacts?q=${encodeURIComponent('1%0')}`)).json().data,
    ).toHaveLength(0);
    expect((await org.owner.get('/contacts?q=s')).statusCode).toBe(422);
  });

  it('when the search box holds a tag, then contacts with that tag match, and a changed tag is found by its new name', async () => {
    const tagged = (
      await org.owner.post('/contacts', {
        firstName: 'Tilda',
        lastName: 'Tagged',
        email: 'tilda@tagged.test',
        tags: ['Trade-Show 2026', 'Renewal'],
      })
    ).json();
    const found = async (q: string) =>
      (await org.owner.get(`/contacts?q=${encodeURIComponent(q)}`))
        .json()
        .data.map((x: { id: string }) => x.id);
    expect(await found('trade-show')).toContain(tagged.id);
    expect(await found('RENEWAL')).toContain(tagged.id);
    const edited = await org.owner.patch(
      `/contacts/${tagged.id}`,
      { tags: ['Webinar'] },
      { 'if-match': `"${tagged.version}"` },
    );
    expect(edited.statusCode).toBe(200);
    expect(await found('renewal')).not.toContain(tagged.id);
    expect(await found('webinar')).toContain(tagged.id);
  });

  it('when listed, then each contact is exactly what GET /contacts/:id answers, field for field', async () => {
    // The list is written as JSON by PostgreSQL, the single read by the schema's serializer.
    const own = await signupOrg(t.app, { plan: 'growth' });
    for (const def of [
      { key: 'tier', label: 'Tier', type: 'text' },
      { key: 'seats', label: 'Seats', type: 'number' },
    ]) {
      expect((await own.owner.post('/custom-fields', def)).statusCode).toBe(201);
    }
    const full = (
      await own.owner.post('/contacts', {
        ...sarah,
        mobile: '+44 7700 900123',
        website: 'https://acme.example/a?b="c"&d=\\e',
        linkedin: 'https://linkedin.example/in/sarah',
        street: "1 Rue de l'Église",
        city: 'Zürich',
        state: 'ZH',
        postalCode: '8001',
        country: 'Switzerland',
        type: 'customer',
        source: 'Trade show',
        notes: 'Line one\nLine "two"\ttabbed, emoji 🚀, back\\slash, <b>html</b>',
        tags: ['VIP "gold"', 'naïve', 'a\\b'],
        customFields: { tier: 'Gold "plus"', seats: 12.5 },
      })
    ).json();
    const changed = await own.owner.patch(`/contacts/${full.id}`, { jobTitle: 'COO' });
    expect(changed.statusCode).toBe(200);
    const bare = (
      await own.owner.post('/contacts', { firstName: 'Ña', lastName: 'Ö', email: 'na@example.com' })
    ).json();
    const res = await own.owner.get('/contacts?limit=50');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    const page = res.json();
    expect(page.nextCursor).toBeNull();
    expect(page.data.map((c: { id: string }) => c.id)).toEqual([bare.id, full.id]);
    for (const listed of page.data) {
      const single = (await own.owner.get(`/contacts/${listed.id}`)).json();
      expect(listed).toStrictEqual(single);
      expect(Object.keys(listed)).toEqual(Object.keys(single));
    }
    expect(page.data[1]).toMatchObject({
      jobTitle: 'COO',
      version: 2,
      customFields: { seats: 12.5 },
    });
    expect(page.data[0]).toMatchObject({ phone: null, tags: [], customFields: {} });
  });

  it('when paging with a small limit, then every contact comes exactly once in order', async () => {
    const o = await signupOrg(t.app, { plan: 'growth' });
    for (let i = 0; i < 7; i++) {
      await o.owner.post('/contacts', {
        firstName: `P${i}`,
        lastName: `Z${6 - i}`,
        email: `p${i}@x.io`,
      });
    }
    for (const sort of ['-createdAt', 'createdAt', 'name', '-name', '-updatedAt']) {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const url: string = `/contacts?limit=3&sort=${sort}${cursor ? `&cursor=${cursor}` : ''}`;
        const page: { data: { lastName: string }[]; nextCursor: string | null } = (
          await o.owner.get(url)
        ).json();
        seen.push(...page.data.map((x: { lastName: string }) => x.lastName));
        cursor = page.nextCursor;
      } while (cursor);
      expect(seen, sort).toHaveLength(7);
      expect(new Set(seen).size).toBe(7);
      if (sort === 'name') expect(seen).toEqual(['Z0', 'Z1', 'Z2', 'Z3', 'Z4', 'Z5', 'Z6']);
      if (sort === 'createdAt') expect(seen).toEqual(['Z6', 'Z5', 'Z4', 'Z3', 'Z2', 'Z1', 'Z0']);
    }
    expect((await o.owner.get('/contacts?limit=0')).statusCode).toBe(422);
    expect((await o.owner.get('/contacts?limit=201')).statusCode).toBe(422);
    expect((await o.owner.get('/contacts?cursor=garbage')).statusCode).toBe(422);
  });

  it('when filtering by status, type, tag, visibility and owner, then only matching contacts return', async () => {
    const o = await signupOrg(t.app, { plan: 'growth' });
    const a = (
      await o.owner.post('/contacts', {
        ...sarah,
        type: 'customer',
        status: 'inactive',
        tags: ['VIP'],
      })
    ).json();
    await o.owner.post('/contacts', { ...sarah, email: 'b@x.io', visibility: 'organization' });
    const ids = async (qs: string) =>
      (await o.owner.get(`/contacts?${qs}`)).json().data.map((x: { id: string }) => x.id);
    expect(await ids('status=inactive')).toEqual([a.id]);
    expect(await ids('type=customer')).toEqual([a.id]);
    expect(await ids('tag=VIP')).toEqual([a.id]);
    expect(await ids('visibility=individual')).toEqual([a.id]);
    expect(await ids(`ownerId=${o.ownerId}`)).toHaveLength(2);
    const stats = (await o.owner.get('/contacts/stats')).json();
    expect(stats).toEqual({
      total: 2,
      byStatus: { active: 1, inactive: 1, do_not_contact: 0 },
      byType: { lead: 1, prospect: 0, customer: 1, vendor: 0, other: 0 },
    });
  });

  it('when the same kind of search is asked again with other values, or by another user, then each answer is its own', async () => {
    const o = await signupOrg(t.app, { plan: 'growth' });
    const rep = await o.addUser('sales_rep');
    const names = async (c: typeof o.owner, qs: string) =>
      (await c.get(`/contacts?${qs}`)).json().data.map((x: { lastName: string }) => x.lastName);
    const contact = { visibility: 'individual' as const };
    const made = async (c: typeof o.owner, body: object) => {
      const res = await c.post('/contacts', { ...contact, ...body });
      expect(res.statusCode, res.body).toBe(201);
    };
    await made(o.owner, { firstName: 'Ada', lastName: 'Alpha', email: 'ada@x.io' });
    await made(o.owner, {
      firstName: 'Bo',
      lastName: 'Beta',
      email: 'bo@x.io',
      status: 'inactive',
    });
    await made(rep.client, { firstName: 'Cy', lastName: 'Alphonse', email: 'cy@x.io' });
    // The admin reads every record; the rep only their own (Alpha is the owner's, individual).
    expect(await names(o.owner, 'q=alph')).toEqual(['Alphonse', 'Alpha']);
    expect(await names(rep.client, 'q=alph')).toEqual(['Alphonse']);
    expect(await names(o.owner, 'q=beta')).toEqual(['Beta']);
    expect(await names(rep.client, 'q=beta')).toEqual([]);
    expect(await names(o.owner, 'status=inactive')).toEqual(['Beta']);
    expect(await names(o.owner, 'status=active')).toEqual(['Alphonse', 'Alpha']);
    expect(await names(o.owner, 'status=active&q=alpho')).toEqual(['Alphonse']);
  });
});

describe('editing contacts', () => {
  it('when fields change, then one field_update lists each change, and a status change adds status_change', async () => {
    const c = (await org.owner.post('/contacts', sarah)).json();
    const res = await org.owner.patch(
      `/contacts/${c.id}`,
      { jobTitle: 'COO', status: 'inactive', phone: '' },
      { 'if-match': '"1"' },
    );
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      jobTitle: 'COO',
      status: 'inactive',
      phone: null,
      version: 2,
    });
    const tl = (await org.owner.get(`/contacts/${c.id}/activities`)).json().data;
    const update = tl.find((a: { type: string }) => a.type === 'field_update');
    expect(update.changes).toEqual(
      expect.arrayContaining([
        { field: 'jobTitle', from: 'VP of Operations', to: 'COO' },
        { field: 'status', from: 'active', to: 'inactive' },
        { field: 'phone', from: '(555) 234-5678', to: null },
      ]),
    );
    expect(update.changes).toHaveLength(3);
    expect(tl.filter((a: { type: string }) => a.type === 'status_change')).toHaveLength(1);
    const filtered = (await org.owner.get(`/contacts/${c.id}/activities?type=status_change`)).json()
      .data;
    expect(filtered.map((a: { type: string }) => a.type)).toEqual(['status_change']);
  });

  it('when If-Match is stale, then 412 and nothing changes', async () => {
    const c = (await org.owner.post('/contacts', sarah)).json();
    await org.owner.patch(`/contacts/${c.id}`, { city: 'Austin' });
    const stale = await org.owner.patch(
      `/contacts/${c.id}`,
      { city: 'Boston' },
      { 'if-match': '"1"' },
    );
    expect(stale.statusCode).toBe(412);
    expect((await org.owner.get(`/contacts/${c.id}`)).json().city).toBe('Austin');
  });

  it('when visibility is lowered by PATCH or commit, then 409; raising by commit logs visibility_change', async () => {
    const c = (await org.owner.post('/contacts', sarah)).json();
    expect(
      (await org.owner.post(`/contacts/${c.id}/commit`, { visibility: 'organization' })).statusCode,
    ).toBe(200);
    expect(
      (await org.owner.patch(`/contacts/${c.id}`, { visibility: 'individual' })).statusCode,
    ).toBe(409);
    expect(
      (await org.owner.post(`/contacts/${c.id}/commit`, { visibility: 'organization' })).statusCode,
    ).toBe(409);
    const types = (await org.owner.get(`/contacts/${c.id}/activities`))
      .json()
      .data.map((a: { type: string }) => a.type);
    expect(types).toContain('visibility_change');
  });

  it('when deleted, then the contact disappears from reads and counts but its timeline stays', async () => {
    const o = await signupOrg(t.app, { plan: 'growth' });
    const c = (await o.owner.post('/contacts', sarah)).json();
    expect((await o.owner.del(`/contacts/${c.id}`)).statusCode).toBe(204);
    expect((await o.owner.get(`/contacts/${c.id}`)).statusCode).toBe(404);
    expect((await o.owner.get('/contacts')).json().data).toHaveLength(0);
    expect((await o.owner.get('/contacts/stats')).json().total).toBe(0);
    expect((await o.owner.get('/org')).json().usage.contacts).toBe(0);
  });
});

describe('activities', () => {
  it('when a call is logged, then it heads the timeline with its actor; system types cannot be posted', async () => {
    const c = (await org.owner.post('/contacts', sarah)).json();
    const res = await org.owner.post(`/contacts/${c.id}/activities`, {
      type: 'call',
      subject: 'Intro',
      body: 'Talked pricing',
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      type: 'call',
      subject: 'Intro',
      body: 'Talked pricing',
      actorRole: 'owner',
    });
    const first = (await org.owner.get(`/contacts/${c.id}/activities`)).json().data[0];
    expect(first.type).toBe('call');
    expect(
      (await org.owner.post(`/contacts/${c.id}/activities`, { type: 'field_update', body: 'x' }))
        .statusCode,
    ).toBe(422);
  });
});

describe('timeline paging and history after deletion', () => {
  it('when a timeline is longer than a page, then cursor pages cover it newest first without repeats', async () => {
    const c = (await org.owner.post('/contacts', { ...sarah, email: 'pager@x.io' })).json();
    for (let i = 0; i < 5; i++) {
      await org.owner.post(`/contacts/${c.id}/activities`, { type: 'note', body: `note ${i}` });
    }
    const first = (await org.owner.get(`/contacts/${c.id}/activities?limit=4`)).json();
    expect(first.data.map((a: { body: string }) => a.body)).toEqual([
      'note 4',
      'note 3',
      'note 2',
      'note 1',
    ]);
    const second = (
      await org.owner.get(`/contacts/${c.id}/activities?limit=4&cursor=${first.nextCursor}`)
    ).json();
    expect(second.data.map((a: { type: string; body: string | null }) => a.body ?? a.type)).toEqual(
      ['note 0', 'created'],
    );
    expect(second.nextCursor).toBeNull();
  });

  it('when a contact is deleted, then its activities stay in the database with a deleted entry', async () => {
    const { sql } = await import('drizzle-orm');
    const { queryRows } = await import('../db/client.js');
    const c = (await org.owner.post('/contacts', { ...sarah, email: 'gone@x.io' })).json();
    await org.owner.post(`/contacts/${c.id}/activities`, { type: 'call', body: 'before deletion' });
    expect((await org.owner.del(`/contacts/${c.id}`)).statusCode).toBe(204);
    const rows = await queryRows<{ type: string }>(
      t.database.unsafeOwner,
      sql`select type from activities where contact_id = ${c.id} order by occurred_at, id`,
    );
    expect(rows.map((r) => r.type)).toEqual(['created', 'call', 'deleted']);
  });
});
