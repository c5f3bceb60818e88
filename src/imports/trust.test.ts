import http from 'node:http';
import { PassThrough, Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestApp,
  signupOrg,
  type Client,
  type Org,
  type TestApp,
} from '../../test/harness.js';
import { toProblem } from '../app/problem.js';
import { rowToContact } from './csv.js';
import { mapHeader } from './mapping.js';
import { csvRecords } from './csv-stream.js';
import { allContacts, byEmail, importCsv, total } from '../../test/imports.js';

// The security review's import/export items (issue #20), each test named after its item.

let t: TestApp;
let org: Org;
beforeAll(async () => {
  t = await createTestApp();
  org = await signupOrg(t.app, { plan: 'growth' });
});
afterAll(() => t.close());

/** Parses `bytes` of ordinary contact rows; answers the time it took and the rows seen. */
async function parseSized(bytes: number): Promise<{ ms: number; records: number }> {
  const row = 'Ada,Lovelace,ada@example.test,"a note, with a comma",customer\n';
  const chunk = Buffer.from(row.repeat(Math.ceil((64 * 1024) / row.length)));
  const chunks = Math.ceil(bytes / chunk.length);
  const source = Readable.from(
    (function* () {
      for (let i = 0; i < chunks; i++) yield chunk;
    })(),
  );
  const start = performance.now();
  let records = 0;
  for await (const cells of csvRecords(source, () => undefined))
    records += cells.length > 0 ? 1 : 0;
  return { ms: performance.now() - start, records };
}

describe('trust #5: CSV parsing is linear and bounded', () => {
  it('trust #5: when a file is one 8 MB row, then the import answers 422 at once instead of holding the thread', async () => {
    const csv = `First Name,Last Name,Email,Notes\nAda,Lovelace,ada@x.io,"${'n'.repeat(8 * 1024 * 1024)}`;
    const res = await importCsv(org.owner, csv);
    expect(res.statusCode).toBe(422);
    expect(res.body.detail).toMatch(/longer than 65536 bytes/);
    expect(await total(org.owner)).toBe(0);
  });

  it('trust #5: when a file is 50 MB, then it parses in about ten times the time of 5 MB (linear, not quadratic)', async () => {
    await parseSized(2 * 1024 * 1024); // warm-up
    const small = await parseSized(5 * 1024 * 1024);
    const large = await parseSized(50 * 1024 * 1024);
    expect(large.records).toBeGreaterThan(small.records * 9);
    // Quadratic work would be ~100×; allow generous noise around 10×.
    expect(large.ms).toBeLessThan(small.ms * 30);
  }, 120_000);

  it('trust #5: when the header has more than 1,000 columns, then 422; a wider data row is a row error', async () => {
    const wide = Array.from({ length: 1001 }, (_, i) => `c${i}`).join(',');
    const refused = await importCsv(org.owner, `${wide}\n`);
    expect(refused.statusCode).toBe(422);
    expect(refused.body.detail).toMatch(/at most 1000/);
    const csv = `First Name,Last Name,Email\nAda,Lovelace,ada@wide.test${',x'.repeat(1000)}\nBob,Byte,bob@wide.test\n`;
    const res = await importCsv(org.owner, csv);
    expect(res.statusCode).toBe(200);
    expect(res.body).toMatchObject({ created: 1, errorCount: 1 });
    expect(res.body.errors[0]).toMatchObject({ row: 1, message: expect.stringMatching(/cells/) });
  });
});

describe('trust #13: characters PostgreSQL cannot store', () => {
  it('trust #13: when a cell holds a NUL character, then that row is a row error and the rest is imported', async () => {
    const csv = `First Name,Last Name,Email\nNul\u0000l,Row,nul@x.test\nGood,Row,good@x.test\n`;
    const res = await importCsv(org.owner, csv, '?onDuplicate=create');
    expect(res.statusCode).toBe(200);
    expect(res.body).toMatchObject({ created: 1, errorCount: 1 });
    expect(res.body.errors).toEqual([{ row: 1, message: expect.stringMatching(/NUL/) }]);
  });

  it('trust #13: when a cell holds a lone surrogate, then the row is refused by validation', () => {
    const map = mapHeader(['First Name', 'Last Name', 'Email']);
    expect(() => rowToContact(['Lone\uD800', 'Row', 'lone@x.test'], map)).toThrow(/unpaired/);
    expect(rowToContact(['Pair\uD83D\uDE00', 'Row', 'pair@x.test'], map).firstName).toBe(
      'Pair\uD83D\uDE00',
    );
  });
});

describe('trust #3: import errors are bounded and paged', () => {
  async function latestImport(): Promise<Record<string, unknown> & { id: string }> {
    return (await org.owner.get('/imports')).json().data[0];
  }

  it('trust #3: when a Type, Status or Visibility cell is huge, then the row error quotes at most 80 characters of it', async () => {
    const huge = 'x'.repeat(60_000);
    const csv =
      `First Name,Last Name,Email,Type,Status,Visibility\n` +
      `A,B,huge1@x.test,${huge},,\nA,B,huge2@x.test,,${huge},\nA,B,huge3@x.test,,,${huge}\n` +
      `A,B,short@x.test,${'y'.repeat(40)},,\nA,B,${'e'.repeat(200)},,,\n`;
    const res = await importCsv(org.owner, csv, '?dryRun=true');
    expect(res.statusCode).toBe(200);
    const messages = (res.body.errors as { message: string }[]).map((e) => e.message);
    expect(messages).toHaveLength(5);
    for (const m of messages) expect(m.length).toBeLessThan(300);
    expect(messages[3]).toContain(`"${'y'.repeat(40)}"`);
    expect(messages[4]).toContain(`"${'e'.repeat(80)}…"`);
  });

  it('trust #3: when imports failed rows, then GET /imports carries errorCount only, /errors pages them and errors.csv gives them back to fix', async () => {
    const csv =
      'First Name,Last Name,Email,Type\n' +
      'Good,One,good1@err.test,lead\nBad,Type,bad1@err.test,alien\n' +
      ',NoFirst,bad2@err.test,\n"=cmd",Formula,bad3@err.test,martian\nGood,Two,good2@err.test,\n';
    const res = await importCsv(org.owner, csv);
    expect(res.body).toMatchObject({ created: 2, errorCount: 3 });
    const job = await latestImport();
    expect(job).not.toHaveProperty('errors');
    expect(job.errorCount).toBe(3);
    expect((await org.owner.get(`/imports/${job.id}`)).json()).toMatchObject({ errorCount: 3 });

    const first = (await org.owner.get(`/imports/${job.id}/errors?limit=2`)).json();
    expect(first.data.map((e: { row: number }) => e.row)).toEqual([2, 3]);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = (
      await org.owner.get(`/imports/${job.id}/errors?limit=2&cursor=${first.nextCursor}`)
    ).json();
    expect(second).toEqual({
      data: [{ row: 4, message: expect.stringMatching(/martian/) }],
      nextCursor: null,
    });
    expect((await org.owner.get(`/imports/${job.id}/errors?limit=500`)).statusCode).toBe(422);

    const file = await org.owner.get(`/imports/${job.id}/errors.csv`);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toMatch(/text\/csv/);
    const lines = file.body.trim().split('\n');
    expect(lines[0]).toBe('First Name,Last Name,Email,Type,Import Error');
    expect(lines[1]).toMatch(/^Bad,Type,bad1@err.test,alien,"Row 2: type ""alien""/);
    expect(lines[3]).toMatch(/^'=cmd,Formula,bad3@err.test,martian,/);

    // Fixed in place, the file imports back; the reason column is ignored.
    const fixed = file.body
      .replace(/alien|martian/g, 'lead')
      .replace(/\n,NoFirst/, '\nNow,NoFirst');
    const again = await importCsv(org.owner, fixed);
    expect(again.body).toMatchObject({ created: 3, errorCount: 0 });
    const names = (await org.owner.get('/contacts?q=bad3')).json().data;
    expect(names[0]?.firstName).toBe('=cmd');
  });

  it('trust #3: when many rows fail with large cells, then the stored errors stay within about 1 MB', async () => {
    const big = 'n'.repeat(30_000);
    const rows = Array.from({ length: 150 }, (_, i) => `Big,Row,big${i}@err.test,${big}`);
    const res = await importCsv(
      org.owner,
      `First Name,Last Name,Email,Notes\n${rows.join('\n')}\n`,
    );
    expect(res.statusCode).toBe(200);
    expect(res.body).toMatchObject({ created: 0, errorCount: 150 });
    expect(res.body.errors).toHaveLength(150);
    const job = await latestImport();
    const { sql } = await import('drizzle-orm');
    const [stored] = (
      (await t.database.unsafeOwner.execute(
        sql`select count(*)::int as n, sum(octet_length(message) + coalesce(octet_length(array_to_string(cells, ',')), 0))::int as bytes
            from import_errors where import_id = ${job.id}`,
      )) as unknown as { rows: { n: number; bytes: number }[] }
    ).rows;
    expect(stored!.n).toBe(150);
    expect(stored!.bytes).toBeLessThan(1.1 * 1024 * 1024);
  });
});

describe('trust #9: revert is held to contact.delete', () => {
  async function importAs(c: Client, prefix: string) {
    const rows = [1, 2, 3].map((i) => `${prefix}${i},Rev,${prefix}${i}@revert.test`);
    const res = await importCsv(c, `First Name,Last Name,Email\n${rows.join('\n')}\n`);
    expect(res.body.created).toBe(3);
    const job = (await c.get('/imports')).json().data[0] as { id: string };
    const ids = byEmail(await allContacts(c));
    return { id: job.id, ids: [1, 2, 3].map((i) => ids.get(`${prefix}${i}@revert.test`)!.id) };
  }

  it('trust #9: when a partner may not delete its contacts by hand, then revert deletes none of them', async () => {
    const partner = await org.addUser('partner');
    const { id, ids } = await importAs(partner.client, 'pa');
    const res = await partner.client.post(`/imports/${id}/revert`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      reverted: 0,
      kept: ids
        .map((cid) => ({ id: cid, reason: 'forbidden' }))
        .sort((a, b) => (a.id < b.id ? -1 : 1)),
      keptCount: ids.length,
      restored: 0,
      conflicts: [],
      conflictCount: 0,
    });
    expect((await partner.client.get(`/contacts/${ids[0]}`)).statusCode).toBe(200);
  });

  it('trust #9: when others attached a deal or an activity to imported contacts, then revert keeps them and says why', async () => {
    const { id, ids } = await importAs(org.owner, 'dl');
    const [plain, withDeal, withNote] = ids as [string, string, string];
    expect(
      (await org.owner.post('/deals', { title: 'Kept', contactId: withDeal })).statusCode,
    ).toBe(201);
    const note = await org.owner.post(`/contacts/${withNote}/activities`, {
      type: 'note',
      subject: 'Call',
      body: 'Talked',
    });
    expect(note.statusCode).toBe(201);
    const res = await org.owner.post(`/imports/${id}/revert`);
    expect(res.statusCode).toBe(200);
    const body = res.json() as { reverted: number; kept: { id: string; reason: string }[] };
    expect(body.reverted).toBe(1);
    expect(new Map(body.kept.map((k) => [k.id, k.reason]))).toEqual(
      new Map([
        [withDeal, 'has_deals'],
        [withNote, 'has_activities'],
      ]),
    );
    expect((await org.owner.get(`/contacts/${plain}`)).statusCode).toBe(404);
    expect((await org.owner.get(`/contacts/${withDeal}`)).statusCode).toBe(200);
  });
});

/** An upload that sends its first bytes and then waits until told to finish. */
function stalledUpload(first: string) {
  const body = new PassThrough();
  body.write(first);
  return { body, finish: (rest = '') => body.end(rest) };
}

function postStream(app: TestApp['app'], cookie: string, body: Readable, query = '') {
  return app.inject({
    method: 'POST',
    url: `/api/v1/contacts/import${query}`,
    headers: {
      cookie: `kantivo_session=${cookie}`,
      'x-requested-with': 'test',
      'content-type': 'text/csv',
    },
    payload: body,
  });
}

const within = <T>(ms: number, work: Promise<T>) =>
  Promise.race([
    work,
    new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms),
    ),
  ]);

describe('trust #4: uploads are spooled before any transaction', () => {
  it('trust #4: when an upload drips in, then another tenant is answered meanwhile and the import still completes', async () => {
    const other = await signupOrg(t.app, { plan: 'growth' });
    const upload = stalledUpload('First Name,Last Name,Email\nSlow,Drip,slow@drip.test\n');
    const importing = postStream(t.app, org.owner.cookie!, upload.body, '?onDuplicate=create');
    await new Promise((r) => setTimeout(r, 300));
    const stats = await within(10_000, other.owner.get('/contacts/stats'));
    expect(stats.statusCode).toBe(200);
    upload.finish('Late,Row,late@drip.test\n');
    const res = await importing;
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ created: 2 });
  });

  it('trust #4: when an upload goes idle, then 408; beyond the import cap, then 503 with Retry-After', async () => {
    const small = await createTestApp({ UPLOAD_IDLE_TIMEOUT_MS: '500', IMPORT_CONCURRENCY: '1' });
    try {
      const o = await signupOrg(small.app, { plan: 'growth' });
      const upload = stalledUpload('First Name,Last Name,Email\n');
      const idle = postStream(small.app, o.owner.cookie!, upload.body);
      await new Promise((r) => setTimeout(r, 100));
      const busy = await importCsv(o.owner, 'First Name,Last Name,Email\nA,B,a@b.test\n');
      expect(busy.statusCode).toBe(503);
      expect(busy.body.type).toMatch(/unavailable/);
      const busyHeaders = await o.owner.post('/contacts/import', 'Email\n');
      expect(Number(busyHeaders.headers['retry-after'])).toBeGreaterThan(0);
      const timedOut = await idle;
      expect(timedOut.statusCode).toBe(408);
      expect(timedOut.json().type).toMatch(/request-timeout/);
      upload.finish();
      const after = await importCsv(o.owner, 'First Name,Last Name,Email\nA,B,a@b.test\n');
      expect(after).toMatchObject({ statusCode: 200, body: { created: 1 } });
    } finally {
      await small.close();
    }
  });
});

describe('trust #2: an abandoned export gives its connection back', () => {
  it('trust #2: when 20 exports are dropped mid-stream, then a normal request still answers', async () => {
    const exporter = await signupOrg(t.app, { plan: 'growth' });
    const { sql } = await import('drizzle-orm');
    // About 20 MB of CSV: far more than the sockets buffer, so each COPY is mid-stream when dropped.
    await t.database.unsafeOwner.execute(sql`
      insert into contacts (org_id, id, first_name, last_name, email, owner_id, visibility, created_by, notes)
      select ${exporter.orgId}::uuid, gen_random_uuid(), 'Big', 'Export', 'big' || n || '@export.test',
             ${exporter.ownerId}::uuid, 'organization', ${exporter.ownerId}::uuid, repeat('n', 2000)
      from generate_series(1, 10000) as n`);
    const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const statuses: number[] = [];
    for (let i = 0; i < 20; i++) {
      statuses.push(
        await new Promise<number>((resolve, reject) => {
          const req = http.get(
            `${address}/api/v1/contacts/export`,
            { headers: { cookie: `kantivo_session=${exporter.owner.cookie}` } },
            (res) => {
              res.pause();
              // Read nothing, then hang up: the server is left mid-COPY.
              setTimeout(() => {
                req.destroy();
                resolve(res.statusCode ?? 0);
              }, 50);
            },
          );
          req.on('error', (error) => {
            if (!req.destroyed) reject(error);
          });
        }),
      );
    }
    // Each export either streamed (200) or met the concurrency cap (503) while one was closing.
    expect(statuses.every((s) => s === 200 || s === 503)).toBe(true);
    expect(statuses.filter((s) => s === 200).length).toBeGreaterThanOrEqual(5);
    const stats = await within(10_000, exporter.owner.get('/contacts/stats'));
    expect(stats.statusCode).toBe(200);
    expect(stats.json().total).toBe(10_000);
  }, 120_000);

  it('trust #2: when the pool has no free connection in time, then the problem is a 503 with Retry-After', () => {
    const { problem, headers } = toProblem(new Error('timeout exceeded when trying to connect'));
    expect(problem).toMatchObject({ status: 503, type: expect.stringMatching(/unavailable/) });
    expect(headers).toEqual({ 'retry-after': '5' });
  });
});
