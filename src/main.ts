import { loadConfig, type Config } from './config.js';
import { openDatabase } from './db/client.js';
import { migrate } from './db/migrate.js';
import { demoUsers, seedConfiguredDemo } from './demo/seed.js';
import { demoFillers } from './demo/content.js';
import { buildApp } from './app/app.js';
import { clearInterruptedIdempotencyKeys } from './app/idempotency.js';
import { failInterruptedImports, waitForImportJobs } from './imports/jobs.js';

/** A configuration the server refuses (such as an unsafe APP_DATABASE_URL) ends it with its reason alone. */
function refuse(error: unknown): never {
  console.error(
    `Kantivo CRM will not start: ${error instanceof Error ? error.message : String(error)}`,
  );
  process.exit(1);
}

let config: Config;
try {
  config = loadConfig();
} catch (error) {
  refuse(error);
}
const database = await openDatabase(config).catch(refuse);
const applied = await migrate(database);
if (applied.length) console.log(`Applied migrations: ${applied.join(', ')}`);
const seeded = await seedConfiguredDemo(database, config, demoFillers);
// Likewise a request cut off mid-way: its Idempotency-Key must not answer 409 to the retry.
const unfinished = await clearInterruptedIdempotencyKeys(database);
if (unfinished) console.log(`Cleared ${unfinished} interrupted idempotency key(s)`);

const app = await buildApp({ database, config, logger: true });
// The queue retries an import cut off by a restart; one with no job left is failed on its record.
const interrupted = await failInterruptedImports(database);
if (interrupted) console.log(`Marked ${interrupted} interrupted import(s) as failed`);
await app.listen({ port: config.port, host: config.host });

const where = config.appDatabaseUrl
  ? 'PostgreSQL (DATABASE_URL; the application logs in with APP_DATABASE_URL)'
  : config.databaseUrl
    ? 'PostgreSQL (DATABASE_URL)'
    : `embedded PGlite in ${config.dataDir}`;
console.log(
  `\nKantivo CRM is running at http://${config.host}:${config.port}  (database: ${where})`,
);
console.log(`API docs: http://${config.host}:${config.port}/api/v1/docs`);
if (seeded) {
  console.log(
    `\nA demo organization was created. Sign in with any of these (password "${seeded.password}"):`,
  );
  for (const u of demoUsers) console.log(`  ${u.role.padEnd(10)} ${u.email}`);
  if (!seeded.published) {
    console.log(
      `This server listens beyond loopback (HOST=${config.host}), so the demo password is random ` +
        'and shown only now. DEMO=0 starts without a demo.',
    );
  }
}

// Graceful shutdown: drain (answer what is already on its way, closing each
// connection after its answer), then stop (the job queue's workers with it:
// a job still running after their grace is retried later, here or by another
// process), let this process's import jobs finish and close the database.
let stopping = false;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    app.log.info(`${signal}: draining, then shutting down`);
    app
      .drain(config.shutdownGraceMs)
      .then(() => app.close())
      .then(() => waitForImportJobs())
      .then(() => database.close())
      .then(
        () => process.exit(0),
        (error: unknown) => {
          console.error(error);
          process.exit(1);
        },
      );
  });
}
