import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../../test/harness.js';
import { contactOf, dealOf, orgWithTeam, type Deal } from '../../test/deals.js';

let t: TestApp;
let team: Awaited<ReturnType<typeof orgWithTeam>>;
beforeAll(async () => {
  t = await createTestApp();
  team = await orgWithTeam(t);
});
afterAll(() => t.close());

const listed = async (c: Client, id: string) =>
  (await c.get('/deals?limit=200')).json().data.some((d: Deal) => d.id === id);
const onBoard = async (c: Client, id: string) =>
  (await c.get('/pipeline?limitPerStage=200'))
    .json()
    .stages.some((s: { deals: Deal[] }) => s.deals.some((d) => d.id === id));

/** Whether each caller can read the deal, by id, in the list and on the board alike. */
async function readers(id: string): Promise<Record<string, boolean>> {
  const callers = {
    owner: team.org.owner,
    admin: team.admin.client,
    employee: team.employee.client,
    partner: team.partner.client,
    rep: team.rep.client,
    rep2: team.rep2.client,
  };
  const out: Record<string, boolean> = {};
  for (const [name, c] of Object.entries(callers)) {
    const status = (await c.get(`/deals/${id}`)).statusCode;
    expect([200, 404]).toContain(status);
    const byId = status === 200;
    expect(await listed(c, id), `${name} list`).toBe(byId);
    expect(await onBoard(c, id), `${name} board`).toBe(byId);
    expect((await c.get(`/deals/${id}/activities`)).statusCode).toBe(byId ? 200 : 404);
    out[name] = byId;
  }
  return out;
}

describe('who reads a deal (DESIGN §3)', () => {
  it("when a rep's deal is private, then only the rep and org admins read it; committed up, the partner team and then everyone do", async () => {
    const contactId = await contactOf(team.rep.client, { visibility: 'organization' });
    const deal = await dealOf(team.rep.client, { contactId, amount: 1000 });
    expect(deal.visibility).toBe('individual');
    expect(await readers(deal.id)).toEqual({
      owner: true,
      admin: true,
      employee: false,
      partner: false,
      rep: true,
      rep2: false,
    });
    // An unreadable deal is 404 to writes too, never 403.
    expect(
      (await team.rep2.client.patch(`/deals/${deal.id}`, { title: 'Mine now' })).statusCode,
    ).toBe(404);
    expect(
      (await team.partner.client.post(`/deals/${deal.id}/move`, { stageId: team.stages.won }))
        .statusCode,
    ).toBe(404);

    await team.org.owner.patch('/crm/settings', { repsCanCommitUpward: true });
    const partnerLevel = await team.rep.client.post(`/deals/${deal.id}/commit`, {
      visibility: 'partner',
    });
    await team.org.owner.patch('/crm/settings', { repsCanCommitUpward: false });
    expect(partnerLevel.statusCode).toBe(200);
    expect(await readers(deal.id)).toEqual({
      owner: true,
      admin: true,
      employee: false,
      partner: true,
      rep: true,
      rep2: true,
    });

    expect(
      (await team.admin.client.post(`/deals/${deal.id}/commit`, { visibility: 'organization' }))
        .statusCode,
    ).toBe(200);
    expect(Object.values(await readers(deal.id)).every(Boolean)).toBe(true);

    // Another partner's manager reads organization deals only while partnersCanSeeOrgContacts is on.
    const outsider = await team.org.addUser('partner');
    expect((await outsider.client.get(`/deals/${deal.id}`)).statusCode).toBe(200);
    await team.org.owner.patch('/crm/settings', { partnersCanSeeOrgContacts: false });
    const hidden = await outsider.client.get(`/deals/${deal.id}`);
    const board = (await outsider.client.get('/pipeline')).json();
    const sameTeam = (await team.rep2.client.get(`/deals/${deal.id}`)).statusCode;
    await team.org.owner.patch('/crm/settings', { partnersCanSeeOrgContacts: true });
    expect(hidden.statusCode).toBe(404);
    expect(board.stages[0].count).toBe(0);
    expect(sameTeam).toBe(200);
  });

  it("when a deal's contact is private to someone else, then the deal shows no contact name", async () => {
    const privateContact = await contactOf(team.org.owner, {
      firstName: 'Secret',
      lastName: 'Person',
    });
    const deal = await dealOf(team.org.owner, {
      contactId: privateContact,
      visibility: 'organization',
    });
    expect(deal.contactName).toBe('Secret Person');
    const seen = (await team.employee.client.get(`/deals/${deal.id}`)).json();
    expect(seen.contactName).toBeNull();
    expect(seen.contactId).toBe(privateContact);
  });

  it('when a deal names a contact the caller cannot read, then 422 and no deal', async () => {
    const repsContact = await contactOf(team.rep.client);
    const res = await team.rep2.client.post('/deals', { title: 'Poach', contactId: repsContact });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors[0].path).toBe('contactId');
  });
});

describe('who changes a deal (DESIGN §4)', () => {
  it('when non-admins edit or move deals, then only their own; org admins edit any readable deal', async () => {
    const contactId = await contactOf(team.org.owner, { visibility: 'organization' });
    const staffDeal = await dealOf(team.org.owner, { contactId, visibility: 'organization' });
    for (const c of [team.employee.client, team.partner.client, team.rep.client]) {
      expect((await c.patch(`/deals/${staffDeal.id}`, { title: 'X' })).statusCode).toBe(403);
      expect(
        (await c.post(`/deals/${staffDeal.id}/move`, { stageId: team.stages.won })).statusCode,
      ).toBe(403);
      const own = await dealOf(c, { contactId });
      expect((await c.patch(`/deals/${own.id}`, { amount: 10 })).statusCode).toBe(200);
      const moved = await c.post(`/deals/${own.id}/move`, { stageId: team.stages.proposal });
      expect(moved.statusCode).toBe(200);
      expect((await team.admin.client.patch(`/deals/${own.id}`, { amount: 20 })).statusCode).toBe(
        200,
      );
    }
    expect((await team.org.owner.get(`/deals/${staffDeal.id}`)).json().title).not.toBe('X');
  });

  it('when anyone but an org admin deletes a deal, even their own, then 403', async () => {
    for (const c of [team.employee.client, team.partner.client, team.rep.client]) {
      const own = await dealOf(c, { contactId: await contactOf(c) });
      expect((await c.del(`/deals/${own.id}`)).statusCode).toBe(403);
      expect((await c.get(`/deals/${own.id}`)).statusCode).toBe(200);
      expect((await team.admin.client.del(`/deals/${own.id}`)).statusCode).toBe(204);
    }
  });

  it('when a rep commits a deal up, then only with repsCanCommitUpward; employees and partners commit their own', async () => {
    const repDeal = await dealOf(team.rep.client, { contactId: await contactOf(team.rep.client) });
    const refused = await team.rep.client.post(`/deals/${repDeal.id}/commit`, {
      visibility: 'partner',
    });
    expect(refused.statusCode).toBe(403);
    const viaPatch = await team.rep.client.patch(`/deals/${repDeal.id}`, { visibility: 'partner' });
    expect(viaPatch.statusCode).toBe(403);

    const partnerDeal = await dealOf(team.partner.client, {
      contactId: await contactOf(team.partner.client),
    });
    expect(
      (
        await team.partner.client.post(`/deals/${partnerDeal.id}/commit`, { visibility: 'partner' })
      ).json().visibility,
    ).toBe('partner');
    const empDeal = await dealOf(team.employee.client, {
      contactId: await contactOf(team.employee.client),
    });
    // A staff deal has no partner level.
    expect(
      (await team.employee.client.post(`/deals/${empDeal.id}/commit`, { visibility: 'partner' }))
        .statusCode,
    ).toBe(422);
    expect(
      (
        await team.employee.client.post(`/deals/${empDeal.id}/commit`, {
          visibility: 'organization',
        })
      ).statusCode,
    ).toBe(200);
  });

  it('when an org admin reassigns a deal, then partnerId follows the owner; non-admins may not set ownerId', async () => {
    const contactId = await contactOf(team.org.owner, { visibility: 'organization' });
    const deal = await dealOf(team.org.owner, { contactId });
    const res = await team.admin.client.patch(`/deals/${deal.id}`, { ownerId: team.rep.id });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ ownerId: team.rep.id, partnerId: team.partnerId });
    expect((await team.rep.client.get(`/deals/${deal.id}`)).statusCode).toBe(200);
    expect(
      (await team.rep.client.post('/deals', { title: 'X', contactId, ownerId: team.rep2.id }))
        .statusCode,
    ).toBe(422);
  });
});

describe("a private deal's history on a shared contact", () => {
  it("when a rep logs on a private deal of an organization-level contact, then other readers of the contact do not see that deal's activities", async () => {
    const contactId = await contactOf(team.admin.client, { visibility: 'organization' });
    const deal = await dealOf(team.rep.client, { contactId, amount: 777 });
    const note = await team.rep.client.post(`/deals/${deal.id}/activities`, {
      type: 'note',
      body: 'secret pricing talk',
    });
    expect(note.statusCode).toBe(201);
    const bodies = async (c: Client) =>
      JSON.stringify((await c.get(`/contacts/${contactId}/activities?limit=200`)).json().data);
    expect(await bodies(team.rep2.client)).not.toContain(deal.id);
    expect(await bodies(team.employee.client)).not.toContain('secret pricing talk');
    // The deal's owner and org admins still see it on the contact.
    expect(await bodies(team.rep.client)).toContain('secret pricing talk');
    expect(await bodies(team.admin.client)).toContain('secret pricing talk');
  });
});
