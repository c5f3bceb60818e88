import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, createTestApp, signupOrg, type Org, type TestApp } from '../../test/harness.js';

/**
 * Input validation items of the security review (#20): tampered cursors and
 * text PostgreSQL cannot store are each a 422 problem, answered before any
 * SQL runs, never a 500. (occurredAt bounds: src/activities/occurred-at.test.ts.)
 */

let t: TestApp;
let org: Org;
let contactId: string;
let dealId: string;
let stageId: string;
const ids: Record<string, string> = {};

const cursor = (values: unknown) => Buffer.from(JSON.stringify(values)).toString('base64url');
const uuid = '0190a5b0-7c1e-7000-8000-000000000001';
const time = '2026-01-01T00:00:00.000Z';

function expect422(res: { statusCode: number; headers: Record<string, unknown> }, what: string) {
  expect(res.statusCode, what).toBe(422);
  expect(String(res.headers['content-type']), what).toContain('application/problem+json');
}

beforeAll(async () => {
  t = await createTestApp();
  org = await signupOrg(t.app, { plan: 'growth' });
  contactId = (
    await org.owner.post('/contacts', { firstName: 'Ina', lastName: 'Input', email: 'ina@x.io' })
  ).json().id;
  dealId = (await org.owner.post('/deals', { title: 'Input deal', contactId })).json().id;
  stageId = (await org.owner.get('/stages')).json().data[0].id;
  ids.template = (
    await org.owner.post('/templates', { category: 'note', name: 'Input', body: 'Hi' })
  ).json().id;
  ids.partner = (await org.owner.post('/partners', { name: 'Input partner' })).json().id;
  ids.user = (await org.addUser('employee')).id;
  ids.stage = (await org.owner.post('/stages', { name: 'Input stage' })).json().id;
  ids.field = (
    await org.owner.post('/custom-fields', { key: 'input', label: 'Input', type: 'text' })
  ).json().id;
});
afterAll(() => t.close());

describe('trust #12: cursors', () => {
  // Junk in every shape: not base64 JSON, wrong arity, wrong types, text PostgreSQL rejects.
  const common = [
    'garbage',
    '%00',
    cursor({}),
    cursor([]),
    cursor(null),
    cursor('x'.repeat(10)),
    'x'.repeat(5000),
  ];
  const lists: { name: string; path: string; bad: unknown[] }[] = [
    {
      name: '/contacts (newest first)',
      path: '/contacts?',
      bad: [
        ['-createdAt', 'not a time', uuid],
        ['-createdAt', time, 'not-a-uuid'],
        ['-createdAt', '0000-01-01T00:00:00.000Z', uuid],
        ['-createdAt', time],
        [time, uuid],
        ['name', 'Input', 'Ina', uuid],
      ],
    },
    {
      name: '/contacts (by name)',
      path: '/contacts?sort=name&',
      bad: [
        ['name', 'a\u0000b', 'Ina', uuid],
        ['name', '\ud800', 'Ina', uuid],
        ['name', 1, 2, uuid],
        ['name', 'Input', 'Ina', 'x'],
        ['-name', 'Input', 'Ina', uuid],
      ],
    },
    {
      name: '/deals',
      path: '/deals?',
      bad: [
        ['created', 'yesterday', uuid],
        ['created', time, 'x'],
        ['board', 1024, uuid],
        ['created', time],
      ],
    },
    {
      name: '/deals?stageId (board)',
      path: '/deals?stageId={stage}&',
      bad: [
        ['board', '1024', uuid],
        ['board', 1024, 'x'],
        ['created', time, uuid],
      ],
    },
    {
      name: '/templates',
      path: '/templates?',
      bad: [
        [1, 'Input', 'not-a-uuid'],
        [2 ** 40, 'Input', uuid],
        [-1, 'Input', uuid],
        [1.5, 'Input', uuid],
        [1, 'a\u0000', uuid],
        ['1', 'Input', uuid],
      ],
    },
    {
      name: 'the contact timeline',
      path: '/contacts/{contact}/activities?',
      bad: [
        ['not a time', uuid],
        [time, 'x'],
        ['0000-01-01T00:00:00.000Z', uuid],
        [time, uuid, 1],
      ],
    },
    {
      name: 'the deal timeline',
      path: '/deals/{deal}/activities?',
      bad: [
        ['+275760-09-13T00:00:00.000Z', uuid],
        [time, 42],
      ],
    },
  ];

  for (const list of lists) {
    it(`trust #12: a tampered cursor is a 422 on ${list.name}`, async () => {
      const base = list.path
        .replace('{contact}', contactId)
        .replace('{deal}', dealId)
        .replace('{stage}', stageId);
      for (const c of [...common, ...list.bad.map(cursor)]) {
        const res = await org.owner.get(`${base}cursor=${c}`);
        expect422(res, `${base}cursor=${String(c).slice(0, 60)}`);
        expect(res.json().errors[0].path).toBe('querystring.cursor');
      }
    });
  }

  it('trust #12: the cursors the API makes still page every list', async () => {
    for (let i = 0; i < 3; i++) {
      await org.owner.post('/contacts', {
        firstName: `P${i}`,
        lastName: 'Page',
        email: `p${i}@x.io`,
      });
      await org.owner.post(`/contacts/${contactId}/activities`, { type: 'note', body: `n${i}` });
      await org.owner.post('/deals', { title: `Page ${i}`, contactId, stageId });
      await org.owner.post('/templates', { category: 'note', name: `Page ${i}`, body: 'Hi' });
    }
    for (const path of [
      '/contacts?sort=name&',
      '/contacts?sort=-updatedAt&',
      '/contacts?',
      `/contacts/${contactId}/activities?`,
      '/deals?',
      `/deals?stageId=${stageId}&`,
      '/templates?',
    ]) {
      const first = (await org.owner.get(`${path}limit=1`)).json();
      expect(first.nextCursor, path).toBeTypeOf('string');
      const next = await org.owner.get(`${path}limit=1&cursor=${first.nextCursor}`);
      expect(next.statusCode, path).toBe(200);
      expect(next.json().data[0].id, path).not.toBe(first.data[0].id);
    }
  });
});

describe('trust #13: text PostgreSQL cannot store', () => {
  const unstorable = ['a\u0000b', '\u0000', 'x\ud800', '\udc00y', '\ud800\ud800\udc00'];
  // Each route with a body that is valid but for the one field under test.
  const routes: { route: string; base: Record<string, unknown>; fields: string[] }[] = [
    {
      route: 'POST /contacts',
      base: { firstName: 'N', lastName: 'U', email: 'nul@x.io' },
      fields: ['firstName', 'notes', 'company', 'tags.0', 'customFields.input'],
    },
    { route: 'PATCH /contacts/{contact}', base: {}, fields: ['lastName', 'city'] },
    {
      route: 'POST /deals',
      base: { title: 'D', contactId: '{contact}' },
      fields: ['title', 'description', 'source', 'tags.0'],
    },
    { route: 'PATCH /deals/{deal}', base: {}, fields: ['title', 'lostReason'] },
    {
      route: 'POST /templates',
      base: { category: 'email', name: 'T', body: 'B' },
      fields: ['name', 'subject', 'body'],
    },
    { route: 'PATCH /templates/{template}', base: {}, fields: ['body'] },
    {
      route: 'POST /contacts/{contact}/activities',
      base: { type: 'note', body: 'B' },
      fields: ['subject', 'body'],
    },
    { route: 'POST /deals/{deal}/activities', base: { type: 'call', body: 'B' }, fields: ['body'] },
    { route: 'POST /partners', base: { name: 'P' }, fields: ['name'] },
    { route: 'PATCH /partners/{partner}', base: {}, fields: ['name'] },
    {
      route: 'POST /users',
      base: { name: 'U', email: 'nul.user@x.io', password: 'long enough pw', role: 'employee' },
      fields: ['name', 'password'],
    },
    { route: 'PATCH /users/{user}', base: {}, fields: ['name'] },
    { route: 'POST /stages', base: { name: 'S' }, fields: ['name'] },
    { route: 'PATCH /stages/{stage}', base: {}, fields: ['name'] },
    {
      route: 'POST /custom-fields',
      base: { key: 'nul', label: 'L', type: 'select', options: ['a'] },
      fields: ['label', 'options.0'],
    },
    { route: 'PATCH /custom-fields/{field}', base: {}, fields: ['label'] },
    { route: 'POST /customers', base: { name: 'C' }, fields: ['name'] },
    { route: 'PATCH /org', base: {}, fields: ['name'] },
    { route: 'POST /tokens', base: { name: 'T' }, fields: ['name'] },
    { route: 'POST /training/welcome', base: {}, fields: ['answer'] },
    {
      route: 'POST /auth/signup',
      base: { orgName: 'O', name: 'N', email: 'nul.signup@x.io', password: 'long enough pw' },
      fields: ['orgName', 'name', 'password'],
    },
    {
      route: 'POST /me/password',
      base: { currentPassword: 'long enough pw', newPassword: 'another long pw' },
      fields: ['currentPassword', 'newPassword'],
    },
    {
      route: 'POST /me/email',
      base: { email: 'nul.me@x.io', currentPassword: 'long enough pw' },
      fields: ['currentPassword'],
    },
    {
      route: 'POST /auth/password-reset',
      base: { token: 'kr_x_y', password: 'long enough pw' },
      fields: ['token', 'password'],
    },
    {
      route: 'POST /auth/login',
      base: { email: 'nul.login@x.io', password: 'long enough pw' },
      fields: ['email', 'password'],
    },
  ];

  /** `{ ...base }` with `value` at a dotted path (tags.0 → an array, customFields.x → a record). */
  function withValue(base: Record<string, unknown>, field: string, value: string) {
    const [head, tail] = field.split('.') as [string, string | undefined];
    const filled = JSON.parse(
      JSON.stringify(base).replaceAll('{contact}', contactId).replaceAll('{deal}', dealId),
    ) as Record<string, unknown>;
    if (tail === undefined) filled[head] = value;
    else filled[head] = /^\d+$/.test(tail) ? [value] : { [tail]: value };
    return filled;
  }

  for (const { route, base, fields } of routes) {
    it(`trust #13: a NUL or a lone surrogate in a JSON field is a 422 on ${route}`, async () => {
      const [method, path] = route.split(' ') as ['POST' | 'PATCH', string];
      const url = path
        .replace('{contact}', contactId)
        .replace('{deal}', dealId)
        .replace(/\{(\w+)\}/, (_, k: string) => ids[k]!);
      const caller = path.startsWith('/auth/') ? client(t.app) : org.owner;
      for (const field of fields) {
        for (const value of unstorable) {
          const res = await caller.request(method, url, withValue(base, field, value));
          const what = `${route} ${field}=${JSON.stringify(value)}`;
          expect422(res, what);
          const paths = (res.json().errors as { path: string }[]).map((e) => e.path);
          expect(paths, what).toContain(`body.${field}`);
        }
      }
    });
  }

  it('trust #13: a NUL in a query parameter is a 422 on every list and the export', async () => {
    for (const qs of [
      '/contacts?q=ab%00c',
      '/contacts?tag=%00',
      '/contacts?q=%00%00',
      '/deals?q=ab%00',
      '/templates?q=%00ab',
      '/contacts/export?q=ab%00',
      '/contacts/export?tag=x%00',
    ]) {
      expect422(await org.owner.get(qs), qs);
    }
  });

  it('trust #13: a NUL in a path parameter is a 4xx, never a 500', async () => {
    for (const [method, url] of [
      ['GET', '/contacts/%00'],
      ['GET', '/deals/a%00b/activities'],
      ['PATCH', '/templates/%00'],
      ['POST', '/training/%00'],
      ['POST', '/training/welcome%00'],
    ] as const) {
      const res = await org.owner.request(method, url, { complete: true });
      expect(res.statusCode, url).toBeGreaterThanOrEqual(400);
      expect(res.statusCode, url).toBeLessThan(500);
    }
  });

  it('trust #13: a date PostgreSQL cannot store (year 0000) is a 422', async () => {
    const res = await org.owner.patch(`/deals/${dealId}`, { expectedCloseDate: '0000-01-01' });
    expect422(res, 'expectedCloseDate 0000-01-01');
    expect(res.json().errors[0].path).toBe('body.expectedCloseDate');
  });

  it('trust #13: control characters other than NUL are stored as given', async () => {
    const res = await org.owner.post('/contacts', {
      firstName: 'Tab\there',
      lastName: 'Bell\u0007',
      email: 'ctl@x.io',
      notes: 'line\r\nbreak \u001b[1m \u007f \uffff \ud83d\ude00',
    });
    expect(res.statusCode).toBe(201);
    const back = (await org.owner.get(`/contacts/${res.json().id}`)).json();
    expect(back.notes).toBe('line\r\nbreak \u001b[1m \u007f \uffff \ud83d\ude00');
  });

  it('trust #13: every input string has a maxLength (or is an enum, uuid or date)', async () => {
    type S = Record<string, unknown>;
    const doc = (await client(t.app).get('/openapi.json')).json() as {
      paths: Record<string, Record<string, S>>;
      components?: { schemas?: Record<string, S> };
    };
    const unbounded: string[] = [];
    const walk = (s: unknown, where: string, seen = new Set<unknown>()): void => {
      if (!s || typeof s !== 'object' || seen.has(s)) return;
      seen.add(s);
      const o = s as S;
      if (typeof o.$ref === 'string') {
        return walk(doc.components?.schemas?.[o.$ref.split('/').pop()!], where, seen);
      }
      const types = ([] as unknown[]).concat(o.type ?? []);
      const bounded =
        o.maxLength !== undefined ||
        o.enum !== undefined ||
        o.const !== undefined ||
        ['uuid', 'date', 'date-time'].includes(String(o.format));
      if (types.includes('string') && !bounded) unbounded.push(where);
      for (const key of ['items', 'additionalProperties', 'propertyNames', 'not'] as const) {
        walk(o[key], `${where}.${key}`, seen);
      }
      for (const key of ['anyOf', 'oneOf', 'allOf', 'prefixItems'] as const) {
        ((o[key] as unknown[]) ?? []).forEach((x, i) => walk(x, `${where}.${key}${i}`, seen));
      }
      for (const [name, p] of Object.entries((o.properties as S) ?? {})) {
        walk(p, `${where}.${name}`, seen);
      }
    };
    let inputs = 0;
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(item)) {
        for (const p of (op.parameters as { name: string; in: string; schema: S }[]) ?? []) {
          if (p.in === 'header') continue;
          inputs++;
          walk(p.schema, `${method} ${path} ${p.in}.${p.name}`);
        }
        const body = (op.requestBody as { content?: Record<string, { schema: S }> } | undefined)
          ?.content?.['application/json']?.schema;
        if (body) {
          inputs++;
          walk(body, `${method} ${path} body`);
        }
      }
    }
    expect(inputs).toBeGreaterThan(40);
    expect(unbounded).toEqual([]);
  });
});
