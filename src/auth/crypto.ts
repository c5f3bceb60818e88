import {
  createHash,
  createHmac,
  randomBytes,
  scrypt as scryptCb,
  timingSafeEqual,
  type ScryptOptions,
} from 'node:crypto';

const scrypt = (password: string, salt: Buffer, keylen: number, options: ScryptOptions) =>
  new Promise<Buffer>((resolve, reject) =>
    scryptCb(password, salt, keylen, options, (err, key) => (err ? reject(err) : resolve(key))),
  );

// N=2^15, r=8, p=1 (OWASP's scrypt floor is N=2^17 at p=1 or 2^15 with more memory; 2^15 keeps login
// under 100 ms on two cores while staying well above brute-force comfort).
const params = { N: 32768, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };

/** Hashes a password with scrypt as `scrypt$N$r$p$salt$hash` (base64). */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, 32, params);
  return [
    'scrypt',
    params.N,
    params.r,
    params.p,
    salt.toString('base64'),
    key.toString('base64'),
  ].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !n || !r || !p || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const key = await scrypt(password, Buffer.from(salt, 'base64'), expected.length, {
    N: Number(n),
    r: Number(r),
    p: Number(p),
    maxmem: params.maxmem,
  });
  return timingSafeEqual(key, expected);
}

/** A hash computed for unknown e-mails, so both login failures take the same time. */
let dummyHash: Promise<string> | undefined;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword('not-a-real-password');
  return dummyHash;
}

export const newSecret = (): string => randomBytes(32).toString('base64url');
export const sha256 = (value: string): string => createHash('sha256').update(value).digest('hex');

// Session, API-token and password-reset strings carry their organization so
// that the lookup is by (org_id, hash), a tenant-scoped key, before anything
// else is known.
export type BearerPrefix = 'ks' | 'kt' | 'kr';
const compactUuid = (id: string) => id.replace(/-/g, '');
const expandUuid = (hex: string) =>
  `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;

export function makeBearer(prefix: BearerPrefix, orgId: string, secret: string): string {
  return `${prefix}_${compactUuid(orgId)}_${secret}`;
}

export function parseBearer(
  prefix: BearerPrefix,
  value: string,
): { orgId: string; secret: string } | null {
  const match = /^([a-z]{2})_([0-9a-f]{32})_([A-Za-z0-9_-]{20,100})$/.exec(value);
  if (!match || match[1] !== prefix) return null;
  return { orgId: expandUuid(match[2]!), secret: match[3]! };
}

// A known device: the cookie a successful login leaves, `<userId>.<deviceId>.<mac>`,
// signed with the installation's secret, so only that user's own browser holds one.
const deviceMac = (secret: string, userId: string, deviceId: string) =>
  createHmac('sha256', secret).update(`device:${userId}.${deviceId}`).digest('base64url');

export function signDevice(secret: string, userId: string, deviceId: string): string {
  return `${userId}.${deviceId}.${deviceMac(secret, userId, deviceId)}`;
}

export function readDevice(
  secret: string,
  value: string,
): { userId: string; deviceId: string } | null {
  const match = /^([0-9a-f-]{36})\.([A-Za-z0-9_-]{16,64})\.([A-Za-z0-9_-]{43})$/.exec(value);
  if (!match) return null;
  const [, userId, deviceId, mac] = match as unknown as [string, string, string, string];
  const expected = Buffer.from(deviceMac(secret, userId, deviceId));
  const given = Buffer.from(mac);
  return given.length === expected.length && timingSafeEqual(given, expected)
    ? { userId, deviceId }
    : null;
}
