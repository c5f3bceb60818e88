import { spawn, type ChildProcess } from 'node:child_process';
import { createReadStream, createWriteStream, mkdirSync } from 'node:fs';
import http from 'node:http';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('..', import.meta.url));

/** A free TCP port on the loopback interface. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

export type Child = { process: ChildProcess; pid: number; baseUrl: string; stop(): Promise<void> };

async function waitFor(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}`);
    try {
      const r = await fetch(url);
      if (r.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no answer from ${url} within ${timeoutMs} ms`);
}

/**
 * Starts an entry point as its own Node process (no wrapper process, so its
 * pid is the server's and /proc gives its RSS).
 */
export async function startChild(
  entry: string,
  env: Record<string, string>,
  logFile: string,
  healthPath: string,
  cwd = repoRoot,
  nodeFlags: string[] = [],
): Promise<Child> {
  const port = await freePort();
  mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
  const out = createWriteStream(logFile, { flags: 'a' });
  // Compiled JavaScript (the product, as `npm start` runs it) starts as is; TypeScript through tsx.
  const args = [...nodeFlags, ...(entry.endsWith('.js') ? [entry] : ['--import', 'tsx', entry])];
  const child = spawn(process.execPath, args, {
    cwd,
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.pipe(out);
  child.stderr!.pipe(out);
  const baseUrl = `http://127.0.0.1:${port}`;
  await waitFor(`${baseUrl}${healthPath}`, child, 60_000);
  return {
    process: child,
    pid: child.pid!,
    baseUrl,
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** A signed-in API caller (session cookie + the CSRF header). */
export type Api = {
  baseUrl: string;
  cookie: string;
  json<T>(method: string, path: string, body?: unknown): Promise<T>;
  get(path: string): Promise<{ status: number; text: string }>;
};

const sessionOf = (res: Response): string => {
  const setCookie = res.headers.getSetCookie().find((c) => c.startsWith('kantivo_session='));
  if (!setCookie) throw new Error('no session cookie in the answer');
  return setCookie.split(';')[0]!;
};

export function apiFor(baseUrl: string, cookie: string): Api {
  const headers = { cookie, 'x-requested-with': 'bench' };
  const keepAlive = new http.Agent({ keepAlive: true, maxSockets: 1 });
  return {
    baseUrl,
    cookie,
    async json<T>(method: string, path: string, body?: unknown): Promise<T> {
      const r = await fetch(`${baseUrl}/api/v1${path}`, {
        method,
        headers: body === undefined ? headers : { ...headers, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await r.text();
      if (!r.ok) throw new Error(`${method} ${path}: ${r.status} ${text.slice(0, 500)}`);
      return JSON.parse(text) as T;
    },
    // node:http over a kept-alive connection, as an API client or a proxy talks
    // to the server: fetch (undici) spent 1–3 ms of the client's own work per
    // request here, which is not the product's latency.
    get(path: string) {
      return new Promise((resolve, reject) => {
        http
          .get(`${baseUrl}/api/v1${path}`, { agent: keepAlive, headers }, (res) => {
            const parts: Buffer[] = [];
            res.on('data', (d: Buffer) => parts.push(d));
            res.on('end', () =>
              resolve({ status: res.statusCode ?? 0, text: Buffer.concat(parts).toString('utf8') }),
            );
            res.on('error', reject);
          })
          .on('error', reject);
      });
    },
  };
}

export async function signup(
  baseUrl: string,
  body: { orgName: string; name: string; email: string; password: string; plan: string },
): Promise<{ api: Api; userId: string; orgId: string }> {
  const r = await fetch(`${baseUrl}/api/v1/auth/signup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (r.status !== 201) throw new Error(`signup: ${r.status} ${await r.text()}`);
  const data = (await r.json()) as { user: { id: string }; org: { id: string } };
  return { api: apiFor(baseUrl, sessionOf(r)), userId: data.user.id, orgId: data.org.id };
}

export async function login(baseUrl: string, email: string, password: string): Promise<Api> {
  const r = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (r.status !== 200) throw new Error(`login: ${r.status} ${await r.text()}`);
  return apiFor(baseUrl, sessionOf(r));
}

/** POSTs a file as the body (streamed from disk) and returns the status and answer. */
export function uploadFile(
  api: Api,
  path: string,
  file: string,
  bytes: number,
  contentType = 'text/csv',
): Promise<{ status: number; text: string }> {
  const url = new URL(`${api.baseUrl}/api/v1${path}`);
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      {
        method: 'POST',
        headers: {
          cookie: api.cookie,
          'x-requested-with': 'bench',
          'content-type': contentType,
          'content-length': bytes,
        },
      },
      (res) => {
        const parts: Buffer[] = [];
        res.on('data', (d: Buffer) => parts.push(d));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, text: Buffer.concat(parts).toString('utf8') }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    createReadStream(file).pipe(req);
  });
}

/** GETs a (large) body, counting bytes and lines without keeping it. */
export function download(
  api: Api,
  path: string,
): Promise<{ status: number; bytes: number; lines: number }> {
  return new Promise((resolve, reject) => {
    http
      .get(`${api.baseUrl}/api/v1${path}`, { headers: { cookie: api.cookie } }, (res) => {
        let bytes = 0;
        let lines = 0;
        res.on('data', (d: Buffer) => {
          bytes += d.length;
          for (let i = d.indexOf(10); i !== -1; i = d.indexOf(10, i + 1)) lines++;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, bytes, lines }));
        res.on('error', reject);
      })
      .on('error', reject);
  });
}
