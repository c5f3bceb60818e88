import { sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestApp,
  signupOrg,
  type Client,
  type Org,
  type TestApp,
} from '../../test/harness.js';
import { allContacts, byEmail, importCsv, total } from '../../test/imports.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

type Contact = Record<string, unknown> & { id: string; version: number };
type Activity = { type: string; subject: string | null; changes: unknown };

/** The fields a revert must put back, as GET /contacts/:id answers them. */
const fields = (c: Contact) => {
  const { version: _v, updatedAt: _u, can: _c, ...rest } = c;
  return rest;
};

async function contact(c: Client, id: string): Promise<Contact> {
  return (await c.get(`/contacts/${id}`)).json() as Contact;
}

async function timeline(c: Client, id: string): Promise<Activity[]> {
  return ((await c.get(`/contacts/${id}/activities`)).json() as { data: Activity[] }).data;
}

async function create(c: Client, body: Record<string, unknown>): Promise<Contact> {
  const res = await c.post('/contacts', body);
  expect(res.statusCode).toBe(201);
  return res.json() as Contact;
}

/** The newest import of the caller, after a synchronous one. */
async function lastImport(c: Client): Promise<string> {
  return ((await c.get('/imports')).json() as { data: { id: string }[] }).data[0]!.id;
}

/** Waits for an async import job to end. */
async function finished(c: Client, id: string): Promise<{ status: string }> {
  for (;;) {
    const job = (await c.get(`/imports/${id}`)).json() as { status: string };
    if (job.status === 'done' || job.status === 'failed') return job;
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('revert of an import that created contacts', () => {
  it('when an async job created contacts and one was edited since, then revert removes the others and keeps that one; a second revert is 409', async () => {
    const org = await signupOrg(t.app, { plan: 'growth' });
    const rows = Array.from({ length: 30 }, (_, i) => `P${i},Q,p${i}@job.example`);
    const csv = `First Name,Last Name,Email\n${rows.join('\n')}\n`;
    const { id } = (await org.owner.post('/contacts/import?async=true', csv)).json() as {
      id: string;
    };
    expect(await finished(org.owner, id)).toMatchObject({ status: 'done', created: 30 });

    const edited = byEmail(await allContacts(org.owner)).get('p0@job.example')!;
    await org.owner.patch(`/contacts/${edited.id}`, { company: 'Changed' });
    const revert = await org.owner.post(`/imports/${id}/revert`);
    expect(revert.statusCode).toBe(200);
    expect(revert.json()).toEqual({
      reverted: 29,
      restored: 0,
      kept: [{ id: edited.id, reason: 'changed' }],
      keptCount: 1,
      conflicts: [],
      conflictCount: 0,
    });
    expect(await total(org.owner)).toBe(1);
    expect((await org.owner.post(`/imports/${id}/revert`)).statusCode).toBe(409);
    expect((await org.owner.get(`/imports/${id}`)).json().revertedAt).not.toBeNull();
  });
});

describe('revert of an import that updated contacts', () => {
  let org: Org;
  beforeAll(async () => {
    org = await signupOrg(t.app, { plan: 'growth' });
  });

  async function seed(prefix: string) {
    return Promise.all(
      [1, 2, 3].map((i) =>
        create(org.owner, {
          firstName: `${prefix}${i}`,
          lastName: 'Before',
          email: `${prefix}${i}@revert.test`,
          company: i === 1 ? null : `Old ${i}`,
          jobTitle: 'Engineer',
          tags: ['kept', `t${i}`],
        }),
      ),
    );
  }

  /** Updates the three seeded contacts (a blank cell keeps a value) and creates one more. */
  async function importUpdates(prefix: string) {
    const csv = [
      'First Name,Last Name,Email,Company,Job Title,Tags',
      `${prefix}1,After,${prefix}1@revert.test,New 1,,new;t1`,
      `${prefix}2,Before,${prefix}2@revert.test,New 2,Manager,`,
      `${prefix}3,After,${prefix}3@revert.test,,Director,x`,
      `${prefix}4,Fresh,${prefix}4@revert.test,Made,,`,
    ].join('\n');
    const res = await importCsv(org.owner, csv, '?onDuplicate=update');
    expect(res.body).toMatchObject({ created: 1, updated: 3, errorCount: 0 });
    return lastImport(org.owner);
  }

  it('when an import created one contact and updated three, then revert removes the one and restores the three exactly, each with a new activity listing the inverse changes', async () => {
    const before = await seed('ra');
    const id = await importUpdates('ra');
    const imported = await Promise.all(before.map((c) => contact(org.owner, c.id)));
    expect(imported.map((c) => c.company)).toEqual(['New 1', 'New 2', 'Old 3']);
    const made = byEmail(await allContacts(org.owner)).get('ra4@revert.test')!;

    const res = await org.owner.post(`/imports/${id}/revert`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      reverted: 1,
      restored: 3,
      kept: [],
      keptCount: 0,
      conflicts: [],
      conflictCount: 0,
    });
    expect((await org.owner.get(`/contacts/${made.id}`)).statusCode).toBe(404);
    for (const [i, c] of before.entries()) {
      const now = await contact(org.owner, c.id);
      expect(fields(now)).toEqual(fields(c));
      expect(now.version).toBe(c.version + 2);
      const [revert, ...rest] = await timeline(org.owner, c.id);
      expect(revert).toMatchObject({ type: 'import_reverted' });
      // The import's own record stays; the revert's changes are its inverse.
      const update = rest.find((a) => a.type === 'import')!;
      const inverse = (update.changes as { field: string; from: unknown; to: unknown }[]).map(
        (ch) => ({ field: ch.field, from: ch.to, to: ch.from }),
      );
      expect(revert!.changes).toEqual(inverse);
      expect(inverse.length, `contact ${i + 1}`).toBeGreaterThan(0);
    }
    const first = (await timeline(org.owner, before[0]!.id))[0]!.changes;
    expect(first).toEqual(
      expect.arrayContaining([
        { field: 'lastName', from: 'After', to: 'Before' },
        { field: 'company', from: 'New 1', to: null },
        { field: 'tags', from: ['new', 't1'], to: ['kept', 't1'] },
      ]),
    );
    expect((await org.owner.post(`/imports/${id}/revert`)).statusCode).toBe(409);
  });

  it('when a contact was edited after the import, then it is a conflict and keeps the edit; the others are restored', async () => {
    const before = await seed('rb');
    const id = await importUpdates('rb');
    const edited = before[1]!;
    const patch = await org.owner.patch(`/contacts/${edited.id}`, { city: 'Lyon' });
    expect(patch.statusCode).toBe(200);

    const res = await org.owner.post(`/imports/${id}/revert`);
    expect(res.json()).toMatchObject({
      reverted: 1,
      restored: 2,
      conflicts: [{ id: edited.id, reason: 'changed' }],
      conflictCount: 1,
    });
    expect(await contact(org.owner, edited.id)).toMatchObject({
      city: 'Lyon',
      company: 'New 2',
      jobTitle: 'Manager',
    });
    const types = (await timeline(org.owner, edited.id)).map((a) => a.type);
    expect(types).not.toContain('import_reverted');
    expect(fields(await contact(org.owner, before[0]!.id))).toEqual(fields(before[0]!));
  });

  it('when the reverting user may no longer edit the contacts, then none is restored; a readable one is named forbidden, an unreadable one only counted', async () => {
    const admin = await org.addUser('admin');
    const open = await create(org.owner, {
      firstName: 'Open',
      lastName: 'Before',
      email: 'open@forbid.test',
      visibility: 'organization',
    });
    const hidden = await create(org.owner, {
      firstName: 'Hidden',
      lastName: 'Before',
      email: 'hidden@forbid.test',
      visibility: 'individual',
    });
    const csv =
      'First Name,Last Name,Email\nOpen,After,open@forbid.test\nHidden,After,hidden@forbid.test\n';
    expect((await importCsv(admin.client, csv, '?onDuplicate=update')).body.updated).toBe(2);
    const id = await lastImport(admin.client);
    const partnerId = await org.addPartner('Demoted');
    const demote = await org.owner.patch(`/users/${admin.id}`, { role: 'partner', partnerId });
    expect(demote.statusCode).toBe(200);

    const res = await admin.client.post(`/imports/${id}/revert`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      reverted: 0,
      restored: 0,
      kept: [],
      keptCount: 0,
      conflicts: [{ id: open.id, reason: 'forbidden' }],
      conflictCount: 2,
    });
    expect(res.body).not.toContain(hidden.id);
    expect((await contact(org.owner, open.id)).lastName).toBe('After');
    expect((await contact(org.owner, hidden.id)).lastName).toBe('After');
  });

  it('when a dry run is reverted, then 409: it changed nothing', async () => {
    const res = await org.owner.post(
      '/contacts/import?async=true&dryRun=true',
      'First Name,Last Name,Email\nDry,Run,dry@revert.test\n',
    );
    expect(res.statusCode).toBe(202);
    const { id } = res.json() as { id: string };
    expect(await finished(org.owner, id)).toMatchObject({ status: 'done' });
    const revert = await org.owner.post(`/imports/${id}/revert`);
    expect(revert.statusCode).toBe(409);
    expect(revert.json().detail).toMatch(/dry run/);
  });
});

describe('revert of an import older than activities.import_id', () => {
  it('when its activities are found by their text, then its updates are restored, custom fields too', async () => {
    const org = await signupOrg(t.app, { plan: 'growth' });
    expect(
      (await org.owner.post('/custom-fields', { key: 'tier', label: 'Tier', type: 'text' }))
        .statusCode,
    ).toBe(201);
    await org.owner.post('/custom-fields', { key: 'region', label: 'Region', type: 'text' });
    const before = await create(org.owner, {
      firstName: 'Legacy',
      lastName: 'Contact',
      email: 'legacy@revert.test',
      company: 'Old Co',
      customFields: { tier: 'gold' },
    });
    // What an import wrote before the column: the row, then its activity by body text only.
    const id = uuidv7();
    const at = new Date().toISOString();
    const db = t.database.unsafeOwner;
    await db.execute(sql`insert into imports (org_id, id, user_id, status, updated)
      values (${org.orgId}, ${id}, ${org.ownerId}, 'done', 1)`);
    await db.execute(sql`update contacts set company = 'New Co', version = version + 1,
        custom_fields = custom_fields || '{"tier": "silver", "region": "EU"}', updated_at = ${at}
      where org_id = ${org.orgId} and id = ${before.id}`);
    const changes = [
      { field: 'company', from: 'Old Co', to: 'New Co' },
      { field: 'custom:tier', from: 'gold', to: 'silver' },
      { field: 'custom:region', from: null, to: 'EU' },
    ];
    await db.execute(sql`insert into activities
        (org_id, id, contact_id, type, subject, body, changes, actor_id, actor_role, occurred_at, created_at)
      values (${org.orgId}, ${uuidv7()}, ${before.id}, 'import', 'Updated from CSV',
              ${`Import ${id}, row 1`}, ${JSON.stringify(changes)}::jsonb, ${org.ownerId}, 'owner', ${at}, ${at})`);

    const res = await org.owner.post(`/imports/${id}/revert`);
    expect(res.json()).toMatchObject({ restored: 1, conflictCount: 0 });
    const now = await contact(org.owner, before.id);
    expect(now).toMatchObject({ company: 'Old Co', customFields: { tier: 'gold' } });
    expect(fields(now)).toEqual(fields(before));
    expect((await timeline(org.owner, before.id))[0]).toMatchObject({
      type: 'import_reverted',
      changes: [
        { field: 'company', from: 'New Co', to: 'Old Co' },
        { field: 'custom:tier', from: 'silver', to: 'gold' },
        { field: 'custom:region', from: 'EU', to: null },
      ],
    });
    expect(await total(org.owner)).toBe(1);
  });
});
