import type { AccessContext } from '../src/access/context.js';
import { accessFromJson } from '../src/access/lookup.js';
import { contactStats, listContacts } from '../src/contacts/service.js';
import { listContactsQuery } from '../src/contacts/schema.js';
import type { Db } from '../src/db/client.js';
import type { Role } from '../src/db/schema.js';
import { dealStats } from '../src/deals/board.js';
import type { RawSql, Statement } from './baselines.js';
import type { Api } from './server.js';

// The reads the bench measures, and the product's own SQL for each,
// recorded from its service functions for the raw baseline.

export type Viewer = {
  label: string;
  api: Api;
  userId: string;
  orgId: string;
  role: Role;
  partnerId: string | null;
};

/**
 * The viewer with their org's real settings, in the shape access_of_user
 * returns, read from the tables (so a checkout older than that function can
 * be measured too).
 */
async function contextOf(raw: RawSql, v: Viewer): Promise<AccessContext> {
  const { rows } = await raw.query<{ json: string }>(
    `select json_build_object(
       'user_id', u.id, 'org_id', u.org_id, 'role', u.role, 'partner_id', u.partner_id,
       'name', u.name, 'email', u.email, 'plan', o.plan,
       'settings', to_jsonb(s) - 'org_id' - 'version' - 'updated_at')::text as json
     from users u join orgs o on o.org_id = u.org_id join crm_settings s on s.org_id = u.org_id
     where u.org_id = $1::uuid and u.id = $2::uuid`,
    [v.orgId, v.userId],
  );
  return accessFromJson(rows[0]!.json);
}

export type Probe = {
  name: string;
  path: string;
  capture(db: Db, ctx: AccessContext): Promise<unknown>;
};

export const listProbe = (name: string, query: Record<string, string>): Probe => ({
  name,
  path: `/contacts?${new URLSearchParams(query).toString()}`,
  capture: (db, ctx) =>
    db.transaction((tx) => listContacts(tx, ctx, listContactsQuery.parse(query))),
});

export const probes = (term: { common: string; rare: string }): Probe[] => [
  listProbe('search common', { q: term.common, limit: '50' }),
  listProbe('search rare', { q: term.rare, limit: '50' }),
  listProbe('list filtered', { status: 'active', type: 'customer', limit: '50' }),
  {
    name: 'contact stats',
    path: '/contacts/stats',
    capture: (db, ctx) => db.transaction((tx) => contactStats(tx, ctx)),
  },
  {
    name: 'deal stats',
    path: '/deals/stats',
    capture: (db, ctx) => db.transaction((tx) => dealStats(tx, ctx, 'USD')),
  },
];

/** The product's SQL for a probe, recorded from its own service function. */
export async function captured(raw: RawSql, probe: Probe, v: Viewer): Promise<Statement[]> {
  const ctx = await contextOf(raw, v);
  const c = raw.capturing();
  await probe.capture(c.db, ctx);
  return c.take();
}
