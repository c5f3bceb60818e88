import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import { createTestApp, signupOrg, uniqueEmail, type TestApp } from '../../test/harness.js';

let direct: TestApp;
let proxied: TestApp;
beforeAll(async () => {
  direct = await createTestApp();
  proxied = await createTestApp({ TRUST_PROXY: '127.0.0.1' });
});
afterAll(async () => {
  await direct.close();
  await proxied.close();
});

const pw = 'correct horse battery';

/** A wrong login from socket 127.0.0.1 claiming to forward for `forwardedFor`. */
const sprayFrom = (t: TestApp, forwardedFor: string) =>
  t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    headers: { 'x-forwarded-for': forwardedFor },
    payload: { email: uniqueEmail('spray'), password: 'wrong password' },
    remoteAddress: '127.0.0.1',
  });

describe('proxies and cookies', () => {
  it('trust #7: TRUST_PROXY is off by default and takes true or a list of proxies', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'false' }).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.0/8, 127.0.0.1' }).trustProxy).toBe(
      '10.0.0.0/8, 127.0.0.1',
    );
  });

  it('trust #7: X-Forwarded-For is ignored unless TRUST_PROXY names the peer, so forged addresses do not escape the per-address throttle', async () => {
    const statuses = async (t: TestApp) => {
      const out: number[] = [];
      for (let i = 0; i < 11; i++) out.push((await sprayFrom(t, `203.0.113.${i + 1}`)).statusCode);
      return out;
    };
    const untrusted = await statuses(direct);
    expect(untrusted.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(untrusted[10]).toBe(429);
    const trusted = await statuses(proxied);
    expect(trusted.every((s) => s === 401)).toBe(true);
  });

  it('trust #16: over plain http the session cookie is kantivo_session, and a forged X-Forwarded-Proto does not change it', async () => {
    const res = await direct.app.inject({
      method: 'POST',
      url: '/api/v1/auth/signup',
      headers: { 'x-forwarded-proto': 'https' },
      payload: { orgName: 'A', name: 'A', email: uniqueEmail(), password: pw },
    });
    expect(res.statusCode).toBe(201);
    expect(res.cookies.map((c) => c.name)).toEqual(['kantivo_session']);
    expect(res.cookies[0]!.secure).toBeFalsy();
  });

  it('trust #16: behind a trusted HTTPS proxy the cookie is __Host-kantivo_session (Secure, Path=/, no Domain), and only it signs in', async () => {
    const https = { 'x-forwarded-proto': 'https', 'x-requested-with': 'test' };
    const res = await proxied.app.inject({
      method: 'POST',
      url: '/api/v1/auth/signup',
      headers: https,
      payload: { orgName: 'A', name: 'A', email: uniqueEmail(), password: pw },
      remoteAddress: '127.0.0.1',
    });
    expect(res.statusCode).toBe(201);
    const [cookie] = res.cookies;
    expect(cookie).toMatchObject({ name: '__Host-kantivo_session', secure: true, path: '/' });
    expect(cookie!.domain).toBeUndefined();
    const me = (name: string, headers: Record<string, string>) =>
      proxied.app.inject({
        method: 'GET',
        url: '/api/v1/me',
        headers: { ...headers, cookie: `${name}=${cookie!.value}` },
        remoteAddress: '127.0.0.1',
      });
    expect((await me('__Host-kantivo_session', https)).statusCode).toBe(200);
    expect((await me('kantivo_session', https)).statusCode).toBe(401);
    expect((await me('__Host-kantivo_session', {})).statusCode).toBe(401);
    const org = await signupOrg(direct.app);
    expect((await org.owner.get('/me')).statusCode).toBe(200);
  });
});
