import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { isLoopback, type Config } from '../config.js';
import { v7 as uuidv7 } from 'uuid';
import { hashPassword } from '../auth/crypto.js';
import { insertOrg } from '../orgs/repo.js';
import { insertPartner } from '../partners/repo.js';
import { insertUser } from '../users/repo.js';
import type { Role } from '../db/schema.js';
import { queryRows, withOrg, type Database, type Tx } from '../db/client.js';

/** The published demo password: only for a server that listens on loopback. */
export const demoPassword = 'kantivo-demo';

export const demoUsers: { role: Role; name: string; email: string }[] = [
  { role: 'owner', name: 'Olivia Owner', email: 'owner@demo.kantivo.test' },
  { role: 'admin', name: 'Adam Admin', email: 'admin@demo.kantivo.test' },
  { role: 'employee', name: 'Emma Employee', email: 'employee@demo.kantivo.test' },
  { role: 'partner', name: 'Paul Partner', email: 'partner@demo.kantivo.test' },
  { role: 'sales_rep', name: 'Rita Rep', email: 'rep@demo.kantivo.test' },
];

export type DemoOrg = { orgId: string; partnerId: string; userIds: Record<Role, string> };

/** Extra demo content (contacts, deals, templates) added by the domains that own it. */
export type DemoFiller = (tx: Tx, demo: DemoOrg) => Promise<void>;

/**
 * On an empty database, creates the demo organization (Growth plan) with one
 * user of each role. Returns false when the database already has data.
 */
export async function seedDemo(
  database: Database,
  fillers: DemoFiller[] = [],
  password: string = demoPassword,
): Promise<boolean> {
  const [{ n }] = (await queryRows<{ n: number }>(
    database.unsafeOwner,
    sql`select count(*)::int as n from orgs`,
  )) as [{ n: number }];
  if (n > 0) return false;
  const orgId = uuidv7();
  const passwordHash = await hashPassword(password);
  await withOrg(database.db, orgId, async (tx) => {
    await insertOrg(tx, { orgId, name: 'Kantivo Demo', plan: 'growth' });
    const partner = await insertPartner(tx, { orgId, id: uuidv7(), name: 'Northwind Resellers' });
    const userIds = {} as Record<Role, string>;
    for (const u of demoUsers) {
      const id = uuidv7();
      userIds[u.role] = id;
      await insertUser(tx, {
        orgId,
        id,
        name: u.name,
        email: u.email,
        passwordHash,
        role: u.role,
        partnerId: u.role === 'partner' || u.role === 'sales_rep' ? partner.id : null,
      });
    }
    for (const fill of fillers) await fill(tx, { orgId, partnerId: partner.id, userIds });
  });
  return true;
}

export type SeededDemo = { password: string; published: boolean };

/**
 * Start-up's demo: seeds it when the configuration asks for it (config.demo)
 * and the database is empty. A server reachable beyond loopback never gets
 * the published password: its demo users share a random one, returned here
 * to be printed once. Null when nothing was seeded.
 */
export async function seedConfiguredDemo(
  database: Database,
  config: Pick<Config, 'demo' | 'host'>,
  fillers: DemoFiller[] = [],
): Promise<SeededDemo | null> {
  if (!config.demo) return null;
  const published = isLoopback(config.host);
  const password = published ? demoPassword : randomBytes(18).toString('base64url');
  return (await seedDemo(database, fillers, password)) ? { password, published } : null;
}
