import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signupOrg, type Org, type TestApp } from '../../test/harness.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const person = (n: string) => ({
  firstName: n,
  lastName: 'Test',
  email: `${n.toLowerCase()}@perm.test`,
});

async function orgWithTeam() {
  const org = await signupOrg(t.app, { plan: 'growth' });
  const partnerId = await org.addPartner('Northwind');
  const admin = await org.addUser('admin');
  const employee = await org.addUser('employee');
  const partner = await org.addUser('partner', partnerId);
  const rep = await org.addUser('sales_rep', partnerId);
  return { org, admin, employee, partner, rep };
}

describe('role permissions on contacts (DESIGN §4)', () => {
  let team: Awaited<ReturnType<typeof orgWithTeam>>;
  beforeAll(async () => {
    team = await orgWithTeam();
  });

  it('when each role edits its own contact, then admins, employees and partners may but reps may not (unless the setting allows)', async () => {
    const { org, admin, employee, partner, rep } = team;
    for (const [who, expected] of [
      [admin, 200],
      [employee, 200],
      [partner, 200],
      [rep, 403],
    ] as const) {
      const c = (await who.client.post('/contacts', person('Own'))).json();
      const res = await who.client.patch(`/contacts/${c.id}`, { city: 'Lisbon' });
      expect(res.statusCode).toBe(expected);
    }
    await org.owner.patch('/crm/settings', { repsCanEditOwnContacts: true });
    const c = (await rep.client.post('/contacts', person('RepOwn'))).json();
    expect((await rep.client.patch(`/contacts/${c.id}`, { city: 'Lisbon' })).statusCode).toBe(200);
    await org.owner.patch('/crm/settings', { repsCanEditOwnContacts: false });
  });

  it("when a user edits someone else's readable contact, then only org admins may (others 403)", async () => {
    const { admin, employee, partner, rep } = team;
    const shared = (
      await admin.client.post('/contacts', { ...person('Shared'), visibility: 'organization' })
    ).json();
    expect((await employee.client.patch(`/contacts/${shared.id}`, { city: 'X' })).statusCode).toBe(
      403,
    );
    expect((await partner.client.patch(`/contacts/${shared.id}`, { city: 'X' })).statusCode).toBe(
      403,
    );
    expect((await rep.client.patch(`/contacts/${shared.id}`, { city: 'X' })).statusCode).toBe(403);
    expect((await team.org.owner.patch(`/contacts/${shared.id}`, { city: 'Y' })).statusCode).toBe(
      200,
    );
    expect((await admin.client.get(`/contacts/${shared.id}`)).json().city).toBe('Y');
  });

  it('when deleting, then org admins may; employees, reps and partners may not unless partnersCanDeleteOwnContacts', async () => {
    const { org, admin, employee, partner, rep } = team;
    for (const who of [employee, partner, rep]) {
      const c = (await who.client.post('/contacts', person('Del'))).json();
      expect((await who.client.del(`/contacts/${c.id}`)).statusCode).toBe(403);
      expect((await admin.client.del(`/contacts/${c.id}`)).statusCode).toBe(204);
    }
    await org.owner.patch('/crm/settings', { partnersCanDeleteOwnContacts: true });
    const own = (await partner.client.post('/contacts', person('PDel'))).json();
    expect((await partner.client.del(`/contacts/${own.id}`)).statusCode).toBe(204);
    await org.owner.patch('/crm/settings', { partnersCanDeleteOwnContacts: false });
  });

  it('when committing up, then owners (employee, partner) may, reps only with repsCanCommitUpward, and staff records skip partner', async () => {
    const { org, employee, partner, rep } = team;
    const ec = (await employee.client.post('/contacts', person('Emp'))).json();
    expect(
      (await employee.client.post(`/contacts/${ec.id}/commit`, { visibility: 'partner' }))
        .statusCode,
    ).toBe(422);
    expect(
      (await employee.client.post(`/contacts/${ec.id}/commit`, { visibility: 'organization' }))
        .statusCode,
    ).toBe(200);
    const pc = (await partner.client.post('/contacts', person('Par'))).json();
    expect(
      (await partner.client.post(`/contacts/${pc.id}/commit`, { visibility: 'partner' }))
        .statusCode,
    ).toBe(200);
    const rc = (await rep.client.post('/contacts', person('Rep'))).json();
    expect(
      (await rep.client.post(`/contacts/${rc.id}/commit`, { visibility: 'partner' })).statusCode,
    ).toBe(403);
    expect(
      (await rep.client.patch(`/contacts/${rc.id}`, { visibility: 'partner' })).statusCode,
    ).toBe(403);
    await org.owner.patch('/crm/settings', { repsCanCommitUpward: true });
    expect(
      (await rep.client.post(`/contacts/${rc.id}/commit`, { visibility: 'partner' })).statusCode,
    ).toBe(200);
    // The partner now reads it, and the partner manager may not commit a rep's record (not the owner).
    expect((await partner.client.get(`/contacts/${rc.id}`)).statusCode).toBe(200);
    expect(
      (await partner.client.post(`/contacts/${rc.id}/commit`, { visibility: 'organization' }))
        .statusCode,
    ).toBe(403);
    await org.owner.patch('/crm/settings', { repsCanCommitUpward: false });
  });

  it('when a non-admin sets ownerId, then 422; an admin reassigns and partnerId follows the new owner', async () => {
    const { admin, employee, partner, rep } = team;
    expect(
      (await employee.client.post('/contacts', { ...person('X'), ownerId: employee.id }))
        .statusCode,
    ).toBe(422);
    const c = (
      await admin.client.post('/contacts', { ...person('Reassign'), visibility: 'organization' })
    ).json();
    const moved = await admin.client.patch(`/contacts/${c.id}`, { ownerId: rep.id });
    expect(moved.statusCode).toBe(200);
    expect(moved.json()).toMatchObject({ ownerId: rep.id, partnerId: rep.partnerId });
    // A partner-level record only moves within its partner.
    const pc = (
      await partner.client.post('/contacts', { ...person('PL'), visibility: 'partner' })
    ).json();
    expect(
      (await admin.client.patch(`/contacts/${pc.id}`, { ownerId: employee.id })).statusCode,
    ).toBe(422);
    expect((await admin.client.patch(`/contacts/${pc.id}`, { ownerId: rep.id })).statusCode).toBe(
      200,
    );
  });

  it('when a user is deactivated, then their sessions end at once and their records stay readable by admins', async () => {
    const { org, admin } = team;
    const leaver = await org.addUser('employee');
    const c = (await leaver.client.post('/contacts', person('Leaver'))).json();
    expect((await admin.client.patch(`/users/${leaver.id}`, { active: false })).statusCode).toBe(
      200,
    );
    expect((await leaver.client.get('/me')).statusCode).toBe(401);
    expect((await admin.client.get(`/contacts/${c.id}`)).statusCode).toBe(200);
    const reassigned = await admin.client.patch(`/contacts/${c.id}`, { ownerId: admin.id });
    expect(reassigned.statusCode).toBe(200);
    // Nothing can be handed to a deactivated user.
    const refused = await admin.client.patch(`/contacts/${c.id}`, { ownerId: leaver.id });
    expect(refused.statusCode).toBe(422);
  });
});

describe('CRM settings: minimum visibility for new records (DESIGN §5)', () => {
  let team: Awaited<ReturnType<typeof orgWithTeam>>;
  beforeAll(async () => {
    team = await orgWithTeam();
  });

  it('when allowPrivateContacts is off, then new records start at partner (partner side) or organization (staff), and asking individual is 422 naming the setting', async () => {
    const { org, employee, rep } = team;
    await org.owner.patch('/crm/settings', { allowPrivateContacts: false });
    expect((await rep.client.post('/contacts', person('R1'))).json().visibility).toBe('partner');
    expect((await employee.client.post('/contacts', person('E1'))).json().visibility).toBe(
      'organization',
    );
    const refused = await rep.client.post('/contacts', {
      ...person('R2'),
      visibility: 'individual',
    });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().detail).toContain('allowPrivateContacts');
    await org.owner.patch('/crm/settings', { allowPrivateContacts: true });
  });

  it('when requireCommitToOrg is on, then every new record starts at organization', async () => {
    const { org, rep } = team;
    await org.owner.patch('/crm/settings', { requireCommitToOrg: true });
    expect((await rep.client.post('/contacts', person('R3'))).json().visibility).toBe(
      'organization',
    );
    const refused = await rep.client.post('/contacts', { ...person('R4'), visibility: 'partner' });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().detail).toContain('requireCommitToOrg');
    await org.owner.patch('/crm/settings', { requireCommitToOrg: false });
  });

  it('when requireCommitToPartner is on, then partner-side records start at partner', async () => {
    const { org, rep } = team;
    await org.owner.patch('/crm/settings', { requireCommitToPartner: true });
    expect((await rep.client.post('/contacts', person('R5'))).json().visibility).toBe('partner');
    await org.owner.patch('/crm/settings', { requireCommitToPartner: false });
  });

  it('when a non-admin reads or changes settings, then 403', async () => {
    const { employee, partner } = team;
    expect((await employee.client.get('/crm/settings')).statusCode).toBe(403);
    expect(
      (await partner.client.patch('/crm/settings', { repsCanCommitUpward: true })).statusCode,
    ).toBe(403);
  });
});

describe('plan limits (DESIGN §6)', () => {
  it('when 10 creates race at 498 of 500 on Starter, then exactly 2 succeed and the rest are 403 plan-limit', async () => {
    const org = await signupOrg(t.app, { plan: 'starter' });
    await t.database.unsafeOwner.execute(
      (await import('drizzle-orm'))
        .sql`update org_usage set contacts = 498 where org_id = ${org.orgId}`,
    );
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => org.owner.post('/contacts', person(`Race${i}`))),
    );
    const codes = results.map((r) => r.statusCode).sort();
    expect(codes.filter((c) => c === 201)).toHaveLength(2);
    expect(codes.filter((c) => c === 403)).toHaveLength(8);
    const refusal = results.find((r) => r.statusCode === 403)!.json();
    expect(refusal.type).toContain('plan-limit');
    expect(refusal.detail).toContain('growth');
    expect((await org.owner.get('/org')).json().usage.contacts).toBe(500);
  });

  it('when maxContacts is below the plan cap, then it is the cap', async () => {
    const org = await signupOrg(t.app, { plan: 'growth' });
    await org.owner.patch('/crm/settings', { maxContacts: 1 });
    expect((await org.owner.post('/contacts', person('One'))).statusCode).toBe(201);
    const refused = await org.owner.post('/contacts', person('Two'));
    expect(refused.statusCode).toBe(403);
    expect(refused.json().detail).toContain('maxContacts');
  });

  it('when a Starter org defines a custom field or sends customFields, then 403 plan-feature', async () => {
    const org = await signupOrg(t.app, { plan: 'starter' });
    const res = await org.owner.post('/custom-fields', {
      key: 'tier',
      label: 'Tier',
      type: 'text',
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().type).toContain('plan-feature');
    expect(
      (await org.owner.post('/contacts', { ...person('CF'), customFields: { tier: 'gold' } }))
        .statusCode,
    ).toBe(403);
  });
});

describe('custom fields', () => {
  let org: Org;
  beforeAll(async () => {
    org = await signupOrg(t.app, { plan: 'growth' });
    for (const def of [
      { key: 'tier', label: 'Tier', type: 'select', options: ['gold', 'silver'] },
      { key: 'seats', label: 'Seats', type: 'number' },
      { key: 'renewal', label: 'Renewal', type: 'date' },
      { key: 'vip', label: 'VIP', type: 'boolean' },
    ]) {
      expect((await org.owner.post('/custom-fields', def)).statusCode).toBe(201);
    }
  });

  it('when values match their definitions, then they are stored; a PATCH merges and null removes', async () => {
    const c = (
      await org.owner.post('/contacts', {
        ...person('Cf'),
        customFields: { tier: 'gold', seats: 12, renewal: '2027-01-31', vip: true },
      })
    ).json();
    expect(c.customFields).toEqual({ tier: 'gold', seats: 12, renewal: '2027-01-31', vip: true });
    const p = (
      await org.owner.patch(`/contacts/${c.id}`, { customFields: { seats: 20, vip: null } })
    ).json();
    expect(p.customFields).toEqual({ tier: 'gold', seats: 20, renewal: '2027-01-31' });
  });

  it('when a key is unknown or a value has the wrong type, then 422 names it and nothing is written', async () => {
    for (const customFields of [
      { nope: 1 },
      { seats: '12' },
      { tier: 'bronze' },
      { renewal: 'tomorrow' },
      { vip: 'yes' },
    ]) {
      const res = await org.owner.post('/contacts', { ...person('Bad'), customFields });
      expect(res.statusCode, JSON.stringify(customFields)).toBe(422);
      expect(res.json().errors[0].path).toBe(`customFields.${Object.keys(customFields)[0]}`);
    }
    expect(
      (await org.owner.post('/custom-fields', { key: 'tier', label: 'Again', type: 'text' }))
        .statusCode,
    ).toBe(409);
  });
});
