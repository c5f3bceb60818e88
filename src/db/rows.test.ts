import { asc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signupOrg, type Org, type TestApp } from '../../test/harness.js';
import type { AccessContext } from '../access/context.js';
import { findOwnerName } from '../access/owners.js';
import { contactJson } from '../contacts/repo.js';
import { contactSchema } from '../contacts/schema.js';
import { toContactDto } from '../contacts/service.js';
import { serializerCompiler } from '../app/serialize.js';
import { queryRows } from './client.js';
import { contacts } from './schema.js';

let t: TestApp;
let org: Org;
beforeAll(async () => {
  t = await createTestApp();
  org = await signupOrg(t.app);
  const common = { orgId: org.orgId, ownerId: org.ownerId, createdBy: org.ownerId };
  await t.database.unsafeOwner.insert(contacts).values([
    {
      ...common,
      id: '01930000-0000-7000-8000-000000000001',
      firstName: 'Every',
      lastName: 'Field',
      email: 'every@field.test',
      phone: '+1 555 0100',
      company: 'Fields & Co',
      notes: 'Line one\nline "two"',
      tags: ['vip', 'with, comma', 'ünïcode'],
      customFields: { budget: 1200.5, renewal: '2027-01-31', flags: [true, null] },
      visibility: 'organization',
      version: 7,
      createdAt: new Date('2026-03-04T05:06:07.008Z'),
      updatedAt: new Date('2026-03-04T05:06:07.000Z'),
      deletedAt: new Date('2026-11-30T23:59:59.999Z'),
    },
    {
      ...common,
      id: '01930000-0000-7000-8000-000000000002',
      firstName: 'Bare',
      lastName: 'Minimum',
      email: 'bare@field.test',
      visibility: 'individual',
    },
  ]);
});
afterAll(() => t.close());

/** The org's owner, as a request would name them (the settings matter only for `can`). */
const ctxOf = (o: Org): AccessContext => ({
  actor: { userId: o.ownerId, orgId: o.orgId, role: 'owner', partnerId: null, name: '', email: '' },
  plan: 'growth',
  settings: {
    allowPrivateContacts: true,
    requireCommitToPartner: false,
    requireCommitToOrg: false,
    partnersCanSeeOrgContacts: false,
    repsCanCommitUpward: false,
    repsCanEditOwnContacts: false,
    partnersCanDeleteOwnContacts: false,
    hideStaffNamesFromPartners: false,
    maxContacts: null,
    defaultPhoneCountry: null,
  },
});

describe('rowJson (a row as the API writes it, built by PostgreSQL)', () => {
  it('when a contact is written by it, then it equals the row through the DTO and the schema serializer', async () => {
    const db = t.database.unsafeOwner;
    const ctx = ctxOf(org);
    // Microseconds PostgreSQL keeps and a JS Date cannot: both paths must agree on the millisecond.
    await db.execute(
      sql`update ${contacts} set created_at = '2026-03-04T05:06:07.008999Z' where email = 'every@field.test'`,
    );
    const json = contactJson(ctx);
    const ours = await queryRows<{ json: string }>(
      db,
      sql`select ${json}::text as json from ${contacts} where ${eq(contacts.orgId, org.orgId)} order by ${contacts.id} asc`,
    );
    const rows = await db
      .select()
      .from(contacts)
      .where(eq(contacts.orgId, org.orgId))
      .orderBy(asc(contacts.id));
    const write = serializerCompiler({ schema: contactSchema });
    const ownerName = await findOwnerName(db, ctx, org.ownerId);
    expect(ownerName).toEqual(expect.any(String));
    const theirs = rows.map(
      (r) => JSON.parse(write(toContactDto(ctx, r, ownerName))) as Record<string, unknown>,
    );
    const parsed = ours.map((r) => JSON.parse(r.json) as Record<string, unknown>);
    expect(parsed).toHaveLength(2);
    expect(parsed).toStrictEqual(theirs);
    expect(Object.keys(parsed[0]!)).toEqual(Object.keys(theirs[0]!));
    const [every, bare] = parsed;
    expect(every!.createdAt).toMatch(/^2026-03-04T05:06:07\.00[89]Z$/);
    expect(every!.updatedAt).toBe('2026-03-04T05:06:07.000Z');
    expect(every!.tags).toEqual(['vip', 'with, comma', 'ünïcode']);
    expect(every!.customFields).toEqual({
      budget: 1200.5,
      renewal: '2027-01-31',
      flags: [true, null],
    });
    expect(every!.notes).toBe('Line one\nline "two"');
    expect(every!.version).toBe(7);
    expect(every).not.toHaveProperty('deletedAt');
    expect(every).not.toHaveProperty('orgId');
    expect(bare!.phone).toBeNull();
    expect(bare!.tags).toEqual([]);
  });
});
