import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signupOrg, type TestApp } from '../../test/harness.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const pw = 'correct horse battery';
let address = 0;

/** A login from a fresh address each time (so only the e-mail's throttle applies). */
const attempt = (email: string, password: string, device?: string) =>
  t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { email, password },
    remoteAddress: `10.1.${Math.floor(++address / 250)}.${(address % 250) + 1}`,
    ...(device ? { cookies: { kantivo_device: device } } : {}),
  });

async function ownerEmail() {
  const org = await signupOrg(t.app);
  return (await org.owner.get('/me')).json().user.email as string;
}

/** Moves an e-mail's failures `seconds` into the past, as if that much time went by. */
const age = (email: string, seconds: number) =>
  t.database.unsafeOwner.execute(
    sql`update login_failures set failed_at = failed_at - make_interval(secs => ${seconds})
        where key = ${`email:${email}`}`,
  );

describe('login throttling', () => {
  it('trust #7: when 60 wrong guesses for one e-mail arrive in parallel, then at most 10 are checked and the rest are 429', async () => {
    const email = await ownerEmail();
    const results = await Promise.all(
      Array.from({ length: 60 }, () => attempt(email, 'wrong password')),
    );
    const checked = results.filter((r) => r.statusCode === 401).length;
    const refused = results.filter((r) => r.statusCode === 429).length;
    expect(checked).toBeLessThanOrEqual(10);
    expect(checked + refused).toBe(60);
  });

  it('trust #7: when an e-mail is backed off, then its own known device still signs in, a forged device cookie does not, and nor does the right password elsewhere', async () => {
    const email = await ownerEmail();
    const first = await attempt(email, pw);
    expect(first.statusCode).toBe(200);
    const device = first.cookies.find((c) => c.name === 'kantivo_device')!;
    expect(device.httpOnly).toBe(true);
    for (let i = 0; i < 10; i++)
      expect((await attempt(email, 'wrong password')).statusCode).toBe(401);
    const elsewhere = await attempt(email, pw);
    expect(elsewhere.statusCode).toBe(429);
    expect(Number(elsewhere.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(elsewhere.headers['retry-after'])).toBeLessThanOrEqual(60);
    const forged = device.value.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'));
    expect((await attempt(email, pw, forged)).statusCode).toBe(429);
    expect((await attempt(email, pw, device.value)).statusCode).toBe(200);
  });

  it('trust #7: when the back-off has passed, then the right password signs in, and each further failure doubles the wait up to 15 minutes', async () => {
    const email = await ownerEmail();
    for (let i = 0; i < 10; i++) await attempt(email, 'wrong password');
    expect((await attempt(email, pw)).statusCode).toBe(429);
    await age(email, 61);
    expect((await attempt(email, 'wrong password')).statusCode).toBe(401);
    const doubled = await attempt(email, pw);
    expect(doubled.statusCode).toBe(429);
    expect(Number(doubled.headers['retry-after'])).toBeGreaterThan(60);
    expect(Number(doubled.headers['retry-after'])).toBeLessThanOrEqual(120);
    await t.database.unsafeOwner.execute(
      sql`insert into login_failures (key) select ${`email:${email}`} from generate_series(1, 10)`,
    );
    const capped = await attempt(email, pw);
    expect(Number(capped.headers['retry-after'])).toBeGreaterThan(850);
    expect(Number(capped.headers['retry-after'])).toBeLessThanOrEqual(900);
    await age(email, 901);
    expect((await attempt(email, pw)).statusCode).toBe(200);
    expect((await attempt(email, pw)).statusCode).toBe(200);
  });
});
