import { sql } from 'drizzle-orm';
import { queryRows, type Database, type Executor, type Tx } from '../db/client.js';
import { enqueue, work, type JobQueue } from '../jobs/queue.js';
import { contactPhoneKeys } from './normalize.js';

type Pending = {
  org_id: string;
  id: string;
  phone: string | null;
  mobile: string | null;
  country: string | null;
  default_country: string | null;
};

type Keys = { org_id: string; id: string; p: string | null; m: string | null };

/** Stores contacts' phone keys, one statement; returns the JSON it sent. */
async function writeKeys(ex: Executor, keys: Keys[]): Promise<string> {
  const json = JSON.stringify(keys);
  // A derived key is no change of the contact: version and updated_at stay.
  await ex.execute(sql`
    update contacts c set phone_e164 = k.p, mobile_e164 = k.m
    from json_to_recordset(${json}::json) as k(org_id uuid, id uuid, p text, m text)
    where c.org_id = k.org_id and c.id = k.id`);
  return json;
}

/**
 * Makes the phone keys of the given contacts again from their stored
 * phone, mobile and country: for writes that set those fields in SQL alone
 * (an import's revert restores them from the timeline).
 */
export async function rekeyContacts(
  ex: Executor,
  orgId: string,
  ids: readonly string[],
  defaultPhoneCountry: string | null,
): Promise<void> {
  if (ids.length === 0) return;
  const rows = await queryRows<Omit<Pending, 'default_country'>>(
    ex,
    sql`select org_id, id, phone, mobile, country from contacts
        where org_id = ${orgId}::uuid
          and id in (select value::uuid from json_array_elements_text(${JSON.stringify(ids)}::json))`,
  );
  await writeKeys(
    ex,
    rows.map((r) => {
      const k = contactPhoneKeys(r, defaultPhoneCountry);
      return { org_id: r.org_id, id: r.id, p: k.phoneE164, m: k.mobileE164 };
    }),
  );
}

/**
 * Gives the contacts written before migration 0028 their phone keys (SQL
 * cannot parse a phone number): batch by batch, each in a transaction of
 * its own, through the work list the migration made, which shrinks as it
 * goes. So it is resumable after a crash, two starting servers share the
 * work (SKIP LOCKED), and once done it costs one empty read. Across every
 * organization, on the owner's connection; run as a job (below). Returns
 * how many contacts it keyed; it stops after `maxBatches` batches, leaving
 * the rest on the list.
 */
export async function backfillPhoneKeys(
  database: Database,
  options: { batchSize?: number; maxBatches?: number } = {},
): Promise<number> {
  const batchSize = options.batchSize ?? 1000;
  let keyed = 0;
  for (let batch = 0; ; batch++) {
    if (options.maxBatches !== undefined && batch >= options.maxBatches) return keyed;
    const done = await database.unsafeOwner.transaction(async (tx) => {
      const rows = await queryRows<Pending>(
        tx,
        sql`select c.org_id, c.id, c.phone, c.mobile, c.country,
                   s.default_phone_country as default_country
            from phone_key_backfill b
            join contacts c on c.org_id = b.org_id and c.id = b.contact_id
            left join crm_settings s on s.org_id = b.org_id
            order by b.org_id, b.contact_id
            limit ${batchSize}
            for update of b, c skip locked`,
      );
      if (rows.length > 0) {
        const keys = rows.map((r) => {
          const k = contactPhoneKeys(r, r.default_country);
          return { org_id: r.org_id, id: r.id, p: k.phoneE164, m: k.mobileE164 };
        });
        const json = await writeKeys(tx, keys);
        await tx.execute(sql`
          delete from phone_key_backfill b
          using json_to_recordset(${json}::json) as k(org_id uuid, id uuid)
          where b.org_id = k.org_id and b.contact_id = k.id`);
        keyed += rows.length;
      }
      if (rows.length < batchSize) {
        // Entries whose contact no longer exists would stay for ever.
        await tx.execute(sql`
          delete from phone_key_backfill b
          where not exists (select 1 from contacts c where c.org_id = b.org_id and c.id = b.contact_id)`);
        return true;
      }
      return false;
    });
    if (done) return keyed;
  }
}

/** The queue that works the list down. */
export const phoneKeyQueue = 'phone-keys';
/** Batches per job: a job stays short, so a shutdown's grace covers it; the next job goes on. */
const batchesPerJob = 20;

/** Asks for the list to be worked down, in the caller's transaction (after adding to it). */
export async function enqueuePhoneKeys(tx: Tx): Promise<void> {
  await enqueue(tx, phoneKeyQueue, {});
}

/**
 * Adds an organization's contacts with a phone to the work list and asks
 * for a job: their keys are made again with the current default country.
 */
export async function rekeyOrgContacts(tx: Tx, orgId: string): Promise<void> {
  await tx.execute(sql`insert into phone_key_backfill (org_id, contact_id)
    select org_id, id from contacts
     where org_id = ${orgId}::uuid and deleted_at is null and (phone is not null or mobile is not null)
    on conflict do nothing`);
  await enqueuePhoneKeys(tx);
}

/**
 * This process's worker for the list, and a job for whatever is on it at
 * start (migration 0028's rows, or a run cut off): two jobs at once share
 * the work, so a duplicate costs one empty read.
 */
export async function registerPhoneKeyJobs(queue: JobQueue, database: Database): Promise<void> {
  await work(
    queue,
    phoneKeyQueue,
    async () => {
      const keyed = await backfillPhoneKeys(database, { maxBatches: batchesPerJob });
      if (keyed > 0) await database.unsafeOwner.transaction((tx) => enqueuePhoneKeys(tx));
    },
    { retryLimit: 10, retryDelay: 30, retryBackoff: true, expireInSeconds: 900 },
  );
  const [pending] = await queryRows<{ pending: boolean }>(
    database.unsafeOwner,
    sql`select exists (select 1 from phone_key_backfill) as pending`,
  );
  if (pending?.pending) await database.unsafeOwner.transaction((tx) => enqueuePhoneKeys(tx));
}
