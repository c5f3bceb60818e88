import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { contactValues, hash32, mulberry32, pick, uuid7, weighted } from './generate.js';
import { log } from './measure.js';

export type Owner = { id: string; partnerId: string | null };

export type Stage = {
  id: string;
  slug: string;
  probability: number;
  isWon: boolean;
  isLost: boolean;
};

/** What one organization of the data set gets: its users (made through the API) and its volumes. */
export type OrgSpec = {
  index: number;
  orgId: string;
  ownerId: string;
  staff: Owner[];
  partnerSide: Owner[];
  stages: Stage[];
  contacts: number;
  deals: number;
  /** The kanban column that gets exactly `columnSize` deals (the move benchmark). */
  column?: { slug: string; size: number };
};

const day = 86_400_000;
const contactsFrom = Date.UTC(2023, 0, 1);
const contactsSpan = 3 * 365 * day;
const dealsFrom = Date.UTC(2024, 0, 1);
const dealsSpan = 2 * 365 * day;

const contactMs = (org: OrgSpec, j: number) =>
  contactsFrom + Math.floor((j * contactsSpan) / Math.max(1, org.contacts));
const contactId = (org: OrgSpec, seed: number, j: number) =>
  uuid7(contactMs(org, j), seed, 100 + org.index, j);
const dealMs = (org: OrgSpec, i: number) =>
  dealsFrom + Math.floor((i * dealsSpan) / Math.max(1, org.deals));
const dealId = (org: OrgSpec, seed: number, i: number) =>
  uuid7(dealMs(org, i), seed, 200 + org.index, i);

const iso = (ms: number) => new Date(ms).toISOString();
const nul = (v: string | null | undefined) =>
  v === null || v === undefined || v === '' ? '\\N' : v;

/** An owner and the visibility of their record: staff skip `partner`; reps are mostly private. */
function ownerAndVisibility(rng: () => number, org: OrgSpec): [Owner, string] {
  if (rng() < 0.4 || org.partnerSide.length === 0) {
    return [pick(rng, org.staff), rng() < 0.3 ? 'individual' : 'organization'];
  }
  const vis = weighted(rng, [
    ['individual', 30],
    ['partner', 40],
    ['organization', 30],
  ] as const);
  return [pick(rng, org.partnerSide), vis];
}

export const contactCopyColumns =
  'org_id, id, first_name, last_name, email, phone, mobile, company, job_title, website, linkedin, ' +
  'street, city, state, postal_code, country, type, status, source, tags, notes, owner_id, ' +
  'partner_id, visibility, created_by, created_at, updated_at';

function* contactLines(org: OrgSpec, seed: number): Generator<string> {
  const rng = mulberry32(hash32(seed, 1, org.index));
  for (let j = 0; j < org.contacts; j++) {
    const c = contactValues(rng, j);
    const [owner, visibility] = ownerAndVisibility(rng, org);
    const at = iso(contactMs(org, j));
    yield [
      org.orgId,
      contactId(org, seed, j),
      c.firstName,
      c.lastName,
      c.email,
      c.phone,
      nul(c.mobile),
      c.company,
      c.jobTitle,
      nul(c.website),
      nul(c.linkedin),
      nul(c.street),
      c.city,
      c.state,
      c.postalCode,
      c.country,
      c.type,
      c.status,
      c.source,
      `{${c.tags.join(',')}}`,
      nul(c.notes),
      owner.id,
      nul(owner.partnerId),
      visibility,
      owner.id,
      at,
      at,
    ].join('\t');
  }
}

const products = ['Platform license', 'Support renewal', 'Onboarding', 'Expansion', 'Pilot'];
const lostReasons = ['Price', 'Chose a competitor', 'No budget', 'Timing'];

export const dealCopyColumns =
  'org_id, id, title, amount, currency, probability, expected_close_date, contact_id, stage_id, ' +
  'position, source, lost_reason, won_at, lost_at, owner_id, partner_id, visibility, created_by, ' +
  'created_at, updated_at';

/** The stage of each deal: the benchmark column gets exactly its size, the rest spread out. */
function stagePlan(org: OrgSpec, rng: () => number): (i: number) => Stage {
  const column = org.column ? org.stages.find((s) => s.slug === org.column!.slug) : undefined;
  const others = org.stages.filter((s) => s !== column);
  const weights = others.map((s) => [s, s.isWon || s.isLost ? 15 : 25] as const);
  const every = column ? org.deals / org.column!.size : Infinity;
  return (i) =>
    column && Math.floor(i % every) === 0 && i / every < org.column!.size
      ? column
      : weighted(rng, weights);
}

function* dealLines(org: OrgSpec, seed: number): Generator<string> {
  const rng = mulberry32(hash32(seed, 2, org.index));
  const stageOf = stagePlan(org, rng);
  const nextPosition = new Map<string, number>();
  for (let i = 0; i < org.deals; i++) {
    const stage = stageOf(i);
    const position = (nextPosition.get(stage.id) ?? 0) + 1024;
    nextPosition.set(stage.id, position);
    const [owner, visibility] = ownerAndVisibility(rng, org);
    const ms = dealMs(org, i);
    const closed = iso(ms + Math.floor(rng() * 90) * day);
    const amount = (500 + Math.floor(rng() * 20_000_000) / 100).toFixed(2);
    yield [
      org.orgId,
      dealId(org, seed, i),
      `${pick(rng, ['Northwind', 'Globex', 'Initech', 'Acme', 'Hooli'])} ${pick(rng, products)}`,
      amount,
      rng() < 0.9 ? 'USD' : 'EUR',
      rng() < 0.7 ? stage.probability : 5 + Math.floor(rng() * 90),
      iso(ms + Math.floor(rng() * 180) * day).slice(0, 10),
      contactId(org, seed, Math.floor(rng() * org.contacts)),
      stage.id,
      position,
      pick(rng, ['web', 'referral', 'partner', 'event']),
      stage.isLost ? pick(rng, lostReasons) : '\\N',
      stage.isWon ? closed : '\\N',
      stage.isLost ? closed : '\\N',
      owner.id,
      nul(owner.partnerId),
      visibility,
      owner.id,
      iso(ms),
      iso(ms),
    ].join('\t');
  }
}

export const activityCopyColumns =
  'org_id, id, contact_id, deal_id, type, subject, body, actor_id, actor_role, occurred_at, created_at';

/** A `created` activity per deal, and a logged note on about 30% of the contacts. */
function* activityLines(org: OrgSpec, seed: number): Generator<string> {
  for (let i = 0; i < org.deals; i++) {
    const at = iso(dealMs(org, i));
    const id = uuid7(dealMs(org, i), seed, 300 + org.index, i);
    yield [org.orgId, id, '\\N', dealId(org, seed, i), 'created', '\\N', '\\N']
      .concat([org.ownerId, 'owner', at, at])
      .join('\t');
  }
  for (let j = 0; j < org.contacts; j++) {
    if (hash32(seed, 7, org.index, j) % 10 >= 3) continue;
    const ms = contactMs(org, j) + day;
    const at = iso(ms);
    const id = uuid7(ms, seed, 400 + org.index, j);
    const body = hash32(seed, 8, j) % 2 ? 'Called, left a voicemail' : 'Sent the price list';
    yield [org.orgId, id, contactId(org, seed, j), '\\N', 'note', 'Follow-up', body]
      .concat([org.ownerId, 'owner', at, at])
      .join('\t');
  }
}

/** Lines grouped into ~64 KB chunks, so the COPY stream moves in few, large writes. */
async function* chunks(lines: Iterable<string>): AsyncGenerator<string> {
  let buf = '';
  for (const line of lines) {
    buf += `${line}\n`;
    if (buf.length > 1 << 16) {
      yield buf;
      buf = '';
    }
  }
  if (buf) yield buf;
}

/** One database session: plain queries and a COPY … FROM of text lines (pg or PGlite). */
export type Conn = {
  query<T>(text: string, params?: unknown[]): Promise<{ rows: T[] }>;
  copyLines(table: string, cols: string, chunks: AsyncIterable<string>): Promise<void>;
};

/** A node-postgres session; COPY goes through pg-copy-streams. */
export function pgConn(client: pg.PoolClient): Conn {
  return {
    query: async <T>(text: string, params?: unknown[]) =>
      client.query(text, params) as unknown as Promise<{ rows: T[] }>,
    async copyLines(table, cols, chunks) {
      const sink = client.query(copyFrom(`COPY ${table} (${cols}) FROM STDIN`));
      await pipeline(Readable.from(chunks), sink);
    },
  };
}

function* all<T>(orgs: OrgSpec[], make: (org: OrgSpec) => Iterable<T>): Generator<T> {
  for (const org of orgs) yield* make(org);
}

/**
 * Loads the data set straight into the product's tables, the way a restore
 * would: secondary indexes dropped, COPY with triggers off (the rows are
 * consistent by construction), indexes rebuilt, counters set, ANALYZE.
 */
export async function loadDataset(client: Conn, orgs: OrgSpec[], seed: number): Promise<void> {
  await client.query(`set session_replication_role = replica`);
  await client.query(`set maintenance_work_mem = '512MB'`);
  const { rows: indexes } = await client.query<{ name: string; def: string }>(
    `select indexname as name, indexdef as def from pg_indexes
        where schemaname = 'public' and tablename in ('contacts', 'deals', 'activities')
          and indexname not in (select conname from pg_constraint)`,
  );
  for (const ix of indexes) await client.query(`drop index ${ix.name}`);
  const total = (k: 'contacts' | 'deals') => orgs.reduce((s, o) => s + o[k], 0);
  log(`loading ${total('contacts')} contacts with COPY`);
  await client.copyLines(
    'contacts',
    contactCopyColumns,
    chunks(all(orgs, (o) => contactLines(o, seed))),
  );
  log(`loading ${total('deals')} deals and the activities with COPY`);
  await client.copyLines('deals', dealCopyColumns, chunks(all(orgs, (o) => dealLines(o, seed))));
  await client.copyLines(
    'activities',
    activityCopyColumns,
    chunks(all(orgs, (o) => activityLines(o, seed))),
  );
  log(`rebuilding ${indexes.length} indexes`);
  for (const ix of indexes) await client.query(ix.def);
  for (const org of orgs) {
    await client.query(
      `update org_usage set contacts = contacts + $2, deals = deals + $3 where org_id = $1`,
      [org.orgId, org.contacts, org.deals],
    );
  }
  await client.query(`set session_replication_role = origin`);
  await client.query(`vacuum analyze contacts, deals, activities`);
}

/** The id of the deal at index `i` of an org (to pick deals to move). */
export const dealIdOf = (org: OrgSpec, seed: number, i: number) => dealId(org, seed, i);
