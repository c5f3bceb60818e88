import { v7 as uuidv7 } from 'uuid';
import type { AccessContext } from '../access/context.js';
import { assertCan } from '../access/permissions.js';
import type { Tx } from '../db/client.js';
import * as repo from './repo.js';
import type { CustomerDto } from './schema.js';
import { assertRoomFor } from '../orgs/caps.js';

export const toCustomerDto = (row: repo.CustomerRow): CustomerDto => ({
  id: row.id,
  name: row.name,
  email: row.email,
  createdAt: row.createdAt.toISOString(),
});

// Every user may list platform customers (to link contacts); creating one is org staff's job.
export async function listCustomers(tx: Tx, ctx: AccessContext): Promise<CustomerDto[]> {
  return (await repo.listCustomers(tx, ctx.actor.orgId)).map(toCustomerDto);
}

export async function createCustomer(
  tx: Tx,
  ctx: AccessContext,
  input: { name: string; email?: string | undefined },
): Promise<CustomerDto> {
  assertCan(ctx, 'customers.manage');
  await assertRoomFor(tx, 'customers', ctx.actor.orgId);
  const row = await repo.insertCustomer(tx, {
    orgId: ctx.actor.orgId,
    id: uuidv7(),
    name: input.name,
    email: input.email ?? null,
  });
  return toCustomerDto(row);
}
