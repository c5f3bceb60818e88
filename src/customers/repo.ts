import { and, asc, eq } from 'drizzle-orm';
import type { Executor } from '../db/client.js';
import { customers } from '../db/schema.js';

export type CustomerRow = typeof customers.$inferSelect;

export async function findCustomer(
  ex: Executor,
  orgId: string,
  id: string,
): Promise<CustomerRow | undefined> {
  const [row] = await ex
    .select()
    .from(customers)
    .where(and(eq(customers.orgId, orgId), eq(customers.id, id)));
  return row;
}

export async function listCustomers(ex: Executor, orgId: string): Promise<CustomerRow[]> {
  return ex
    .select()
    .from(customers)
    .where(eq(customers.orgId, orgId))
    .orderBy(asc(customers.name), asc(customers.id));
}

export async function insertCustomer(
  ex: Executor,
  row: typeof customers.$inferInsert,
): Promise<CustomerRow> {
  const [created] = await ex.insert(customers).values(row).returning();
  return created!;
}
