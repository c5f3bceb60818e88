import fc from 'fast-check';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, createTestApp, signupOrg, type Org, type TestApp } from '../../test/harness.js';
import {
  isUnstorable,
  hostileText,
  hostileQueryValue,
  decodesToNul,
  cursors,
  payloads,
  seedRecords,
  urlOf,
} from '../../test/fuzz.js';
import { queryRows } from '../db/client.js';
import { storable } from '../shared/schemas.js';

/**
 * Bad input never breaks anything (OWASP API4/API8): for every route that
 * takes a JSON body, generated bad bodies (wrong types, unknown and
 * prototype keys, deep nesting, oversized strings, SQL and formula
 * payloads, non-objects, 5 MB bodies, invalid UTF-8) must each answer a 4xx
 * problem+json, and the organization's data must be unchanged afterwards.
 * Text PostgreSQL cannot store (NUL, unpaired surrogates) mixed with control
 * characters goes into every string of every write route and every query
 * parameter of every GET route, and generated cursors into every paged list
 * (trust #12, #13): nothing answers 5xx, and unstorable text is a 4xx.
 * The seed is fixed in CI; `npm run fuzz` runs longer (FUZZ_RUNS).
 */

const runs = Number(process.env.FUZZ_RUNS ?? 12);
const seed = Number(process.env.FUZZ_SEED ?? 20261123);

type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  maxLength?: number;
  anyOf?: JsonSchema[];
  enum?: unknown[];
  format?: string;
  pattern?: string;
  items?: JsonSchema;
  additionalProperties?: JsonSchema | boolean;
  $ref?: string;
};
type Operation = {
  parameters?: { name: string; in: string; schema: JsonSchema }[];
  requestBody?: { content: Record<string, { schema: JsonSchema }> };
};
type Doc = {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, JsonSchema> };
};

let t: TestApp;
let org: Org;
let doc: Doc;
let ids: Record<string, string> = {};

async function snapshot(orgId: string): Promise<string> {
  const tables = await queryRows<{ table_name: string }>(
    t.database.unsafeOwner,
    sql`select table_name from information_schema.columns where table_schema = current_schema()
        and column_name = 'org_id' and table_name not in ('user_emails', 'idempotency_keys') order by 1`,
  );
  const out: string[] = [];
  for (const { table_name } of tables) {
    const rows = await queryRows(
      t.database.unsafeOwner,
      sql`select * from ${sql.identifier(table_name)} where org_id = ${orgId} order by 1, 2`,
    );
    out.push(`${table_name}:${JSON.stringify(rows)}`);
  }
  return out.join('\n');
}

function resolve(s: JsonSchema): JsonSchema {
  if (s.$ref) return resolve(doc.components!.schemas![s.$ref.split('/').pop()!]!);
  if (s.anyOf) return resolve(s.anyOf.find((x) => x.type !== 'null') ?? s.anyOf[0]!);
  return s;
}

const typeOf = (s: JsonSchema) => {
  const r = resolve(s);
  return Array.isArray(r.type) ? r.type.find((x) => x !== 'null') : r.type;
};

/** A value of the wrong JSON type for a field: never coerced, so always refused. */
const wrongFor = (s: JsonSchema): fc.Arbitrary<unknown> => {
  switch (typeOf(s)) {
    case 'string':
      return fc.oneof(fc.integer(), fc.boolean(), fc.constant({}), fc.constant([1, 2]));
    case 'number':
    case 'integer':
      return fc.oneof(fc.constantFrom('12', 'NaN', '1e999'), fc.boolean(), fc.constant({}));
    case 'boolean':
      return fc.oneof(fc.constantFrom('true', 'false', 'yes'), fc.integer(), fc.constant([]));
    case 'array':
      return fc.oneof(fc.string(), fc.integer(), fc.constant({ length: 1 }));
    default:
      return fc.oneof(fc.string(), fc.integer(), fc.constant([]));
  }
};

/** Bad bodies for one route; each one breaks a rule of the route's schema. */
function badBodies(schema: JsonSchema): fc.Arbitrary<unknown> {
  const s = resolve(schema);
  const props = Object.entries(s.properties ?? {});
  const deep = (n: number): unknown => (n === 0 ? 'x' : { a: deep(n - 1) });
  const mutations: fc.Arbitrary<unknown>[] = [
    // not an object at all
    fc.oneof(fc.constant(null), fc.integer(), fc.string(), fc.array(fc.string(), { maxLength: 3 })),
    // an unknown field, a prototype key, or a server-owned field (schemas are strict)
    fc
      .record({
        key: fc.constantFrom(
          '__proto__',
          'constructor',
          'orgId',
          'version',
          'createdAt',
          'zz_unknown',
        ),
        value: fc.oneof(fc.constantFrom(...payloads), fc.constant({ polluted: true })),
      })
      .map(({ key, value }) => JSON.parse(`{${JSON.stringify(key)}: ${JSON.stringify(value)}}`)),
    // deep nesting
    fc.integer({ min: 200, max: 2000 }).map((n) => ({ zz_nested: deep(n) })),
  ];
  if (props.length) {
    mutations.push(
      fc.constantFrom(...props).chain(([name, p]) => wrongFor(p).map((v) => ({ [name]: v }))),
    );
    const bounded = props.filter(([, p]) => typeOf(p) === 'string' && resolve(p).maxLength);
    if (bounded.length) {
      mutations.push(
        fc.constantFrom(...bounded).chain(([name, p]) =>
          fc.constantFrom(...payloads).map((payload) => ({
            [name]: payload.repeat(Math.ceil((resolve(p).maxLength! + 10) / payload.length)),
          })),
        ),
      );
    }
  }
  return fc.oneof(...mutations);
}

// Text PostgreSQL cannot store, and control characters it can (trust #13).
/** The string-valued parts of a body schema: text fields, lists of text, and records. */
function stringFields(schema: JsonSchema): [string, 'text' | 'list' | 'record'][] {
  const plain = (p: JsonSchema) =>
    typeOf(p) === 'string' &&
    !resolve(p).enum &&
    !resolve(p).format &&
    // Free text carries the storable pattern; any other pattern is a format of its own.
    (!resolve(p).pattern || resolve(p).pattern === storable.source);
  return Object.entries(resolve(schema).properties ?? {}).flatMap(
    ([name, p]): [string, 'text' | 'list' | 'record'][] => {
      if (plain(p)) return [[name, 'text']];
      if (typeOf(p) === 'array' && resolve(p).items && plain(resolve(p).items!))
        return [[name, 'list']];
      if (typeOf(p) === 'object' && resolve(p).additionalProperties) return [[name, 'record']];
      return [];
    },
  );
}

const isProblem = (res: { statusCode: number; headers: Record<string, unknown> }) =>
  res.statusCode < 400 || String(res.headers['content-type']).includes('application/problem+json');

beforeAll(async () => {
  t = await createTestApp();
  org = await signupOrg(t.app, { plan: 'growth' });
  ids = await seedRecords(org);
  doc = (await client(t.app).get('/openapi.json')).json();
});
afterAll(() => t.close());

describe('fuzzing bad input', () => {
  it('when every JSON write route gets generated bad bodies, then each answer is a 4xx problem and nothing changes', async () => {
    const before = await snapshot(org.orgId);
    const failures: string[] = [];
    let routes = 0;
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(item)) {
        const schema = op.requestBody?.content['application/json']?.schema;
        if (!schema || path.includes('/auth/')) continue;
        const url = urlOf(path, ids);
        routes++;
        await fc.assert(
          fc.asyncProperty(badBodies(schema), async (body) => {
            const res = await org.owner.request(
              method.toUpperCase() as 'POST',
              url,
              JSON.stringify(body),
              {
                'content-type': 'application/json',
              },
            );
            const ok =
              res.statusCode >= 400 &&
              res.statusCode < 500 &&
              String(res.headers['content-type']).includes('application/problem+json');
            if (!ok)
              failures.push(
                `${method.toUpperCase()} ${path} ${JSON.stringify(body).slice(0, 120)} → ${res.statusCode} ${res.body.slice(0, 120)}`,
              );
            return true;
          }),
          { seed, numRuns: runs },
        );
      }
    }
    expect(routes).toBeGreaterThan(20);
    expect(failures).toEqual([]);
    expect(await snapshot(org.orgId)).toBe(before);
  });

  it('when a body is 5 MB or not UTF-8, then 413 or 400, never a 500', async () => {
    const huge = await org.owner.post('/contacts', {
      firstName: 'x'.repeat(5 * 1024 * 1024),
      lastName: 'y',
      email: 'h@x.io',
    });
    expect(huge.statusCode).toBe(413);
    const invalid = await t.app.inject({
      method: 'POST',
      url: '/api/v1/contacts',
      headers: {
        cookie: `kantivo_session=${org.owner.cookie}`,
        'x-requested-with': 'x',
        'content-type': 'application/json',
      },
      payload: Buffer.from([0x7b, 0x22, 0x66, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0xff, 0x22, 0x7d]),
    });
    expect(invalid.statusCode).toBeGreaterThanOrEqual(400);
    expect(invalid.statusCode).toBeLessThan(500);
  });

  it('when query strings are hostile, then lists answer 4xx or data, never a 500', async () => {
    for (const qs of [
      'limit=-1',
      'limit=abc',
      'limit=1e3',
      'cursor=%00',
      'sort=drop',
      'q=%25%25',
      "q=' or 1=1 --",
      'status[]=x',
      'tag=' + 'a'.repeat(5000),
    ]) {
      const res = await org.owner.get(`/contacts?${qs}`);
      expect(res.statusCode, qs).toBeLessThan(500);
    }
  });
  it('trust #13: when every string of every write route holds NUL, lone surrogates or control characters, then nothing answers 5xx and unstorable text is a 4xx', async () => {
    // Single-field bodies can be valid writes, so they go to an org of their own.
    const other = await signupOrg(t.app, { plan: 'growth' });
    const known = await seedRecords(other);
    const anonymous = client(t.app);
    const failures: string[] = [];
    let fields = 0;
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(item)) {
        const schema = op.requestBody?.content['application/json']?.schema;
        const targets = schema ? stringFields(schema) : [];
        if (!targets.length || path.endsWith('/auth/logout')) continue;
        fields += targets.length;
        const caller = path.includes('/auth/') ? anonymous : other.owner;
        const url = urlOf(path, known);
        await fc.assert(
          fc.asyncProperty(fc.constantFrom(...targets), hostileText, async ([name, kind], text) => {
            const value = kind === 'text' ? text : kind === 'list' ? [text] : { fuzz: text };
            const res = await caller.request(method.toUpperCase() as 'POST', url, {
              [name]: value,
            });
            const ok =
              res.statusCode < 500 &&
              isProblem(res) &&
              (!isUnstorable(text) || (res.statusCode >= 400 && res.statusCode < 500));
            if (!ok)
              failures.push(
                `${method.toUpperCase()} ${path} ${name}=${JSON.stringify(text)} → ${res.statusCode} ${res.body.slice(0, 120)}`,
              );
            return true;
          }),
          { seed, numRuns: runs },
        );
      }
    }
    expect(fields).toBeGreaterThan(30);
    expect(failures).toEqual([]);
  });

  it('trust #13: when every query parameter of every GET route is hostile, then nothing answers 5xx and a NUL is a 4xx', async () => {
    const failures: string[] = [];
    let params = 0;
    for (const [path, item] of Object.entries(doc.paths)) {
      const query = (item.get?.parameters ?? []).filter((p) => p.in === 'query');
      if (!query.length) continue;
      params += query.length;
      const url = urlOf(path, ids);
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...query.map((p) => p.name)),
          hostileQueryValue,
          async (name, value) => {
            const res = await org.owner.get(`${url}?${name}=${value}`);
            const ok =
              res.statusCode < 500 &&
              isProblem(res) &&
              (!decodesToNul(value) || (res.statusCode >= 400 && res.statusCode < 500));
            if (!ok) failures.push(`GET ${path}?${name}=${value} → ${res.statusCode} ${res.body}`);
            return true;
          },
        ),
        { seed, numRuns: runs },
      );
    }
    expect(params).toBeGreaterThan(15);
    expect(failures).toEqual([]);
  });

  it('trust #12: when every paged list gets generated cursors, then each answers 200 or a 422 problem', async () => {
    const failures: string[] = [];
    const lists = Object.entries(doc.paths).filter(([, item]) =>
      (item.get?.parameters ?? []).some((p) => p.name === 'cursor'),
    );
    for (const [path, item] of lists) {
      const params = item.get!.parameters!;
      const sorts = (params.find((p) => p.name === 'sort')?.schema.enum ?? []) as string[];
      const stage = params.some((p) => p.name === 'stageId');
      const url = urlOf(path, ids);
      await fc.assert(
        fc.asyncProperty(
          cursors,
          fc.constantFrom(undefined, ...sorts),
          fc.boolean(),
          async (cursor, sort, inStage) => {
            const extra = `${sort ? `&sort=${sort}` : ''}${stage && inStage ? `&stageId=${ids.stages}` : ''}`;
            const res = await org.owner.get(`${url}?limit=1&cursor=${cursor}${extra}`);
            const ok = (res.statusCode === 200 || res.statusCode === 422) && isProblem(res);
            if (!ok) failures.push(`GET ${url}?cursor=${cursor}${extra} → ${res.statusCode}`);
            return true;
          },
        ),
        { seed, numRuns: runs * 4 },
      );
    }
    expect(lists.map(([path]) => path).sort()).toEqual([
      '/api/v1/contacts',
      '/api/v1/contacts/{id}/activities',
      '/api/v1/deals',
      '/api/v1/deals/{id}/activities',
      '/api/v1/imports/{id}/errors',
      '/api/v1/templates',
    ]);
    expect(failures).toEqual([]);
  });
});
