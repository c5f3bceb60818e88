import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  client,
  createTestApp,
  sessionCookieOf,
  type Client,
  type TestApp,
} from '../../test/harness.js';
import { demoPassword, demoUsers, seedDemo } from '../demo/seed.js';
import { contactsDemo } from '../demo/contacts.js';
import { dealsDemo } from '../demo/deals.js';
import type { Role } from '../db/schema.js';

/**
 * Issue 22 (5, 6): what `/me` tells the UI, the `can` of each record and its
 * owner's name, for each demo role on the demo organization.
 */
let t: TestApp;
const as = {} as Record<Role, Client>;
const names = Object.fromEntries(demoUsers.map((u) => [u.role, u.name])) as Record<Role, string>;

type Can = { edit: boolean; delete: boolean; commit: boolean; move?: boolean };
type Rec = { id: string; ownerId: string; ownerName: string | null; can: Can };
type ContactRec = Rec & { firstName: string };
type DealRec = Rec & { title: string };

beforeAll(async () => {
  t = await createTestApp();
  expect(await seedDemo(t.database, [contactsDemo, dealsDemo])).toBe(true);
  for (const u of demoUsers) {
    const res = await client(t.app).post('/auth/login', { email: u.email, password: demoPassword });
    as[u.role] = client(t.app, { cookie: sessionCookieOf(res) });
  }
});
afterAll(() => t.close());

const contactsOf = async (who: Client) =>
  ((await who.get('/contacts?limit=100')).json() as { data: ContactRec[] }).data;
const contactNamed = async (who: Client, firstName: string) => {
  const found = (await contactsOf(who)).find((c) => c.firstName === firstName);
  if (!found) throw new Error(`${firstName} is not readable`);
  return found;
};
const dealsOf = async (who: Client) =>
  ((await who.get('/deals?limit=100')).json() as { data: DealRec[] }).data;
const setSettings = async (change: Record<string, boolean>) => {
  const res = await as.owner.patch('/crm/settings', change);
  expect(res.statusCode).toBe(200);
};

describe('GET /me: the permission data the server uses', () => {
  it('when each demo role asks, then it gets its scopes, the settings behind them and the plan features', async () => {
    const expected: Record<Role, Record<string, string>> = {
      owner: {
        'contact.update': 'all',
        'contact.bulk': 'all',
        'contact.import': 'all',
        'org.plan': 'all',
      },
      admin: {
        'contact.update': 'all',
        'contact.bulk': 'all',
        'contact.import': 'all',
        'org.plan': 'none',
      },
      employee: {
        'contact.update': 'own',
        'contact.bulk': 'none',
        'contact.import': 'none',
        'org.manage': 'none',
      },
      partner: {
        'contact.update': 'own',
        'contact.bulk': 'own',
        'contact.import': 'all',
        'contact.delete': 'none',
      },
      sales_rep: {
        'contact.update': 'none',
        'contact.bulk': 'none',
        'contact.export': 'none',
        'deal.update': 'own',
      },
    };
    for (const role of Object.keys(expected) as Role[]) {
      const res = await as[role].get('/me');
      expect(res.statusCode).toBe(200);
      const me = res.json();
      expect(me.user.role).toBe(role);
      expect(me.permissions).toMatchObject(expected[role]);
      expect(me.features).toEqual(['import', 'export', 'custom_fields']);
      expect(me.settings).toMatchObject({
        repsCanEditOwnContacts: false,
        partnersCanSeeOrgContacts: true,
        hideStaffNamesFromPartners: false,
      });
      expect(me.settings).not.toHaveProperty('maxContacts');
    }
    expect((await as.sales_rep.get('/me')).json().conditions).toEqual({
      'contact.update': 'repsCanEditOwnContacts',
      'contact.commit': 'repsCanCommitUpward',
      'deal.commit': 'repsCanCommitUpward',
    });
    expect((await as.partner.get('/me')).json().conditions).toEqual({
      'contact.delete': 'partnersCanDeleteOwnContacts',
    });
    expect((await as.owner.get('/me')).json().conditions).toEqual({});
  });

  it('when an admin turns a setting on, then the next /me of a sales rep reports the lifted scope', async () => {
    await setSettings({ repsCanEditOwnContacts: true });
    try {
      const me = (await as.sales_rep.get('/me')).json();
      expect(me.permissions['contact.update']).toBe('own');
      expect(me.settings.repsCanEditOwnContacts).toBe(true);
    } finally {
      await setSettings({ repsCanEditOwnContacts: false });
    }
  });
});

describe('can: what the reader may do with each record', () => {
  it('when a sales rep reads its own contact, then can.edit is false until the organization lets reps edit their own, and the server agrees', async () => {
    const james = await contactNamed(as.sales_rep, 'James');
    expect(james.can).toEqual({ edit: false, delete: false, commit: false });
    expect((await as.sales_rep.patch(`/contacts/${james.id}`, { city: 'X' })).statusCode).toBe(403);
    await setSettings({ repsCanEditOwnContacts: true });
    try {
      const after = (await as.sales_rep.get(`/contacts/${james.id}`)).json() as ContactRec;
      expect(after.can).toEqual({ edit: true, delete: false, commit: false });
      const listed = await contactNamed(as.sales_rep, 'James');
      expect(listed.can).toEqual(after.can);
      expect((await as.sales_rep.patch(`/contacts/${james.id}`, { city: 'X' })).statusCode).toBe(
        200,
      );
    } finally {
      await setSettings({ repsCanEditOwnContacts: false });
    }
  });

  it('when each role lists contacts, then can matches what the API then allows on every row', async () => {
    for (const role of ['owner', 'admin', 'employee', 'partner', 'sales_rep'] as const) {
      const rows = await contactsOf(as[role]);
      expect(rows.length).toBeGreaterThan(0);
      for (const c of rows) {
        const single = (await as[role].get(`/contacts/${c.id}`)).json() as ContactRec;
        expect(single.can, `${role} on ${c.firstName}`).toEqual(c.can);
        expect(single.ownerName).toBe(c.ownerName);
        // A PATCH without changes still passes the permission check first.
        const patched = await as[role].patch(`/contacts/${c.id}`, {});
        expect(patched.statusCode === 200, `${role} edits ${c.firstName}`).toBe(c.can.edit);
      }
    }
  });

  it('when each role reads the deals, then can.move is true exactly on the deals the API lets it move', async () => {
    const board = (await as.owner.get('/pipeline')).json() as { stages: { id: string }[] };
    const target = board.stages[1]!.id;
    for (const role of ['admin', 'employee', 'partner', 'sales_rep'] as const) {
      const deals = await dealsOf(as[role]);
      expect(deals.length).toBeGreaterThan(0);
      for (const d of deals) {
        expect(d.can.move).toBe(d.can.edit);
        const single = (await as[role].get(`/deals/${d.id}`)).json() as DealRec;
        expect(single.can).toEqual(d.can);
        const own = d.ownerId === (await as[role].get('/me')).json().user.id;
        if (role === 'admin')
          expect(d.can).toEqual({ edit: true, delete: true, commit: true, move: true });
        else expect(d.can.edit, `${role} on ${d.title}`).toBe(own);
      }
      const notMine = deals.find((d) => !d.can.move);
      if (notMine) {
        const moved = await as[role].post(`/deals/${notMine.id}/move`, { stageId: target });
        expect(moved.statusCode).toBe(403);
      }
    }
    const column = (await as.sales_rep.get('/pipeline')).json() as {
      stages: { deals: DealRec[] }[];
    };
    const cards = column.stages.flatMap((s) => s.deals);
    expect(cards.length).toBeGreaterThan(0);
    for (const card of cards) expect(card.can).toHaveProperty('move');
  });
});

describe('owner names', () => {
  it('when partners, reps and employees read records of others, then they see the owner by name', async () => {
    for (const role of ['employee', 'partner', 'sales_rep'] as const) {
      const rows = await contactsOf(as[role]);
      const others = rows.filter((c) => c.ownerName !== names[role]);
      expect(others.length, role).toBeGreaterThan(0);
      for (const c of rows) expect(Object.values(names)).toContain(c.ownerName);
    }
    const partnerView = await contactsOf(as.partner);
    expect(partnerView.find((c) => c.firstName === 'Sarah')?.ownerName).toBe(names.admin);
    expect(partnerView.find((c) => c.firstName === 'Rachel')?.ownerName).toBe(names.sales_rep);
    const repDeals = await dealsOf(as.sales_rep);
    expect(repDeals.map((d) => d.ownerName)).toContain(names.owner);
  });

  it('when the organization hides staff names from partners, then partners and reps see null for staff owners (names of their own team stay), and staff still see every name', async () => {
    await setSettings({ hideStaffNamesFromPartners: true });
    try {
      for (const role of ['partner', 'sales_rep'] as const) {
        const me = (await as[role].get('/me')).json();
        expect(me.settings.hideStaffNamesFromPartners).toBe(true);
        const sarah = await contactNamed(as[role], 'Sarah');
        expect(sarah.ownerName).toBeNull();
        expect((await as[role].get(`/contacts/${sarah.id}`)).json().ownerName).toBeNull();
        const rachel = await contactNamed(as[role], 'Rachel');
        expect(rachel.ownerName).toBe(names.sales_rep);
        const lisa = await contactNamed(as[role], 'Lisa');
        expect(lisa.ownerName).toBe(names.partner);
        const deals = await dealsOf(as[role]);
        const staffDeal = deals.find((d) => d.title === 'Starter Plan');
        expect(staffDeal?.ownerName).toBeNull();
        expect((await as[role].get(`/deals/${staffDeal!.id}`)).json().ownerName).toBeNull();
        const board = (await as[role].get('/pipeline')).json() as {
          stages: { deals: DealRec[] }[];
        };
        const card = board.stages.flatMap((s) => s.deals).find((d) => d.title === 'Starter Plan');
        expect(card?.ownerName).toBeNull();
      }
      for (const role of ['owner', 'admin', 'employee'] as const) {
        expect((await contactNamed(as[role], 'Sarah')).ownerName).toBe(names.admin);
      }
      expect((await contactNamed(as.admin, 'Rachel')).ownerName).toBe(names.sales_rep);
    } finally {
      await setSettings({ hideStaffNamesFromPartners: false });
    }
    expect((await contactNamed(as.sales_rep, 'Sarah')).ownerName).toBe(names.admin);
  });

  it("when the organization hides staff names, then a shared template's staff owner is hidden from partners too", async () => {
    const created = await as.admin.post('/templates', {
      category: 'note',
      name: 'Shared follow-up',
      body: 'Hello {{first_name}}',
      visibility: 'organization',
    });
    expect(created.statusCode).toBe(201);
    const id = created.json().id as string;
    expect((await as.sales_rep.get(`/templates/${id}`)).json().ownerName).toBe(names.admin);
    await setSettings({ hideStaffNamesFromPartners: true });
    try {
      expect((await as.sales_rep.get(`/templates/${id}`)).json().ownerName).toBeNull();
      expect((await as.employee.get(`/templates/${id}`)).json().ownerName).toBe(names.admin);
    } finally {
      await setSettings({ hideStaffNamesFromPartners: false });
    }
  });

  it("when the organization hides staff names, then a staff member's entries in a timeline show no name to partners", async () => {
    const sarah = await contactNamed(as.partner, 'Sarah');
    type Entry = { actorId: string | null; actorName: string | null };
    const actors = async (who: Client) =>
      ((await who.get(`/contacts/${sarah.id}/activities`)).json() as { data: Entry[] }).data
        .filter((a) => a.actorId === sarah.ownerId)
        .map((a) => a.actorName);
    expect(await actors(as.partner)).toContain(names.admin);
    await setSettings({ hideStaffNamesFromPartners: true });
    try {
      const hidden = await actors(as.partner);
      expect(hidden.length).toBeGreaterThan(0);
      expect(hidden.every((n) => n === null)).toBe(true);
      expect(await actors(as.employee)).toContain(names.admin);
    } finally {
      await setSettings({ hideStaffNamesFromPartners: false });
    }
  });

  it('when an admin reads the settings, then hideStaffNamesFromPartners is there, off by default, and only admins may change it', async () => {
    const settings = (await as.admin.get('/crm/settings')).json();
    expect(settings.hideStaffNamesFromPartners).toBe(false);
    for (const role of ['employee', 'partner', 'sales_rep'] as const) {
      const res = await as[role].patch('/crm/settings', { hideStaffNamesFromPartners: true });
      expect(res.statusCode).toBe(403);
    }
  });
});
