import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestApp,
  signupOrg,
  type Client,
  type Org,
  type TestApp,
} from '../../test/harness.js';

type User = { client: Client; id: string; partnerId: string | null };

let t: TestApp;
let org: Org;
let owner: User;
let admin: User;
let employee: User;
let employee2: User;
let partner: User;
let rep: User;

beforeAll(async () => {
  t = await createTestApp();
  org = await signupOrg(t.app, { plan: 'growth' });
  owner = { client: org.owner, id: org.ownerId, partnerId: null };
  admin = await org.addUser('admin');
  employee = await org.addUser('employee');
  employee2 = await org.addUser('employee');
  partner = await org.addUser('partner');
  rep = await org.addUser('sales_rep', partner.partnerId!);
});
afterAll(() => t.close());

const followUp = {
  category: 'email',
  name: 'Follow-Up Email',
  subject: 'Great speaking with you, {{first_name}}!',
  body: 'Hi {{first_name}},\n\nIt was great connecting with you today about the {{deal_title}} opportunity.\n\nAs discussed, the {{deal_stage}} stage involves reviewing the {{deal_amount}} proposal with your team at {{company_name}}.',
};

const sarah = {
  firstName: 'Sarah',
  lastName: 'Mitchell',
  email: 'sarah@acme.com',
  phone: '(555) 234-5678',
  company: 'Acme Corporation',
  jobTitle: 'VP of Operations',
};

async function createTemplate(user: User, body: Record<string, unknown>) {
  const res = await user.client.post('/templates', body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; version: number; useCount: number };
}

describe('saving templates', () => {
  it('when an e-mail template is created, then it is private to its owner by default and lists its variables', async () => {
    const res = await employee.client.post('/templates', followUp);
    expect(res.statusCode).toBe(201);
    expect(res.headers.etag).toBe('"1"');
    expect(res.json()).toMatchObject({
      category: 'email',
      name: 'Follow-Up Email',
      subject: followUp.subject,
      visibility: 'individual',
      ownerId: employee.id,
      ownerName: 'employee user',
      useCount: 0,
      lastUsedAt: null,
      canEdit: true,
      version: 1,
      variables: ['first_name', 'deal_title', 'deal_stage', 'deal_amount', 'company_name'],
    });
  });

  it('when a variable is unknown or braces are broken, then 422 names each problem and nothing is saved', async () => {
    const before = (await owner.client.get('/templates?limit=200')).json().data.length;
    const bad = await owner.client.post('/templates', {
      ...followUp,
      subject: 'Hi {{firstname}}',
      body: 'About {{deal_title}} at {{company_nme}} and {{ deal_amount',
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    const errors = bad.json().errors as { path: string; message: string }[];
    expect(errors.map((e) => e.path)).toEqual(['subject', 'body', 'body']);
    expect(errors[0]!.message).toContain('{{firstname}}');
    expect(errors[1]!.message).toContain('{{company_nme}}');
    expect(errors[2]!.message).toContain('unclosed "{{"');
    for (const body of ['{{__proto__}}', '{{constructor}}', 'done}}', '{{}}', '{{first name}}']) {
      const res = await owner.client.post('/templates', { category: 'note', name: 'N', body });
      expect(res.statusCode, body).toBe(422);
      expect(res.json().errors[0].path).toBe('body');
    }
    expect((await owner.client.get('/templates?limit=200')).json().data.length).toBe(before);
  });

  it('when the subject does not fit the category or fields are unknown or read-only, then 422', async () => {
    for (const body of [
      { ...followUp, subject: undefined },
      { ...followUp, subject: '' },
      { category: 'sms', name: 'S', subject: 'Hi', body: 'Hi' },
      { category: 'fax', name: 'F', body: 'Hi' },
      { ...followUp, body: '   ' },
      { ...followUp, ownerId: employee.id },
      { ...followUp, useCount: 9 },
      { ...followUp, visibility: 'partner' },
      { ...followUp, subject: 'line one\nline two' },
    ]) {
      const res = await owner.client.post('/templates', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(422);
    }
    const sms = await owner.client.post('/templates', {
      category: 'sms',
      name: 'S',
      subject: null,
      body: 'Hi {{ first_name | there }}',
    });
    expect(sms.statusCode).toBe(201);
    expect(sms.json().subject).toBeNull();
  });

  it('when a template is patched with the right If-Match, then it changes; a stale one is 412 and a bad body 422', async () => {
    const tpl = await createTemplate(employee, {
      category: 'note',
      name: 'Call notes',
      body: 'Call with {{full_name}}',
    });
    const stale = await employee.client.patch(
      `/templates/${tpl.id}`,
      { name: 'X' },
      { 'if-match': '"7"' },
    );
    expect(stale.statusCode).toBe(412);
    const ok = await employee.client.patch(
      `/templates/${tpl.id}`,
      { name: 'Discovery call', visibility: 'organization' },
      { 'if-match': '"1"' },
    );
    expect(ok.statusCode).toBe(200);
    expect(ok.headers.etag).toBe('"2"');
    expect(ok.json()).toMatchObject({
      name: 'Discovery call',
      visibility: 'organization',
      version: 2,
    });
    const lint = await employee.client.patch(`/templates/${tpl.id}`, { body: 'Hi {{nick}}' });
    expect(lint.statusCode).toBe(422);
    expect(lint.json().errors[0].message).toContain('{{nick}}');
    const toEmail = await employee.client.patch(`/templates/${tpl.id}`, { category: 'email' });
    expect(toEmail.statusCode).toBe(422);
    expect(toEmail.json().errors[0].path).toBe('subject');
    const fixed = await employee.client.patch(`/templates/${tpl.id}`, {
      category: 'email',
      subject: 'Notes for {{company|your team}}',
    });
    expect(fixed.statusCode).toBe(200);
    const back = await employee.client.get(`/templates/${tpl.id}`);
    expect(back.headers.etag).toBe('"3"');
    expect(back.json()).toMatchObject({
      category: 'email',
      body: 'Call with {{full_name}}',
      name: 'Discovery call',
    });
  });

  it('when a template is deleted, then it is gone from reads and lists', async () => {
    const tpl = await createTemplate(rep, {
      category: 'sms',
      name: 'Bye',
      body: 'Bye {{first_name}}',
    });
    expect((await rep.client.del(`/templates/${tpl.id}`, { 'if-match': '"2"' })).statusCode).toBe(
      412,
    );
    expect((await rep.client.get(`/templates/${tpl.id}`)).statusCode).toBe(200);
    expect((await rep.client.del(`/templates/${tpl.id}`, { 'if-match': '"1"' })).statusCode).toBe(
      204,
    );
    expect((await rep.client.get(`/templates/${tpl.id}`)).statusCode).toBe(404);
    expect((await owner.client.get(`/templates/${tpl.id}`)).statusCode).toBe(404);
    const ids = (await rep.client.get('/templates')).json().data.map((x: { id: string }) => x.id);
    expect(ids).not.toContain(tpl.id);
    expect((await rep.client.del(`/templates/${tpl.id}`)).statusCode).toBe(404);
  });
});

describe('who sees and edits templates', () => {
  it('when a template is private, then only its owner and org admins see it; others get 404', async () => {
    const mine = await createTemplate(employee, { category: 'note', name: 'Private', body: 'x' });
    for (const u of [employee, owner, admin]) {
      expect((await u.client.get(`/templates/${mine.id}`)).statusCode).toBe(200);
    }
    for (const u of [employee2, partner, rep]) {
      expect((await u.client.get(`/templates/${mine.id}`)).statusCode).toBe(404);
      expect((await u.client.patch(`/templates/${mine.id}`, { name: 'y' })).statusCode).toBe(404);
      expect((await u.client.del(`/templates/${mine.id}`)).statusCode).toBe(404);
      expect((await u.client.post(`/templates/${mine.id}/preview`, {})).statusCode).toBe(404);
      const ids = (await u.client.get('/templates?limit=200'))
        .json()
        .data.map((x: { id: string }) => x.id);
      expect(ids).not.toContain(mine.id);
    }
    const adminIds = (await admin.client.get('/templates?limit=200'))
      .json()
      .data.map((x: { id: string }) => x.id);
    expect(adminIds).toContain(mine.id);
  });

  it('when a template is shared, then everyone uses it but only its owner and org admins edit it (others 403)', async () => {
    const shared = await createTemplate(partner, {
      category: 'sms',
      name: 'Shared reminder',
      body: 'Hi {{first_name|there}}',
      visibility: 'organization',
    });
    for (const u of [employee, employee2, rep]) {
      const got = await u.client.get(`/templates/${shared.id}`);
      expect(got.statusCode).toBe(200);
      expect(got.json().canEdit).toBe(false);
      expect((await u.client.post(`/templates/${shared.id}/preview`, {})).statusCode).toBe(200);
      const edit = await u.client.patch(`/templates/${shared.id}`, { name: 'Mine now' });
      expect(edit.statusCode).toBe(403);
      expect((await u.client.del(`/templates/${shared.id}`)).statusCode).toBe(403);
    }
    expect(
      (await partner.client.patch(`/templates/${shared.id}`, { name: 'By owner' })).statusCode,
    ).toBe(200);
    const byAdmin = await admin.client.patch(`/templates/${shared.id}`, { name: 'By admin' });
    expect(byAdmin.statusCode).toBe(200);
    expect(byAdmin.json()).toMatchObject({ name: 'By admin', ownerId: partner.id, canEdit: true });
    expect((await owner.client.get(`/templates/${shared.id}`)).json().name).toBe('By admin');
  });

  it("when an org admin opens someone else's private template, then they can edit and delete it", async () => {
    const mine = await createTemplate(rep, { category: 'note', name: 'Rep only', body: 'x' });
    const edit = await admin.client.patch(`/templates/${mine.id}`, {
      body: 'Checked by admin {{email}}',
    });
    expect(edit.statusCode).toBe(200);
    expect((await rep.client.get(`/templates/${mine.id}`)).json().body).toBe(
      'Checked by admin {{email}}',
    );
    expect((await owner.client.del(`/templates/${mine.id}`)).statusCode).toBe(204);
  });

  it('when a malformed or unknown id is asked, then 404', async () => {
    expect((await owner.client.get('/templates/nope')).statusCode).toBe(404);
    expect(
      (await owner.client.get('/templates/01a206e1-41ed-72a4-82ca-300d92cef5b8')).statusCode,
    ).toBe(404);
  });

  it('when another organization asks for a template, then it does not exist for them', async () => {
    const tpl = await createTemplate(owner, { ...followUp, visibility: 'organization' });
    const other = await signupOrg(t.app, { plan: 'growth' });
    expect((await other.owner.get(`/templates/${tpl.id}`)).statusCode).toBe(404);
    const ids = (await other.owner.get('/templates')).json().data.map((x: { id: string }) => x.id);
    expect(ids).not.toContain(tpl.id);
  });
});

describe('the variable catalog and the list', () => {
  it('when editors ask for the variables, then every name, alias, source and example is there', async () => {
    const res = await rep.client.get('/templates/variables');
    expect(res.statusCode).toBe(200);
    const data = res.json().data as {
      name: string;
      source: string;
      example: string;
      aliasOf?: string;
    }[];
    expect(data.map((v) => `${v.name}:${v.source}:${v.example}`)).toEqual([
      'first_name:contact:Sarah',
      'last_name:contact:Mitchell',
      'full_name:contact:Sarah Mitchell',
      'email:contact:sarah@acme.com',
      'phone:contact:(555) 234-5678',
      'company_name:contact:Acme Corporation',
      'job_title:contact:VP of Operations',
      'deal_title:deal:Enterprise Platform',
      'deal_amount:deal:$120,000',
      'deal_stage:deal:Negotiation',
      'company:contact:Acme Corporation',
      'deal_name:deal:Enterprise Platform',
    ]);
    expect(data.find((v) => v.name === 'company')!.aliasOf).toBe('company_name');
    expect(data.find((v) => v.name === 'deal_name')!.aliasOf).toBe('deal_title');
  });

  it('when listing, then the most used come first, then by name, with category filter and pages', async () => {
    const fresh = await signupOrg(t.app, { plan: 'growth' });
    const me = { client: fresh.owner, id: fresh.ownerId, partnerId: null };
    const contact = (await me.client.post('/contacts', sarah)).json();
    const b = await createTemplate(me, { category: 'note', name: 'Bravo', body: 'b' });
    await createTemplate(me, { category: 'sms', name: 'Alpha', body: 'a' });
    const c = await createTemplate(me, { category: 'note', name: 'Charlie', body: 'c' });
    await me.client.post(`/templates/${c.id}/use`, { contactId: contact.id });
    await me.client.post(`/templates/${c.id}/use`, { contactId: contact.id });
    await me.client.post(`/templates/${b.id}/use`, { contactId: contact.id });
    const names = (r: { json(): { data: { name: string }[] } }) => r.json().data.map((x) => x.name);
    expect(names(await me.client.get('/templates'))).toEqual(['Charlie', 'Bravo', 'Alpha']);
    expect(names(await me.client.get('/templates?category=note'))).toEqual(['Charlie', 'Bravo']);
    expect(names(await me.client.get('/templates?q=alp'))).toEqual(['Alpha']);
    const p1 = (await me.client.get('/templates?limit=2')).json();
    expect(p1.data.map((x: { name: string }) => x.name)).toEqual(['Charlie', 'Bravo']);
    const p2 = (await me.client.get(`/templates?limit=2&cursor=${p1.nextCursor}`)).json();
    expect(p2).toMatchObject({ data: [{ name: 'Alpha' }], nextCursor: null });
    expect((await me.client.get('/templates?category=fax')).statusCode).toBe(422);
    expect((await me.client.get('/templates?cursor=garbage')).statusCode).toBe(422);
    expect((await me.client.get('/templates?limit=0')).statusCode).toBe(422);
  });
});
