import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signupOrg, type Org, type TestApp } from '../../test/harness.js';

let t: TestApp;
let org: Org;
let contactId: string;

beforeAll(async () => {
  t = await createTestApp();
  org = await signupOrg(t.app, { plan: 'growth' });
  contactId = (
    await org.owner.post('/contacts', { firstName: 'Otto', lastName: 'Time', email: 'otto@x.io' })
  ).json().id;
});
afterAll(() => t.close());

function expect422(res: { statusCode: number; headers: Record<string, unknown> }, what: string) {
  expect(res.statusCode, what).toBe(422);
  expect(String(res.headers['content-type']), what).toContain('application/problem+json');
}

describe('trust #14: occurredAt', () => {
  const post = (occurredAt: string) =>
    org.owner.post(`/contacts/${contactId}/activities`, { type: 'call', body: 'B', occurredAt });

  it('trust #14: an occurredAt before 1970 or more than five minutes ahead is a 422', async () => {
    const now = Date.now();
    for (const at of [
      '0001-01-01T00:00:00Z',
      '1969-12-31T23:59:59.999Z',
      '9999-12-31T23:59:59Z',
      new Date(now + 6 * 60_000).toISOString(),
      `${new Date(now).getUTCFullYear() + 1}-01-01T00:00:00-23:59`,
    ]) {
      const res = await post(at);
      expect422(res, at);
      expect(res.json().errors[0].path, at).toBe('body.occurredAt');
    }
  });

  it('trust #14: an occurredAt from 1970 up to now plus five minutes is kept', async () => {
    for (const at of [
      '1970-01-01T00:00:00.000Z',
      '2020-02-29T12:00:00+02:00',
      new Date(Date.now() + 4 * 60_000).toISOString(),
    ]) {
      const res = await post(at);
      expect(res.statusCode, at).toBe(201);
      expect(Date.parse(res.json().occurredAt), at).toBe(Date.parse(at));
    }
  });
});
