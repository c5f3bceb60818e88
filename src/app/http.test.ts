import Fastify from 'fastify';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, createTestApp, signupOrg, type Org, type TestApp } from '../../test/harness.js';
import { sendProblem } from './problem.js';

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

  it('trust #16: when the URL is malformed, then 400 problem+json, not the framework default', async () => {
    for (const url of ['/api/v1/contacts/%E0%A4%A', '/api/v1/%E0%A4%A/x', '/%E0%A4%A']) {
      const res = await org.owner.get(url);
      expect(res.statusCode).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json()).toMatchObject({ status: 400, title: 'Bad request' });
      expect(res.json().type).toMatch(/^https:\/\/kantivo\.dev\/problems\//);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
    }
  });

  it('trust #16: when the body has an unknown content type, is too large, or is broken JSON, then 415, 413 and 400 problem+json', async () => {
    const send = (type: string, payload: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/contacts',
        headers: {
          cookie: `kantivo_session=${org.owner.cookie}`,
          'x-requested-with': 'x',
          'content-type': type,
        },
        payload,
      });
    const cases: [number, Awaited<ReturnType<typeof send>>][] = [
      [415, await send('application/xml', '<contact/>')],
      [413, await send('application/json', JSON.stringify({ notes: 'x'.repeat(1_100_000) }))],
      [400, await send('application/json', '{"firstName": ')],
    ];
    for (const [status, res] of cases) {
      expect(res.statusCode).toBe(status);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json().status).toBe(status);
      expect(res.json().type).toMatch(/^https:\/\/kantivo\.dev\/problems\//);
    }
  });

  it('trust #16: when a database error fails a request, then the log keeps the statement but not the values', async () => {
    const lines: string[] = [];
    const logged = Fastify({
      logger: { level: 'error', stream: { write: (line: string) => void lines.push(line) } },
    });
    logged.setErrorHandler((error, request, reply) => sendProblem(request, reply, error));
    await t.database.unsafeOwner.execute(
      sql`create table if not exists trust_log_probe (email text unique)`,
    );
    await t.database.unsafeOwner.execute(
      sql`insert into trust_log_probe values (${'taken-secret@x.io'})`,
    );
    logged.get('/cast', async () => {
      await t.database.unsafeOwner.execute(sql`select ${'search-secret'}::uuid as id`);
    });
    logged.get('/unique', async () => {
      await t.database.unsafeOwner.execute(
        sql`insert into trust_log_probe (email) values (${'taken-secret@x.io'})`,
      );
    });
    expect((await logged.inject({ url: '/cast' })).statusCode).toBe(500);
    expect((await logged.inject({ url: '/unique' })).statusCode).toBe(500);
    await logged.close();
    const log = lines.join('\n');
    expect(lines).toHaveLength(2);
    expect(log).toContain('::uuid');
    expect(log).toContain('insert into trust_log_probe');
    expect(log).toContain('22P02');
    expect(log).toContain('23505');
    expect(log).not.toContain('secret');
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
