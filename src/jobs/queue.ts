import PgBoss from 'pg-boss';
import { appRole, queryText, type Database, type Executor, type Tx } from '../db/client.js';

/**
 * The one durable job queue (DESIGN §9 "Background work"): pg-boss's tables
 * in the schema `pgboss` of the application's database. On a server every
 * process runs workers and any of them takes a job (FOR UPDATE SKIP LOCKED);
 * on PGlite the same tables are polled in process. A job is a row: it is
 * inserted in the caller's transaction (enqueue), so it exists if and only
 * if that transaction committed, and it outlives a restart.
 */
export type JobQueue = {
  boss: PgBoss;
  database: Database;
  /** Local worker ids by queue name, to wake them (wake()). */
  workers: Map<string, string[]>;
  stop(timeoutMs?: number): Promise<void>;
};

/** What a handler learns about its job besides the payload. */
export type JobInfo = { id: string; retryCount: number; retryLimit: number };

/** How a queue treats its jobs: retries, expiry and where failed jobs go. */
export type QueuePolicy = {
  /** Retries after the first attempt (pg-boss's default: 2). */
  retryLimit?: number;
  /** Seconds between attempts. */
  retryDelay?: number;
  retryBackoff?: boolean;
  /**
   * An attempt still active after this long is failed (and retried): on a
   * server, how long a job whose process died waits before another takes it.
   */
  expireInSeconds?: number;
  /** A queue that receives a copy of each job that failed for good. */
  deadLetter?: string;
};

export type EnqueueOptions = {
  /** Not before this time (a reminder). */
  startAfter?: Date;
  /** At most one queued job per key (pg-boss singletonKey). */
  singletonKey?: string;
  retryLimit?: number;
  retryDelay?: number;
  expireInSeconds?: number;
};

const schema = 'pgboss';

type Runner = { executeSql(text: string, values?: unknown[]): Promise<{ rows: unknown[] }> };

/**
 * pg-boss hands an object only for a JSON column (a job's data, a queue's
 * options, a result); both drivers then get it as JSON text. Arrays (of ids)
 * and dates pass through to the driver.
 */
function jsonObjects(values: unknown[] = []): unknown[] {
  return values.map((v) =>
    v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date)
      ? JSON.stringify(v)
      : v,
  );
}

/** pg-boss's SQL on one of our handles: a transaction's, for enqueue. */
function onHandle(ex: Executor): Runner {
  return { executeSql: (text, values) => queryText(ex, text, jsonObjects(values)) };
}

/**
 * pg-boss's own SQL, as the owner (it creates and maintains its schema): the
 * owner's pool on a server, the one session on PGlite. Text without values
 * may hold several statements (its schema, its locked maintenance blocks):
 * PGlite's `exec` runs those; a block that failed half-way is rolled back so
 * the session is usable again. `closed` refuses work after stop(), and
 * `inFlight` lets stop() wait for what is already running.
 */
function ownerRunner(database: Database, state: { closed: boolean; inFlight: number }): Runner {
  const run = async (text: string, values?: unknown[]): Promise<{ rows: unknown[] }> => {
    const pglite = database.pglite;
    if (pglite) {
      if (values?.length) return pglite.query(text, jsonObjects(values));
      try {
        const results = await pglite.exec(text);
        return { rows: results.at(-1)?.rows ?? [] };
      } catch (error) {
        await pglite.exec('rollback').catch(() => undefined);
        throw error;
      }
    }
    const client = await database.ownerPool!.connect();
    let broken: Error | undefined;
    try {
      return await client.query(text, values?.length ? jsonObjects(values) : undefined);
    } catch (error) {
      if (!values?.length) {
        await client.query('rollback').catch((e: Error) => {
          broken = e;
        });
      }
      throw error;
    } finally {
      client.release(broken);
    }
  };
  return {
    executeSql: async (text, values) => {
      if (state.closed) throw new Error('The job queue is stopped');
      state.inFlight++;
      try {
        return await run(text, values);
      } finally {
        state.inFlight--;
      }
    },
  };
}

/**
 * Sends jobs through a handle of the caller's. It is never started: send()
 * only builds the insert and runs it on the `db` it is given.
 */
const sender = new PgBoss({
  db: {
    executeSql: () => Promise.reject(new Error('enqueue() runs on the caller’s transaction')),
  },
  schema,
});

const started = new WeakMap<Database, JobQueue>();

/**
 * Starts the queue on `database`: creates or migrates pg-boss's schema,
 * lets the application role insert jobs (enqueue runs inside its
 * transactions), and starts maintenance (expiry, archiving). On PGlite, one
 * process per data directory, every job still active was cut off by a
 * restart: it is failed at once, and so retried per its queue's policy; on
 * a server another process may be running it, so it waits for its expiry
 * (its queue's expireInSeconds; maintenance, here and every two minutes,
 * then fails it and so retries it).
 */
export async function startQueue(
  database: Database,
  options: { onError?: (error: Error) => void; pollingIntervalSeconds?: number } = {},
): Promise<JobQueue> {
  const state = { closed: false, inFlight: 0 };
  const boss = new PgBoss({
    db: ownerRunner(database, state),
    schema,
    migrate: true,
    supervise: true,
    // Reminders will use startAfter; no cron schedules yet, and no clock polling for them.
    schedule: false,
    pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2,
  });
  // A worker's last poll after stop() fails on the closed runner: not worth a log line.
  boss.on('error', (error: Error) => {
    if (!state.closed) options.onError?.(error);
  });
  await boss.start();
  const owner = boss.getDb();
  // Idempotent; every start repeats them so an upgrade's new tables are covered.
  await owner.executeSql(
    `grant usage on schema ${schema} to ${appRole};
     grant select on ${schema}.queue to ${appRole};
     grant insert, select (id) on ${schema}.job to ${appRole};`,
    [],
  );
  // Expire now what a dead process left active past its expiry, rather than at the first interval.
  await boss.maintain();
  if (database.kind === 'pglite') {
    const { rows } = await owner.executeSql(
      `select name, array_agg(id) as ids from ${schema}.job where state = 'active' group by name`,
      [],
    );
    for (const row of rows as { name: string; ids: string[] }[]) {
      await boss.fail(row.name, row.ids);
    }
  }
  const queue: JobQueue = {
    boss,
    database,
    workers: new Map(),
    stop: async (timeoutMs = 5000) => {
      // Waits up to timeoutMs for running handlers; those still running are failed (and so retried).
      await boss.stop({ graceful: true, wait: true, timeout: timeoutMs, close: false });
      state.closed = true;
      // pg-boss does not wait for a worker's last poll or a job's completion write.
      const until = Date.now() + 5000;
      while (state.inFlight > 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 10));
      if (started.get(database) === queue) started.delete(database);
    },
  };
  started.set(database, queue);
  return queue;
}

/**
 * Creates (or updates) queue `name` and runs `handler` for its jobs,
 * `concurrency` at a time in this process. A handler that throws fails the
 * attempt: the job is retried per the policy, then failed for good (and
 * copied to the policy's dead-letter queue).
 */
export async function work<T extends object>(
  queue: JobQueue,
  name: string,
  handler: (payload: T, job: JobInfo) => Promise<void>,
  options: QueuePolicy & { concurrency?: number } = {},
): Promise<void> {
  const { concurrency = 1, ...policy } = options;
  await queue.boss.createQueue(name, { name, ...policy });
  await queue.boss.updateQueue(name, { name, ...policy });
  const ids = queue.workers.get(name) ?? [];
  for (let i = 0; i < concurrency; i++) {
    ids.push(
      await queue.boss.work<T>(name, { batchSize: 1, includeMetadata: true }, async (jobs) => {
        for (const job of jobs) {
          await handler(job.data, {
            id: job.id,
            retryCount: job.retryCount,
            retryLimit: job.retryLimit,
          });
        }
      }),
    );
  }
  queue.workers.set(name, ids);
}

/**
 * Inserts a job into queue `name` in the caller's transaction: it runs only
 * if that transaction commits. The queue must exist (work() created it, in
 * any process, at any time before). Answers the job's id.
 */
export async function enqueue(
  tx: Tx,
  name: string,
  payload: object,
  options: EnqueueOptions = {},
): Promise<string> {
  const id = await sender.send(name, payload, { ...options, db: onHandle(tx) });
  if (!id && !options.singletonKey) throw new Error(`No job queue named ${name}`);
  return id ?? '';
}

/**
 * Asks this process's idle workers of queue `name` to poll now instead of at
 * their next interval: call it after the transaction that enqueued commits.
 */
export function wake(database: Database, name: string): void {
  const queue = started.get(database);
  for (const id of queue?.workers.get(name) ?? []) queue!.boss.notifyWorker(id);
}
