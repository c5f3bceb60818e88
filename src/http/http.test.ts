import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, createTestApp, signupOrg, type Org, type TestApp } from '../../test/harness.js';

let t: TestApp;
let org: Org;
beforeAll(async () => {
  t = await createTestApp();
  org = await signupOrg(t.app, { plan: 'growth' });
});
afterAll(() => t.close());

describe('errors are problem+json with the contract statuses', () => {
  it('when the JSON is malformed, then 400', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/contacts',
      headers: {
        cookie: `kantivo_session=${org.owner.cookie}`,
        'x-requested-with': 'x',
        'content-type': 'application/json',
      },
      payload: '{"firstName": ',
    });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
  });

  it('when the body is over 1 MB, then 413 and nothing is created', async () => {
    const res = await org.owner.post('/contacts', {
      firstName: 'Big',
      lastName: 'Body',
      email: 'big@x.io',
      notes: 'x'.repeat(1_100_000),
    });
    expect(res.statusCode).toBe(413);
    expect((await org.owner.get('/contacts/stats')).json().total).toBe(0);
  });

  it('when a number or boolean is sent as a string, then it is not coerced (422)', async () => {
    expect(
      (await org.owner.patch('/crm/settings', { repsCanCommitUpward: 'true' })).statusCode,
    ).toBe(422);
    expect((await org.owner.patch('/crm/settings', { maxContacts: '5' })).statusCode).toBe(422);
  });

  it('when a route does not exist, then 404 problem+json', async () => {
    const res = await org.owner.get('/nowhere');
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ status: 404, title: 'Not found' });
  });

  it('when the database answers, then /healthz is ok', async () => {
    const res = await client(t.app).get('/healthz');
    expect(res.json()).toEqual({ status: 'ok' });
  });
});

describe('OpenAPI', () => {
  it('when the document is fetched, then it is OpenAPI 3.1 and every route has a response schema, and each body route a request schema', async () => {
    const doc = (await client(t.app).get('/openapi.json')).json();
    expect(doc.openapi).toBe('3.1.0');
    const missing: string[] = [];
    let count = 0;
    for (const [path, item] of Object.entries(
      doc.paths as Record<
        string,
        Record<string, { responses?: Record<string, unknown>; requestBody?: unknown }>
      >,
    )) {
      for (const [method, op] of Object.entries(item)) {
        count++;
        const ok = Object.keys(op.responses ?? {}).some((code) => code.startsWith('2'));
        if (!ok) missing.push(`${method} ${path}: no success response`);
        if (
          ['post', 'patch', 'put'].includes(method) &&
          !op.requestBody &&
          !path.endsWith('/logout')
        ) {
          const bodyless = ['/imports/{id}/revert', '/users/{id}/password-reset'].some((p) =>
            path.endsWith(p),
          );
          if (!bodyless) missing.push(`${method} ${path}: no request body schema`);
        }
      }
    }
    expect(count).toBeGreaterThan(25);
    expect(missing).toEqual([]);
    expect(
      doc.paths['/api/v1/contacts'].get.parameters.map((p: { name: string }) => p.name),
    ).toEqual(
      expect.arrayContaining([
        'q',
        'status',
        'type',
        'visibility',
        'tag',
        'ownerId',
        'sort',
        'limit',
        'cursor',
      ]),
    );
  });

  it('when /docs is opened, then the viewer answers', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/docs/' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('html');
  });
});
