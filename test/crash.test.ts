import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareServer, signIn, type ServerProcess } from './server-process.js';

/**
 * Nothing is lost and nothing is half-written: a real server is killed
 * (SIGKILL) in the middle of a 100,000-row import and of a 10,000-contact bulk
 * update, restarted on the same database, and each operation is found either
 * wholly written or not at all; an import killed under an Idempotency-Key can
 * be retried with that key after the restart. SIGTERM lets in-flight requests
 * finish.
 */

let server: ServerProcess;
let headers: Record<string, string>;

const api = (path: string, init: RequestInit = {}) =>
  fetch(`${server.url}/api/v1${path}`, {
    ...init,
    headers: { ...headers, ...(init.headers as Record<string, string>) },
  });

async function restart() {
  await server.start();
  headers = await signIn(server.url, 'owner@demo.kantivo.test', 'kantivo-demo');
}

async function countWhere(where: string): Promise<number> {
  // On PGlite the database can be opened only while the server is down.
  await server.kill('SIGTERM');
  const [row] = await server.sql<{ n: number }>(
    `select count(*)::int as n from contacts where ${where}`,
  );
  await restart();
  return row!.n;
}

beforeAll(async () => {
  server = await prepareServer();
  await restart();
}, 120_000);
afterAll(() => server.cleanup());

describe('crash safety', () => {
  it('when the server is killed during a 100,000-row import, then after a restart none of its rows exist', async () => {
    const rows = Array.from(
      { length: 100_000 },
      (_, i) => `Crash${i},Test,crash${i}@import.test,Crash Co`,
    );
    const csv = `First Name,Last Name,Email,Company\n${rows.join('\n')}\n`;
    let answered = false;
    const pending = api('/contacts/import', {
      method: 'POST',
      body: csv,
      headers: { 'content-type': 'text/csv' },
    })
      .then(() => (answered = true))
      .catch(() => undefined);
    await new Promise((r) => setTimeout(r, 2500));
    expect(answered, 'the import must still be running when the server is killed').toBe(false);
    await server.kill('SIGKILL');
    await pending;
    await restart();
    expect(await countWhere(`email like 'crash%@import.test'`)).toBe(0);
  }, 180_000);

  it('when the server is killed during an import sent with an Idempotency-Key, then after a restart the same request runs again whole instead of 409', async () => {
    const total = 20_000;
    const rows = Array.from({ length: total }, (_, i) => `Retry${i},Test,retry${i}@idem.test\n`);
    const csv = `First Name,Last Name,Email\n${rows.join('')}`;
    const key = { 'content-type': 'text/csv', 'idempotency-key': 'crash-retry-1' };
    // The first attempt sends its header and 12,000 rows, then stalls: the server is
    // importing what it has and waits for the rest when it is killed.
    const cut = csv.indexOf('Retry12000,');
    const attempt = request(`${server.url}/api/v1/contacts/import`, {
      method: 'POST',
      headers: { ...headers, ...key, 'content-length': String(Buffer.byteLength(csv)) },
    });
    attempt.on('error', () => undefined);
    attempt.write(csv.slice(0, cut));
    await new Promise((r) => setTimeout(r, 1500));
    await server.kill('SIGKILL');
    attempt.destroy();
    // What used to answer 409 for a day: the key recorded, with no answer.
    const stuck = await server.sql<{ status_code: number | null }>(
      `select status_code from idempotency_keys where key = 'crash-retry-1'`,
    );
    expect(stuck).toEqual([{ status_code: null }]);
    await restart();
    expect(await countWhere(`email like 'retry%@idem.test'`)).toBe(0);

    const send = () => api('/contacts/import', { method: 'POST', body: csv, headers: key });
    const retried = await send();
    expect(retried.status).toBe(200);
    expect(retried.headers.get('idempotent-replayed')).toBeNull();
    expect(await retried.json()).toMatchObject({ created: total, errors: [] });
    expect(await countWhere(`email like 'retry%@idem.test'`)).toBe(total);
    // From now on the key answers with the finished import.
    const replayed = await send();
    expect(replayed.status).toBe(200);
    expect(replayed.headers.get('idempotent-replayed')).toBe('true');
    expect(await countWhere(`email like 'retry%@idem.test'`)).toBe(total);
  }, 180_000);

  it('when the server is killed during a 10,000-contact bulk update, then either all or none changed', async () => {
    const rows = Array.from({ length: 10_000 }, (_, i) => `Bulk${i},Test,bulk${i}@crash.test`);
    const imported = await api('/contacts/import', {
      method: 'POST',
      body: `First Name,Last Name,Email\n${rows.join('\n')}\n`,
      headers: { 'content-type': 'text/csv' },
    });
    expect(imported.status).toBe(200);
    const ids: string[] = [];
    for (let cursor: string | null = null, first = true; first || cursor; first = false) {
      const page = (await (
        await api(`/contacts?q=crash.test&limit=200${cursor ? `&cursor=${cursor}` : ''}`)
      ).json()) as {
        data: { id: string }[];
        nextCursor: string | null;
      };
      ids.push(...page.data.map((c) => c.id));
      cursor = page.nextCursor;
    }
    expect(ids).toHaveLength(10_000);
    const pending = api('/contacts/bulk', {
      method: 'POST',
      body: JSON.stringify({ ids, set: { status: 'inactive' }, addTags: ['crashed'] }),
      headers: { 'content-type': 'application/json' },
    }).catch(() => undefined);
    await new Promise((r) => setTimeout(r, 400));
    await server.kill('SIGKILL');
    await pending;
    await restart();
    const inactive = await countWhere(`email like 'bulk%@crash.test' and status = 'inactive'`);
    const tagged = await countWhere(`email like 'bulk%@crash.test' and 'crashed' = any(tags)`);
    expect([0, 10_000]).toContain(inactive);
    expect(tagged).toBe(inactive);
  }, 240_000);

  it('when the server gets SIGTERM with requests in flight, then every one of them is answered and it exits cleanly', async () => {
    // Thirty independent clients, one connection each, half reading and half writing.
    const send = (i: number) =>
      new Promise<number | string>((resolve) => {
        const write = i % 2 === 0;
        const body = JSON.stringify({
          firstName: 'Term',
          lastName: `${i}`,
          email: `term${i}@x.test`,
        });
        const req = request(
          `${server.url}/api/v1/contacts${write ? '' : '?limit=200'}`,
          {
            agent: false,
            method: write ? 'POST' : 'GET',
            headers: { ...headers, ...(write ? { 'content-type': 'application/json' } : {}) },
          },
          (res) => {
            res.resume();
            res.on('end', () => resolve(res.statusCode ?? 0));
          },
        );
        req.on('error', (e) => resolve(e.message));
        req.end(write ? body : undefined);
      });
    const inFlight = Array.from({ length: 30 }, (_, i) => send(i));
    await new Promise((r) => setTimeout(r, 30));
    const exit = server.kill('SIGTERM');
    const outcomes = await Promise.all(inFlight);
    expect(outcomes.filter((o) => o !== 200 && o !== 201)).toEqual([]);
    expect(await exit).toBe(0);
    await restart();
  }, 120_000);
});
