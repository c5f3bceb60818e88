import { asc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signupOrg, type Org, type TestApp } from '../../test/harness.js';
import { rowSelect } from './rows.js';
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

describe('rowSelect (the lean whole-row read)', () => {
  it('when rows are read through it, then every column has the value and type Drizzle select() gives', async () => {
    const db = t.database.unsafeOwner;
    const lean = rowSelect(contacts);
    const ours = await lean.rows(
      db,
      sql`where ${eq(contacts.orgId, org.orgId)} order by ${contacts.id} asc`,
    );
    const drizzle = await db
      .select()
      .from(contacts)
      .where(eq(contacts.orgId, org.orgId))
      .orderBy(asc(contacts.id));
    expect(ours).toHaveLength(2);
    expect(ours).toEqual(drizzle);
    const [every, bare] = ours;
    expect(every!.createdAt).toBeInstanceOf(Date);
    expect(every!.createdAt.toISOString()).toBe('2026-03-04T05:06:07.008Z');
    expect(every!.deletedAt?.toISOString()).toBe('2026-11-30T23:59:59.999Z');
    expect(every!.tags).toEqual(['vip', 'with, comma', 'ünïcode']);
    expect(every!.customFields).toEqual({
      budget: 1200.5,
      renewal: '2027-01-31',
      flags: [true, null],
    });
    expect(every!.version).toBe(7);
    expect(bare!.phone).toBeNull();
    expect(bare!.deletedAt).toBeNull();
    expect(bare!.tags).toEqual([]);
    expect(Object.keys(every!).sort()).toEqual(Object.keys(drizzle[0]!).sort());
  });
});
