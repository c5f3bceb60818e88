import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../test/harness.js';
import { withOrg, type Database } from '../db/client.js';
import { enqueue, startQueue, wake, work, type JobQueue } from './queue.js';

let database: Database;
let queue: JobQueue;
const orgId = randomUUID();

beforeAll(async () => {
  database = await createTestDatabase();
  queue = await startQueue(database, { pollingIntervalSeconds: 0.5 });
}, 60_000);
afterAll(async () => {
  await queue.stop();
  await database.close();
});

async function until(check: () => boolean, ms = 15_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

const send = (name: string, payload: object) =>
  withOrg(database.db, orgId, (tx) => enqueue(tx, name, payload));

describe('job queue', () => {
  it('when a job is enqueued in a transaction that rolls back, then it never runs; a committed one runs once', async () => {
    const seen: string[] = [];
    await work<{ n: string }>(queue, 'test-once', async (p) => {
      seen.push(p.n);
    });
    await expect(
      withOrg(database.db, orgId, async (tx) => {
        await enqueue(tx, 'test-once', { n: 'rolled back' });
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    await send('test-once', { n: 'committed' });
    wake(database, 'test-once');
    await until(() => seen.length > 0);
    await new Promise((r) => setTimeout(r, 1500));
    expect(seen).toEqual(['committed']);
  });

  it('when a handler keeps failing, then it is retried per its policy and then marked failed', async () => {
    let attempts = 0;
    await work(
      queue,
      'test-failing',
      async () => {
        attempts++;
        throw new Error('always');
      },
      { retryLimit: 2, retryDelay: 0 },
    );
    const id = await send('test-failing', {});
    await until(() => attempts >= 3);
    let state: string | undefined;
    for (let i = 0; i < 100 && state !== 'failed'; i++) {
      state = (await queue.boss.getJobById('test-failing', id))?.state;
      if (state !== 'failed') await new Promise((r) => setTimeout(r, 50));
    }
    expect(state).toBe('failed');
    await new Promise((r) => setTimeout(r, 1000));
    expect(attempts).toBe(3);
  });

  it('when the queue stops with a job waiting, then a queue started again runs it', async () => {
    await work(queue, 'test-restart', async () => undefined);
    await queue.stop();
    await send('test-restart', { n: 1 });
    queue = await startQueue(database, { pollingIntervalSeconds: 0.5 });
    const seen: number[] = [];
    await work<{ n: number }>(queue, 'test-restart', async (p) => {
      seen.push(p.n);
    });
    await until(() => seen.length > 0);
    expect(seen).toEqual([1]);
  });
});
