import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signupOrg, type Org, type TestApp } from '../../test/harness.js';

/**
 * Input validation items of the security review (#20): tampered cursors,
 * text PostgreSQL cannot store and out-of-range activity times are each a
 * 422 problem, answered before any SQL runs, never a 500.
 */

let t: TestApp;
let org: Org;
let contactId: string;
let dealId: string;
let stageId: string;

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
  await org.owner.post('/templates', { category: 'note', name: 'Input', body: 'Hi' });
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
