import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signupOrg, type TestApp } from '../../test/harness.js';
import { contactOf, dealOf, stageIds } from '../../test/deals.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('GET /stats/getting-started', () => {
  it('when a new organization takes each first step, then the matching count or flag turns on', async () => {
    const org = await signupOrg(t.app, { plan: 'growth' });
    const read = async () => {
      const res = await org.owner.get('/stats/getting-started');
      expect(res.statusCode).toBe(200);
      return res.json();
    };
    expect(await read()).toEqual({
      contacts: 0,
      deals: 0,
      activities: 0,
      templates: 0,
      users: 1,
      stagesCustomized: false,
    });

    const contactId = await contactOf(org.owner);
    // Creating a contact logs a system activity; only a person's note, call… counts.
    expect(await read()).toMatchObject({ contacts: 1, activities: 0 });
    await dealOf(org.owner, { contactId });
    const logged = await org.owner.post(`/contacts/${contactId}/activities`, {
      type: 'call',
      body: 'Intro call',
    });
    expect(logged.statusCode).toBe(201);
    const template = await org.owner.post('/templates', {
      category: 'note',
      name: 'Call notes',
      body: 'Spoke with {{first_name}}',
    });
    expect(template.statusCode).toBe(201);
    await org.addUser('sales_rep');
    const stages = await stageIds(org.owner);
    const renamed = await org.owner.patch(
      `/stages/${stages.qualified}`,
      { name: 'Demo scheduled' },
      { 'if-match': '"1"' },
    );
    expect(renamed.statusCode).toBe(200);

    expect(await read()).toEqual({
      contacts: 1,
      deals: 1,
      activities: 1,
      templates: 1,
      users: 2,
      stagesCustomized: true,
    });
  });

  it('when a partner or rep asks, then 403: the counts are org-wide', async () => {
    const org = await signupOrg(t.app, { plan: 'growth' });
    const rep = await org.addUser('sales_rep');
    const partner = await org.addUser('partner');
    for (const who of [rep, partner]) {
      const res = await who.client.get('/stats/getting-started');
      expect(res.statusCode).toBe(403);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
  });

  it('when another organization sets up, then this one still counts nothing', async () => {
    const a = await signupOrg(t.app, { plan: 'growth' });
    const b = await signupOrg(t.app, { plan: 'growth' });
    await contactOf(b.owner);
    expect((await a.owner.get('/stats/getting-started')).json()).toMatchObject({ contacts: 0 });
  });
});
