import { readFileSync } from 'node:fs';
import { Writable } from 'node:stream';
import pg from 'pg';
import { inject } from 'vitest';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { openPg, openPglite, type Database } from '../src/db/client.js';
import { loadConfig } from '../src/config.js';
import { buildApp } from '../src/app/app.js';

let counter = 0;

/** A fresh, migrated database for one test file: a PGlite loaded from the run's dump, or a copy of the server template. */
export async function createTestDatabase(): Promise<Database> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (serverUrl) {
    const name = `kt_${inject('runId')}_${process.pid}_${counter++}_${Math.random().toString(36).slice(2, 8)}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`create database ${name} template ${inject('pgTemplate')}`);
    await admin.end();
    const u = new URL(serverUrl);
    u.pathname = `/${name}`;
    return openPg(u.toString(), 10);
  }
  const dump = readFileSync(inject('pgliteDump'));
  return openPglite(undefined, new Blob([dump]));
}

export type TestApp = {
  app: FastifyInstance;
  database: Database;
  close(): Promise<void>;
};

export async function createTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  const config = loadConfig({ DATA_DIR: '/nonexistent', ...env });
  const app = await buildApp({ database, config });
  await app.ready();
  return {
    app,
    database,
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}

export type Response = LightMyRequestResponse & { body: string };

/** A signed-in caller: sends its cookie and the CSRF header on every request. */
export type Client = {
  cookie: string | undefined;
  token: string | undefined;
  request(
    method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
    url: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<Response>;
  get(url: string, headers?: Record<string, string>): Promise<Response>;
  post(url: string, body?: unknown, headers?: Record<string, string>): Promise<Response>;
  patch(url: string, body?: unknown, headers?: Record<string, string>): Promise<Response>;
  del(url: string, headers?: Record<string, string>): Promise<Response>;
};

const api = (url: string) =>
  url.startsWith('/api/') || url.startsWith('/healthz') ? url : `/api/v1${url}`;

export function client(
  app: FastifyInstance,
  auth: { cookie?: string; token?: string } = {},
): Client {
  const self: Client = {
    cookie: auth.cookie,
    token: auth.token,
    async request(method, url, body, headers = {}) {
      const h: Record<string, string> = { 'x-requested-with': 'test', ...headers };
      if (self.cookie) h.cookie = `kantivo_session=${self.cookie}`;
      if (self.token) h.authorization = `Bearer ${self.token}`;
      const isText = typeof body === 'string';
      if (isText && !h['content-type']) h['content-type'] = 'text/csv';
      return app.inject({
        method,
        url: api(url),
        headers: h,
        ...(body === undefined ? {} : isText ? { payload: body } : { payload: body as object }),
      }) as Promise<Response>;
    },
    get: (url, headers) => self.request('GET', url, undefined, headers),
    post: (url, body, headers) => self.request('POST', url, body ?? {}, headers),
    patch: (url, body, headers) => self.request('PATCH', url, body ?? {}, headers),
    del: (url, headers) => self.request('DELETE', url, undefined, headers),
  };
  return self;
}

export function sessionCookieOf(response: LightMyRequestResponse): string | undefined {
  const cookie = response.cookies.find((c) => c.name === 'kantivo_session');
  return cookie?.value;
}

let emailCounter = 0;
export const uniqueEmail = (prefix = 'user') =>
  `${prefix}.${Date.now().toString(36)}.${process.pid}.${emailCounter++}@example.test`;

export type Org = {
  orgId: string;
  owner: Client;
  ownerId: string;
  /** Creates a user of a role (a partner is created too when needed) and signs them in. */
  addUser(
    role: 'admin' | 'employee' | 'partner' | 'sales_rep',
    partnerId?: string,
  ): Promise<{ client: Client; id: string; partnerId: string | null; email: string }>;
  addPartner(name?: string): Promise<string>;
};

export async function signupOrg(
  app: FastifyInstance,
  options: { plan?: 'starter' | 'growth' | 'scale'; orgName?: string } = {},
): Promise<Org> {
  const email = uniqueEmail('owner');
  const res = await client(app).post('/auth/signup', {
    orgName: options.orgName ?? 'Acme',
    name: 'Olivia Owner',
    email,
    password: 'correct horse battery',
    ...(options.plan ? { plan: options.plan } : {}),
  });
  if (res.statusCode !== 201) throw new Error(`signup failed: ${res.statusCode} ${res.body}`);
  const body = res.json() as { user: { id: string }; org: { id: string } };
  const owner = client(app, { cookie: sessionCookieOf(res) });
  const org: Org = {
    orgId: body.org.id,
    owner,
    ownerId: body.user.id,
    async addPartner(name = 'Reseller') {
      const r = await owner.post('/partners', { name });
      if (r.statusCode !== 201) throw new Error(`partner failed: ${r.body}`);
      return (r.json() as { id: string }).id;
    },
    async addUser(role, partnerId) {
      let pid: string | null = partnerId ?? null;
      if ((role === 'partner' || role === 'sales_rep') && !pid) pid = await org.addPartner();
      const userEmail = uniqueEmail(role);
      const r = await owner.post('/users', {
        name: `${role} user`,
        email: userEmail,
        password: 'correct horse battery',
        role,
        ...(pid ? { partnerId: pid } : {}),
      });
      if (r.statusCode !== 201) throw new Error(`user failed: ${r.body}`);
      const login = await client(app).post('/auth/login', {
        email: userEmail,
        password: 'correct horse battery',
      });
      return {
        client: client(app, { cookie: sessionCookieOf(login) }),
        id: (r.json() as { id: string }).id,
        partnerId: pid,
        email: userEmail,
      };
    },
  };
  return org;
}

/** A writable stream that keeps what is written, for a CLI's stdout and stderr. */
export function textSink() {
  let text = '';
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      text += chunk.toString();
      callback();
    },
  });
  return { stream, text: () => text };
}
