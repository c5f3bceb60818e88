import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  client,
  createTestApp,
  signupOrg,
  type Client,
  type Org,
  type TestApp,
} from '../../test/harness.js';
import { queryRows } from '../db/client.js';
import { plan, type Call, type Ids, type OpenApiDoc } from './sweep-plan.js';

/**
 * The isolation sweep (OWASP API1, BOLA): every route of the OpenAPI document
 * that takes an id is called by org A with org B's ids, and by one sales rep
 * with another rep's private records. Each must answer 404 (422 for an id
 * inside a body), B's data must be unchanged, and a canary planted in every
 * text field of B's data must never reach A. New routes are swept
 * automatically; a route the sweep cannot drive fails the test.
 */

const CANARY = 'CANARY7f3a';
/** Planted in one rep's private records: no other rep may ever receive it. */
const PRIVATE = 'PRIVMARK9c1e';

let t: TestApp;
let a: Org;
let b: Org;
let repA1: { client: Client; id: string };
let repA2: { client: Client; id: string };
let doc: OpenApiDoc;
const bIds = {} as Ids;
const privateIds = {} as Ids;
const received: string[] = [];
const receivedByRep: string[] = [];

async function must(res: Promise<{ statusCode: number; body: string }>, status = 201) {
  const r = await res;
  if (r.statusCode !== status) throw new Error(`setup call answered ${r.statusCode}: ${r.body}`);
  return JSON.parse(r.body || 'null') as { id: string; [k: string]: unknown };
}

async function plantOrgB() {
  const c = CANARY;
  const partner = await must(b.owner.post('/partners', { name: `Partner ${c}` }));
  bIds.partner = partner.id;
  const user = await must(
    b.owner.post('/users', {
      name: `User ${c}`,
      email: `${c.toLowerCase()}@b.test`,
      password: 'long enough pw',
      role: 'sales_rep',
      partnerId: partner.id,
    }),
  );
  bIds.user = user.id;
  bIds.customer = (
    await must(
      b.owner.post('/customers', {
        name: `Customer ${c}`,
        email: `cust.${c.toLowerCase()}@b.test`,
      }),
    )
  ).id;
  bIds.customField = (
    await must(b.owner.post('/custom-fields', { key: 'canary', label: `Field ${c}`, type: 'text' }))
  ).id;
  const text = `${c} text`;
  const contact = await must(
    b.owner.post('/contacts', {
      firstName: c,
      lastName: c,
      email: `${c.toLowerCase()}@contact.test`,
      phone: c,
      mobile: c,
      company: text,
      jobTitle: text,
      website: text,
      linkedin: text,
      street: text,
      city: text,
      state: text,
      postalCode: c.slice(0, 10),
      country: text,
      source: text,
      tags: [c],
      notes: text,
      customFields: { canary: text },
      visibility: 'organization',
    }),
  );
  bIds.contact = contact.id;
  await must(
    b.owner.post(`/contacts/${contact.id}/activities`, { type: 'note', subject: text, body: text }),
  );
  await must(
    b.owner.post(`/contacts/${contact.id}/link-customer`, { customerId: bIds.customer }),
    200,
  );
  bIds.stage = (await must(b.owner.post('/stages', { name: `Stage ${c}` }))).id;
  const deal = await must(
    b.owner.post('/deals', {
      title: text,
      amount: 1000,
      contactId: contact.id,
      description: text,
      tags: [c],
      source: text,
      visibility: 'organization',
    }),
  );
  bIds.deal = deal.id;
  await must(
    b.owner.post(`/deals/${deal.id}/activities`, { type: 'call', subject: text, body: text }),
  );
  bIds.template = (
    await must(
      b.owner.post('/templates', {
        category: 'email',
        name: text,
        subject: text,
        body: `${text} {{first_name}}`,
        visibility: 'organization',
      }),
    )
  ).id;
  bIds.token = (await must(b.owner.post('/tokens', { name: text }))).id;
  bIds.importMapping = (
    await must(
      b.owner.post('/import-mappings', {
        name: `Mapping ${c}`,
        mapping: { [`Header ${c}`]: 'email', [c]: `custom:${c.toLowerCase()}` },
      }),
    )
  ).id;
  const imported = await b.owner.post(
    '/contacts/import?async=true',
    `First Name,Last Name,Email,Notes\n${c},${c},imp.${c.toLowerCase()}@b.test,${text}\n`,
  );
  if (imported.statusCode !== 202)
    throw new Error(`import answered ${imported.statusCode}: ${imported.body}`);
  bIds.import = (JSON.parse(imported.body) as { id: string }).id;
  for (let i = 0; i < 50; i++) {
    const job = (await b.owner.get(`/imports/${bIds.import}`)).json() as { status: string };
    if (job.status === 'done' || job.status === 'failed') break;
    await new Promise((r) => setTimeout(r, 100));
  }
}

const tenantTables = async () =>
  (
    await queryRows<{ table_name: string }>(
      t.database.unsafeOwner,
      sql`select table_name from information_schema.columns where table_schema = current_schema() and column_name = 'org_id'
          and table_name not in ('user_emails') order by table_name`,
    )
  ).map((r) => r.table_name);

async function snapshotOrg(orgId: string): Promise<string> {
  const parts: string[] = [];
  for (const table of await tenantTables()) {
    const rows = await queryRows<Record<string, unknown>>(
      t.database.unsafeOwner,
      sql`select * from ${sql.identifier(table)} where org_id = ${orgId} order by 1, 2`,
    );
    // A token's last use and a session's expiry are not data a sweep can change.
    parts.push(`${table}:${JSON.stringify(rows.map(({ last_used_at: _l, ...r }) => r))}`);
  }
  return parts.join('\n');
}

function record(body: string) {
  received.push(body);
}

beforeAll(async () => {
  t = await createTestApp();
  a = await signupOrg(t.app, { plan: 'growth', orgName: 'Org A' });
  b = await signupOrg(t.app, { plan: 'growth', orgName: 'Org B' });
  const partnerA = await a.addPartner('A partners');
  repA1 = await a.addUser('sales_rep', partnerA);
  repA2 = await a.addUser('sales_rep', partnerA);
  await plantOrgB();
  // A's own data, so lists and boards have something to return.
  const own = await must(
    a.owner.post('/contacts', {
      firstName: 'Ann',
      lastName: 'A',
      email: 'ann@a.test',
      visibility: 'organization',
    }),
  );
  await must(a.owner.post('/deals', { title: 'A deal', amount: 5, contactId: own.id }));
  // Rep A1's private records, for the rep sweep.
  privateIds.contact = (
    await must(
      repA1.client.post('/contacts', {
        firstName: 'Priv',
        lastName: PRIVATE,
        email: 'priv@a.test',
        notes: PRIVATE,
        visibility: 'individual',
      }),
    )
  ).id;
  privateIds.deal = (
    await must(
      repA1.client.post('/deals', {
        title: `Private ${PRIVATE}`,
        amount: 9,
        contactId: privateIds.contact,
        visibility: 'individual',
      }),
    )
  ).id;
  privateIds.template = (
    await must(
      repA1.client.post('/templates', {
        category: 'note',
        name: `Private ${PRIVATE}`,
        body: PRIVATE,
        visibility: 'individual',
      }),
    )
  ).id;
  doc = (await client(t.app).get('/openapi.json')).json();
});
afterAll(() => t.close());

async function send(who: Client, call: Call) {
  const res = await who.request(
    call.method as 'GET',
    call.url.replace('/api/v1', ''),
    call.body ?? (call.method === 'POST' ? {} : undefined),
  );
  record(res.body);
  return res;
}

describe('isolation sweep', () => {
  it('when org A calls every id route with org B ids, then each answers 404 (422 for a body id) and B is unchanged', async () => {
    const before = await snapshotOrg(b.orgId);
    const { calls, undrivable } = plan(doc, bIds);
    expect(undrivable).toEqual([]);
    expect(calls.length).toBeGreaterThan(30);
    const wrong: string[] = [];
    for (const call of calls) {
      const res = await send(a.owner, call);
      const ok = call.pathKind ? res.statusCode === 404 : [404, 422].includes(res.statusCode);
      if (!ok)
        wrong.push(`${call.method} ${call.path} → ${res.statusCode} ${res.body.slice(0, 160)}`);
    }
    expect(wrong).toEqual([]);
    expect(await snapshotOrg(b.orgId)).toBe(before);
  });

  it("when a sales rep calls every record route with another rep's private ids, then each answers 404", async () => {
    const ids = { ...bIds, ...privateIds, customer: bIds.customer } as Ids;
    const { calls } = plan(doc, ids, ['contact', 'deal', 'template']);
    const wrong: string[] = [];
    for (const call of calls) {
      const res = await send(repA2.client, call);
      const ok = call.pathKind ? res.statusCode === 404 : [404, 422].includes(res.statusCode);
      if (!ok)
        wrong.push(`${call.method} ${call.path} → ${res.statusCode} ${res.body.slice(0, 160)}`);
    }
    expect(wrong).toEqual([]);
  });

  it('when org A reads every list, search, stats, export, board and catalog, then the canary never appears', async () => {
    const getters = Object.entries(doc.paths)
      .filter(([path, item]) => item.get && !path.includes('{') && !path.includes('openapi'))
      .map(([path]) => path.replace('/api/v1', ''));
    expect(getters.length).toBeGreaterThan(10);
    for (const path of getters) {
      record((await a.owner.get(path)).body);
      const asRep = (await repA2.client.get(path)).body;
      record(asRep);
      receivedByRep.push(asRep);
    }
    for (const q of [CANARY, CANARY.toLowerCase(), 'canary']) {
      record((await a.owner.get(`/contacts?q=${q}`)).body);
      record((await a.owner.get(`/deals?q=${q}`)).body);
      record((await a.owner.get(`/contacts/export?q=${q}`)).body);
    }
    for (const q of [CANARY.toLowerCase(), PRIVATE.toLowerCase()]) {
      receivedByRep.push((await repA2.client.get(`/contacts?q=${q}`)).body);
      receivedByRep.push((await repA2.client.get(`/deals?q=${q}`)).body);
    }
    const leaks = received.filter((body) => body.toLowerCase().includes(CANARY.toLowerCase()));
    expect(leaks).toEqual([]);
    const repLeaks = receivedByRep.filter((body) =>
      body.toLowerCase().includes(PRIVATE.toLowerCase()),
    );
    expect(repLeaks).toEqual([]);
    // A's org admin does see the rep's private record (compliance override), so the marker is real.
    expect((await a.owner.get(`/contacts?q=${PRIVATE}`)).body).toContain(PRIVATE);
    // The sweep reached real data: B sees its own canary.
    expect((await b.owner.get(`/contacts?q=${CANARY}`)).body).toContain(CANARY);
  });
});
