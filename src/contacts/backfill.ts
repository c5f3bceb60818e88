import { sql } from 'drizzle-orm';
import { queryRows, type Database, type Executor } from '../db/client.js';
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
 * organization, on the owner's connection; run at start-up. Returns how
 * many contacts it keyed. `shouldStop` ends it between batches (shutdown).
 */
export async function backfillPhoneKeys(
  database: Database,
  options: { batchSize?: number; shouldStop?: () => boolean } = {},
): Promise<number> {
  const batchSize = options.batchSize ?? 1000;
  let keyed = 0;
  for (;;) {
    if (options.shouldStop?.()) return keyed;
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
