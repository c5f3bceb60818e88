import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestApp,
  signupOrg,
  type Client,
  type Org,
  type TestApp,
} from '../../test/harness.js';

let t: TestApp;
let org: Org;
beforeAll(async () => {
  t = await createTestApp();
  org = await signupOrg(t.app, { plan: 'growth' });
});
afterAll(() => t.close());

let n = 0;
async function contact(c: Client, extra: Record<string, unknown> = {}) {
  const res = await c.post('/contacts', {
    firstName: 'Bulk',
    lastName: `Person ${n}`,
    email: `bulk${n++}@example.com`,
    ...extra,
  });
  expect(res.statusCode).toBe(201);
  return res.json() as { id: string; version: number; tags: string[]; visibility: string };
}

const get = async (c: Client, id: string) => (await c.get(`/contacts/${id}`)).json();
const types = async (c: Client, id: string) =>
  (await c.get(`/contacts/${id}/activities`))
    .json()
    .data.map((a: { type: string }) => a.type)
    .sort();

describe('bulk update', () => {
  it('when an admin sets status, tags and visibility on several contacts, then each changes once with its activities', async () => {
    const a = await contact(org.owner, { tags: ['old', 'keep'] });
    const b = await contact(org.owner, { status: 'inactive' });
    const res = await org.owner.post('/contacts/bulk', {
      ids: [a.id, b.id],
      set: { status: 'inactive', visibility: 'organization' },
      addTags: ['vip'],
      removeTags: ['old'],
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ updated: 2 });
    expect(await get(org.owner, a.id)).toMatchObject({
      status: 'inactive',
      visibility: 'organization',
      tags: ['keep', 'vip'],
      version: 2,
    });
    expect(await get(org.owner, b.id)).toMatchObject({ status: 'inactive', version: 2 });
    expect(await types(org.owner, a.id)).toEqual([
      'created',
      'field_update',
      'status_change',
      'visibility_change',
    ]);
    // b was already inactive: no status_change for it.
    expect(await types(org.owner, b.id)).toEqual(['created', 'field_update', 'visibility_change']);
    const tl = (await org.owner.get(`/contacts/${a.id}/activities?type=field_update`)).json();
    expect(tl.data[0].changes).toEqual([
      { field: 'tags', from: ['old', 'keep'], to: ['keep', 'vip'] },
    ]);
  });

  it('when nothing would change for a contact, then it keeps its version', async () => {
    const a = await contact(org.owner, { status: 'inactive' });
    const res = await org.owner.post('/contacts/bulk', {
      ids: [a.id],
      set: { status: 'inactive' },
    });
    expect(res.json()).toEqual({ updated: 0 });
    expect((await get(org.owner, a.id)).version).toBe(1);
  });

  it('when one id is unknown or not visible, then 404 naming it and nothing changes', async () => {
    const partner = await org.addUser('partner');
    const mine = await contact(partner.client);
    const hidden = await contact(org.owner); // individual: the partner cannot read it
    const unknown = '01a206e1-41ed-72a4-82ca-300d92cef5b8';
    const res = await partner.client.post('/contacts/bulk', {
      ids: [mine.id, hidden.id, unknown],
      set: { status: 'inactive' },
    });
    expect(res.statusCode).toBe(404);
    expect(res.json().ids.sort()).toEqual([hidden.id, unknown].sort());
    expect(await get(partner.client, mine.id)).toMatchObject({ status: 'active', version: 1 });
  });

  it('when a partner includes a contact it can read but does not own, then 403 naming it and nothing changes', async () => {
    const partner = await org.addUser('partner');
    const mine = await contact(partner.client);
    const orgLevel = await contact(org.owner, { visibility: 'organization' });
    const res = await partner.client.post('/contacts/bulk', {
      ids: [mine.id, orgLevel.id],
      addTags: ['x'],
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().ids).toEqual([orgLevel.id]);
    expect(await get(partner.client, mine.id)).toMatchObject({ tags: [], version: 1 });
    const ok = await partner.client.post('/contacts/bulk', { ids: [mine.id], addTags: ['x'] });
    expect(ok.json()).toEqual({ updated: 1 });
  });

  it('when one change would lower visibility, then 409 naming it and nothing changes', async () => {
    const low = await contact(org.owner);
    const high = await contact(org.owner, { visibility: 'organization' });
    const res = await org.owner.post('/contacts/bulk', {
      ids: [low.id, high.id],
      set: { visibility: 'individual', status: 'do_not_contact' },
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().ids).toEqual([high.id]);
    expect(await get(org.owner, low.id)).toMatchObject({ status: 'active', version: 1 });
  });

  it('when employees or reps bulk-update, then 403', async () => {
    const a = await contact(org.owner, { visibility: 'organization' });
    for (const role of ['employee', 'sales_rep'] as const) {
      const u = await org.addUser(role);
      const res = await u.client.post('/contacts/bulk', { ids: [a.id], addTags: ['x'] });
      expect(res.statusCode, role).toBe(403);
    }
  });

  it('when the body is empty of changes, has more than 10,000 ids or a tag both added and removed, then 422', async () => {
    const a = await contact(org.owner);
    const many = Array.from({ length: 10_001 }, () => a.id);
    for (const body of [
      { ids: [a.id] },
      { ids: many, addTags: ['x'] },
      { ids: [a.id], addTags: ['x'], removeTags: ['x'] },
      { ids: [], addTags: ['x'] },
      { ids: [a.id], set: { ownerId: a.id } },
    ]) {
      expect((await org.owner.post('/contacts/bulk', body)).statusCode).toBe(422);
    }
  });

  it('when 10,000 contacts are updated at once, then all change in one call', async () => {
    const csv = `First Name,Last Name,Email\n${Array.from({ length: 10_000 }, (_, i) => `B,${i},b${i}@big.example`).join('\n')}`;
    const imp = await org.owner.post('/contacts/import', csv);
    expect(imp.json()).toMatchObject({ created: 10_000 });
    const { rows } = (await t.database.unsafeOwner.execute(
      sql`select id from contacts where org_id = ${org.orgId} and email like '%@big.example'`,
    )) as unknown as { rows: { id: string }[] };
    const ids = rows.map((r) => r.id);
    expect(ids).toHaveLength(10_000);
    const res = await org.owner.post('/contacts/bulk', { ids, addTags: ['big'] });
    expect(res.json()).toEqual({ updated: 10_000 });
    const tagged = (await org.owner.get('/contacts/stats')).json();
    expect(tagged.total).toBeGreaterThanOrEqual(10_000);
    expect((await get(org.owner, ids[0]!)).tags).toEqual(['big']);
  });
});
