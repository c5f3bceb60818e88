import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';

export type Config = {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  /**
   * On a server, the application's own login (a member of kantivo_app); the
   * DATABASE_URL login then only migrates and does start-up maintenance.
   */
  appDatabaseUrl: string | undefined;
  allowSignup: boolean;
  signupLimitPerHour: number | undefined;
  logLevel: string;
  /** Per-user limits on the expensive routes, per minute. */
  importsPerMinute: number;
  exportsPerMinute: number;
  /**
   * TRUST_PROXY: which proxies may speak for the client through
   * X-Forwarded-For / -Proto / -Host (the address login throttling counts, and
   * whether the request was HTTPS, which picks the __Host- cookie). Unset or
   * false (the default): nobody, the socket's peer is the client. `true`:
   * every peer (only when the app is reachable solely through the proxy);
   * otherwise a comma-separated list of the proxies' addresses or CIDRs
   * (e.g. `127.0.0.1,10.0.0.0/8`).
   */
  trustProxy: boolean | string;
  /**
   * COOKIE_SECRET: signs the known-device cookie (login back-off lets a
   * known device through). Unset: a random one per process, so known
   * devices are forgotten on restart; set it when several processes serve.
   */
  cookieSecret: string;
  /** An upload that sends nothing for this long is refused with 408. */
  uploadIdleTimeoutMs: number;
  /** Imports and exports running at once in this process; beyond, 503 with Retry-After. */
  importConcurrency: number;
  exportConcurrency: number;
  /** On SIGTERM, keep serving this long (accepting what is already on its way) before closing. */
  shutdownGraceMs: number;
  /**
   * Seed the demo organization on an empty database: by default only on the
   * embedded database (`npm start` to try the product); on a server
   * (DATABASE_URL) only with DEMO=1; never with DEMO=0.
   */
  demo: boolean;
};

/** Whether `host` accepts connections from this machine only. */
export function isLoopback(host: string): boolean {
  return ['localhost', '::1', '[::1]'].includes(host.toLowerCase()) || /^127\./.test(host);
}

function parseBool(value: string | undefined, fallback: boolean): boolean {
  if (value === undefined || value === '') return fallback;
  return !['0', 'false', 'no', 'off'].includes(value.toLowerCase());
}

function parseIntOr(value: string | undefined, fallback: number | undefined): number | undefined {
  if (value === undefined || value === '') return fallback;
  const n = Number.parseInt(value, 10);
  if (!Number.isFinite(n) || n < 0) throw new Error(`Not a non-negative integer: ${value}`);
  return n;
}

function parseTrustProxy(value: string | undefined): boolean | string {
  if (value === undefined || value.trim() === '') return false;
  const v = value.trim().toLowerCase();
  if (['0', 'false', 'no', 'off'].includes(v)) return false;
  if (['true', 'yes', 'on'].includes(v)) return true;
  return value.trim();
}

/** Reads the environment once at start-up; nothing else in the code reads process.env. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const databaseUrl = env.DATABASE_URL || undefined;
  const appDatabaseUrl = env.APP_DATABASE_URL || undefined;
  // Refused rather than ignored: whoever set it believes the app runs under a restricted login.
  if (appDatabaseUrl && !databaseUrl) {
    throw new Error(
      'APP_DATABASE_URL is set without DATABASE_URL: a separate application login applies only ' +
        'to a PostgreSQL server (the embedded database has a single session)',
    );
  }
  return {
    port: parseIntOr(env.PORT, 3000) ?? 3000,
    host: env.HOST || '127.0.0.1',
    dataDir: resolve(env.DATA_DIR || './data'),
    databaseUrl,
    appDatabaseUrl,
    allowSignup: parseBool(env.ALLOW_SIGNUP, true),
    signupLimitPerHour: parseIntOr(env.SIGNUP_LIMIT_PER_HOUR, undefined),
    logLevel: env.LOG_LEVEL || 'info',
    importsPerMinute: parseIntOr(env.IMPORT_RATE_PER_MINUTE, 30) ?? 30,
    exportsPerMinute: parseIntOr(env.EXPORT_RATE_PER_MINUTE, 60) ?? 60,
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
    cookieSecret: env.COOKIE_SECRET || randomBytes(32).toString('base64url'),
    uploadIdleTimeoutMs: parseIntOr(env.UPLOAD_IDLE_TIMEOUT_MS, 30_000) ?? 30_000,
    importConcurrency: parseIntOr(env.IMPORT_CONCURRENCY, 2) ?? 2,
    exportConcurrency: parseIntOr(env.EXPORT_CONCURRENCY, 4) ?? 4,
    shutdownGraceMs: parseIntOr(env.SHUTDOWN_GRACE_MS, 500) ?? 500,
    demo: parseBool(env.DEMO, databaseUrl === undefined),
  };
}
