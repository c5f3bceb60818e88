import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signupOrg, type Org, type TestApp } from '../../test/harness.js';
import { queryRows } from '../db/client.js';

let t: TestApp;
let org: Org;
beforeAll(async () => {
  t = await createTestApp({ IMPORT_RATE_PER_MINUTE: '2', EXPORT_RATE_PER_MINUTE: '2' });
  org = await signupOrg(t.app, { plan: 'growth' });
});
afterAll(() => t.close());

describe('security headers and limits', () => {
  it('when the API answers, then it forbids sniffing, framing and caching', async () => {
    const res = await org.owner.get('/me');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['cache-control']).toBe('no-store');
    const problem = await org.owner.get('/contacts/not-an-id');
    expect(problem.headers['x-content-type-options']).toBe('nosniff');
  });

  it('trust #16: when the API docs page is opened, then it has a strict CSP and cannot be framed', async () => {
    for (const url of ['/api/v1/docs', '/api/v1/docs/']) {
      const res = await t.app.inject({ method: 'GET', url });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toContain('text/html');
      const csp = String(res.headers['content-security-policy']);
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("object-src 'none'");
      expect(csp).not.toContain('unsafe-inline');
      expect(res.headers['x-frame-options']).toBe('DENY');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
    }
  });

  it('when a user imports or exports more than the per-minute limit, then 429 with Retry-After, and other users are unaffected', async () => {
    const csv = 'First Name,Last Name,Email\nAda,Lovelace,ada@x.io\n';
    for (let i = 0; i < 2; i++)
      expect((await org.owner.post('/contacts/import', csv)).statusCode).toBe(200);
    const limited = await org.owner.post('/contacts/import', csv);
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    for (let i = 0; i < 2; i++)
      expect((await org.owner.get('/contacts/export')).statusCode).toBe(200);
    expect((await org.owner.get('/contacts/export')).statusCode).toBe(429);
    const admin = await org.addUser('admin');
    expect((await admin.client.get('/contacts/export')).statusCode).toBe(200);
    // Ordinary routes have no such limit.
    for (let i = 0; i < 20; i++) expect((await org.owner.get('/contacts')).statusCode).toBe(200);
  });

  it('when the database is asked, then statements are bounded by a timeout', async () => {
    const [row] = await queryRows<{ timeout: string }>(
      t.database.unsafeOwner,
      sql`select current_setting('statement_timeout') as timeout`,
    );
    expect(row!.timeout).toBe('1min');
  });
});
