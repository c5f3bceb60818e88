import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../../test/harness.js';
import { contactOf, dealOf, orgWithTeam, type Deal } from '../../test/deals.js';

type TimelineItem = { dealId: string | null; dealTitle: string | null; body: string | null };

let t: TestApp;
let team: Awaited<ReturnType<typeof orgWithTeam>>;
let otherRep: Client;
let otherPartner: Client;
beforeAll(async () => {
  t = await createTestApp();
  team = await orgWithTeam(t);
  const fabrikam = await team.org.addPartner('Fabrikam');
  otherPartner = (await team.org.addUser('partner', fabrikam)).client;
  otherRep = (await team.org.addUser('sales_rep', fabrikam)).client;
});
afterAll(() => t.close());

const dealsOfContact = async (c: Client, contactId: string) => {
  const res = await c.get(`/deals?contactId=${contactId}&limit=200`);
  expect(res.statusCode).toBe(200);
  return (res.json() as { data: Deal[] }).data.map((d) => d.title).sort();
};
const contactTimeline = async (c: Client, contactId: string) => {
  const res = await c.get(`/contacts/${contactId}/activities?limit=200`);
  expect(res.statusCode).toBe(200);
  return (res.json() as { data: TimelineItem[] }).data;
};

describe("a contact's deals and their activities (the contact page)", () => {
  it("when two partners' reps have deals on one shared contact, then each sees only the deals and deal activities it may read", async () => {
    const contactId = await contactOf(team.admin.client, { visibility: 'organization' });
    const mine = await dealOf(team.rep.client, { contactId, title: 'Northwind renewal' });
    const theirs = await dealOf(otherRep, { contactId, title: 'Fabrikam upsell' });
    await team.org.owner.patch('/crm/settings', { repsCanCommitUpward: true });
    // Partner level: Fabrikam's whole team reads it, Northwind's never does.
    const committed = await otherRep.post(`/deals/${theirs.id}/commit`, { visibility: 'partner' });
    await team.org.owner.patch('/crm/settings', { repsCanCommitUpward: false });
    expect(committed.statusCode).toBe(200);
    for (const [c, deal, body] of [
      [team.rep.client, mine, 'Northwind call notes'],
      [otherRep, theirs, 'Fabrikam pricing notes'],
    ] as const) {
      const res = await c.post(`/deals/${deal.id}/activities`, { type: 'call', body });
      expect(res.statusCode).toBe(201);
      // The answer names the deal too, as the timeline does.
      expect(res.json()).toMatchObject({ dealId: deal.id, dealTitle: deal.title });
    }

    expect(await dealsOfContact(team.rep.client, contactId)).toEqual(['Northwind renewal']);
    expect(await dealsOfContact(team.rep2.client, contactId)).toEqual([]);
    expect(await dealsOfContact(otherPartner, contactId)).toEqual(['Fabrikam upsell']);
    expect(await dealsOfContact(team.admin.client, contactId)).toEqual([
      'Fabrikam upsell',
      'Northwind renewal',
    ]);
    expect((await team.rep.client.get(`/deals/${theirs.id}`)).statusCode).toBe(404);

    const repView = await contactTimeline(team.rep.client, contactId);
    expect(JSON.stringify(repView)).not.toContain(theirs.id);
    expect(JSON.stringify(repView)).not.toContain('Fabrikam');
    const call = repView.find((a) => a.body === 'Northwind call notes');
    expect(call).toMatchObject({ dealId: mine.id, dealTitle: 'Northwind renewal' });
    expect(repView.filter((a) => a.dealId !== null).every((a) => a.dealId === mine.id)).toBe(true);

    const partnerView = JSON.stringify(await contactTimeline(otherPartner, contactId));
    expect(partnerView).toContain('Fabrikam pricing notes');
    expect(partnerView).not.toContain('Northwind');

    const adminView = await contactTimeline(team.admin.client, contactId);
    expect(adminView.find((a) => a.body === 'Fabrikam pricing notes')?.dealTitle).toBe(
      'Fabrikam upsell',
    );
    // Activities of the contact itself carry no deal.
    expect(adminView.find((a) => a.dealId === null)?.dealTitle).toBeNull();
  });

  it('when a deal is renamed or deleted, then its activities on the contact show the current title, or none once deleted', async () => {
    const contactId = await contactOf(team.admin.client, { visibility: 'organization' });
    const deal = await dealOf(team.admin.client, { contactId, title: 'Old name' });
    const renamed = await team.admin.client.patch(`/deals/${deal.id}`, { title: 'New name' });
    expect(renamed.statusCode).toBe(200);
    const titles = (await contactTimeline(team.admin.client, contactId))
      .filter((a) => a.dealId === deal.id)
      .map((a) => a.dealTitle);
    expect(new Set(titles)).toEqual(new Set(['New name']));
    expect((await team.admin.client.del(`/deals/${deal.id}`)).statusCode).toBe(204);
    const after = (await contactTimeline(team.admin.client, contactId)).filter(
      (a) => a.dealId === deal.id,
    );
    expect(after.length).toBeGreaterThan(0);
    expect(after.every((a) => a.dealTitle === null)).toBe(true);
  });
});
