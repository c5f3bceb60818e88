import { and, eq } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Visibility } from '../db/schema.js';
import { deals, stages } from '../db/schema.js';
import {
  createTestApp,
  signupOrg,
  type Client,
  type Org,
  type TestApp,
} from '../../test/harness.js';

type User = { client: Client; id: string; partnerId: string | null };
type Contact = { id: string; ownerId: string; partnerId: string | null };

let t: TestApp;
let org: Org;
let owner: User;
let employee: User;
let rep: User;
let sarahContact: Contact;
let sarahDeal: string;
let followUp: string;

const sarah = {
  firstName: 'Sarah',
  lastName: 'Mitchell',
  email: 'sarah@acme.com',
  phone: '(555) 234-5678',
  company: 'Acme Corporation',
  jobTitle: 'VP of Operations',
};

async function createContact(user: User, body: Record<string, unknown> = {}): Promise<Contact> {
  const res = await user.client.post('/contacts', {
    ...sarah,
    visibility: 'organization',
    ...body,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

/** Deals are inserted directly: the deals API is another engineer's work in progress. */
async function insertDeal(
  contact: Contact,
  fields: {
    title?: string;
    amount?: string;
    currency?: string;
    stage?: string;
    visibility?: Visibility;
  } = {},
): Promise<string> {
  const [stage] = await t.database.unsafeOwner
    .select()
    .from(stages)
    .where(and(eq(stages.orgId, org.orgId), eq(stages.slug, fields.stage ?? 'negotiation')));
  const id = uuidv7();
  await t.database.unsafeOwner.insert(deals).values({
    orgId: org.orgId,
    id,
    title: fields.title ?? 'Enterprise Platform',
    amount: fields.amount ?? '120000.00',
    currency: fields.currency ?? 'USD',
    probability: stage!.probability,
    contactId: contact.id,
    stageId: stage!.id,
    position: 1,
    ownerId: contact.ownerId,
    partnerId: contact.partnerId,
    visibility: fields.visibility ?? 'organization',
    createdBy: contact.ownerId,
  });
  return id;
}

async function createTemplate(user: User, body: Record<string, unknown>): Promise<string> {
  const res = await user.client.post('/templates', body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id;
}

beforeAll(async () => {
  t = await createTestApp();
  org = await signupOrg(t.app, { plan: 'growth' });
  owner = { client: org.owner, id: org.ownerId, partnerId: null };
  employee = await org.addUser('employee');
  rep = await org.addUser('sales_rep');
  sarahContact = await createContact(employee);
  sarahDeal = await insertDeal(sarahContact);
  followUp = await createTemplate(owner, {
    category: 'email',
    name: 'Follow-Up Email',
    visibility: 'organization',
    subject: 'Great speaking with you, {{first_name}}!',
    body: 'Hi {{first_name}}, about {{deal_title}}: the {{deal_stage}} stage reviews the {{deal_amount}} proposal with {{company_name}}.',
  });
});
afterAll(() => t.close());

describe('previewing a template', () => {
  it('when previewed with a contact and its deal, then every variable shows real data', async () => {
    const res = await employee.client.post(`/templates/${followUp}/preview`, {
      contactId: sarahContact.id,
      dealId: sarahDeal,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      subject: 'Great speaking with you, Sarah!',
      body: 'Hi Sarah, about Enterprise Platform: the Negotiation stage reviews the $120,000 proposal with Acme Corporation.',
      missing: [],
    });
  });

  it('when previewed with only a deal, then the deal’s contact fills the contact variables', async () => {
    const res = await employee.client.post(`/templates/${followUp}/preview`, { dealId: sarahDeal });
    expect(res.json()).toMatchObject({ subject: 'Great speaking with you, Sarah!', missing: [] });
  });

  it('when every variable and alias is previewed, then each renders from the contact and deal', async () => {
    const all = await createTemplate(rep, {
      category: 'note',
      name: 'All',
      body: '{{first_name}}|{{last_name}}|{{full_name}}|{{email}}|{{phone}}|{{company_name}}|{{job_title}}|{{deal_title}}|{{deal_amount}}|{{deal_stage}}|{{company}}|{{deal_name}}|{{ first_name }}',
    });
    const res = await rep.client.post(`/templates/${all}/preview`, {
      contactId: sarahContact.id,
      dealId: sarahDeal,
    });
    expect(res.json().body).toBe(
      'Sarah|Mitchell|Sarah Mitchell|sarah@acme.com|(555) 234-5678|Acme Corporation|VP of Operations|Enterprise Platform|$120,000|Negotiation|Acme Corporation|Enterprise Platform|Sarah',
    );
  });

  it('when values are empty, then fallbacks apply and the rest are reported as missing and rendered empty', async () => {
    const bare = await createContact(employee, { phone: null, company: null, jobTitle: null });
    const tpl = await createTemplate(employee, {
      category: 'sms',
      name: 'Fallbacks',
      body: 'Hi {{first_name|there}} at {{company|your company}}, call {{phone}} re {{deal_name}}.',
    });
    const res = await employee.client.post(`/templates/${tpl}/preview`, { contactId: bare.id });
    expect(res.json()).toEqual({
      subject: null,
      body: 'Hi Sarah at your company, call  re .',
      missing: ['phone', 'deal_name'],
    });
    const empty = await employee.client.post(`/templates/${tpl}/preview`, {});
    expect(empty.json()).toMatchObject({
      body: 'Hi there at your company, call  re .',
      missing: ['phone', 'deal_name'],
    });
  });

  it('when deals are in other currencies, then amounts show their own symbol and cents only when present', async () => {
    const tpl = await createTemplate(employee, {
      category: 'note',
      name: 'Amount',
      body: '{{deal_amount}}',
    });
    for (const [amount, currency, shown] of [
      ['120000.00', 'USD', '$120,000'],
      ['1234.50', 'USD', '$1,234.50'],
      ['98000.00', 'EUR', '€98,000'],
      ['5000000.00', 'JPY', '¥5,000,000'],
      ['750.99', 'GBP', '£750.99'],
    ] as const) {
      const dealId = await insertDeal(sarahContact, { amount, currency });
      const res = await employee.client.post(`/templates/${tpl}/preview`, { dealId });
      expect(res.json().body, `${amount} ${currency}`).toBe(shown);
    }
  });

  it('when a contact field holds braces or markup, then it is inserted as plain text, never re-rendered', async () => {
    const odd = await createContact(employee, {
      firstName: '{{last_name}}',
      lastName: '<script>alert(1)</script>',
    });
    const res = await employee.client.post(`/templates/${followUp}/preview`, {
      contactId: odd.id,
    });
    expect(res.json().subject).toBe('Great speaking with you, {{last_name}}!');
    expect(res.json().missing).toEqual(['deal_title', 'deal_stage', 'deal_amount']);
  });

  it('when only a deal is given and its contact is hidden from the caller, then contact variables stay empty', async () => {
    const privateContact = await createContact(employee, { visibility: 'individual' });
    const sharedDeal = await insertDeal(privateContact, { title: 'Shared Deal' });
    const res = await rep.client.post(`/templates/${followUp}/preview`, { dealId: sharedDeal });
    expect(res.statusCode).toBe(200);
    expect(res.json().subject).toBe('Great speaking with you, !');
    expect(res.json().body).not.toContain('Sarah');
    expect(res.json().body).toContain('Shared Deal');
    expect(res.json().missing).toEqual(['first_name', 'company_name']);
  });

  it('when the deal was made through the deals API, then preview renders it too', async () => {
    const made = await employee.client.post('/deals', {
      title: 'API Deal',
      amount: 2500.5,
      currency: 'eur',
      contactId: sarahContact.id,
    });
    expect(made.statusCode, made.body).toBe(201);
    const res = await employee.client.post(`/templates/${followUp}/preview`, {
      dealId: made.json().id,
    });
    expect(res.json().body).toBe(
      'Hi Sarah, about API Deal: the Lead stage reviews the €2,500.50 proposal with Acme Corporation.',
    );
  });

  it('when the caller cannot read the contact or deal, then 404; a deal of another contact is 422', async () => {
    const hidden = await createContact(employee, { visibility: 'individual' });
    const hiddenDeal = await insertDeal(hidden, { visibility: 'individual' });
    const other = await createContact(employee);
    expect(
      (await rep.client.post(`/templates/${followUp}/preview`, { contactId: hidden.id }))
        .statusCode,
    ).toBe(404);
    expect(
      (await rep.client.post(`/templates/${followUp}/preview`, { dealId: hiddenDeal })).statusCode,
    ).toBe(404);
    expect(
      (
        await rep.client.post(`/templates/${followUp}/use`, {
          contactId: hidden.id,
        })
      ).statusCode,
    ).toBe(404);
    const mismatch = await employee.client.post(`/templates/${followUp}/preview`, {
      contactId: other.id,
      dealId: sarahDeal,
    });
    expect(mismatch.statusCode).toBe(422);
    expect(mismatch.json().errors[0].path).toBe('dealId');
    expect(
      (await employee.client.post(`/templates/${followUp}/preview`, { contactId: 'x' })).statusCode,
    ).toBe(422);
    expect((await owner.client.get(`/templates/${followUp}`)).json().useCount).toBe(0);
  });
});

describe('using a template', () => {
  it('when used on a contact and deal, then the use is counted and one template_used activity holds the text', async () => {
    const tpl = await createTemplate(employee, {
      category: 'email',
      name: 'Intro',
      subject: 'Hello {{first_name}}',
      body: 'Dear {{full_name}}, re {{deal_name}} ({{deal_amount}}).',
    });
    const res = await employee.client.post(`/templates/${tpl}/use`, {
      contactId: sarahContact.id,
      dealId: sarahDeal,
    });
    expect(res.statusCode).toBe(200);
    const used = res.json();
    expect(used).toMatchObject({
      templateId: tpl,
      subject: 'Hello Sarah',
      body: 'Dear Sarah Mitchell, re Enterprise Platform ($120,000).',
      missing: [],
      useCount: 1,
    });
    const again = await employee.client.get(`/templates/${tpl}`);
    expect(again.json()).toMatchObject({ useCount: 1, lastUsedAt: used.lastUsedAt, version: 1 });
    const timeline = (
      await employee.client.get(`/contacts/${sarahContact.id}/activities?type=template_used`)
    ).json().data;
    const activity = timeline.find((a: { id: string }) => a.id === used.activityId);
    expect(activity).toMatchObject({
      type: 'template_used',
      subject: 'Hello Sarah',
      body: 'Dear Sarah Mitchell, re Enterprise Platform ($120,000).',
      contactId: sarahContact.id,
      dealId: sarahDeal,
      actorId: employee.id,
    });
  });

  it('when an SMS is used, then the activity subject is the template name', async () => {
    const tpl = await createTemplate(rep, {
      category: 'sms',
      name: 'Ping',
      body: 'Hi {{first_name}}',
    });
    const res = await rep.client.post(`/templates/${tpl}/use`, { contactId: sarahContact.id });
    expect(res.json()).toMatchObject({ subject: null, body: 'Hi Sarah', useCount: 1 });
    const timeline = (
      await rep.client.get(`/contacts/${sarahContact.id}/activities?type=template_used`)
    ).json().data;
    expect(timeline.find((a: { id: string }) => a.id === res.json().activityId)).toMatchObject({
      subject: 'Ping',
      body: 'Hi Sarah',
      dealId: null,
    });
  });

  it('when five uses arrive at once, then the count is exactly five', async () => {
    const tpl = await createTemplate(owner, {
      category: 'note',
      name: 'Busy',
      body: 'Called {{first_name}}',
      visibility: 'organization',
    });
    const results = await Promise.all(
      [owner, employee, rep, employee, owner].map((u) =>
        u.client.post(`/templates/${tpl}/use`, { contactId: sarahContact.id }),
      ),
    );
    expect(results.map((r) => r.statusCode)).toEqual([200, 200, 200, 200, 200]);
    expect(results.map((r) => r.json().useCount).sort()).toEqual([1, 2, 3, 4, 5]);
    expect((await owner.client.get(`/templates/${tpl}`)).json().useCount).toBe(5);
  });

  it('when the body is incomplete, then use needs a contact (422) and counts nothing', async () => {
    const res = await employee.client.post(`/templates/${followUp}/use`, { dealId: sarahDeal });
    expect(res.statusCode).toBe(422);
    const extra = await employee.client.post(`/templates/${followUp}/use`, {
      contactId: sarahContact.id,
      note: 'x',
    });
    expect(extra.statusCode).toBe(422);
    expect((await owner.client.get(`/templates/${followUp}`)).json().useCount).toBe(0);
  });
});
