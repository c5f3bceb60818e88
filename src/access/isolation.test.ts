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

type Kind =
  | 'contact'
  | 'deal'
  | 'stage'
  | 'template'
  | 'import'
  | 'user'
  | 'partner'
  | 'customField'
  | 'token'
  | 'customer';

/** Which record kind the `{id}` of a collection names. */
const kindOfCollection: Record<string, Kind> = {
  contacts: 'contact',
  deals: 'deal',
  stages: 'stage',
  templates: 'template',
  imports: 'import',
  users: 'user',
  partners: 'partner',
  'custom-fields': 'customField',
  tokens: 'token',
};

/** Path parameters that do not name tenant data, with the reason. */
const notTenantIds: Record<string, string> = {
  '/api/v1/training/{lessonId}': 'lesson ids name the built-in course, shared by every org',
};

/** Which kind a body field holding an id refers to. */
const kindOfField: Record<string, Kind> = {
  contactId: 'contact',
  dealId: 'deal',
  stageId: 'stage',
  beforeId: 'deal',
  afterId: 'deal',
  customerId: 'customer',
  ownerId: 'user',
  partnerId: 'partner',
  templateId: 'template',
  ids: 'contact',
};

type JsonSchema = {
  type?: string | string[];
  format?: string;
  enum?: unknown[];
  const?: unknown;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  minimum?: number;
  minLength?: number;
  pattern?: string;
  $ref?: string;
};

type Ids = Record<Kind, string>;

function makeSampler(
  doc: { components?: { schemas?: Record<string, JsonSchema> } },
  ids: Ids,
  path: string,
) {
  // `ids` in a body names the records of the collection it is posted to.
  const idsKind: Kind = path.startsWith('/api/v1/stages') ? 'stage' : 'contact';
  const resolve = (s: JsonSchema): JsonSchema =>
    s.$ref ? resolve(doc.components!.schemas![s.$ref.split('/').pop()!]!) : s;
  const sample = (raw: JsonSchema, field = ''): unknown => {
    const s = resolve(raw);
    if (s.const !== undefined) return s.const;
    if (s.enum) return s.enum[0];
    const alt = s.anyOf ?? s.oneOf;
    if (alt) return sample(alt.find((a) => resolve(a).type !== 'null') ?? alt[0]!, field);
    if (s.allOf) return sample(s.allOf[0]!, field);
    const type = Array.isArray(s.type) ? s.type.find((x) => x !== 'null') : s.type;
    if (kindOfField[field] && (type === 'string' || type === 'array')) {
      const id = ids[field === 'ids' ? idsKind : kindOfField[field]!];
      return type === 'array' ? [id] : id;
    }
    switch (type) {
      case 'object': {
        const out: Record<string, unknown> = {};
        for (const [k, v] of Object.entries(s.properties ?? {})) {
          // One placement anchor at a time: beforeId and afterId together are refused.
          if (k === 'afterId' && 'beforeId' in out) continue;
          if (s.required?.includes(k) || kindOfField[k]) out[k] = sample(v, k);
        }
        return out;
      }
      case 'array':
        return s.items ? [sample(s.items, field)] : [];
      case 'integer':
      case 'number':
        return Math.max(1, s.minimum ?? 1);
      case 'boolean':
        return true;
      case 'string':
        if (s.format === 'email') return 'sweep@example.test';
        if (s.format === 'uuid') return ids.contact;
        if (s.format === 'date') return '2030-01-01';
        if (s.format === 'date-time') return '2030-01-01T00:00:00Z';
        return field === 'body' ? 'Hello' : 'Sweep';
      default:
        return {};
    }
  };
  return sample;
}

let t: TestApp;
let a: Org;
let b: Org;
let repA1: { client: Client; id: string };
let repA2: { client: Client; id: string };
let doc: {
  paths: Record<
    string,
    Record<string, { requestBody?: { content: Record<string, { schema: JsonSchema }> } }>
  >;
  components?: { schemas?: Record<string, JsonSchema> };
};
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

type Call = {
  method: string;
  path: string;
  url: string;
  body: unknown;
  bodyIds: boolean;
  pathKind: Kind | null;
};

function plan(ids: Ids, kinds?: Kind[]): { calls: Call[]; undrivable: string[] } {
  const calls: Call[] = [];
  const undrivable: string[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    const sample = makeSampler(doc, ids, path);
    for (const [method, op] of Object.entries(item)) {
      const params = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
      let url = path;
      let pathKind: Kind | null = null;
      if (params.length) {
        if (notTenantIds[path]) continue;
        const collection = path.split('/')[3]!;
        pathKind = kindOfCollection[collection] ?? null;
        if (!pathKind || params.length > 1) {
          undrivable.push(`${method.toUpperCase()} ${path}`);
          continue;
        }
        url = path.replace(`{${params[0]}}`, ids[pathKind]);
      }
      const json = op.requestBody?.content['application/json']?.schema;
      const body = json ? sample(json) : undefined;
      const bodyKinds = Object.keys((body ?? {}) as object)
        .filter((k) => kindOfField[k])
        .map((k) => (k === 'ids' && path.startsWith('/api/v1/stages') ? 'stage' : kindOfField[k]!));
      const bodyIds = bodyKinds.length > 0;
      if (!pathKind && !bodyIds) continue;
      if (
        kinds &&
        !(pathKind ? kinds.includes(pathKind) : bodyKinds.some((k) => kinds.includes(k)))
      )
        continue;
      calls.push({ method: method.toUpperCase(), path, url, body, bodyIds, pathKind });
    }
  }
  return { calls, undrivable };
}

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
    const { calls, undrivable } = plan(bIds);
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
    const { calls } = plan(ids, ['contact', 'deal', 'template']);
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
