import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, createTestApp, sessionCookieOf, type TestApp } from '../../test/harness.js';
import { demoFillers } from './content.js';
import { demoPassword, seedDemo } from './seed.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await seedDemo(t.database, demoFillers);
});
afterAll(() => t.close());

const signIn = async (email: string) => {
  const res = await client(t.app).post('/auth/login', { email, password: demoPassword });
  return client(t.app, { cookie: sessionCookieOf(res) });
};

describe('demo customers', () => {
  it('when the demo is seeded, then it has platform customers and a contact can be linked to one', async () => {
    const admin = await signIn('admin@demo.kantivo.test');
    const customers = (await admin.get('/customers')).json().data as { id: string; name: string }[];
    expect(customers.map((c) => c.name)).toEqual([
      'Acme Corporation',
      'Globex Industries',
      'Initech',
      'TechStart Inc',
    ]);
    const sarah = (await admin.get('/contacts?q=sarah@acmecorp.com')).json().data[0] as {
      id: string;
      customerId: string | null;
    };
    expect(sarah.customerId).toBeNull();
    const acme = customers.find((c) => c.name === 'Acme Corporation')!;
    const linked = await admin.post(`/contacts/${sarah.id}/link-customer`, { customerId: acme.id });
    expect(linked.statusCode).toBe(200);
    expect(linked.json()).toMatchObject({ customerId: acme.id });
  });
});
