import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

/** A real Kantivo server in a child process, for crash and shutdown tests. */
export type ServerProcess = {
  url: string;
  child: ChildProcess;
  start(): Promise<void>;
  kill(signal: NodeJS.Signals): Promise<number | null>;
  /** Raw SQL on the server's database, as its owner (outside RLS). */
  sql<T>(text: string, params?: unknown[]): Promise<T[]>;
  cleanup(): Promise<void>;
};

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}

/**
 * Prepares a server on a fresh database: a PGlite data directory, or (with
 * TEST_DATABASE_URL) a new database on that server. The same database
 * survives restarts, as in production.
 */
export async function prepareServer(): Promise<ServerProcess> {
  const port = await freePort();
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    // The crash tests sign in as the demo owner, on PGlite and on a server alike.
    DEMO: '1',
  };
  const serverUrl = process.env.TEST_DATABASE_URL;
  let dbName: string | undefined;
  if (serverUrl) {
    dbName = `kt_crash_${process.pid}_${Date.now().toString(36)}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`create database ${dbName}`);
    await admin.end();
    const u = new URL(serverUrl);
    u.pathname = `/${dbName}`;
    env.DATABASE_URL = u.toString();
  } else {
    delete env.DATABASE_URL;
    env.DATA_DIR = mkdtempSync(join(tmpdir(), 'kantivo-crash-'));
  }
  const self: ServerProcess = {
    url: `http://127.0.0.1:${port}`,
    child: undefined as unknown as ChildProcess,
    async start() {
      self.child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      self.child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
      self.child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
      for (let i = 0; i < 300; i++) {
        if (self.child.exitCode !== null) throw new Error(`server exited: ${output}`);
        try {
          const res = await fetch(`${self.url}/healthz`);
          if (res.ok) return;
        } catch {
          // not listening yet
        }
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error(`server did not start: ${output}`);
    },
    async kill(signal) {
      const child = self.child;
      if (child.exitCode !== null) return child.exitCode;
      const exited = new Promise<number | null>((resolve) =>
        child.once('exit', (code) => resolve(code)),
      );
      child.kill(signal);
      return exited;
    },
    async sql<T>(text: string, params: unknown[] = []) {
      if (env.DATABASE_URL) {
        const c = new pg.Client({ connectionString: env.DATABASE_URL });
        await c.connect();
        try {
          return (await c.query(text, params)).rows as T[];
        } finally {
          await c.end();
        }
      }
      // PGlite allows one process at a time: only call this while the server is down.
      const { openPglite } = await import('../src/db/client.js');
      const db = await openPglite(env.DATA_DIR);
      try {
        return (await db.pglite!.query<T>(text, params)).rows;
      } finally {
        await db.close();
      }
    },
    async cleanup() {
      if (self.child && self.child.exitCode === null) await self.kill('SIGKILL');
      if (serverUrl && dbName) {
        const admin = new pg.Client({ connectionString: serverUrl });
        await admin.connect();
        await admin.query(`drop database if exists ${dbName} with (force)`);
        await admin.end();
      }
    },
  };
  return self;
}

/** Signs in through HTTP and returns headers for further calls. */
export async function signIn(
  url: string,
  email: string,
  password: string,
): Promise<Record<string, string>> {
  const res = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (!res.ok) throw new Error(`login failed: ${res.status} ${await res.text()}`);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
  return { cookie, 'x-requested-with': 'test' };
}
