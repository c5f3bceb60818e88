import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signupOrg, type Client, type TestApp } from '../../test/harness.js';
import type { Role, Visibility } from '../db/schema.js';
import { levelsForRecord } from './visibility.js';

/**
 * The full visibility × role × setting matrix. The expectation is DESIGN §3
 * written out independently here (the oracle), and the API (GET one, list)
 * must agree with it.
 */
type Person = { key: string; role: Role; id: string; partnerId: string | null; client: Client };

function oracle(
  viewer: Person,
  record: { ownerId: string; partnerId: string | null; visibility: Visibility },
  partnersSeeOrg: boolean,
): boolean {
  if (viewer.role === 'owner' || viewer.role === 'admin') return true; // compliance override
  if (record.ownerId === viewer.id) return true;
  const samePartner = viewer.partnerId !== null && viewer.partnerId === record.partnerId;
  switch (record.visibility) {
    case 'individual':
      return false;
    case 'partner':
      return samePartner;
    case 'organization':
      // Partner-side users need the setting, except for their own partner's records.
      return viewer.partnerId === null || partnersSeeOrg || samePartner;
  }
}

let t: TestApp;
const people: Person[] = [];
const records: {
  id: string;
  ownerId: string;
  partnerId: string | null;
  visibility: Visibility;
  label: string;
}[] = [];
let owner: Client;

beforeAll(async () => {
  t = await createTestApp();
  const org = await signupOrg(t.app, { plan: 'growth' });
  owner = org.owner;
  const me = (await owner.get('/me')).json();
  people.push({ key: 'owner', role: 'owner', id: me.user.id, partnerId: null, client: owner });
  const partnerA = await org.addPartner('A');
  const partnerB = await org.addPartner('B');
  const specs: [string, Exclude<Role, 'owner'>, string | undefined][] = [
    ['admin', 'admin', undefined],
    ['employee', 'employee', undefined],
    ['partnerA', 'partner', partnerA],
    ['repA1', 'sales_rep', partnerA],
    ['repA2', 'sales_rep', partnerA],
    ['partnerB', 'partner', partnerB],
    ['repB1', 'sales_rep', partnerB],
  ];
  for (const [key, role, pid] of specs) {
    const u = await org.addUser(role, pid);
    people.push({ key, role, id: u.id, partnerId: u.partnerId, client: u.client });
  }
  for (const creator of people) {
    for (const visibility of levelsForRecord(creator.partnerId)) {
      const res = await creator.client.post('/contacts', {
        firstName: creator.key,
        lastName: visibility,
        email: `${creator.key}.${visibility}@matrix.test`,
        visibility,
      });
      expect(res.statusCode, res.body).toBe(201);
      const c = res.json();
      records.push({
        id: c.id,
        ownerId: c.ownerId,
        partnerId: c.partnerId,
        visibility,
        label: `${creator.key}/${visibility}`,
      });
    }
  }
});
afterAll(() => t.close());

describe('visibility matrix (DESIGN §3)', () => {
  for (const partnersSeeOrg of [true, false]) {
    it(`when partnersCanSeeOrgContacts is ${partnersSeeOrg}, then every role reads exactly what §3 allows — by id and in lists`, async () => {
      expect(
        (await owner.patch('/crm/settings', { partnersCanSeeOrgContacts: partnersSeeOrg }))
          .statusCode,
      ).toBe(200);
      const mismatches: string[] = [];
      for (const viewer of people) {
        const listed = new Set(
          (await viewer.client.get('/contacts?limit=200'))
            .json()
            .data.map((c: { id: string }) => c.id),
        );
        for (const record of records) {
          const expected = oracle(viewer, record, partnersSeeOrg);
          const status = (await viewer.client.get(`/contacts/${record.id}`)).statusCode;
          const cell = `${viewer.key} reading ${record.label}`;
          if ((status === 200) !== expected) mismatches.push(`${cell}: GET answered ${status}`);
          if (listed.has(record.id) !== expected)
            mismatches.push(`${cell}: list ${listed.has(record.id) ? 'shows' : 'hides'} it`);
          if (status !== 200 && status !== 404)
            mismatches.push(`${cell}: GET answered ${status}, not 404`);
        }
      }
      expect(mismatches).toEqual([]);
    });
  }

  it("when a rep's contact is private, then the rep's partner and other reps get 404 and org admins see it", async () => {
    await owner.patch('/crm/settings', { partnersCanSeeOrgContacts: true });
    const rep = people.find((p) => p.key === 'repA1')!;
    const c = records.find((r) => r.label === 'repA1/individual')!;
    for (const key of ['partnerA', 'repA2', 'repB1', 'partnerB', 'employee']) {
      const who = people.find((p) => p.key === key)!;
      expect((await who.client.get(`/contacts/${c.id}`)).statusCode, key).toBe(404);
    }
    for (const key of ['owner', 'admin', 'repA1']) {
      const who = people.find((p) => p.key === key)!;
      expect((await who.client.get(`/contacts/${c.id}`)).statusCode, key).toBe(200);
    }
    expect(rep.partnerId).not.toBeNull();
  });

  it('when stats are asked, then they count only readable contacts', async () => {
    await owner.patch('/crm/settings', { partnersCanSeeOrgContacts: true });
    for (const viewer of people) {
      const total = (await viewer.client.get('/contacts/stats')).json().total;
      const expected = records.filter((r) => oracle(viewer, r, true)).length;
      expect(total, viewer.key).toBe(expected);
    }
  });
});
