import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signupOrg, type Client, type TestApp } from '../../test/harness.js';
import { contactOf, dealOf, timelineOf } from '../../test/deals.js';

let t: TestApp;
let writer: Client;
let reader: Client;
beforeAll(async () => {
  t = await createTestApp();
  const org = await signupOrg(t.app, { plan: 'growth' });
  writer = (await org.addUser('employee')).client;
  reader = (await org.addUser('employee')).client;
});
afterAll(() => t.close());

/** Uses a template that renders the contact's details on the contact and the deal. */
async function useTemplate(contactId: string, dealId: string): Promise<void> {
  const template = await writer.post('/templates', {
    category: 'note',
    name: 'Call sheet',
    body: 'Call {{full_name}} at {{phone}} or {{email}}',
  });
  expect(template.statusCode).toBe(201);
  const used = await writer.post(`/templates/${template.json().id}/use`, { contactId, dealId });
  expect(used.statusCode).toBe(200);
  expect(used.json().body).toContain('Secretia');
}

const leaks = (activities: { subject: string | null; body: string | null }[]) =>
  activities.filter((a) => `${a.subject} ${a.body}`.match(/Secretia|555-0199|hidden@/));

describe('who reads a timeline', () => {
  it("trust #6: when a deal's contact is private, then the deal's timeline shows its readers nothing rendered from that contact", async () => {
    const contactId = await contactOf(
      writer,
      { visibility: 'individual', phone: '555-0199', email: 'hidden@timeline.test' },
      'Secretia',
    );
    const deal = await dealOf(writer, { contactId, amount: 100, visibility: 'organization' });
    await useTemplate(contactId, deal.id);

    expect((await reader.get(`/contacts/${contactId}`)).statusCode).toBe(404);
    expect((await reader.get(`/deals/${deal.id}`)).statusCode).toBe(200);
    const seen = await timelineOf(reader, `/deals/${deal.id}`);
    expect(leaks(seen)).toEqual([]);
    expect(seen.filter((a) => a.contactId === contactId)).toEqual([]);
    // Its writer, who reads the contact, still sees the whole history.
    const own = await timelineOf(writer, `/deals/${deal.id}`);
    expect(own.map((a) => a.type)).toContain('template_used');
  });

  it("trust #6: when a contact's deal is private, then the contact's timeline hides that deal's activities (the same rule)", async () => {
    const contactId = await contactOf(writer, { visibility: 'organization' }, 'Opena');
    const deal = await dealOf(writer, { contactId, amount: 100, visibility: 'individual' });
    await writer.post(`/deals/${deal.id}/activities`, { type: 'note', body: 'private deal note' });
    expect((await reader.get(`/deals/${deal.id}`)).statusCode).toBe(404);
    const seen = await timelineOf(reader, `/contacts/${contactId}`);
    expect(seen.filter((a) => a.dealId === deal.id)).toEqual([]);
    const own = await timelineOf(writer, `/contacts/${contactId}`);
    expect(own.some((a) => a.body === 'private deal note')).toBe(true);
  });
});
